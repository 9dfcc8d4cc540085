import { redirect } from "next/navigation";

/** The HR area opens on its first section. */
export default function HrPage() {
  redirect("/hr/new-hire");
}

import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { load } from "./load";

/**
 * A course or group that does not exist for the viewer (unknown, another company's, an id that is
 * no uuid, a view that is neither) answers 404. Checked here, above the page's loading boundary:
 * once the page streams, the status is already 200. Reads the first page of everyone, which the
 * page reuses unless it shows another.
 */
export default async function AssignedPeopleLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ view: string; id: string }>;
}) {
  const { view, id } = await params;
  if (!(await load(view, id, "all", 1))) notFound();
  return children;
}

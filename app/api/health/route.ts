export { handleHealth as GET } from "@/lib/runtime/health";

export const dynamic = "force-dynamic";

import { hrViewer } from "@/lib/hr/import/http";
import { IMPORT_TEMPLATE } from "@/lib/hr/import/template";

export const dynamic = "force-dynamic";

/** The import template: the header and two example rows. */
export async function GET(request: Request) {
  const viewer = await hrViewer(request);
  if (viewer instanceof Response) return viewer;
  return new Response(IMPORT_TEMPLATE, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="people-import-template.csv"',
      "Cache-Control": "no-store",
    },
  });
}

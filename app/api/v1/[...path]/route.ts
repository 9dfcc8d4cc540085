import { handleApiRequest } from "@/lib/hr/api/handler";

export const dynamic = "force-dynamic";

/** The HR integration API: one handler matches every endpoint of the route registry. */
const handle = (request: Request) => handleApiRequest(request);

export const GET = handle;
export const POST = handle;
export const PATCH = handle;
export const DELETE = handle;
export const PUT = handle;

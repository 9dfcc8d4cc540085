import { cache } from "react";
import { z } from "zod";
import { companyDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/current-user";
import { getCertificate } from "@/lib/learning/achievements";

/** The certificate, or null when this viewer may not read it (also for an id that is no uuid). */
export const loadCertificate = cache(async (id: string) => {
  const viewer = await requireViewer();
  return z.uuid().safeParse(id).success ? getCertificate(companyDb(viewer), viewer, id) : null;
});

import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/base/env";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether a request carries `Authorization: Bearer <CRON_SECRET>`. Compared as digests in constant
 * time, so neither the secret's content nor its length leaks through timing. Without a configured
 * secret nothing is accepted.
 */
export function isCronRequest(request: Request): boolean {
  const secret = env().cronSecret;
  if (!secret) return false;
  return timingSafeEqual(digest(request.headers.get("authorization") ?? ""), digest(`Bearer ${secret}`));
}

import "server-only";
import { and, eq } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { companies, users } from "@/db/schema";
import type { Ctx } from "@/lib/auth/viewer";
import { notFound } from "@/lib/errors";

export type Profile = {
  name: string;
  email: string;
  /** The person's own choices; null means the company's default applies. */
  timeZone: string | null;
  locale: string | null;
  companyTimeZone: string;
  companyLocale: string;
};

/** The caller's own profile: everyone signed in reads theirs, and only theirs. */
export async function getProfile(db: DatabaseOrTransaction, ctx: Ctx): Promise<Profile> {
  const [row] = await db
    .select({
      name: users.name,
      email: users.email,
      timeZone: users.timeZone,
      locale: users.locale,
      companyTimeZone: companies.defaultTimeZone,
      companyLocale: companies.defaultLocale,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(eq(users.id, ctx.userId), eq(users.companyId, ctx.companyId)));
  if (!row) throw notFound();
  return row;
}

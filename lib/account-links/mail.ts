import "server-only";
import { eq } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@/db/client";
import { companies, users } from "@/db/schema";
import { env } from "@/base/env";
import type { OutgoingMail } from "@/lib/mail/send";
import { accountLinkMail } from "@/lib/mail/templates";
import { type IssuedToken, setPasswordPath } from "./tokens";

/**
 * The email that carries a one-time link, composed inside the transaction that issued the token
 * (the raw token exists only there) and sent after it commits. In the person's own language and
 * time zone, the company's otherwise.
 */
export async function composeLinkMail(
  db: DatabaseOrTransaction,
  input: { userId: string; kind: "invitation" | "passwordReset"; issued: IssuedToken; inviterId?: string },
): Promise<OutgoingMail> {
  const [person] = await db
    .select({
      name: users.name,
      email: users.email,
      locale: users.locale,
      timeZone: users.timeZone,
      company: companies.name,
      companyLocale: companies.defaultLocale,
      companyTimeZone: companies.defaultTimeZone,
    })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, input.userId));
  if (!person) throw new Error(`no person ${input.userId} to write to`);
  const [inviter] = input.inviterId ? await db.select({ name: users.name }).from(users).where(eq(users.id, input.inviterId)) : [];
  return accountLinkMail({
    kind: input.kind,
    recipient: {
      name: person.name,
      email: person.email,
      locale: person.locale ?? person.companyLocale,
      timeZone: person.timeZone ?? person.companyTimeZone,
    },
    company: person.company,
    inviter: inviter?.name,
    link: new URL(setPasswordPath(input.issued.token), env().appUrl).toString(),
    expiresAt: input.issued.expiresAt,
  });
}

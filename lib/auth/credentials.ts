import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DatabaseOrTransaction } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "./password";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  password: z.string().min(1).max(200),
});

/**
 * Checks a sign-in attempt. Unknown email, wrong password, no password set and a deactivated
 * account all answer null: the caller shows one message for all of them.
 */
export async function checkCredentials(db: DatabaseOrTransaction, input: unknown): Promise<{ id: string } | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.email, parsed.data.email))
    .limit(1);
  const valid = await verifyPassword(parsed.data.password, user?.passwordHash ?? null);
  if (!user || !valid || user.deactivatedAt) return null;
  return { id: user.id };
}

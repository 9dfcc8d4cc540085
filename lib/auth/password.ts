import bcrypt from "bcryptjs";

const COST = 10;
// Compared against when the account is unknown, so both failures take the same time.
const UNKNOWN_ACCOUNT_HASH = "$2b$10$7oydAqF1LGRkV7dPjnOVkeFJGCzBttuoUpNSs52ExLrnzk960.IxC";

export const hashPassword = (password: string) => bcrypt.hash(password, COST);

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const matches = await bcrypt.compare(password, hash ?? UNKNOWN_ACCOUNT_HASH);
  return hash !== null && matches;
}

import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** The `user_sessions` row this session stands on (absent in a token from before sessions had rows). */
    sessionId?: string;
  }
}

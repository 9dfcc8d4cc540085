// oidc-provider ships no type declarations; this covers the part our test helper uses.
declare module "oidc-provider" {
  import type { Server } from "node:http";

  export type AccountClaims = { sub: string; [claim: string]: unknown };
  export type Account = { accountId: string; claims: () => AccountClaims | Promise<AccountClaims> };

  export type ClientMetadata = {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
  };

  export type Configuration = {
    clients?: ClientMetadata[];
    findAccount?: (ctx: unknown, sub: string) => Account | undefined | Promise<Account | undefined>;
    claims?: Record<string, string[] | null>;
    cookies?: { keys?: string[] };
    conformIdTokenClaims?: boolean;
    features?: { devInteractions?: { enabled: boolean } };
    renderError?: (ctx: { type: string; body: string }, out: Record<string, unknown>, error: Error) => void;
  };

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    listen(port: number, host: string, callback?: () => void): Server;
    on(event: string, listener: (ctx: unknown, error: Error & { error_description?: string; error_detail?: string }) => void): this;
  }
}

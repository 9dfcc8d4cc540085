import type { Server } from "node:http";
import Provider from "oidc-provider";

/** A person as the identity provider knows them: `login` is what they type, and becomes the subject. */
export type OidcTestAccount = { login: string; email: string; emailVerified: boolean };

export type OidcProviderOptions = {
  /** `http://127.0.0.1:<port>/`: the trailing slash keeps it equal to its parsed URL, which Auth.js compares against. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's callback, e.g. `http://127.0.0.1:3130/api/auth/callback/oidc`. */
  redirectUri: string;
  accounts: readonly OidcTestAccount[];
};

export type RunningOidcProvider = { stop: () => Promise<void> };

/**
 * A real OpenID provider on loopback for tests, with one confidential client and a fixed list of
 * accounts. Its built-in development pages ask for a login (any password) and a consent; a login
 * that is not in the list cannot sign in there.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<RunningOidcProvider> {
  const accounts = new Map(options.accounts.map((account) => [account.login, account]));
  const provider = new Provider(options.issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    // Put the requested claims in the ID token too, as most company identity providers do.
    conformIdTokenClaims: false,
    cookies: { keys: ["cohort-test-oidc-cookie-key"] },
    features: { devInteractions: { enabled: true } },
    findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({ sub, email: account.email, email_verified: account.emailVerified }),
      };
    },
  });
  // The app only learns "invalid_grant" and the like; the reason is worth seeing in the test output.
  for (const event of ["authorization.error", "grant.error", "server_error"]) {
    provider.on(event, (_ctx, error) => console.error(`oidc-provider ${event}: ${error.message} ${error.error_detail ?? ""}`));
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = provider.listen(Number(new URL(options.issuer).port), "127.0.0.1", () => resolve(listening));
    listening.once("error", reject);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { stop };
}

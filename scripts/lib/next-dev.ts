/**
 * Where `npm run dev` serves Next: the loopback interface only. A development server signs sessions
 * with a development secret and lists the demo logins, so nobody else on the network may reach it.
 */
export const DEV_HOST = "127.0.0.1";

/** The arguments of `next dev` for `npm run dev`. */
export function nextDevArgs(port: string): string[] {
  return ["dev", "--hostname", DEV_HOST, "--port", port];
}

/** The dev server's own address, for the calls `npm run dev` makes to it (never `localhost`, which may mean ::1). */
export const devUrl = (port: string) => `http://${DEV_HOST}:${port}`;

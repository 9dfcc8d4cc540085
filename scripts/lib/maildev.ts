import { type RunningService, moduleFile, startService } from "./child-service";

export type RunningMailDev = RunningService & { inboxUrl: string };

/**
 * Starts MailDev, the local SMTP sink, on loopback: SMTP on `smtpPort`, its web inbox and REST API
 * (`/api/email`) on `webPort`. Mail is kept in memory and is gone when it stops.
 */
export async function startMailDev(options: { smtpPort: number; webPort: number; quiet?: boolean }): Promise<RunningMailDev> {
  const inboxUrl = `http://127.0.0.1:${options.webPort}`;
  const service = await startService({
    name: "MailDev",
    script: moduleFile("maildev/dist/bin/maildev.js"),
    args: ["--smtp", String(options.smtpPort), "--ip", "127.0.0.1", "--web", String(options.webPort), "--web-ip", "127.0.0.1", "--silent"],
    readyUrl: `${inboxUrl}/api/healthz`,
    quiet: options.quiet,
  });
  return { ...service, inboxUrl };
}

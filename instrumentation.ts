/**
 * Runs once as a server starts (`next start`, the standalone server, the Docker image), before it
 * answers anything: a production server with public or missing secrets refuses to start at all.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseUnsafeProduction } = await import("@/lib/runtime/startup");
    await refuseUnsafeProduction();
  }
}

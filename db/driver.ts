export type PostgresDriver = "pg" | "neon";

/**
 * Which driver serves a PostgreSQL URL: the one `DATABASE_DRIVER` names, else Neon's WebSocket
 * driver for Neon's own hosts and node-postgres for everything else.
 */
export function choosePostgresDriver(url: string, requested: PostgresDriver | undefined): PostgresDriver {
  if (requested) return requested;
  return new URL(url).hostname.endsWith(".neon.tech") ? "neon" : "pg";
}

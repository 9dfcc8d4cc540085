import { describe, expect, it } from "vitest";
import { choosePostgresDriver } from "./driver";

const neonPooled = "postgresql://app:secret@ep-cool-lake-a1b2c3-pooler.eu-central-1.aws.neon.tech/cohort?sslmode=require";
const selfHosted = "postgresql://app:secret@db.internal:5432/cohort";

describe("choosePostgresDriver", () => {
  it("takes Neon's driver for Neon's hosts and node-postgres for others", () => {
    expect(choosePostgresDriver(neonPooled, undefined)).toBe("neon");
    expect(choosePostgresDriver(selfHosted, undefined)).toBe("pg");
    // Only the host counts, not a name that merely contains it.
    expect(choosePostgresDriver("postgresql://neon.tech.example.com/cohort", undefined)).toBe("pg");
  });

  it("follows DATABASE_DRIVER when it is set", () => {
    expect(choosePostgresDriver(neonPooled, "pg")).toBe("pg");
    expect(choosePostgresDriver(selfHosted, "neon")).toBe("neon");
  });
});

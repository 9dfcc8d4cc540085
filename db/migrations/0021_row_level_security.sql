-- A second wall behind the data layer's company scoping (docs/architecture.md, "Row-level security").
-- The app's connections act as `cohort_app`, which owns nothing and cannot bypass row-level security;
-- every tenant row is visible and writable only while `app.company_id` names its company, which each
-- transaction sets first (db/company.ts). Migrations and the seed run as the login role.

-- The login role owns the lookup functions below, which must see every company's rows.
DO $$
BEGIN
  IF NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'Cohort''s migrations must run as a role that bypasses row-level security (a superuser, or ALTER ROLE % BYPASSRLS): it owns the sign-in lookups, which read before a company is known.', current_user;
  END IF;
END $$;--> statement-breakpoint

-- Roles belong to the whole cluster, which several databases (the tests' copies) migrate at once.
DO $$
BEGIN
  CREATE ROLE cohort_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;--> statement-breakpoint
GRANT cohort_app TO CURRENT_USER;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO cohort_app;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO cohort_app;--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO cohort_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO cohort_app;--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO cohort_app;--> statement-breakpoint

-- Every table with a company_id: enabled, forced (its owner is walled too, unless it bypasses), and one
-- policy for every command. An unset company is NULL, which equals nothing: nothing is read or written.
DO $$
DECLARE
  tenant text;
BEGIN
  FOR tenant IN
    SELECT c.relname FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'company_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind = 'r'
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant);
    EXECUTE format(
      'CREATE POLICY company_wall ON %I USING (company_id = (select nullif(current_setting(''app.company_id'', true), '''')::uuid)) '
      'WITH CHECK (company_id = (select nullif(current_setting(''app.company_id'', true), '''')::uuid))',
      tenant);
  END LOOP;
END $$;--> statement-breakpoint
ALTER TABLE companies ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE companies FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY company_wall ON companies
  USING (id = (select nullif(current_setting('app.company_id', true), '')::uuid))
  WITH CHECK (id = (select nullif(current_setting('app.company_id', true), '')::uuid));--> statement-breakpoint

-- Lookups before a company is known. Each answers only what its caller needs, for one key it was given;
-- none lists anything. SECURITY DEFINER runs them as the login role; the search path is pinned so that
-- no object of the caller's can stand in for ours.

-- Password sign-in: the account behind an email (lib/auth/credentials.ts).
CREATE FUNCTION auth_sign_in_account(p_email text)
RETURNS TABLE (user_id uuid, company_id uuid, password_hash text, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.company_id, u.password_hash, u.deactivated_at IS NULL FROM users u WHERE u.email = p_email
$$;--> statement-breakpoint

-- Single sign-on: the person an identity is linked to (lib/auth/sso.ts).
CREATE FUNCTION auth_sso_identity(p_issuer text, p_subject text)
RETURNS TABLE (user_id uuid, company_id uuid, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id, u.company_id, u.deactivated_at IS NULL
  FROM user_identities i JOIN users u ON u.id = i.user_id
  WHERE i.issuer = p_issuer AND i.subject = p_subject
$$;--> statement-breakpoint

-- Single sign-on, first time: the company owning the verified address's domain, and its person with
-- that address (none when the company has no such person).
CREATE FUNCTION auth_sso_domain(p_email text)
RETURNS TABLE (company_id uuid, user_id uuid, active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT d.company_id, u.id, u.deactivated_at IS NULL
  FROM company_domains d LEFT JOIN users u ON u.company_id = d.company_id AND u.email = p_email
  WHERE d.domain = split_part(p_email, '@', 2)
$$;--> statement-breakpoint

-- A one-time link, by its token's hash: what it is, and whose (lib/account-links/tokens.ts).
CREATE FUNCTION auth_account_token(p_hash text)
RETURNS TABLE (purpose account_token_purpose, used boolean, expired boolean, user_id uuid, company_id uuid, email text, roles role[], active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT t.purpose, t.used_at IS NOT NULL, t.expires_at <= now(), u.id, u.company_id, u.email, u.roles, u.deactivated_at IS NULL
  FROM account_tokens t JOIN users u ON u.id = t.user_id
  WHERE t.token_hash = p_hash
$$;--> statement-breakpoint

-- An API key, by its secret's hash, with whether the admin who answers for it still is one (lib/hr/api/auth.ts).
CREATE FUNCTION auth_api_key(p_hash text)
RETURNS TABLE (id uuid, company_id uuid, scope api_key_scope, revoked boolean, last_used_at timestamptz, owner_id uuid, owner_active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT k.id, k.company_id, k.scope, k.revoked_at IS NOT NULL, k.last_used_at, k.created_by,
         EXISTS (SELECT 1 FROM users u WHERE u.id = k.created_by AND u.company_id = k.company_id
                   AND u.deactivated_at IS NULL AND 'admin' = ANY (u.roles))
  FROM api_keys k WHERE k.secret_hash = p_hash
$$;--> statement-breakpoint

-- A new session row for an active person (the token's id, at sign-in): null for anyone else.
CREATE FUNCTION auth_open_session(p_user uuid, p_lifetime interval)
RETURNS uuid
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  INSERT INTO user_sessions (user_id, company_id, expires_at)
  SELECT u.id, u.company_id, now() + p_lifetime FROM users u WHERE u.id = p_user AND u.deactivated_at IS NULL
  RETURNING id
$$;--> statement-breakpoint

-- Signing out of one session, known only by its id (Auth.js's sign-out event has no person loaded).
CREATE FUNCTION auth_close_session(p_session uuid)
RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  UPDATE user_sessions SET revoked_at = now() WHERE id = p_session AND revoked_at IS NULL
$$;--> statement-breakpoint

-- The person behind a request's session (lib/auth/viewer.ts): active, the row open; the row's expiry
-- moves on when it was last moved more than `p_touch` ago.
CREATE FUNCTION auth_session_viewer(p_session uuid, p_user uuid, p_lifetime interval, p_touch interval)
RETURNS TABLE (user_id uuid, company_id uuid, roles role[], name text, email text, locale text, time_zone text,
               company_name text, company_locale text, company_time_zone text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH touched AS (
    UPDATE user_sessions SET last_seen_at = now(), expires_at = now() + p_lifetime
    WHERE id = p_session AND user_id = p_user AND revoked_at IS NULL AND expires_at > now()
      AND last_seen_at < now() - p_touch
    RETURNING id
  )
  SELECT u.id, u.company_id, u.roles, u.name, u.email, u.locale, u.time_zone, c.name, c.default_locale, c.default_time_zone
  FROM users u
    JOIN companies c ON c.id = u.company_id
    JOIN user_sessions s ON s.id = p_session AND s.user_id = u.id AND s.company_id = u.company_id
                        AND s.revoked_at IS NULL AND s.expires_at > now()
  WHERE u.id = p_user AND u.deactivated_at IS NULL
$$;--> statement-breakpoint

-- Emails are unique across the product, and an address on a domain another company registered is that
-- company's (lib/accounts/addresses.ts): whether an address is another company's, by its person or by
-- its domain. A yes or no for one address the caller names; never which company.
CREATE FUNCTION address_of_other_person(p_company uuid, p_email text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM users u WHERE u.email = p_email AND u.company_id <> p_company)
$$;--> statement-breakpoint
CREATE FUNCTION address_on_other_domain(p_company uuid, p_email text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT EXISTS (SELECT 1 FROM company_domains d
                 WHERE d.domain = lower(substring(p_email from '[^@]*$')) AND d.company_id <> p_company)
$$;--> statement-breakpoint

-- The scheduler's round (lib/cron): which companies have work due, each company's batch then running with
-- its company set. Only ids: what the work is, each batch reads behind the wall.
CREATE FUNCTION scheduler_companies()
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT id FROM companies ORDER BY id
$$;--> statement-breakpoint
CREATE FUNCTION scheduler_reminder_companies(p_now timestamptz)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT company_id FROM assignments WHERE status = 'open' AND next_reminder_at <= p_now ORDER BY company_id
$$;--> statement-breakpoint
CREATE FUNCTION scheduler_outbox_companies(p_now timestamptz)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT company_id FROM mail_outbox
  WHERE sent_at IS NULL AND dropped_at IS NULL AND (claimed_until IS NULL OR claimed_until < p_now)
  ORDER BY company_id
$$;--> statement-breakpoint
CREATE FUNCTION scheduler_stalled_import_companies(p_statuses import_job_status[], p_before timestamptz)
RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT DISTINCT company_id FROM import_jobs WHERE status = ANY (p_statuses) AND updated_at < p_before ORDER BY company_id
$$;--> statement-breakpoint

-- The publisher (lib/realtime/server.ts): the channel epochs of the groups its committed events
-- address, which may be several companies' (the scheduler's reminders). Numbers only.
CREATE FUNCTION realtime_group_epochs(p_groups uuid[])
RETURNS TABLE (group_id uuid, epoch integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.group_id, e.epoch FROM group_channel_epochs e WHERE e.group_id = ANY (p_groups)
$$;--> statement-breakpoint

-- Fresh planner statistics for a staged import (only a table's owner may analyse it).
CREATE FUNCTION analyze_import_rows()
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
  ANALYZE import_rows;
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION auth_sign_in_account(text), auth_sso_identity(text, text), auth_sso_domain(text),
  auth_account_token(text), auth_api_key(text), auth_open_session(uuid, interval), auth_close_session(uuid),
  auth_session_viewer(uuid, uuid, interval, interval), scheduler_companies(), scheduler_reminder_companies(timestamptz),
  scheduler_outbox_companies(timestamptz), scheduler_stalled_import_companies(import_job_status[], timestamptz), realtime_group_epochs(uuid[]), address_of_other_person(uuid, text),
  address_on_other_domain(uuid, text), analyze_import_rows() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION auth_sign_in_account(text), auth_sso_identity(text, text), auth_sso_domain(text),
  auth_account_token(text), auth_api_key(text), auth_open_session(uuid, interval), auth_close_session(uuid),
  auth_session_viewer(uuid, uuid, interval, interval), scheduler_companies(), scheduler_reminder_companies(timestamptz),
  scheduler_outbox_companies(timestamptz), scheduler_stalled_import_companies(import_job_status[], timestamptz), realtime_group_epochs(uuid[]), address_of_other_person(uuid, text),
  address_on_other_domain(uuid, text), analyze_import_rows() TO cohort_app;

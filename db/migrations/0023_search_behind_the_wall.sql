-- Searching people behind the wall. Under row-level security the planner may not use an index for a
-- condition whose operator is not leakproof (LIKE, ILIKE, pg_trgm's <% and <<->): the policy's check
-- must come first, so a search of 100,000 people became a sequential scan (people.search p95 from
-- 11 ms to 470 ms). These lookups do the matching as the login role (which bypasses the policies,
-- migration 0021) for the company asked about, and answer ids alone: the caller reads the people
-- themselves through the policy. The app role may ask only about the company its transaction is bound
-- to (app.company_id; unbound, nothing); a login role, which reads every row anyway (tests, scripts),
-- about any. Patterns come escaped from lib/people/match.ts.

-- Whether the caller may search this company: the app role only its bound one. `role` is the session's
-- SET ROLE, which a SECURITY DEFINER function does not change (current_user does).
CREATE FUNCTION people_search_allowed(p_company uuid)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('role') <> 'cohort_app'
      OR p_company = nullif(current_setting('app.company_id', true), '')::uuid
$$;--> statement-breakpoint

-- Name or email containing a pattern ('%term%'): the trigram indexes.
CREATE FUNCTION people_containing(p_company uuid, p_pattern text)
RETURNS TABLE (id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id FROM users u
  WHERE u.company_id = p_company AND people_search_allowed(p_company)
    AND (u.name ILIKE p_pattern OR u.email LIKE p_pattern)
$$;--> statement-breakpoint

-- For one or two characters: name, a later word of the name ('% te%') or email starting with them.
CREATE FUNCTION people_prefixed(p_company uuid, p_prefix text, p_word_prefix text)
RETURNS TABLE (id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id FROM users u
  WHERE u.company_id = p_company AND people_search_allowed(p_company)
    AND (lower(u.name) LIKE p_prefix OR u.email LIKE p_prefix OR lower(u.name) LIKE p_word_prefix)
$$;--> statement-breakpoint

-- Names or emails a term resembles (word similarity at the caller's pg_trgm threshold).
CREATE FUNCTION people_resembling(p_company uuid, p_term text)
RETURNS TABLE (id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.id FROM users u
  WHERE u.company_id = p_company AND people_search_allowed(p_company)
    AND (p_term <% u.name OR p_term <% u.email)
$$;--> statement-breakpoint

-- The add-members autocomplete's candidates: the active people whose names are closest to the term,
-- straight from the GiST index in distance order, and those whose email starts with the prefix.
CREATE FUNCTION people_nearest(p_company uuid, p_term text, p_email_prefix text, p_limit int)
RETURNS TABLE (id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  (SELECT u.id FROM users u
   WHERE u.company_id = p_company AND people_search_allowed(p_company)
     AND u.deactivated_at IS NULL AND p_term <% u.name
   ORDER BY p_term <<-> u.name LIMIT p_limit)
  UNION
  (SELECT u.id FROM users u
   WHERE u.company_id = p_company AND people_search_allowed(p_company)
     AND u.deactivated_at IS NULL AND u.email LIKE p_email_prefix
   LIMIT p_limit)
$$;--> statement-breakpoint

REVOKE ALL ON FUNCTION people_containing(uuid, text), people_prefixed(uuid, text, text), people_resembling(uuid, text), people_nearest(uuid, text, text, int) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION people_containing(uuid, text), people_prefixed(uuid, text, text), people_resembling(uuid, text), people_nearest(uuid, text, text, int) TO cohort_app;

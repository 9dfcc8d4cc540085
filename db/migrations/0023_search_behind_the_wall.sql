-- Searching people behind the wall. Under row-level security the planner may not use an index for a
-- condition whose operator is not leakproof (LIKE, ILIKE, pg_trgm's <% and <<->): the policy's check
-- must come first, so a search of 100,000 people became a sequential scan (people.search p95 from
-- 11 ms to 470 ms). Only the searches that gather through an index need this: a walk of the name
-- index that tests each row (one or two characters) is as fast under the policy. These lookups do the matching as the login role (which bypasses the policies,
-- migration 0021) for the company asked about, and answer ids alone: the caller reads the people
-- themselves through the policy. The app role may ask only about the company its transaction is bound
-- to (app.company_id; unbound, nothing); a login role, which reads every row anyway (tests, scripts),
-- about any. Patterns come escaped from lib/people/match.ts.

-- Whether the caller may search this company: the app role only its bound one (never null: an unbound
-- company is a no). `role` is the session's
-- SET ROLE, which a SECURITY DEFINER function does not change (current_user does).
CREATE FUNCTION people_search_allowed(p_company uuid)
RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT current_setting('role') <> 'cohort_app'
      OR coalesce(p_company = nullif(current_setting('app.company_id', true), '')::uuid, false)
$$;--> statement-breakpoint

-- Each runs its statement through EXECUTE with the values written in as literals, so it is planned for
-- them: a generic plan knows neither the pattern (no index range for a LIKE prefix, no trigrams) nor
-- the limit (no ordered GiST scan), and a search of 100,000 people would again read them all. Each
-- says how many rows it answers (ROWS): at the default 1,000 the caller's plan reads the people it
-- answers by hashing the whole table instead of looking them up by id.

-- Name or email containing a pattern ('%term%'): the trigram indexes. With the name as the directory
-- sorts it, so a page of a common fragment is sorted without reading the people twice.
CREATE FUNCTION people_containing(p_company uuid, p_pattern text)
RETURNS TABLE (id uuid, sort_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id, lower(u.name) FROM users u WHERE u.company_id = %L AND (u.name ILIKE %L OR u.email LIKE %L)',
    p_company, p_pattern, p_pattern);
END $$;--> statement-breakpoint

-- Names or emails a term resembles (word similarity at the caller's pg_trgm threshold).
CREATE FUNCTION people_resembling(p_company uuid, p_term text)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id FROM users u WHERE u.company_id = %L AND (%L <%% u.name OR %L <%% u.email)',
    p_company, p_term, p_term);
END $$;--> statement-breakpoint

-- The add-members autocomplete's candidates: the active people whose names are closest to the term,
-- straight from the GiST index in distance order, and those whose email starts with the prefix.
CREATE FUNCTION people_nearest(p_company uuid, p_term text, p_email_prefix text, p_limit int)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    '(SELECT u.id FROM users u WHERE u.company_id = %1$L AND u.deactivated_at IS NULL AND %2$L <%% u.name
      ORDER BY %2$L <<-> u.name LIMIT %4$s)
     UNION
     (SELECT u.id FROM users u WHERE u.company_id = %1$L AND u.deactivated_at IS NULL AND u.email LIKE %3$L
      LIMIT %4$s)',
    p_company, p_term, p_email_prefix, p_limit);
END $$;--> statement-breakpoint

REVOKE ALL ON FUNCTION people_containing(uuid, text), people_resembling(uuid, text), people_nearest(uuid, text, text, int) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION people_containing(uuid, text), people_resembling(uuid, text), people_nearest(uuid, text, text, int) TO cohort_app;

-- Names as people search them: lower-cased, accents dropped (é → e, ø → o, ł → l), the German letters
-- as their plain vowel or pair (ä → a, ß → ss), and then their transliterations folded the same way
-- (ae → a, oe → o, ue → u), so "Jonas Müller", "Mueller" and "Muller" are one name, and "Strauß" is
-- "Strauss". Both sides of every name search go through it: the stored names (these indexes) and the
-- term. It folds more than it must ("Michael" and "Michal" meet, as "Joel" and "Jol"): a search that
-- finds a namesake too is better than one that misses the person. IMMUTABLE and plain SQL, so the
-- planner folds a constant term once. `users.folded_name` stores it for every person (the table is
-- rewritten once, here: seconds per million people): a search that matches a tenth of the company
-- tests the stored column, not the function once per row.
CREATE FUNCTION fold_name(p_name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT replace(replace(replace(replace(
    translate(lower(p_name), 'àáâãäåāăąæçćčďđèéêëēėęěğìíîïīįıłľñńňòóôõöøōőœřśšşťţùúûüūůűųýÿźżž', 'aaaaaaaaaacccddeeeeeeeegiiiiiiillnnnooooooooorsssttuuuuuuuuyyzzz'),
    'ß', 'ss'), 'ae', 'a'), 'oe', 'o'), 'ue', 'u')
$$;--> statement-breakpoint
DROP INDEX "users_name_trgm_idx";--> statement-breakpoint
DROP INDEX "users_company_name_knn_idx";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "folded_name" text GENERATED ALWAYS AS (fold_name(name)) STORED;--> statement-breakpoint
CREATE INDEX "users_folded_name_trgm_idx" ON "users" USING gin ("folded_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_company_folded_name_knn_idx" ON "users" USING gist ("company_id","folded_name" gist_trgm_ops(siglen=256));--> statement-breakpoint

-- The lookups of migration 0023, matching folded names: the term is folded as the names are (a
-- literal, folded once when the statement is planned, so the indexes above serve it). Emails are
-- matched as they are stored, lower-cased.
CREATE OR REPLACE FUNCTION people_containing(p_company uuid, p_pattern text)
RETURNS TABLE (id uuid, sort_name text)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id, lower(u.name) FROM users u WHERE u.company_id = %L AND (u.folded_name LIKE fold_name(%L) OR u.email LIKE %L)',
    p_company, p_pattern, p_pattern);
END $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION people_resembling(p_company uuid, p_term text)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 50 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    'SELECT u.id FROM users u WHERE u.company_id = %L AND (fold_name(%L) <%% u.folded_name OR %L <%% u.email)',
    p_company, p_term, p_term);
END $$;--> statement-breakpoint

CREATE OR REPLACE FUNCTION people_nearest(p_company uuid, p_term text, p_email_prefix text, p_limit int)
RETURNS TABLE (id uuid)
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 20 SET search_path = pg_catalog, public AS $$
BEGIN
  IF NOT people_search_allowed(p_company) THEN RETURN; END IF;
  RETURN QUERY EXECUTE format(
    '(SELECT u.id FROM users u WHERE u.company_id = %1$L AND u.deactivated_at IS NULL AND fold_name(%2$L) <%% u.folded_name
      ORDER BY fold_name(%2$L) <<-> u.folded_name LIMIT %4$s)
     UNION
     (SELECT u.id FROM users u WHERE u.company_id = %1$L AND u.deactivated_at IS NULL AND u.email LIKE %3$L
      LIMIT %4$s)',
    p_company, p_term, p_email_prefix, p_limit);
END $$;

-- The publisher (lib/realtime/server.ts): of the people one add brought into a group (its ledger batch),
-- those among `p_online` (the people with a page open; null for all). An add's "you've been added"
-- reaches the newcomers through this after the commit, so the add's transaction never sends its
-- 100,000 ids to Node and back. Ids only, of a batch the server itself named.
CREATE FUNCTION realtime_batch_newcomers(p_group uuid, p_batch uuid, p_online uuid[])
RETURNS TABLE (user_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT e.user_id FROM learning_groups g JOIN membership_events e ON e.company_id = g.company_id AND e.group_id = g.id
  WHERE g.id = p_group AND e.batch_id = p_batch AND e.kind = 'added'
    AND (p_online IS NULL OR e.user_id = ANY (p_online))
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION realtime_batch_newcomers(uuid, uuid, uuid[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION realtime_batch_newcomers(uuid, uuid, uuid[]) TO cohort_app;

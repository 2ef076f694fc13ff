-- queue_join, as defined in code.
CREATE OR REPLACE FUNCTION queue_join(
  p_event text, p_users text[], p_grades text[], p_quantities int[], p_valid boolean[], p_rejoin boolean[],
  p_now timestamptz
) RETURNS TABLE (
  existing boolean, number int, user_id text, grade_id text, quantity int, status text, booking_id text, reason text,
  joined_at timestamptz, draw_ticket text
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_last int;
  v_lapsed int;
  v_draw text;
BEGIN
  INSERT INTO queue_counters AS c (event_id) VALUES (p_event)
    ON CONFLICT (event_id) DO UPDATE SET last_number = c.last_number
    RETURNING c.last_number, c.lapsed INTO v_last, v_lapsed;
  IF v_last = 0 THEN
    INSERT INTO queue_progress (event_id) VALUES (p_event) ON CONFLICT DO NOTHING;
  END IF;
  SELECT d.status INTO v_draw FROM queue_draws d WHERE d.event_id = p_event;
  IF v_draw = 'open' THEN
    v_last := queue_draw_freeze(p_event, p_now);
    v_draw := 'frozen';
  END IF;
  -- A fan whose entry failed may ask to join again, at the back: the failed entry is retired (kept for the record,
  -- no longer the account's), so the account gets a fresh number below. Written as one index probe per asking
  -- account (user_id = ANY over the one-active-entry index): as a join against unnest() the planner read the
  -- event's whole queue each batch (measured: 321 µs of PostgreSQL per join at 100,000 entries).
  IF true = ANY(p_rejoin) THEN
    UPDATE queue_entries q SET status = 'retired'
    WHERE q.event_id = p_event AND q.active AND q.status = 'failed'
      AND q.user_id = ANY(ARRAY(SELECT r.user_id FROM unnest(p_users, p_valid, p_rejoin) AS r(user_id, valid, rejoin)
        WHERE r.valid AND r.rejoin));
  END IF;
  RETURN QUERY
  WITH asked AS (
    SELECT r.ord, r.user_id, r.grade_id, r.quantity, r.valid
    FROM unnest(p_users, p_grades, p_quantities, p_valid) WITH ORDINALITY AS r(user_id, grade_id, quantity, valid, ord)
  ), barred AS (
    -- Accounts whose holds lapsed unpaid twice for this event; looked for only once any hold of it has lapsed.
    SELECT a.user_id FROM asked a
    WHERE v_lapsed > 0 AND (SELECT count(*) FROM queue_entries q
      WHERE q.event_id = p_event AND q.user_id = a.user_id AND q.status = 'lapsed') >= 2
  ), req AS (
    SELECT a.ord, a.user_id, a.grade_id, a.quantity, a.valid AND NOT EXISTS (SELECT 1 FROM barred b
      WHERE b.user_id = a.user_id) AS valid
    FROM asked a
  ), active AS (
    -- One index probe per account: LIMIT keeps the planner from flattening this into a join. Written as IN (…), it
    -- trusted statistics taken while the table was small and hash-joined against every entry of the event, so each
    -- batch read the whole queue (measured: ~150 rows read per join at 30,000 joins).
    SELECT e.number, e.user_id, e.grade_id, e.quantity, e.status, e.booking_id, e.reason, e.joined_at, e.draw_ticket
    FROM req CROSS JOIN LATERAL (
      SELECT q.number, q.user_id, q.grade_id, q.quantity, q.status, q.booking_id, q.reason, q.joined_at, q.draw_ticket
      FROM queue_entries q
      WHERE q.event_id = p_event AND q.user_id = req.user_id AND q.active
      LIMIT 1 -- at most one anyway: queue_entries_one_active_uq
    ) e
    UNION ALL
    -- Frozen, not yet drawn: a registration still waiting for its number is the account's entry.
    SELECT null::int, r.user_id, r.grade_id, r.quantity, 'registered'::text, null::text, null::text, r.registered_at,
      r.ticket
    FROM req JOIN queue_registrations r ON r.event_id = p_event AND r.user_id = req.user_id AND NOT r.withdrawn
    WHERE v_draw = 'frozen'
  ), fresh AS (
    SELECT (v_last + row_number() OVER (ORDER BY req.ord))::int AS number, req.user_id, req.grade_id, req.quantity
    FROM req WHERE req.valid AND NOT EXISTS (SELECT 1 FROM active a WHERE a.user_id = req.user_id)
  ), inserted AS (
    INSERT INTO queue_entries (event_id, number, user_id, grade_id, quantity, status, joined_at)
    SELECT p_event, f.number, f.user_id, f.grade_id, f.quantity, 'waiting', p_now FROM fresh f
    RETURNING 1
  ), counted AS (
    UPDATE queue_counters SET last_number = v_last + (SELECT count(*) FROM inserted)
    WHERE event_id = p_event AND EXISTS (SELECT 1 FROM fresh)
  )
  SELECT true, a.number, a.user_id, a.grade_id, a.quantity, a.status, a.booking_id, a.reason, a.joined_at,
    a.draw_ticket FROM active a
  UNION ALL
  SELECT false, f.number, f.user_id, f.grade_id, f.quantity, 'waiting'::text, null::text, null::text, p_now,
    null::text FROM fresh f
  UNION ALL
  SELECT false, null::int, b.user_id, null::text, null::int, 'barred'::text, null::text, null::text, null::timestamptz,
    null::text FROM barred b WHERE NOT EXISTS (SELECT 1 FROM active a WHERE a.user_id = b.user_id);
END;
$$;

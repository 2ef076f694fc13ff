// The queue's database functions, defined once, here. Migrations are generated from them (npm run db:generate): a
// change here makes a new migration with the new definition, and a test checks that the latest migration naming
// each says exactly this.
import type { DatabaseFunction } from '../../kernel/database-function.ts'
import { LAPSED_HOLDS_BAR } from './queue.tables.ts'

/**
 * Freezes an event's open draw at the opening (docs/DRAW.md), with the event's counter row locked by the caller:
 * locks the draw, then, in a snapshot taken after every registration and leave before it committed, fixes the
 * registered list's count and commitment (SHA-256 over each ticket and a newline, tickets in byte order) and reserves
 * their numbers after the counter. Returns the counter after it; a draw already frozen changes nothing.
 */
export const queueDrawFreeze: DatabaseFunction = {
  name: 'queue_draw_freeze',
  definition: `CREATE OR REPLACE FUNCTION queue_draw_freeze(p_event text, p_now timestamptz) RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  v_last int;
  v_status text;
  v_count int;
  v_commitment text;
BEGIN
  SELECT c.last_number INTO v_last FROM queue_counters c WHERE c.event_id = p_event;
  SELECT d.status INTO v_status FROM queue_draws d WHERE d.event_id = p_event FOR UPDATE;
  IF v_status IS DISTINCT FROM 'open' THEN
    RETURN v_last;
  END IF;
  SELECT count(*)::int,
         encode(sha256(convert_to(coalesce(string_agg(r.ticket || E'\\n', '' ORDER BY r.ticket COLLATE "C"), ''), 'UTF8')), 'hex')
    INTO v_count, v_commitment
    FROM queue_registrations r WHERE r.event_id = p_event;
  UPDATE queue_draws SET status = 'frozen', frozen_at = p_now, entries = v_count, commitment = v_commitment,
      first_number = v_last + 1
    WHERE event_id = p_event;
  UPDATE queue_counters SET last_number = v_last + v_count WHERE event_id = p_event;
  INSERT INTO queue_progress (event_id) VALUES (p_event) ON CONFLICT DO NOTHING;
  RETURN v_last + v_count;
END;
$$;`,
}

/**
 * Takes a batch of joins for one event in one statement: locks the event's counter (freezing its draw first when
 * the pre-queue is over), returns the accounts' active entries — or, before the draw is done, their registrations —
 * as they are, and numbers the rest densely after the counter (`p_valid` false: answer only, insert nothing — the
 * request failed its checks but an existing entry still answers it).
 */
export const queueJoin: DatabaseFunction = {
  name: 'queue_join',
  definition: `CREATE OR REPLACE FUNCTION queue_join(
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
      WHERE q.event_id = p_event AND q.user_id = a.user_id AND q.status = 'lapsed') >= ${LAPSED_HOLDS_BAR}
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
$$;`,
}

/**
 * Takes a batch of pre-queue joins for one event in one statement, under the event's counter lock (so a freeze
 * never misses one): returns the accounts' registrations as they are and registers the `p_valid` others under fresh
 * random tickets. When the draw is no longer open (another process's clock reached the opening first), it registers
 * nobody and answers `late` for every account, and the caller joins them as after the opening.
 */
export const queueRegister: DatabaseFunction = {
  name: 'queue_register',
  definition: `CREATE OR REPLACE FUNCTION queue_register(
  p_event text, p_users text[], p_grades text[], p_quantities int[], p_valid boolean[], p_now timestamptz
) RETURNS TABLE (outcome text, user_id text, grade_id text, quantity int, registered_at timestamptz, ticket text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  INSERT INTO queue_counters AS c (event_id) VALUES (p_event)
    ON CONFLICT (event_id) DO UPDATE SET last_number = c.last_number;
  IF NOT EXISTS (SELECT 1 FROM queue_draws d WHERE d.event_id = p_event AND d.status = 'open') THEN
    RETURN QUERY SELECT 'late'::text, u, null::text, null::int, null::timestamptz, null::text FROM unnest(p_users) u;
    RETURN;
  END IF;
  RETURN QUERY
  WITH req AS (
    SELECT r.user_id, r.grade_id, r.quantity, r.valid
    FROM unnest(p_users, p_grades, p_quantities, p_valid) AS r(user_id, grade_id, quantity, valid)
  ), mine AS (
    SELECT r.user_id, r.grade_id, r.quantity, r.registered_at, r.ticket
    FROM req JOIN queue_registrations r ON r.event_id = p_event AND r.user_id = req.user_id
  ), inserted AS (
    INSERT INTO queue_registrations (event_id, user_id, ticket, grade_id, quantity, registered_at)
    SELECT p_event, req.user_id, replace(gen_random_uuid()::text, '-', ''), req.grade_id, req.quantity, p_now
    FROM req WHERE req.valid AND NOT EXISTS (SELECT 1 FROM mine m WHERE m.user_id = req.user_id)
    RETURNING user_id, grade_id, quantity, registered_at, ticket
  )
  SELECT 'existing'::text, m.user_id, m.grade_id, m.quantity, m.registered_at, m.ticket FROM mine m
  UNION ALL
  SELECT 'registered'::text, i.user_id, i.grade_id, i.quantity, i.registered_at, i.ticket FROM inserted i;
END;
$$;`,
}

-- queue_draw_freeze, as defined in code.
CREATE OR REPLACE FUNCTION queue_draw_freeze(p_event text, p_now timestamptz) RETURNS int
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
         encode(sha256(convert_to(coalesce(string_agg(r.ticket || E'\n', '' ORDER BY r.ticket COLLATE "C"), ''), 'UTF8')), 'hex')
    INTO v_count, v_commitment
    FROM queue_registrations r WHERE r.event_id = p_event;
  UPDATE queue_draws SET status = 'frozen', frozen_at = p_now, entries = v_count, commitment = v_commitment,
      first_number = v_last + 1
    WHERE event_id = p_event;
  UPDATE queue_counters SET last_number = v_last + v_count WHERE event_id = p_event;
  INSERT INTO queue_progress (event_id) VALUES (p_event) ON CONFLICT DO NOTHING;
  RETURN v_last + v_count;
END;
$$;

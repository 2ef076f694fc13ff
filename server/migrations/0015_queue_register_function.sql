-- queue_register, as defined in code.
CREATE OR REPLACE FUNCTION queue_register(
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
$$;

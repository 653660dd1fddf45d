-- pgbench's version of what HistoryStore.SaveAsync asks of PostgreSQL for a member's reading
-- (scripts/bench-web.sh): the owner's advisory lock, the insert, the trim beyond the cap, in one
-- transaction. The member, their lock key, the cap and a stored reading's JSON come in with -D, so
-- the rows are the app's own shape; the number read varies like the app's load.
\set number random(0, 999999999)
BEGIN;
SELECT pg_advisory_xact_lock(:owner_key);
INSERT INTO readings (id, created_at, depth, feeling, guest_id, kind, normalized_input, note, numbers, raw_input,
    seen_at, seen_place, sections, share_token, user_id, writer, writer_note)
  VALUES (gen_random_uuid(), now(), 'standard', NULL, NULL, 'number', :number, NULL, (:numbers)::jsonb, :number,
    now(), NULL, (:sections)::jsonb, NULL, (:user_id)::uuid, :writer, NULL);
DELETE FROM readings AS r
  WHERE r.id IN (SELECT r0.id FROM readings AS r0 WHERE r0.user_id = (:user_id)::uuid
                 ORDER BY r0.created_at DESC, r0.id DESC OFFSET :cap);
COMMIT;

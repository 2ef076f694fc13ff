-- A failed entry is retired when its account joins again, and a won entry lapses when its hold expires unpaid
-- (queue_join, 0018; the queue's outbox consumer): `active` counts neither, so the one-active-entry index lets the
-- account hold a fresh entry. Dropping the generated column drops the two partial indexes built on it; they are
-- made again as in 0006. `queue_counters.lapsed` lets joins skip looking for lapsed holds while an event has none.
DROP INDEX IF EXISTS "queue_entries_one_active_uq";--> statement-breakpoint
DROP INDEX IF EXISTS "queue_entries_left_idx";--> statement-breakpoint
ALTER TABLE "queue_entries" DROP COLUMN "active";--> statement-breakpoint
ALTER TABLE "queue_entries" ADD COLUMN "active" boolean GENERATED ALWAYS AS (status not in ('left', 'retired', 'lapsed')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "queue_entries_left_idx" ON "queue_entries" USING btree ("event_id","user_id") WHERE not active;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_one_active_uq" ON "queue_entries" USING btree ("event_id","user_id") WHERE active;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD COLUMN "lapsed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- queue_join gains p_rejoin (an account whose entry failed asks to join again): a new argument list is a new
-- function to PostgreSQL, so the old one goes and the next migration creates the new one, in the same run.
DROP FUNCTION queue_join(text, text[], text[], int[], boolean[], timestamptz);

-- A failed entry may be retired when its account joins again (queue_join, 0018): `active` no longer counts it, so
-- the one-active-entry index lets the account hold a fresh entry. Dropping the generated column drops the two
-- partial indexes built on it; they are made again as in 0006.
DROP INDEX IF EXISTS "queue_entries_one_active_uq";--> statement-breakpoint
DROP INDEX IF EXISTS "queue_entries_left_idx";--> statement-breakpoint
ALTER TABLE "queue_entries" DROP COLUMN "active";--> statement-breakpoint
ALTER TABLE "queue_entries" ADD COLUMN "active" boolean GENERATED ALWAYS AS (status not in ('left', 'retired')) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "queue_entries_left_idx" ON "queue_entries" USING btree ("event_id","user_id") WHERE not active;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_entries_one_active_uq" ON "queue_entries" USING btree ("event_id","user_id") WHERE active;

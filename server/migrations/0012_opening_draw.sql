CREATE TABLE "queue_draws" (
	"event_id" text PRIMARY KEY NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"secret" text NOT NULL,
	"secret_hash" text NOT NULL,
	"beacon" jsonb,
	"created_at" timestamp with time zone NOT NULL,
	"frozen_at" timestamp with time zone,
	"entries" integer,
	"commitment" text,
	"first_number" integer,
	"beacon_round" integer,
	"beacon_randomness" text,
	"beacon_signature" text,
	"seed" text,
	"drawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "queue_registrations" (
	"event_id" text NOT NULL,
	"user_id" text NOT NULL,
	"ticket" text NOT NULL,
	"grade_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"registered_at" timestamp with time zone NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "queue_registrations_event_id_user_id_pk" PRIMARY KEY("event_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "pre_queue_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "queue_entries" ADD COLUMN "draw_ticket" text;--> statement-breakpoint
ALTER TABLE "queue_draws" ADD CONSTRAINT "queue_draws_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_registrations_ticket_uq" ON "queue_registrations" USING btree ("event_id","ticket");--> statement-breakpoint
-- queue_join's result gains draw_ticket, and PostgreSQL cannot change a function's result type in place: the next
-- migration creates it anew (same arguments), inside the same migration run.
DROP FUNCTION queue_join(text, text[], text[], int[], boolean[], timestamptz);

CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"organizer_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text NOT NULL,
	"performers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"venue_name" text NOT NULL,
	"venue_city" text NOT NULL,
	"venue_address" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"sale_opens_at" timestamp with time zone NOT NULL,
	"sale_closes_at" timestamp with time zone NOT NULL,
	"poster_media_id" text,
	"per_user_limit" integer DEFAULT 4 NOT NULL,
	"payment_deadline" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_grades" (
	"id" text PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"price" integer NOT NULL,
	"capacity" integer NOT NULL,
	"remaining" integer NOT NULL,
	CONSTRAINT "seat_grades_remaining_bounds" CHECK ("seat_grades"."remaining" >= 0 and "seat_grades"."remaining" <= "seat_grades"."capacity")
);
--> statement-breakpoint
ALTER TABLE "seat_grades" ADD CONSTRAINT "seat_grades_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_starts_at_idx" ON "events" USING btree ("starts_at","id");--> statement-breakpoint
CREATE INDEX "events_organizer_idx" ON "events" USING btree ("organizer_id");--> statement-breakpoint
CREATE INDEX "events_updated_at_idx" ON "events" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "seat_grades_event_idx" ON "seat_grades" USING btree ("event_id","position");
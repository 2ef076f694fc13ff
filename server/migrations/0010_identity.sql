CREATE TABLE "identity_links" (
	"user_id" text PRIMARY KEY NOT NULL,
	"person_hash" text NOT NULL,
	"birth_year" integer NOT NULL,
	"provider" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_links_person_hash_unique" UNIQUE("person_hash")
);
--> statement-breakpoint
CREATE TABLE "identity_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"provider" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "test_provider_certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"merchant_uid" text NOT NULL,
	"user_id" text NOT NULL,
	"person" text,
	"birth_date" text,
	"certified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "test_provider_certifications_merchant_uid_unique" UNIQUE("merchant_uid")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "email_key" text;--> statement-breakpoint
-- Accounts made before mailbox keys keep their (lower-cased) address as the key: two existing aliases of one Gmail
-- mailbox stay two accounts; new ones are refused.
UPDATE "users" SET "email_key" = "email";--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "email_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "identity_links" ADD CONSTRAINT "identity_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_email_key_unique" UNIQUE("email_key");
CREATE TABLE "identity_releases" (
	"person_hash" text NOT NULL,
	"user_id" text NOT NULL,
	"released_at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_releases_person_hash_user_id_pk" PRIMARY KEY("person_hash","user_id")
);
--> statement-breakpoint
ALTER TABLE "identity_releases" ADD CONSTRAINT "identity_releases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
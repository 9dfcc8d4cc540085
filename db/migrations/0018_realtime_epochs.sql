CREATE TABLE "group_channel_epochs" (
	"group_id" uuid PRIMARY KEY NOT NULL,
	"company_id" uuid NOT NULL,
	"epoch" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "group_channel_grants" (
	"group_id" uuid NOT NULL,
	"epoch" integer NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_channel_grants_pk" PRIMARY KEY("group_id","epoch","user_id")
);
--> statement-breakpoint
ALTER TABLE "group_channel_epochs" ADD CONSTRAINT "group_channel_epochs_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."learning_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_channel_grants" ADD CONSTRAINT "group_channel_grants_group_fk" FOREIGN KEY ("group_id") REFERENCES "public"."group_channel_epochs"("group_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_channel_grants" ADD CONSTRAINT "group_channel_grants_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_channel_grants_user_idx" ON "group_channel_grants" USING btree ("user_id");--> statement-breakpoint
-- Every group has its epoch row from the moment it exists, however it is inserted.
CREATE FUNCTION learning_groups_insert_channel_epoch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO group_channel_epochs (group_id, company_id) SELECT id, company_id FROM inserted_groups;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER learning_groups_insert_channel_epoch AFTER INSERT ON learning_groups
  REFERENCING NEW TABLE AS inserted_groups FOR EACH STATEMENT EXECUTE FUNCTION learning_groups_insert_channel_epoch();
--> statement-breakpoint
INSERT INTO group_channel_epochs (group_id, company_id) SELECT id, company_id FROM learning_groups;

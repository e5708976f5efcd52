CREATE TABLE `field_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`day` text NOT NULL,
	`unit` text NOT NULL,
	`post` text NOT NULL,
	`on_duty` integer NOT NULL,
	`volunteers` integer,
	`engaged` integer,
	`inspector_id` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`retracted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `field_records_day_unit` ON `field_records` (`day`,`unit`);--> statement-breakpoint
CREATE UNIQUE INDEX `field_records_message` ON `field_records` (`message_id`);--> statement-breakpoint
CREATE TABLE `notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text,
	`subject` text,
	`text` text NOT NULL,
	`author_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`retracted` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notes_day_kind` ON `notes` (`day`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `notes_message` ON `notes` (`message_id`);--> statement-breakpoint
CREATE TABLE `spot_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`room_topic` text NOT NULL,
	`order_message_id` text,
	`ordered_by` text,
	`asked_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`status` text NOT NULL,
	`answered_at` integer,
	`answer_message_id` text,
	`answered_by` text,
	`post` text
);
--> statement-breakpoint
CREATE INDEX `spot_checks_day_unit` ON `spot_checks` (`day`,`unit`);--> statement-breakpoint
CREATE INDEX `spot_checks_room_status` ON `spot_checks` (`room_topic`,`status`);
CREATE TABLE `rooms` (
	`id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`member_ids` text NOT NULL,
	`member_names` text NOT NULL,
	`owner_id` text,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`gone_at` integer,
	`noticed_at` integer
);
--> statement-breakpoint
CREATE INDEX `rooms_topic` ON `rooms` (`topic`);--> statement-breakpoint
DROP INDEX `outbox_room_day`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `lane` text DEFAULT 'reply' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `compose` text;--> statement-breakpoint
CREATE INDEX `outbox_room_day` ON `outbox` (`room_id`,`day`,`lane`,`status`);--> statement-breakpoint
DROP INDEX `room_bindings_topic`;--> statement-breakpoint
ALTER TABLE `room_bindings` ADD `units` text;--> statement-breakpoint
ALTER TABLE `room_bindings` ADD `entry` text;--> statement-breakpoint
CREATE UNIQUE INDEX `room_bindings_entry` ON `room_bindings` (`entry`);--> statement-breakpoint
CREATE INDEX `room_bindings_topic` ON `room_bindings` (`topic`);--> statement-breakpoint
DROP INDEX `spot_checks_room_status`;--> statement-breakpoint
ALTER TABLE `spot_checks` ADD `room_id` text;--> statement-breakpoint
CREATE INDEX `spot_checks_room_status` ON `spot_checks` (`room_id`,`status`);--> statement-breakpoint
UPDATE `outbox` SET `lane` = 'broadcast' WHERE `key` NOT LIKE 'reply-%';
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text NOT NULL,
	`actor_name` text NOT NULL,
	`room_topic` text NOT NULL,
	`message_id` text,
	`action` text NOT NULL,
	`target` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`,`at`);--> statement-breakpoint
CREATE TABLE `room_bindings` (
	`room_id` text PRIMARY KEY NOT NULL,
	`topic` text NOT NULL,
	`role` text NOT NULL,
	`unit` text,
	`bound_by` text NOT NULL,
	`bound_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `room_bindings_topic` ON `room_bindings` (`topic`);
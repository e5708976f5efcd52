CREATE TABLE `activities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`unit` text NOT NULL,
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	`retracted` integer DEFAULT false NOT NULL,
	`reported_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `activities_day_unit` ON `activities` (`day`,`unit`);--> statement-breakpoint
CREATE INDEX `activities_message` ON `activities` (`message_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`unit` text,
	`day` text NOT NULL,
	`room_id` text NOT NULL,
	`sender_id` text NOT NULL,
	`path` text,
	`posted_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_day_unit` ON `evidence` (`day`,`unit`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_message` ON `evidence` (`message_id`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` text PRIMARY KEY NOT NULL,
	`room_id` text NOT NULL,
	`room_topic` text NOT NULL,
	`sender_id` text NOT NULL,
	`sender_name` text NOT NULL,
	`sent_at` integer NOT NULL,
	`type` text NOT NULL,
	`text` text NOT NULL,
	`fingerprint` text NOT NULL,
	`received_at` integer NOT NULL,
	`recalled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_fingerprint` ON `messages` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `messages_room_sent` ON `messages` (`room_id`,`sent_at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`unit` text NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	`approx` integer NOT NULL,
	`points` integer,
	`breakdown` text,
	`correction` integer NOT NULL,
	`status` text NOT NULL,
	`sender_id` text NOT NULL,
	`reported_at` integer NOT NULL,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reports_day_unit` ON `reports` (`day`,`unit`,`reported_at`);--> statement-breakpoint
CREATE INDEX `reports_message` ON `reports` (`message_id`);
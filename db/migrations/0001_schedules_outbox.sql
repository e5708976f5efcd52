CREATE TABLE `outbox` (
	`key` text PRIMARY KEY NOT NULL,
	`room_id` text,
	`room_topic` text NOT NULL,
	`text` text NOT NULL,
	`mention_ids` text,
	`file_path` text,
	`due_at` integer NOT NULL,
	`day` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_status` ON `outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `outbox_room_day` ON `outbox` (`room_topic`,`day`,`status`);--> statement-breakpoint
CREATE TABLE `queue_jobs` (
	`queue` text NOT NULL,
	`id` text NOT NULL,
	`name` text NOT NULL,
	`data` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer NOT NULL,
	`backoff_ms` integer NOT NULL,
	`run_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`queue`, `id`)
);
--> statement-breakpoint
CREATE INDEX `queue_jobs_due` ON `queue_jobs` (`queue`,`status`,`run_at`);
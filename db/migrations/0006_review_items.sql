CREATE TABLE `review_items` (
	`message_id` text PRIMARY KEY NOT NULL,
	`day` text NOT NULL,
	`room_id` text NOT NULL,
	`units` text NOT NULL,
	`why` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`settled_by` text,
	`settled_at` integer,
	FOREIGN KEY (`message_id`) REFERENCES `messages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_items_day_status` ON `review_items` (`day`,`status`);
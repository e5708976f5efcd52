ALTER TABLE `messages` ADD `handled_at` integer;--> statement-breakpoint
CREATE INDEX `messages_unhandled` ON `messages` (`handled_at`,`received_at`);--> statement-breakpoint
ALTER TABLE `rooms` ADD `notice` text;--> statement-breakpoint
UPDATE `messages` SET `handled_at` = `received_at`;--> statement-breakpoint
UPDATE `rooms` SET `notice` = 'waiting' WHERE `noticed_at` IS NOT NULL;
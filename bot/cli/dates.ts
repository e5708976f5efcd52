import { parseDayArg } from '../../src/time/parse-day-arg.js'
import { localDay, type Day } from '../../src/time/zoned.js'
import { cliWords } from '../../templates/cli/cli-words.js'
import { UsageError } from './io.js'

/** The zone a command without a roster reads dates in: the roster's own default. */
export const defaultTimezone = 'Asia/Shanghai'

/**
 * A date option read as the chat commands read theirs (2026-10-12, 10月12日, 昨天), relative to
 * today in `timezone`; undefined when the option was not given.
 * @example dayOption('--date', '昨天', 'Asia/Shanghai') // '2026-10-11' on 12 October
 */
export function dayOption(
  flag: string,
  written: string | undefined,
  timezone: string,
): Day | undefined {
  if (written === undefined) return undefined
  const day = parseDayArg(written, localDay(Date.now(), timezone))
  if (day === undefined) throw new UsageError(cliWords.badDate(flag, written))
  return day
}

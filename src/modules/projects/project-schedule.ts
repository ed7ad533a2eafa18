// A project's schedule: a 5-field cron expression read in an IANA time zone (cron-parser does
// the calendar, daylight-saving changes included). Pure functions: the scheduler and the
// service compute `nextRunAt` and the shortest interval between runs the same way.
import { CronExpressionParser } from 'cron-parser';

export class ScheduleError extends Error {
  constructor(
    readonly field: 'schedule' | 'timezone',
    message: string,
  ) {
    super(message);
  }
}

/** How many upcoming runs are looked at to find the shortest interval of a schedule. */
const INTERVAL_SAMPLE = 400;

export function validTimezone(timezone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: timezone }).resolvedOptions().timeZone;
  } catch {
    throw new ScheduleError('timezone', `${timezone} is not an IANA time zone (e.g. "UTC", "Europe/Paris")`);
  }
}

function parse(schedule: string, timezone: string, after: Date) {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new ScheduleError(
      'schedule',
      'schedule must be a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 6 * * 1"',
    );
  }
  try {
    return CronExpressionParser.parse(fields.join(' '), { currentDate: after, tz: timezone, strict: false });
  } catch (error) {
    throw new ScheduleError(
      'schedule',
      `schedule is not a valid cron expression: ${(error as Error).message}`,
    );
  }
}

/** The first run strictly after `after`. */
export function nextRun(schedule: string, timezone: string, after: Date): Date {
  return parse(schedule, timezone, after).next().toDate();
}

/**
 * The shortest time between two consecutive runs, in minutes, over the next runs: the
 * schedule's own cadence, read in UTC, so that a daily schedule stays daily when a time zone's
 * clock change makes one of its days 23 hours long.
 */
export function shortestIntervalMinutes(schedule: string, from: Date): number {
  const expression = parse(schedule, 'UTC', from);
  let previous = expression.next().toDate().getTime();
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < INTERVAL_SAMPLE && expression.hasNext(); i++) {
    const next = expression.next().toDate().getTime();
    shortest = Math.min(shortest, next - previous);
    previous = next;
  }
  return shortest / 60_000;
}

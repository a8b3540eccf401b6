/** Length of the RDS backup window this library asks for, in minutes (the RDS minimum). */
export const BACKUP_WINDOW_MINUTES = 30;

const DAY = 24 * 60;
const WEEK = 7 * DAY;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const HHMM = '([01][0-9]|2[0-3]):([0-5][0-9])';
const MAINTENANCE = new RegExp(`^(${DAYS.join('|')}):${HHMM}-(${DAYS.join('|')}):${HHMM}$`);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * The RDS `preferredBackupWindow` (`hh24:mi-hh24:mi`, UTC) that starts at `startTime` (`HH:MM`, already
 * validated) and lasts 30 minutes, wrapping past midnight (`23:45` → `23:45-00:15`).
 */
export function backupWindow(startTime: string): string {
  const start = minutesOf(startTime);
  const end = (start + BACKUP_WINDOW_MINUTES) % DAY;
  return `${startTime}-${pad(Math.floor(end / 60))}:${pad(end % 60)}`;
}

/** A weekly window as minutes from Monday 00:00 UTC. */
export interface WeeklyWindow {
  /** Start, in minutes from Monday 00:00. */
  readonly start: number;
  /** Length in minutes. */
  readonly minutes: number;
}

/** Parses `ddd:hh24:mi-ddd:hh24:mi`; undefined when the syntax is wrong or the window is empty. */
export function parseMaintenanceWindow(window: string): WeeklyWindow | undefined {
  const m = MAINTENANCE.exec(window);
  if (!m) return undefined;
  const start = DAYS.indexOf(m[1]) * DAY + Number(m[2]) * 60 + Number(m[3]);
  const end = DAYS.indexOf(m[4]) * DAY + Number(m[5]) * 60 + Number(m[6]);
  const minutes = (end - start + WEEK) % WEEK;
  return minutes === 0 ? undefined : { start, minutes };
}

/** Whether a weekly window overlaps the daily backup window that starts at `startTime` (`HH:MM`) on any day. */
export function overlapsDailyWindow(weekly: WeeklyWindow, startTime: string): boolean {
  const daily = minutesOf(startTime);
  for (let day = 0; day < 7; day++) {
    const start = day * DAY + daily;
    // Two windows on the week's circle overlap when either starts inside the other.
    if ((start - weekly.start + WEEK) % WEEK < weekly.minutes || (weekly.start - start + WEEK) % WEEK < BACKUP_WINDOW_MINUTES) {
      return true;
    }
  }
  return false;
}

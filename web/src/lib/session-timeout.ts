/**
 * When an agency lead's session ends, as the page can tell (ADR 0004): 30 minutes after the last call to
 * the API, and 8 hours after signing in whatever the activity. The page never sees the session (an HttpOnly
 * cookie), so it counts from its own calls, erring early: the API refreshes the idle timer at most once a
 * minute, so a call may leave the session's last activity up to a minute before it. "Stay signed in"
 * answers the exact times.
 */
export const IDLE_SECONDS = 30 * 60;
/** How far the API's record of the last activity may lag the last call. */
export const TOUCH_SLACK_SECONDS = 60;
/** The warning comes this long before the lead is signed out (WCAG 2.2.1 asks for at least 20 seconds). */
export const WARN_SECONDS = 2 * 60;
/** What was typed is saved and the lead signed out this long before the end, while the session still works. */
export const SAVE_MARGIN_SECONDS = 15;
/** While the lead types without anything reaching the API, the page keeps the session alive this often. */
export const KEEP_ALIVE_SECONDS = 5 * 60;

/** Epoch milliseconds: when the session ends without activity, and whatever the activity (when known). */
export interface SessionClock {
  endsAt: number;
  absoluteEndsAt?: number | undefined;
}

/** What "Stay signed in" answers (the API's AgencySessionTimes). */
export interface SessionTimes {
  idleTimeoutSeconds: number;
  idleExpiresInSeconds: number;
  expiresInSeconds: number;
}

const capped = (endsAt: number, absoluteEndsAt: number | undefined): SessionClock => ({
  endsAt: absoluteEndsAt === undefined ? endsAt : Math.min(endsAt, absoluteEndsAt),
  absoluteEndsAt,
});

/** After signing in: the verify answer says how long the session may last at most. */
export const afterSignIn = (at: number, expiresInSeconds: number): SessionClock =>
  capped(at + (IDLE_SECONDS - TOUCH_SLACK_SECONDS) * 1000, at + expiresInSeconds * 1000);

/** After any other answer from the API with the session: its idle timer restarted, within a minute. */
export const afterActivity = (clock: SessionClock | undefined, at: number): SessionClock =>
  capped(at + (IDLE_SECONDS - TOUCH_SLACK_SECONDS) * 1000, clock?.absoluteEndsAt);

/** After "Stay signed in": the API's own times, counted from when its answer came. */
export const afterExtend = (at: number, times: SessionTimes): SessionClock => ({
  endsAt: at + times.idleExpiresInSeconds * 1000,
  absoluteEndsAt: at + times.expiresInSeconds * 1000,
});

export type SessionPhase =
  | { kind: 'active' }
  /** `final`: the 8-hour end is what comes, so staying signed in cannot put it off. */
  | { kind: 'warning'; secondsLeft: number; final: boolean }
  | { kind: 'timed-out' };

/** Where the session stands at `now`: the seconds left count to when the page signs the lead out. */
export function phaseAt(clock: SessionClock, now: number): SessionPhase {
  const signOutAt = clock.endsAt - SAVE_MARGIN_SECONDS * 1000;
  const secondsLeft = Math.ceil((signOutAt - now) / 1000);
  if (secondsLeft <= 0) return { kind: 'timed-out' };
  if (secondsLeft > WARN_SECONDS) return { kind: 'active' };
  return {
    kind: 'warning',
    secondsLeft,
    final: clock.absoluteEndsAt !== undefined && clock.absoluteEndsAt <= clock.endsAt,
  };
}

/** Whether typing on the page should keep the session alive now: it has not reached the API for a while. */
export const keepAliveDue = (lastCallAt: number, lastInputAt: number | undefined, now: number): boolean =>
  lastInputAt !== undefined && lastInputAt > lastCallAt && now - lastCallAt >= KEEP_ALIVE_SECONDS * 1000;

/** "2 minutes", "1 minute 5 seconds", "40 seconds": the countdown as it is shown. */
export function describeTimeLeft(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (!minutes) return part(rest, 'second');
  return rest ? `${part(minutes, 'minute')} ${part(rest, 'second')}` : part(minutes, 'minute');
}

/**
 * The countdown as a screen reader is told it: every second would drown the page, so whole minutes, then
 * every 20 seconds (as GOV.UK services' timeout warnings do).
 */
export function announcedTimeLeft(seconds: number): string {
  if (seconds > 60) return describeTimeLeft(Math.ceil(seconds / 60) * 60);
  return describeTimeLeft(Math.max(20, Math.ceil(seconds / 20) * 20));
}

import type { IsoDate } from './calendar';

/**
 * The Rapid Review meeting's window (working days 10–13 by the flowchart, 7–13 by §4.4.2: configured per
 * partnership) and whether a date falls outside it. Pure, so that the API and the pages judge it alike.
 */
export interface MeetingWindow {
  from: IsoDate;
  to: IsoDate;
}

export function meetingWindowOf(
  milestones: readonly { key: string; due: string; from?: string }[],
): MeetingWindow | undefined {
  const meeting = milestones.find((m) => m.key === 'meeting');
  return meeting ? { from: (meeting.from ?? meeting.due) as IsoDate, to: meeting.due as IsoDate } : undefined;
}

/** 'before' or 'after' the window when the date is outside it; undefined inside it, or with no window. */
export function outsideMeetingWindow(
  milestones: readonly { key: string; due: string; from?: string }[],
  date: string,
): 'before' | 'after' | undefined {
  const window = meetingWindowOf(milestones);
  if (!window) return undefined;
  if (date < window.from) return 'before';
  if (date > window.to) return 'after';
  return undefined;
}

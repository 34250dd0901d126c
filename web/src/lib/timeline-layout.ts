import { calendarDaysBetween, formatDateShort } from './dates';
import { MILESTONE_SHORT } from './labels';

/**
 * Where the statutory timeline's words go. Milestones can sit days apart on an axis scaled in months (a
 * Rapid Review seen long after day 0, or an agency referral's two dates), so each label is placed on the
 * first row where it overlaps nothing already there, by an estimate of its width. Pure, so it is tested.
 */

export type Anchor = 'start' | 'middle' | 'end';

/** Average advance of a character as a share of the font size: generous, so that an estimate errs wide. */
const CHAR_EM = { label: 0.6, date: 0.56 } as const;

/** The font sizes the timeline's styles give its labels (bold) and dates, in the SVG's own units. */
export const TIMELINE_FONT = { label: 16, date: 14 } as const;

/** An estimate of the width of a text, halo included, in the SVG's units. */
export function textWidth(text: string, kind: keyof typeof CHAR_EM): number {
  return text.length * TIMELINE_FONT[kind] * CHAR_EM[kind] + 4;
}

/** Centred on its point unless that would cut it at the edge of the drawing: then it runs inwards. */
export function anchorFor(x: number, width: number, drawingWidth: number): Anchor {
  if (x - width / 2 < 0) return 'start';
  if (x + width / 2 > drawingWidth) return 'end';
  return 'middle';
}

/** The left and right ends of a text drawn at x with that anchor. */
export function extent(x: number, width: number, anchor: Anchor): [number, number] {
  if (anchor === 'start') return [x, x + width];
  if (anchor === 'end') return [x - width, x];
  return [x - width / 2, x + width / 2];
}

export interface PlacedText {
  x: number;
  width: number;
  anchor: Anchor;
  /** 0 is the row nearest the axis. */
  row: number;
}

/**
 * Gives each text the first row, counted from the axis, where it clears every text already there by
 * `gap`. Texts are placed from left to right, which needs no more rows than the most texts that overlap
 * at any one point. Returned in the order given.
 */
export function stackTexts(
  texts: readonly { x: number; width: number }[],
  drawingWidth: number,
  gap = 10,
): PlacedText[] {
  const placed = texts.map((t) => {
    const anchor = anchorFor(t.x, t.width, drawingWidth);
    return { ...t, anchor, span: extent(t.x, t.width, anchor), row: 0 };
  });
  const order = placed.map((_, i) => i).sort((a, b) => placed[a]!.span[0] - placed[b]!.span[0] || a - b);
  /** The right end of the last text on each row. */
  const rowEnds: number[] = [];
  for (const i of order) {
    const text = placed[i]!;
    let row = rowEnds.findIndex((end) => end + gap <= text.span[0]);
    if (row === -1) row = rowEnds.length;
    rowEnds[row] = text.span[1];
    text.row = row;
  }
  return placed.map(({ x, width, anchor, row }) => ({ x, width, anchor, row }));
}

/** Whether any two texts on the same row overlap: what the layout is for never to happen. */
export function overlaps(texts: readonly PlacedText[]): boolean {
  return texts.some((a, i) =>
    texts.some((b, j) => {
      if (j <= i || a.row !== b.row) return false;
      const [al, ar] = extent(a.x, a.width, a.anchor);
      const [bl, br] = extent(b.x, b.width, b.anchor);
      return al < br && bl < ar;
    }),
  );
}

/** The drawing's geometry, in the SVG's units. */
export const TIMELINE = {
  width: 960,
  left: 60,
  right: 60,
  /** Baseline of the label row farthest from the axis when there are two rows. */
  topLabel: 37,
  labelRow: 19,
  dateRow: 17,
} as const;

export interface TimelinePoint {
  key: string;
  x: number;
  label: string;
  date: string;
  labelAt: PlacedText;
  dateAt: PlacedText;
}

export interface TimelineLayout {
  /** Where a date falls on the axis. */
  x: (date: string) => number;
  /** Day 0 first, then each milestone in the order given. */
  points: TimelinePoint[];
  axisY: number;
  height: number;
  labelY: (row: number) => number;
  dateY: (row: number) => number;
}

/**
 * Day 0 and each milestone on an axis from day 0 to the later of the last milestone and `now` (today, or
 * the day a closed case closed), with its label stacked above the axis and its date below.
 */
export function layoutTimeline(input: {
  day0: string;
  /** `at`: a day within a window the case has fixed (the meeting planned or held), placed and dated there. */
  milestones: readonly {
    key: string;
    label: string;
    due: string;
    from?: string;
    at?: { date: string; word: string };
  }[];
  now: string;
}): TimelineLayout {
  const { day0, milestones, now } = input;
  const { width, left, right, topLabel, labelRow, dateRow } = TIMELINE;
  const last = milestones.reduce((max, m) => [m.due, m.at?.date ?? m.due].reduce((a, b) => (b > a ? b : a), max), day0);
  const end = now > last ? now : last;
  const span = Math.max(calendarDaysBetween(day0, end), 1);
  const x = (date: string) => left + (calendarDaysBetween(day0, date) / span) * (width - left - right);
  const raw = [
    { key: 'day0', x: left, label: 'Day 0', date: formatDateShort(day0) },
    ...milestones.map((m) => ({
      key: m.key,
      x: m.at ? x(m.at.date) : m.from ? (x(m.from) + x(m.due)) / 2 : x(m.due),
      label: MILESTONE_SHORT[m.key] ?? m.label,
      date: m.at
        ? `${m.at.word} ${formatDateShort(m.at.date)}`
        : m.from
          ? `${formatDateShort(m.from)} – ${formatDateShort(m.due)}`
          : formatDateShort(m.due),
    })),
  ];
  const labels = stackTexts(
    raw.map((p) => ({ x: p.x, width: textWidth(p.label, 'label') })),
    width,
  );
  const dates = stackTexts(
    raw.map((p) => ({ x: p.x, width: textWidth(p.date, 'date') })),
    width,
  );
  const points = raw.map((p, i) => ({ ...p, labelAt: labels[i]!, dateAt: dates[i]! }));
  const labelRows = Math.max(2, ...labels.map((l) => l.row + 1));
  const dateRows = Math.max(2, ...dates.map((d) => d.row + 1));
  const axisY = topLabel + 20 + (labelRows - 1) * labelRow;
  return {
    x,
    points,
    axisY,
    height: axisY + 32 + (dateRows - 1) * dateRow + 39,
    labelY: (row) => axisY - 20 - row * labelRow,
    dateY: (row) => axisY + 32 + row * dateRow,
  };
}

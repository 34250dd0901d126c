import { spanOf } from '../../../functions/domain/chronology/fuzzy-date';
import { calendarDaysBetween } from './dates';
import { parseFuzzyDate } from './fuzzy';
import type { ChronologyDate, ChronologyEntry, ChronologyGap, Dated, MergedChronology } from './types';

/** The fuzzy date of an entry or source, from the API's flat fields. */
export const dateOfDated = (dated: Dated): ChronologyDate => ({
  value: dated.date,
  precision: dated.datePrecision,
  approximate: dated.approximate,
});

/**
 * The multi-agency chronology as the business office reads it (§8.4.3): filters, gaps in their place,
 * and the layout of the timeline picture. Pure, so the rules are tested without a browser.
 */
export interface AgencyKey {
  agencyId: string;
  agencyName: string;
  /** The agency's lane in the picture, and its marker shape: told apart without colour. */
  index: number;
  events: number;
}

export const MARKERS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'] as const;
export type Marker = (typeof MARKERS)[number];
export const markerOf = (index: number): Marker => MARKERS[index % MARKERS.length] as Marker;

/** Every agency with a row in the chronology, by name. */
export function agenciesOf(chronology: Pick<MergedChronology, 'entries'>): AgencyKey[] {
  const counts = new Map<string, { name: string; events: number }>();
  for (const entry of chronology.entries) {
    for (const source of entry.sources) {
      const known = counts.get(source.agencyId) ?? { name: source.agencyName, events: 0 };
      known.events += 1;
      counts.set(source.agencyId, known);
    }
  }
  return [...counts]
    .sort((a, b) => a[1].name.localeCompare(b[1].name))
    .map(([agencyId, { name, events }], index) => ({ agencyId, agencyName: name, index, events }));
}

export interface ChronologyFilters {
  agencyId: string;
  /** Typed like a chronology date ("2019", "May 2019"); blank for no limit. */
  from: string;
  to: string;
  groupedOnly: boolean;
  factOrOpinion: '' | 'fact' | 'opinion';
}

export const NO_FILTERS: ChronologyFilters = { agencyId: '', from: '', to: '', groupedOnly: false, factOrOpinion: '' };

/** The days a typed limit covers: "2019" from 1 January, or to 31 December. */
export function readLimit(text: string, end: 'start' | 'end'): { iso?: string; problem?: string } {
  if (!text.trim()) return {};
  const parsed = parseFuzzyDate(text);
  if (!parsed.ok) return { problem: parsed.message };
  return { iso: spanOf(parsed.date)[end] };
}

const entrySpan = (entry: ChronologyEntry) => spanOf(dateOfDated(entry));

/** The entries the filters let through, in chronology order. An entry matches if any of its sources does. */
export function filterEntries(entries: readonly ChronologyEntry[], filters: ChronologyFilters): ChronologyEntry[] {
  const from = readLimit(filters.from, 'start').iso;
  const to = readLimit(filters.to, 'end').iso;
  return entries.filter((entry) => {
    if (filters.agencyId && !entry.sources.some((s) => s.agencyId === filters.agencyId)) return false;
    if (filters.groupedOnly && entry.grouping === 'single') return false;
    if (filters.factOrOpinion && !entry.sources.some((s) => s.factOrOpinion === filters.factOrOpinion)) return false;
    const span = entrySpan(entry);
    if (from && span.end < from) return false;
    if (to && span.start > to) return false;
    return true;
  });
}

export type TableItem = { kind: 'entry'; entry: ChronologyEntry } | { kind: 'gap'; gap: ChronologyGap };

/**
 * Entries with the gaps in their place: a gap comes after the last entry that starts on or before its
 * first day. Gaps are about every agency, so they are shown only while no agency or fact/opinion filter is
 * set, and only within the dates shown.
 */
export function withGaps(
  entries: readonly ChronologyEntry[],
  gaps: readonly ChronologyGap[],
  filters: ChronologyFilters,
): TableItem[] {
  const from = readLimit(filters.from, 'start').iso;
  const to = readLimit(filters.to, 'end').iso;
  const shown =
    filters.agencyId || filters.factOrOpinion || filters.groupedOnly
      ? []
      : gaps.filter((g) => (!from || g.to >= from) && (!to || g.from <= to));
  const items: TableItem[] = [];
  let next = 0;
  const sorted = [...shown].sort((a, b) => a.from.localeCompare(b.from));
  for (const entry of entries) {
    while (next < sorted.length && (sorted[next] as ChronologyGap).from < entry.sortDate) {
      items.push({ kind: 'gap', gap: sorted[next] as ChronologyGap });
      next += 1;
    }
    items.push({ kind: 'entry', entry });
  }
  for (; next < sorted.length; next += 1) items.push({ kind: 'gap', gap: sorted[next] as ChronologyGap });
  return items;
}

// ---------- the timeline picture ----------

export interface TimelineMark {
  entryId: string;
  agencyIndex: number;
  /** Centre of the marker; `x2` is the end of an imprecise date's span (a month, a year). */
  x: number;
  x2: number;
  y: number;
  /** Imprecise (month or year) or approximate: drawn hollow, with its span. */
  approximate: boolean;
}

export interface TimelineLayout {
  width: number;
  /** Where the lanes' lines start, right of their labels. */
  plotLeft: number;
  height: number;
  /** `label` is the name cut to the room left of the plot; the full name is the label's tooltip. */
  lanes: { agencyIndex: number; name: string; label: string; y: number }[];
  marks: TimelineMark[];
  /** Events several agencies recorded: a line joins their marks. */
  links: { entryId: string; x: number; y1: number; y2: number; confirmed: boolean }[];
  /** `labelled`: its day count is written under it (when it clears the label before it). */
  gaps: { x1: number; x2: number; days: number; text: string; labelled: boolean }[];
  ticks: { x: number; label: string }[];
  from: string;
  to: string;
}

export interface LayoutOptions {
  width?: number;
  left?: number;
  /** Room between the lane labels and the earliest mark, so a mark at the very start never touches a label. */
  inset?: number;
  right?: number;
  laneHeight?: number;
  top?: number;
}

/** Agencies in lanes, time across, gaps shaded: one picture of the whole chronology. */
export function layoutTimeline(
  chronology: Pick<MergedChronology, 'entries' | 'gaps'>,
  agencies: readonly AgencyKey[],
  options: LayoutOptions = {},
): TimelineLayout {
  const width = options.width ?? 960;
  const left = options.left ?? 240;
  const inset = options.inset ?? 12;
  const right = options.right ?? 24;
  const laneHeight = options.laneHeight ?? 44;
  const top = options.top ?? 24;
  const spans = chronology.entries.flatMap((e) => e.sources.map((s) => spanOf(dateOfDated(s))));
  const from = spans.reduce((min, s) => (s.start < min ? s.start : min), spans[0]?.start ?? '2000-01-01');
  const to = spans.reduce((max, s) => (s.end > max ? s.end : max), spans[0]?.end ?? from);
  const days = Math.max(calendarDaysBetween(from, to), 1);
  const x = (iso: string) => left + inset + (calendarDaysBetween(from, iso) / days) * (width - left - inset - right);
  const laneOf = new Map(agencies.map((a) => [a.agencyId, a.index]));
  const yOf = (index: number) => top + laneHeight * index + laneHeight / 2;
  const marks: TimelineMark[] = [];
  const links: TimelineLayout['links'] = [];
  for (const entry of chronology.entries) {
    const ys: number[] = [];
    for (const source of entry.sources) {
      const index = laneOf.get(source.agencyId) ?? 0;
      const span = spanOf(dateOfDated(source));
      const y = yOf(index);
      ys.push(y);
      marks.push({
        entryId: entry.id,
        agencyIndex: index,
        x: x(span.start),
        x2: x(span.end),
        y,
        approximate: source.approximate || source.datePrecision !== 'day',
      });
    }
    if (entry.sources.length > 1)
      links.push({
        entryId: entry.id,
        x: x(entrySpan(entry).start),
        y1: Math.min(...ys),
        y2: Math.max(...ys),
        confirmed: entry.grouping === 'confirmed',
      });
  }
  const ticks = axisTicks(from, to, x, width - left - inset - right);
  return {
    width,
    plotLeft: left,
    height: top + laneHeight * Math.max(agencies.length, 1) + 40,
    lanes: agencies.map((a) => ({
      agencyIndex: a.index,
      name: a.agencyName,
      label: laneLabel(a.agencyName, left - LABEL_X - inset),
      y: yOf(a.index),
    })),
    marks,
    links,
    gaps: gapsWithLabels(chronology.gaps.map((g) => ({ x1: x(g.from), x2: x(g.to), days: g.days }))),
    ticks,
    from,
    to,
  };
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Room each tick label needs on the axis: "Sep 2025" in 13px text, with space either side. */
export const TICK_ROOM = 76;

/** Months between ticks, finest first: a month, a quarter, half a year, then 1, 2, 5, 10 and 20 years. */
const TICK_STEPS = [1, 3, 6, 12, 24, 60, 120, 240];

/**
 * The axis's dates, as fine as the room allows: months ("Mar 2026") for a chronology of months, quarters or
 * half years for a year or two, years ("2019") for a long one. Ticks fall on the first day of a month (of a
 * year, for years) from `from` to `to`, the first day included; a chronology within one month gets its first
 * date instead, so the axis always says when.
 */
export function axisTicks(
  from: string,
  to: string,
  x: (iso: string) => number,
  room: number,
): { x: number; label: string }[] {
  const most = Math.max(2, Math.floor(room / TICK_ROOM));
  const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const first = monthOf(from) + (from.slice(8, 10) === '01' ? 0 : 1);
  const last = monthOf(to);
  const step = TICK_STEPS.find((months) => Math.floor(last / months) - Math.ceil(first / months) + 1 <= most) ?? 240;
  const ticks: { x: number; label: string }[] = [];
  for (let month = Math.ceil(first / step) * step; month <= last; month += step) {
    const year = Math.floor(month / 12);
    const iso = `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    ticks.push({ x: x(iso), label: step >= 12 ? String(year) : `${MONTH_NAMES[month % 12]} ${year}` });
  }
  if (ticks.length) return ticks;
  const day = Number(from.slice(8, 10));
  return [{ x: x(from), label: `${day} ${MONTH_NAMES[monthOf(from) % 12]} ${from.slice(0, 4)}` }];
}

/** Where lane labels start, and the width of a character of their bold 15px text, generously. */
export const LABEL_X = 28;
const LABEL_CHAR_WIDTH = 9;

/**
 * An agency's name, cut in the middle to fit `room` pixels: agencies of one council share their first words
 * ("Leicester City Council …"), so the end of the name, which tells them apart, is kept.
 */
export function laneLabel(name: string, room: number): string {
  const fits = Math.max(4, Math.floor(room / LABEL_CHAR_WIDTH));
  if (name.length <= fits) return name;
  const head = Math.ceil((fits - 1) * 0.45);
  return `${name.slice(0, head).trimEnd()}…${name.slice(name.length - (fits - 1 - head)).trimStart()}`;
}

/** The width of a character of the gap labels' 14px text, generously. */
const GAP_LABEL_CHAR_WIDTH = 8;

/**
 * Gaps with their day counts, each label shown only if it clears the label before it: neighbouring gaps'
 * labels would run into each other ("131 days234 days"). Every gap keeps its band and its tooltip.
 */
function gapsWithLabels(gaps: { x1: number; x2: number; days: number }[]) {
  let clearFrom = -Infinity;
  return gaps.map((gap) => {
    const text = `${gap.days} days`;
    const half = (text.length * GAP_LABEL_CHAR_WIDTH) / 2 + 4;
    const centre = (gap.x1 + gap.x2) / 2;
    const labelled = centre - half >= clearFrom;
    if (labelled) clearFrom = centre + half;
    return { ...gap, text, labelled };
  });
}

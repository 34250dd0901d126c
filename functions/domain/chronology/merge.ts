import { hash } from 'node:crypto';
import { addDays, parseIsoDate, type IsoDate } from '../calendar';
import type { ExpectedPractice } from '../model';
import { spanOf as spanOfDate, type FuzzyDate } from './fuzzy-date';
import { FloatList, IntList } from './int-list';
import { diceOfSorted, TermDictionary } from './similarity';

/**
 * The multi-agency chronology (§8.4.3): every agency's rows in one date order, each labelled with its
 * agency and source, events that several agencies recorded shown as one event with several sources, and
 * the periods with no agency contact.
 */

export interface SourceEntry {
  /** Stable across resubmissions: `${requestId}:${rowId}`. */
  entryId: string;
  agencyId: string;
  agencyName: string;
  date: FuzzyDate;
  /** HH:MM */
  time?: string;
  description: string;
  actionOutcome?: string;
  sourceRecord?: string;
  practitionerRole?: string;
  factOrOpinion: 'fact' | 'opinion';
  /** The agency's analysis of its own row, where the request asked for it. */
  expectedPractice?: ExpectedPractice;
  analysisComment?: string;
}

/**
 * The business office's word on grouping. 'confirm': these rows are one event. 'split': no two of these
 * rows are the same event. Keyed by source entry ids so that decisions outlive re-merges.
 */
export interface GroupingDecision {
  kind: 'confirm' | 'split';
  entryIds: string[];
  decidedAt: string;
  decidedBy: string;
}

export interface MergeOptions {
  /** Periods longer than this many days with no agency contact are reported as gaps. */
  gapDays: number;
  /** Rows this many days apart or closer may be suggested as one event; 1 means the same or the next day. */
  groupWindowDays?: number;
  /** Dice similarity (0..1] of descriptions from which rows are suggested as one event. */
  similarity?: number;
}

/**
 * A source of a merged entry is the agency's row itself (agency, entryId, source record, fact or opinion,
 * description, and its own date, time and outcome, which sources of one event may differ in). Shared with
 * the input, not copied: treat both as read-only.
 */
export type MergedSource = Readonly<SourceEntry>;

export interface MergedEntry {
  id: string;
  date: FuzzyDate;
  /** The start of the date's span: approximate dates are placed at the start and flagged. */
  sortDate: IsoDate;
  /** True when the date is approximate or not precise to the day. */
  approximate: boolean;
  time?: string;
  description: string;
  /** In chronology order; the first source gives the entry its date, time and description. */
  sources: MergedSource[];
  grouping: 'single' | 'suggested' | 'confirmed';
}

/** A period with no agency contact: the days after one contact's span ends and before the next starts. */
export interface Gap {
  /** The first day with no contact. */
  from: IsoDate;
  /** The last day with no contact. */
  to: IsoDate;
  /** How many days had no contact, `from` and `to` included. */
  days: number;
}

export interface MergeResult {
  entries: MergedEntry[];
  gaps: Gap[];
}

/** The ids and membership of an earlier merge, so that re-merging keeps the ids people have referred to. */
export interface PreviousMerge {
  entries: { id: string; sourceEntryIds: string[] }[];
}

/**
 * Calibrated in test/unit/chronology-similarity.test.ts on pairs of rows two agencies might record on the
 * same or the next day: the same event in two agencies' words (an A&E attendance, a strategy meeting, a
 * conference, an arrest) scores 0.40–0.89; different events (a home visit and a school absence, two missed
 * appointments) score at most 0.34. Rows must also be of different agencies within the day window, so a
 * threshold this low suggests few wrong groups; the office splits those it disagrees with.
 */
export const DEFAULT_SIMILARITY = 0.35;
export const DEFAULT_GROUP_WINDOW_DAYS = 1;

const EPOCH: IsoDate = '1900-01-01';
const DAY_MS = 86_400_000;
const EPOCH_MS = parseIsoDate(EPOCH).getTime();
const NO_TIME = 1440; // untimed rows follow the timed rows of the same day: the more precise first
const MINUTES = 1441;
const VALUE_LENGTH = [10, 7, 4]; // of 'YYYY-MM-DD', 'YYYY-MM', 'YYYY', by precision rank

/**
 * Merges agencies' chronologies. Pure and deterministic: the order of `entries` and of `decisions` does not
 * matter. Each row's entryId must be unique (it is `${requestId}:${rowId}` of the latest return): it is not
 * checked here, which would take a set of every entryId on every merge.
 */
export function merge(
  entries: readonly SourceEntry[],
  decisions: readonly GroupingDecision[],
  options: MergeOptions,
  previous?: PreviousMerge,
): MergeResult {
  const gapDays = options.gapDays;
  const windowDays = options.groupWindowDays ?? DEFAULT_GROUP_WINDOW_DAYS;
  const threshold = options.similarity ?? DEFAULT_SIMILARITY;
  if (!Number.isInteger(gapDays) || gapDays < 0) throw new RangeError('gapDays must be a whole number, 0 or more');
  if (!Number.isInteger(windowDays) || windowDays < 0) {
    throw new RangeError('groupWindowDays must be a whole number, 0 or more');
  }
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError('similarity must be above 0 and at most 1');

  const n = entries.length;
  // Only the rows the office has decided about need finding by entryId.
  const indexOf = new Map<string, number>();
  if (decisions.length > 0) {
    const decidedIds = new Set(decisions.flatMap((decision) => decision.entryIds));
    entries.forEach((entry, i) => {
      if (decidedIds.has(entry.entryId)) indexOf.set(entry.entryId, i);
    });
  }

  const keys = sortKeys(entries);
  const order = chronologicalOrder(entries, keys.key);
  const decided = applyDecisions(decisions, indexOf, order);
  const suggested = suggestGroups(entries, order, keys, decided, windowDays, threshold);

  // Each row's group: confirmed groups are numbered first, suggested ones after them by union-find root.
  // A group's entry takes the place of its earliest row. Places are worked out in date order with numbers
  // only; the entries are then made in input order, the order the rows most likely lie in memory (reading
  // the row objects in date order costs a cache miss per row).
  const confirmedNumber = new Map<Set<number>, number>();
  const slotOfGroup = new Int32Array(2 * n).fill(-1);
  const slotOf = new Int32Array(n);
  const leads = new Uint8Array(n); // 1: the earliest row of its entry; 2: of a confirmed group
  let slots = 0;
  for (let p = 0; p < n; p += 1) {
    const i = order[p] as number;
    const confirmed = decided.groupOf.size > 0 ? decided.groupOf.get(i) : undefined;
    let group: number;
    if (confirmed) {
      group = confirmedNumber.get(confirmed) ?? confirmedNumber.size;
      confirmedNumber.set(confirmed, group);
    } else group = n + suggested.find(i);
    let slot = slotOfGroup[group] as number;
    if (slot < 0) {
      slot = slots++;
      slotOfGroup[group] = slot;
      leads[i] = confirmed ? 2 : 1;
    }
    slotOf[i] = slot;
  }
  const placed = new Array<MergedEntry>(slots);
  for (let i = 0; i < n; i += 1) {
    const lead = leads[i] as number;
    if (lead === 0) continue;
    const entry = entries[i] as SourceEntry;
    const id = rowId(entry.entryId); // a group's id is settled below
    const sortDate = (keys.spanList[keys.spanOf[i] as number] as Span).start;
    const approximate = keys.exactDay[i] === 0;
    const grouping = lead === 2 ? 'confirmed' : 'single';
    const date = entry.date;
    const description = entry.description;
    const time = entry.time;
    // Two literals rather than adding `time` afterwards: objects of one shape are quicker to make and read.
    placed[slotOf[i] as number] =
      time === undefined
        ? { id, date, sortDate, approximate, description, sources: [entry], grouping }
        : { id, date, sortDate, approximate, time, description, sources: [entry], grouping };
  }
  // A packed array, without holes, for the caller.
  const merged: MergedEntry[] = [];
  for (let slot = 0; slot < slots; slot += 1) merged.push(placed[slot] as MergedEntry);
  // The other rows join their entries in date order; groups are listed as they gain their second row.
  const groups: MergedEntry[] = [];
  for (let p = 0; p < n; p += 1) {
    const i = order[p] as number;
    if (leads[i] !== 0) continue;
    const item = merged[slotOf[i] as number] as MergedEntry;
    if (item.sources.length === 1) groups.push(item);
    item.sources.push(entries[i] as SourceEntry);
    if (item.grouping === 'single') item.grouping = 'suggested';
  }

  assignGroupIds(merged, groups, previous);
  return { entries: merged, gaps: findGaps(order, keys, gapDays) };
}

interface Span {
  start: IsoDate;
  startDay: number;
  endDay: number;
}

interface SortKeys {
  /** Start day, precision, time and agency name packed into one number that orders like that tuple. */
  key: Float64Array;
  /** First and last day of each row's span. */
  day: Int32Array;
  endDay: Int32Array;
  /** Each row's span, as an index into `spanList` (the distinct spans): numbers, not n pointers. */
  spanOf: Int32Array;
  spanList: Span[];
  agency: Int32Array;
  /** 1 when the date is an exact day: only such rows are suggested as one event. */
  exactDay: Uint8Array;
}

/** Everything ordering and grouping need from a row, read once and in input order (the order in memory). */
function sortKeys(entries: readonly SourceEntry[]): SortKeys {
  const n = entries.length;
  // Few distinct dates and agencies among many rows: work each out once.
  const spanCache = new Map<string, number>();
  const spanList: Span[] = [];
  const agencyIds = new Map<string, number>();
  const nameIds = new Map<string, number>();
  const nameOf = new Int32Array(n);
  const partial = new Float64Array(n);
  const day = new Int32Array(n);
  const endDay = new Int32Array(n);
  const spanOf = new Int32Array(n);
  const agency = new Int32Array(n);
  const exactDay = new Uint8Array(n);
  let lastAgencyId: string | undefined;
  let lastAgency = 0;
  let lastName: string | undefined;
  let lastNameNumber = 0;
  for (let i = 0; i < n; i += 1) {
    const entry = entries[i] as SourceEntry;
    const date = entry.date;
    // The shape of the value gives its precision, so the value alone keys the cache.
    // PRECISION_RANK, written out: comparing strings is cheaper than a keyed lookup on every row.
    const rank = date.precision === 'day' ? 0 : date.precision === 'month' ? 1 : date.precision === 'year' ? 2 : -1;
    if (date.value.length !== VALUE_LENGTH[rank]) {
      throw new RangeError(`entry ${entry.entryId}: date ${date.value} does not match its precision`);
    }
    let s = spanCache.get(date.value);
    if (s === undefined) {
      try {
        const { start, end } = spanOfDate(date);
        const startDay = dayNumber(start);
        spanList.push({ start, startDay, endDay: end === start ? startDay : dayNumber(end) });
      } catch {
        throw new RangeError(`entry ${entry.entryId}: ${date.value} is not a real date`);
      }
      s = spanList.length - 1;
      spanCache.set(date.value, s);
    }
    const span = spanList[s] as Span;
    spanOf[i] = s;
    day[i] = span.startDay;
    endDay[i] = span.endDay;
    exactDay[i] = date.precision === 'day' && !date.approximate ? 1 : 0;
    // An agency's rows usually come together: compare with the previous row's before looking up.
    if (entry.agencyId !== lastAgencyId) {
      lastAgencyId = entry.agencyId;
      lastAgency = agencyIds.get(lastAgencyId) ?? agencyIds.size;
      agencyIds.set(lastAgencyId, lastAgency);
    }
    agency[i] = lastAgency;
    if (entry.agencyName !== lastName) {
      lastName = entry.agencyName;
      lastNameNumber = nameIds.get(lastName) ?? nameIds.size;
      nameIds.set(lastName, lastNameNumber);
    }
    nameOf[i] = lastNameNumber;
    const minutes = entry.time === undefined ? NO_TIME : minutesOf(entry.time, entry.entryId);
    partial[i] = (span.startDay * 3 + rank) * MINUTES + minutes;
  }
  const names = [...nameIds.keys()];
  const byName = names.map((_, k) => k).sort((a, b) => ((names[a] as string) < (names[b] as string) ? -1 : 1));
  const nameRank = new Int32Array(names.length);
  byName.forEach((k, rank) => (nameRank[k] = rank));
  const key = partial;
  for (let i = 0; i < n; i += 1) {
    key[i] = (partial[i] as number) * names.length + (nameRank[nameOf[i] as number] as number);
  }
  return { key, day, endDay, spanOf, spanList, agency, exactDay };
}

/** Days since 1 January 1900 (negative before it). */
function dayNumber(date: IsoDate): number {
  return Math.round((parseIsoDate(date).getTime() - EPOCH_MS) / DAY_MS);
}

const digit = (text: string, at: number) => {
  const c = text.charCodeAt(at) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

function minutesOf(time: string, entryId: string): number {
  const hours = digit(time, 0) * 10 + digit(time, 1);
  const minutes = digit(time, 3) * 10 + digit(time, 4);
  // NaN (not a digit) fails every comparison, so `!(… <= …)` catches it.
  if (time.length !== 5 || time.charCodeAt(2) !== 58 || !(hours <= 23) || !(minutes <= 59)) {
    throw new RangeError(`entry ${entryId}: time must be HH:MM`);
  }
  return hours * 60 + minutes;
}

/**
 * Rows in order of their sort keys, then entryId. Sorting plain numbers natively is several times faster
 * than sorting with a comparator, so each row's key is packed with the row's index (key · n + index) into
 * one exact double; only rows with equal keys then need their entryIds compared.
 */
function chronologicalOrder(entries: readonly SourceEntry[], key: Float64Array): Uint32Array {
  const n = entries.length;
  let min = Infinity;
  let max = -Infinity;
  for (const value of key) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const packed = new Float64Array(n);
  // Keys are whole numbers: when their range times n fits in a double exactly, pack them directly.
  if ((max - min + 1) * n < Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i += 1) packed[i] = ((key[i] as number) - min) * n + i;
  } else {
    // Centuries of dates with many agencies: pack ranks among the distinct keys instead.
    const distinct = Float64Array.from(key).sort();
    let count = 0;
    for (let i = 0; i < n; i += 1) {
      if (i === 0 || distinct[i] !== distinct[count - 1]) distinct[count++] = distinct[i] as number;
    }
    for (let i = 0; i < n; i += 1) {
      const value = key[i] as number;
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((distinct[mid] as number) < value) low = mid + 1;
        else high = mid;
      }
      packed[i] = low * n + i;
    }
  }
  packed.sort();
  const order = new Uint32Array(n);
  const byEntryId = (a: number, b: number) => {
    const x = (entries[a] as SourceEntry).entryId;
    const y = (entries[b] as SourceEntry).entryId;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  for (let p = 0; p < n;) {
    const rank = Math.floor((packed[p] as number) / n);
    let end = p;
    while (end < n && Math.floor((packed[end] as number) / n) === rank) {
      order[end] = (packed[end] as number) - rank * n;
      end += 1;
    }
    // Most ties are two rows: order them in place rather than set up a sort.
    if (end - p === 2) {
      const a = order[p] as number;
      const b = order[p + 1] as number;
      if (byEntryId(a, b) > 0) {
        order[p] = b;
        order[p + 1] = a;
      }
    } else if (end - p > 2) order.subarray(p, end).sort(byEntryId);
    p = end;
  }
  return order;
}

interface Decided {
  /** Confirmed groups: every member maps to the same Set. */
  groupOf: Map<number, Set<number>>;
  /** Pairs the office has split, both ways round. */
  apart: Map<number, Set<number>>;
}

/**
 * Replays the decisions oldest first, so the latest word on a pair wins (a confirm after a split of the
 * same rows rejoins them). Rows no longer in the chronology are left out of each decision.
 */
function applyDecisions(
  decisions: readonly GroupingDecision[],
  indexOf: Map<string, number>,
  order: Uint32Array,
): Decided {
  const groupOf = new Map<number, Set<number>>();
  const apart = new Map<number, Set<number>>();
  if (indexOf.size < 2) return { groupOf, apart };
  const position = new Uint32Array(order.length);
  order.forEach((i, p) => (position[i] = p));
  const link = (a: number, b: number, on: boolean) => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let set = apart.get(x);
      if (on) {
        if (!set) apart.set(x, (set = new Set()));
        set.add(y);
      } else set?.delete(y);
    }
  };

  const replay = decisions
    .map((decision) => ({ decision, ids: [...new Set(decision.entryIds)].sort() }))
    .sort((a, b) => {
      const x = a.decision;
      const y = b.decision;
      if (x.decidedAt !== y.decidedAt) return x.decidedAt < y.decidedAt ? -1 : 1;
      // At the same instant a split wins, as it does over any suggestion.
      if (x.kind !== y.kind) return x.kind === 'confirm' ? -1 : 1;
      const p = a.ids.join('\n');
      const q = b.ids.join('\n');
      return p < q ? -1 : p > q ? 1 : 0;
    });

  for (const { decision, ids } of replay) {
    const rows = ids.flatMap((id) => {
      const i = indexOf.get(id);
      return i === undefined ? [] : [i];
    });
    if (rows.length < 2) continue;
    if (decision.kind === 'confirm') {
      const group = new Set<number>();
      for (const row of rows) for (const member of groupOf.get(row) ?? [row]) group.add(member);
      for (const member of group) groupOf.set(member, group);
      for (const a of group) for (const b of group) if (a < b) link(a, b, false);
    } else {
      for (const a of rows) for (const b of rows) if (a < b) link(a, b, true);
      // Within each confirmed group, the earliest of the split rows stays; the others leave it.
      const chronological = [...rows].sort((a, b) => (position[a] as number) - (position[b] as number));
      const kept = new Set<Set<number>>();
      for (const row of chronological) {
        const group = groupOf.get(row);
        if (!group) continue;
        if (!kept.has(group)) {
          kept.add(group);
          continue;
        }
        group.delete(row);
        groupOf.delete(row);
      }
    }
  }
  for (const [row, group] of groupOf) if (group.size < 2) groupOf.delete(row);
  return { groupOf, apart };
}

interface UnionFind {
  find(i: number): number;
}

/**
 * Suggests rows of different agencies as one event: day-precise, exact dates at most `windowDays` apart,
 * descriptions at least `threshold` alike. Rows in a confirmed group stay as the office decided.
 *
 * Finding pairs: only rows that share one of their rarest terms are compared (prefix filtering). When
 * Dice ≥ t, the Jaccard index is ≥ τ = t / (2 − t), and two term sets that alike always share a term among
 * the first |x| − ⌈τ·|x|⌉ + 1 of each, terms taken rarest first. With the day window this keeps the work
 * near linear in the number of rows while still finding every pair above the threshold.
 *
 * Grouping: pairs are joined most alike first (average linkage: a join needs the rows of the two sides
 * to be, on average, as alike as the threshold, so one shared phrase cannot chain different events). A
 * join is refused when it would put two rows of one agency together, stretch the event beyond the
 * window, or join rows the office has split.
 */
function suggestGroups(
  entries: readonly SourceEntry[],
  order: Uint32Array,
  keys: SortKeys,
  decided: Decided,
  windowDays: number,
  threshold: number,
): UnionFind {
  const n = entries.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i += 1) parent[i] = i;
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] as number;
    for (let at = i; at !== root;) {
      const next = parent[at] as number;
      parent[at] = root;
      at = next;
    }
    return root;
  };

  // Candidate rows, k = 0.. in chronology order.
  const all = new Int32Array(n);
  let m = 0;
  for (let p = 0; p < n; p += 1) {
    const i = order[p] as number;
    if (keys.exactDay[i] === 1 && (decided.groupOf.size === 0 || !decided.groupOf.has(i))) all[m++] = i;
  }
  const candidates = all.subarray(0, m);
  if (m < 2) return { find };
  const day = new Int32Array(m);
  const agency = new Int32Array(m);
  candidates.forEach((i, k) => {
    day[k] = keys.day[i] as number;
    agency[k] = keys.agency[i] as number;
  });

  // Terms of every candidate row, renumbered rarest first so that a row's prefix is its first terms. Rows
  // are read in input order, the order their text most likely lies in memory; row k's terms are at
  // starts[k]..ends[k].
  const kOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k += 1) kOf[candidates[k] as number] = k;
  const dictionary = new TermDictionary();
  const collected = new IntList(m * 16); // about the terms of a row; grows if rows are longer
  const starts = new Int32Array(m);
  const ends = new Int32Array(m);
  for (let i = 0; i < n; i += 1) {
    const k = kOf[i] as number;
    if (k < 0) continue;
    starts[k] = collected.length;
    dictionary.collect((entries[i] as SourceEntry).description, collected);
    ends[k] = collected.length;
  }
  // Renumber in place: `terms` shares the collected list's memory.
  const terms = collected.view();
  const frequency = new Int32Array(dictionary.size);
  for (const term of terms) frequency[term] = (frequency[term] as number) + 1;
  const byRarity = new Int32Array(dictionary.size);
  for (let t = 0; t < byRarity.length; t += 1) byRarity[t] = t;
  byRarity.sort((a, b) => (frequency[a] as number) - (frequency[b] as number) || a - b);
  const rank = new Int32Array(dictionary.size);
  for (let r = 0; r < byRarity.length; r += 1) rank[byRarity[r] as number] = r;
  for (let t = 0; t < terms.length; t += 1) terms[t] = rank[terms[t] as number] as number;
  for (let k = 0; k < m; k += 1) sortRange(terms, starts[k] as number, ends[k] as number);
  const similarity = (x: number, y: number) =>
    diceOfSorted(terms, starts[x] as number, ends[x] as number, starts[y] as number, ends[y] as number);

  // Sweep in date order. Each term's postings (the rows whose prefix holds it, with the term's position
  // among their terms) form a list linked newest first. Postings are numbered as written and kept in a
  // ring that holds those of the rows still within the window, so memory follows the window's size, not
  // the case's; walking a list stops at the first posting of a row that has left the window.
  const tau = threshold / (2 - threshold);
  const latest = new Int32Array(dictionary.size).fill(-1);
  const firstPosting = new Int32Array(m);
  let capacity = 1024;
  let ring = new Int32Array(3 * capacity); // row, position, number of the next older posting
  let total = 0;
  let oldest = 0;
  const seen = new Int32Array(m).fill(-1);
  const pairs = new IntList(); // (earlier, later) flattened
  const scores = new FloatList();
  for (let k = 0; k < m; k += 1) {
    firstPosting[k] = total;
    const start = starts[k] as number;
    const length = (ends[k] as number) - start;
    if (length === 0) continue;
    const prefix = length - Math.ceil(tau * length - 1e-9) + 1;
    const earliest = (day[k] as number) - windowDays;
    while ((day[oldest] as number) < earliest) oldest += 1;
    const live = firstPosting[oldest] as number;
    if (total + prefix - live > capacity) {
      let grown = capacity * 2;
      while (total + prefix - live > grown) grown *= 2;
      const next = new Int32Array(3 * grown);
      for (let at = live; at < total; at += 1) {
        next.set(ring.subarray(3 * (at % capacity), 3 * (at % capacity) + 3), 3 * (at % grown));
      }
      ring = next;
      capacity = grown;
    }
    const mask = capacity - 1;
    for (let p = 0; p < prefix; p += 1) {
      const term = terms[start + p] as number;
      for (let at = latest[term] as number; at >= live; at = ring[3 * (at & mask) + 2] as number) {
        const slot = 3 * (at & mask);
        const other = ring[slot] as number;
        if (seen[other] === k) continue;
        seen[other] = k;
        if (agency[other] === agency[k]) continue;
        // This is the pair's first shared term (terms are taken rarest first), so at most the terms after it
        // on both sides can be shared too: skip pairs that could not reach the threshold (positional filter).
        const q = ring[slot + 1] as number;
        const otherStart = starts[other] as number;
        const otherLength = (ends[other] as number) - otherStart;
        const needed = Math.ceil((threshold * (length + otherLength)) / 2 - 1e-9);
        if (1 + Math.min(length - p - 1, otherLength - q - 1) < needed) continue;
        const shared =
          1 + sharedCount(terms, start + p + 1, start + length, otherStart + q + 1, otherStart + otherLength);
        if (shared >= needed) {
          pairs.push(other);
          pairs.push(k);
          scores.push((2 * shared) / (length + otherLength));
        }
      }
      const slot = 3 * (total & mask);
      ring[slot] = k;
      ring[slot + 1] = p;
      ring[slot + 2] = latest[term] as number;
      latest[term] = total;
      total += 1;
    }
  }

  const ordered = pairsInOrder(scores, pairs, m);
  // Union-find over candidate numbers; each root knows its rows (so its agencies and days).
  const root = new Int32Array(m);
  for (let k = 0; k < m; k += 1) root[k] = k;
  const findK = (k: number): number => {
    let r = k;
    while (root[r] !== r) r = root[r] as number;
    for (let at = k; at !== r;) {
      const next = root[at] as number;
      root[at] = r;
      at = next;
    }
    return r;
  };
  const rowsOf = new Array<number[] | undefined>(m); // rows of each root that has more than one
  const firstDay = Int32Array.from(day); // of each root's rows
  const lastDay = Int32Array.from(day);
  const splitApart = decided.apart.size > 0;
  for (let e = 0; e < ordered.length; e += 2) {
    const a = ordered[e] as number;
    const b = ordered[e + 1] as number;
    const x = findK(a);
    const y = findK(b);
    if (x === y) continue;
    const rowsX = rowsOf[x];
    const rowsY = rowsOf[y];
    const first = Math.min(firstDay[x] as number, firstDay[y] as number);
    const last = Math.max(lastDay[x] as number, lastDay[y] as number);
    // Two rows on their own: the pair was found within the window, between agencies, above the threshold.
    if (rowsX === undefined && rowsY === undefined) {
      if (splitApart && isApart(a, b)) continue;
    } else if (last - first > windowDays || !canJoin(rowsX ?? [x], rowsY ?? [y])) continue;
    root[y] = x;
    rowsOf[x] = (rowsX ?? [x]).concat(rowsY ?? [y]);
    rowsOf[y] = undefined;
    firstDay[x] = first;
    lastDay[x] = last;
  }
  for (let k = 0; k < m; k += 1) parent[candidates[k] as number] = candidates[findK(k)] as number;
  return { find };

  // Average linkage, with no agency twice and no rows the office has split.
  function canJoin(rowsX: number[], rowsY: number[]): boolean {
    let total = 0;
    for (const a of rowsX) {
      for (const b of rowsY) {
        if (agency[a] === agency[b]) return false;
        if (splitApart && isApart(a, b)) return false;
        total += similarity(a, b);
      }
    }
    return total >= threshold * rowsX.length * rowsY.length - 1e-9;
  }

  function isApart(a: number, b: number): boolean {
    return decided.apart.get(candidates[a] as number)?.has(candidates[b] as number) ?? false;
  }
}

/**
 * Ids of merged entries, stable across re-merges:
 * - a row on its own has `ce:` + its entryId, always;
 * - a group keeps the id of the previous entry with exactly its rows; otherwise it takes the id of the
 *   previous entry it shares most rows with (so a growing or shrinking group keeps its id), unless a
 *   row on its own or a group with a better claim holds it;
 * - a group with no previous id takes the id its row with the smallest entryId would have alone (so the
 *   same pair found again without `previous` gets the same id), else the next row's, else a hash of all.
 */
function assignGroupIds(merged: MergedEntry[], groups: MergedEntry[], previous?: PreviousMerge): void {
  if (groups.length === 0) return;
  for (const item of groups) item.id = '';
  // Single rows' ids are unique by construction. `taken` gathers the groups' ids; `ce:<entryId>` from an
  // earlier merge is also taken while that row is on its own.
  const taken = new Set<string>();
  const inGroup = new Set<string>();
  if (previous) for (const item of groups) for (const source of item.sources) inGroup.add(source.entryId);
  const maybeSingle = new Set<string>();
  for (const entry of previous?.entries ?? []) {
    const entryId = entry.id.startsWith(ROW_ID_PREFIX) ? entry.id.slice(ROW_ID_PREFIX.length) : undefined;
    if (entryId !== undefined && !inGroup.has(entryId)) maybeSingle.add(entryId);
  }
  const singles = new Set<string>();
  if (maybeSingle.size > 0) {
    for (const item of merged) {
      const entryId = (item.sources[0] as MergedSource).entryId;
      if (item.sources.length === 1 && maybeSingle.has(entryId)) singles.add(entryId);
    }
  }
  const isTaken = (id: string) =>
    taken.has(id) || (id.startsWith(ROW_ID_PREFIX) && singles.has(id.slice(ROW_ID_PREFIX.length)));

  if (previous) {
    const previousOf = new Map<string, { id: string; size: number }[]>();
    for (const entry of previous.entries) {
      const size = new Set(entry.sourceEntryIds).size;
      for (const entryId of entry.sourceEntryIds) {
        let list = previousOf.get(entryId);
        if (!list) previousOf.set(entryId, (list = []));
        list.push({ id: entry.id, size });
      }
    }
    const claims: { group: number; id: string; shared: number; exact: boolean }[] = [];
    groups.forEach((item, group) => {
      const shared = new Map<string, { count: number; size: number }>();
      for (const source of item.sources) {
        for (const { id, size } of previousOf.get(source.entryId) ?? []) {
          const claim = shared.get(id) ?? { count: 0, size };
          claim.count += 1;
          shared.set(id, claim);
        }
      }
      const rows = item.sources.length;
      for (const [id, { count, size }] of shared) {
        claims.push({ group, id, shared: count, exact: count === rows && size === rows });
      }
    });
    claims.sort(
      (x, y) =>
        Number(y.exact) - Number(x.exact) ||
        y.shared - x.shared ||
        x.group - y.group ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    for (const claim of claims) {
      const item = groups[claim.group] as MergedEntry;
      if (item.id !== '' || isTaken(claim.id)) continue;
      item.id = claim.id;
      taken.add(claim.id);
    }
  }

  for (const item of groups) {
    if (item.id !== '') continue;
    // Code unit order, as the default sort, without its conversions to string.
    const rowIds = item.sources.map((s) => s.entryId).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let id: string | undefined;
    for (const entryId of rowIds) {
      const candidate = rowId(entryId);
      if (!isTaken(candidate)) {
        id = candidate;
        break;
      }
    }
    for (let attempt = 0; id === undefined; attempt += 1) {
      const candidate = groupId(rowIds, attempt);
      if (!isTaken(candidate)) id = candidate;
    }
    item.id = id;
    taken.add(id);
  }
}

// The entryId itself, not a hash of it: ids stay unique by construction and cost nothing to make.
const ROW_ID_PREFIX = 'ce:';

function rowId(entryId: string): string {
  return ROW_ID_PREFIX + entryId;
}

function groupId(entryIds: string[], attempt: number): string {
  return `cg-${hash('sha256', `${attempt}\n${entryIds.join('\n')}`, 'hex').slice(0, 20)}`;
}

/**
 * The candidate pairs (flattened: earlier row, later row), most alike first, ties in chronology order.
 * Each pair's place is packed into one exact double (rank of its score among the distinct scores, then its
 * rows) so that a native numeric sort orders them; a comparator does it when the numbers would not fit.
 */
function pairsInOrder(scores: FloatList, pairs: IntList, m: number): Int32Array {
  const count = scores.length;
  const score = scores.data;
  const pair = pairs.data;
  const distinct = Float64Array.from(score.subarray(0, count)).sort().reverse();
  let levels = 0;
  for (let e = 0; e < count; e += 1) {
    if (e === 0 || distinct[e] !== distinct[levels - 1]) distinct[levels++] = distinct[e] as number;
  }
  const ordered = new Int32Array(2 * count);
  if (levels * m * m >= Number.MAX_SAFE_INTEGER) {
    const byPlace = Array.from({ length: count }, (_, e) => e).sort(
      (x, y) =>
        (score[y] as number) - (score[x] as number) ||
        (pair[2 * x] as number) - (pair[2 * y] as number) ||
        (pair[2 * x + 1] as number) - (pair[2 * y + 1] as number),
    );
    byPlace.forEach((e, at) => ordered.set(pair.subarray(2 * e, 2 * e + 2), 2 * at));
    return ordered;
  }
  const packed = new Float64Array(count);
  for (let e = 0; e < count; e += 1) {
    let low = 0;
    let high = levels - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((distinct[mid] as number) > (score[e] as number)) low = mid + 1;
      else high = mid;
    }
    packed[e] = (low * m + (pair[2 * e] as number)) * m + (pair[2 * e + 1] as number);
  }
  packed.sort();
  for (let at = 0; at < count; at += 1) {
    const place = packed[at] as number;
    ordered[2 * at] = Math.floor(place / m) % m;
    ordered[2 * at + 1] = place % m;
  }
  return ordered;
}

/** How many values two ascending runs of distinct values have in common. */
function sharedCount(values: Int32Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  let shared = 0;
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = values[i] as number;
    const y = values[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return shared;
}

/** Insertion sort of a short run: rows have a few dozen terms, too few for a general sort to pay off. */
function sortRange(values: Int32Array, start: number, end: number): void {
  for (let i = start + 1; i < end; i += 1) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= start && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j -= 1;
    }
    values[j + 1] = value;
  }
}

/** Periods of more than `gapDays` days with no contact: after the end of all contact so far, before the next starts. */
function findGaps(order: Uint32Array, keys: SortKeys, gapDays: number): Gap[] {
  const gaps: Gap[] = [];
  const n = order.length;
  if (n === 0) return gaps;
  let lastEnd = keys.endDay[order[0] as number] as number;
  for (let p = 1; p < n; p += 1) {
    const i = order[p] as number;
    const startDay = keys.day[i] as number;
    const without = startDay - lastEnd - 1;
    if (without > gapDays) {
      const start = (keys.spanList[keys.spanOf[i] as number] as Span).start;
      gaps.push({ from: addDays(EPOCH, lastEnd + 1), to: addDays(start, -1), days: without });
    }
    const end = keys.endDay[i] as number;
    if (end > lastEnd) lastEnd = end;
  }
  return gaps;
}

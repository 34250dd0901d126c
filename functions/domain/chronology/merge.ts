import { hash } from 'node:crypto';
import { addDays, daysBetween, type IsoDate } from '../calendar';
import { PRECISION_RANK, spanOf, type FuzzyDate } from './fuzzy-date';
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

export interface Gap {
  /** The last day of the earlier contact's span. */
  from: IsoDate;
  /** The first day of the next contact's span. */
  to: IsoDate;
  /** Calendar days from `from` to `to`. */
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
 * Calibrated in test/unit/chronology-similarity.test.ts: the same A&E attendance or strategy meeting
 * described by two agencies scores 0.4–0.65; different events on the same day score below 0.34.
 */
export const DEFAULT_SIMILARITY = 0.35;
export const DEFAULT_GROUP_WINDOW_DAYS = 1;

const EPOCH: IsoDate = '1900-01-01';
const NO_TIME = 1440; // untimed rows follow the timed rows of the same day: the more precise first
const MINUTES = 1441;
const VALUE_LENGTH: Readonly<Record<FuzzyDate['precision'], number>> = { day: 10, month: 7, year: 4 };

/** Ordered merge of agencies' chronologies. Pure and deterministic: the order of `entries` does not matter. */
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
  const indexOf = new Map<string, number>();
  entries.forEach((entry, i) => {
    if (indexOf.has(entry.entryId)) throw new RangeError(`entry ${entry.entryId} appears twice`);
    indexOf.set(entry.entryId, i);
  });

  const T0 = cpuNow();
  const keys = sortKeys(entries);
  const T1 = cpuNow();
  const order = chronologicalOrder(entries, keys.key);
  const T2 = cpuNow();
  const position = new Uint32Array(n);
  for (let p = 0; p < n; p += 1) position[order[p] as number] = p;

  const decided = applyDecisions(decisions, indexOf, position);
  const T3 = cpuNow();
  const suggested = suggestGroups(entries, order, keys, decided, windowDays, threshold);
  const T4 = cpuNow();

  // Each row's group: confirmed groups are numbered first, suggested ones after them by union-find root.
  const confirmedNumber = new Map<Set<number>, number>();
  const slotOfGroup = new Int32Array(2 * n).fill(-1);
  const merged: MergedEntry[] = [];
  for (let p = 0; p < n; p += 1) {
    const i = order[p] as number;
    const entry = entries[i] as SourceEntry;
    const confirmed = decided.groupOf.get(i);
    let group: number;
    if (confirmed) {
      group = confirmedNumber.get(confirmed) ?? confirmedNumber.size;
      confirmedNumber.set(confirmed, group);
    } else group = n + suggested.find(i);
    const slot = slotOfGroup[group] as number;
    if (slot >= 0) {
      const item = merged[slot] as MergedEntry;
      item.sources.push(entry);
      if (item.grouping === 'single') item.grouping = 'suggested';
      continue;
    }
    slotOfGroup[group] = merged.length;
    const item: MergedEntry = {
      id: '',
      date: entry.date,
      sortDate: (keys.spans[i] as Span).start,
      approximate: entry.date.approximate || entry.date.precision !== 'day',
      description: entry.description,
      sources: [entry],
      grouping: confirmed ? 'confirmed' : 'single',
    };
    if (entry.time !== undefined) item.time = entry.time;
    merged.push(item);
  }

  const T5 = cpuNow();
  assignIds(merged, (entryId) => indexOf.has(entryId), previous);
  if (process.env.PHASES)
    console.log(
      JSON.stringify({ keys: T1 - T0, sort: T2 - T1, suggest: T4 - T3, build: T5 - T4, ids: cpuNow() - T5 }, (k, v) =>
        typeof v === 'number' ? Math.round(v) : v,
      ),
    );
  return { entries: merged, gaps: findGaps(order, keys.spans, gapDays) };
}

interface Span {
  start: IsoDate;
  startDay: number;
  endDay: number;
}

interface SortKeys {
  /** Start day, precision, time and agency name packed into one number that orders like the tuple. */
  key: Float64Array;
  day: Int32Array;
  spans: Span[];
  agency: Int32Array;
}

function sortKeys(entries: readonly SourceEntry[]): SortKeys {
  const n = entries.length;
  // Few distinct dates and agencies among many rows: work each out once.
  const spanCache = new Map<string, Span>();
  const names = [...new Set(entries.map((e) => e.agencyName))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const nameRank = new Map(names.map((name, rank) => [name, rank]));
  const agencyIds = new Map<string, number>();
  const key = new Float64Array(n);
  const day = new Int32Array(n);
  const agency = new Int32Array(n);
  const spans: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i += 1) {
    const entry = entries[i] as SourceEntry;
    // The shape of the value gives its precision, so the value alone keys the cache.
    if (entry.date.value.length !== VALUE_LENGTH[entry.date.precision]) {
      throw new RangeError(`entry ${entry.entryId}: date ${entry.date.value} does not match its precision`);
    }
    let span = spanCache.get(entry.date.value);
    if (!span) {
      const { start, end } = spanOf(entry.date);
      span = { start, startDay: daysBetween(EPOCH, start), endDay: daysBetween(EPOCH, end) };
      spanCache.set(entry.date.value, span);
    }
    spans[i] = span;
    day[i] = span.startDay;
    let agencyNumber = agencyIds.get(entry.agencyId);
    if (agencyNumber === undefined) agencyIds.set(entry.agencyId, (agencyNumber = agencyIds.size));
    agency[i] = agencyNumber;
    const minutes = entry.time === undefined ? NO_TIME : minutesOf(entry.time, entry.entryId);
    key[i] =
      ((span.startDay * 3 + PRECISION_RANK[entry.date.precision]) * MINUTES + minutes) * names.length +
      (nameRank.get(entry.agencyName) as number);
  }
  return { key, day, spans, agency };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function minutesOf(time: string, entryId: string): number {
  const [h1, h2, colon, m1, m2] = [0, 1, 2, 3, 4].map((i) => time.charCodeAt(i)) as number[];
  const digits = isDigit(h1 as number) && isDigit(h2 as number) && isDigit(m1 as number) && isDigit(m2 as number);
  const hours = ((h1 as number) - 48) * 10 + ((h2 as number) - 48);
  const minutes = ((m1 as number) - 48) * 10 + ((m2 as number) - 48);
  if (time.length !== 5 || colon !== 58 || !digits || hours > 23 || minutes > 59) {
    throw new RangeError(`entry ${entryId}: time must be HH:MM`);
  }
  return hours * 60 + minutes;
}

/**
 * Rows in order of their sort keys, then entryId. Sorting plain numbers natively is several times faster
 * than a comparator, so each row's key is replaced by its rank among the distinct keys and packed with the
 * row's index (rank · n + index); only rows with equal keys then need their entryIds compared.
 */
function chronologicalOrder(entries: readonly SourceEntry[], key: Float64Array): Uint32Array {
  const n = entries.length;
  const distinct = Float64Array.from(key).sort();
  let count = 0;
  for (let i = 0; i < n; i += 1)
    if (i === 0 || distinct[i] !== distinct[count - 1]) distinct[count++] = distinct[i] as number;
  const packed = new Float64Array(n);
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
    if (end - p > 1) order.subarray(p, end).sort(byEntryId);
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
  position: Uint32Array,
): Decided {
  const groupOf = new Map<number, Set<number>>();
  const apart = new Map<number, Set<number>>();
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
  const candidates: number[] = [];
  for (let p = 0; p < n; p += 1) {
    const i = order[p] as number;
    const date = (entries[i] as SourceEntry).date;
    if (date.precision === 'day' && !date.approximate && !decided.groupOf.has(i)) candidates.push(i);
  }
  const m = candidates.length;
  if (m < 2) return { find };
  const day = new Int32Array(m);
  const agency = new Int32Array(m);
  candidates.forEach((i, k) => {
    day[k] = keys.day[i] as number;
    agency[k] = keys.agency[i] as number;
  });

  const S0 = cpuNow();
  // Terms of every candidate row, renumbered rarest first so that a row's prefix is its first terms.
  const dictionary = new TermDictionary();
  const collected = new IntList();
  const offsets = new Int32Array(m + 1);
  for (let k = 0; k < m; k += 1) {
    dictionary.collect((entries[candidates[k] as number] as SourceEntry).description, collected);
    offsets[k + 1] = collected.length;
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
  for (let k = 0; k < m; k += 1) sortRange(terms, offsets[k] as number, offsets[k + 1] as number);
  const similarity = (x: number, y: number) =>
    diceOfSorted(terms, offsets[x] as number, offsets[x + 1] as number, offsets[y] as number, offsets[y + 1] as number);

  const S1 = cpuNow();
  // Sweep in date order, keeping for each term the candidates within the window whose prefix holds it.
  const tau = threshold / (2 - threshold);
  const postings: number[][] = [];
  const heads = new Int32Array(dictionary.size);
  const seen = new Int32Array(m).fill(-1);
  const pairs = new IntList(); // (earlier, later) flattened
  const scores = new FloatList();
  for (let k = 0; k < m; k += 1) {
    const start = offsets[k] as number;
    const length = (offsets[k + 1] as number) - start;
    if (length === 0) continue;
    const prefixEnd = start + length - Math.ceil(tau * length - 1e-9) + 1;
    const earliest = (day[k] as number) - windowDays;
    for (let t = start; t < prefixEnd; t += 1) {
      const term = terms[t] as number;
      const list = (postings[term] ??= []);
      let head = heads[term] as number;
      while (head < list.length && (day[list[head] as number] as number) < earliest) head += 1;
      // Forget rows that left the window, so that memory follows the window rather than the whole case.
      if (head > 32 && head * 2 > list.length) {
        list.splice(0, head);
        head = 0;
      }
      heads[term] = head;
      for (let h = head; h < list.length; h += 1) {
        const other = list[h] as number;
        if (seen[other] === k || agency[other] === agency[k]) continue;
        seen[other] = k;
        const score = similarity(other, k);
        if (score >= threshold) {
          pairs.push(other);
          pairs.push(k);
          scores.push(score);
        }
      }
      list.push(k);
    }
  }

  const S2 = cpuNow();
  // Most alike first; ties in chronology order.
  const score = scores.data;
  const pair = pairs.data;
  const byScore = new Uint32Array(scores.length);
  for (let e = 0; e < byScore.length; e += 1) byScore[e] = e;
  byScore.sort(
    (x, y) =>
      (score[y] as number) - (score[x] as number) ||
      (pair[2 * x] as number) - (pair[2 * y] as number) ||
      (pair[2 * x + 1] as number) - (pair[2 * y + 1] as number),
  );
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
  const rowsOf = new Map<number, number[]>();
  const splitApart = decided.apart.size > 0;
  for (const e of byScore) {
    const x = findK(pair[2 * e] as number);
    const y = findK(pair[2 * e + 1] as number);
    if (x === y) continue;
    const rowsX = rowsOf.get(x) ?? [x];
    const rowsY = rowsOf.get(y) ?? [y];
    if (!canJoin(rowsX, rowsY)) continue;
    root[y] = x;
    rowsOf.set(x, rowsX.concat(rowsY));
    rowsOf.delete(y);
  }
  for (let k = 0; k < m; k += 1) parent[candidates[k] as number] = candidates[findK(k)] as number;
  if (process.env.PHASES)
    console.log(
      JSON.stringify({
        tokens: Math.round(S1 - S0),
        candidates: Math.round(S2 - S1),
        pairs: scores.length,
        union: Math.round(cpuNow() - S2),
      }),
    );
  return { find };

  function canJoin(rowsX: number[], rowsY: number[]): boolean {
    let low = Infinity;
    let high = -Infinity;
    for (const rows of [rowsX, rowsY]) {
      for (const k of rows) {
        low = Math.min(low, day[k] as number);
        high = Math.max(high, day[k] as number);
      }
    }
    if (high - low > windowDays) return false;
    let total = 0;
    for (const a of rowsX) {
      for (const b of rowsY) {
        if (agency[a] === agency[b]) return false;
        if (splitApart && decided.apart.get(candidates[a] as number)?.has(candidates[b] as number)) return false;
        total += similarity(a, b);
      }
    }
    return total >= threshold * rowsX.length * rowsY.length - 1e-9;
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
function assignIds(merged: MergedEntry[], isRow: (entryId: string) => boolean, previous?: PreviousMerge): void {
  // Ids of single rows are unique by construction; `taken` holds the groups' ids, and an id of the form
  // `ce:<entryId>` is also taken when that row is on its own now.
  const taken = new Set<string>();
  const groups: MergedEntry[] = [];
  for (const item of merged) {
    if (item.sources.length === 1) item.id = rowId((item.sources[0] as MergedSource).entryId);
    else groups.push(item);
  }
  if (groups.length === 0) return;
  const isTaken = (id: string): boolean => {
    if (taken.has(id)) return true;
    if (!id.startsWith(ROW_ID_PREFIX)) return false;
    const entryId = id.slice(ROW_ID_PREFIX.length);
    return isRow(entryId) && !inGroup.has(entryId);
  };
  const inGroup = new Set<string>();
  for (const item of groups) for (const source of item.sources) inGroup.add(source.entryId);

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
    const rowIds = item.sources.map((s) => s.entryId).sort();
    let id = rowIds.map(rowId).find((candidate) => !isTaken(candidate));
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

/** Periods between the end of all contact so far and the start of the next contact, longer than `gapDays`. */
function findGaps(order: Uint32Array, spans: Span[], gapDays: number): Gap[] {
  const gaps: Gap[] = [];
  let lastEnd: number | undefined;
  for (const i of order) {
    const span = spans[i] as Span;
    if (lastEnd !== undefined && span.startDay - lastEnd > gapDays) {
      gaps.push({ from: addDays(EPOCH, lastEnd), to: span.start, days: span.startDay - lastEnd });
    }
    if (lastEnd === undefined || span.endDay > lastEnd) lastEnd = span.endDay;
  }
  return gaps;
}
function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

import type { FuzzyDate } from '../functions/domain/chronology/fuzzy-date';
import { merge, type MergeResult, type SourceEntry } from '../functions/domain/chronology/merge';
import { addDays } from '../functions/domain/calendar';
import { isMain, median, progress, table, type Measure } from './support';

/**
 * Merging a large multi-agency chronology against a plain date sort of the same rows, in the same run.
 * Synthetic rows, generated deterministically: 25 agencies over ten years, about 10% of events recorded by
 * 2–4 agencies in their own words, some dates only to the month or year, some approximate.
 * Reports medians of wall time and of CPU time (this machine is shared: CPU time is steadier) and their ratios.
 * Run: npx tsx bench/chronology-merge.ts [rows]   (default 100000); `npm run bench` runs measureChronologyMerge.
 *      NODE_OPTIONS=--expose-gc npx tsx bench/chronology-merge.ts   (adds the heap the result keeps)
 */
export const DEFAULT_ROWS = 100_000;
/** ADR 0012: the merge aims at no more than 3× a plain sort of the same rows. */
export const MERGE_RATIO_TARGET = 3;
const REPETITIONS = 9;
const WARM_UP = 2;
const FIRST_DAY = '2014-01-01';
const DAYS = 3652;

// mulberry32: a small seeded generator, so every run measures the same rows. Not for anything secret.
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const SEED = 20_190_512;
let random = seeded(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const pad = (n: number) => String(n).padStart(2, '0');

/** `count` different items, by a partial Fisher–Yates shuffle. */
function sample<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
  }
  return pool.slice(0, count);
}

const AGENCIES = [
  'Police',
  'Ambulance Service',
  'Acute Hospital Trust',
  'GP Practice',
  'Health Visiting',
  'Midwifery',
  'Primary School',
  "Children's Social Care",
  'Early Help',
  'Housing',
  'Probation Service',
  'CAMHS',
  'Adult Mental Health',
  'Substance Misuse Service',
  'Nursery',
  'Youth Justice',
  'Community Paediatrics',
  'Domestic Abuse Service',
  'Education Welfare',
  'School Nursing',
  'Sexual Health',
  'Dental Practice',
  'Fire and Rescue',
  'Children’s Centre',
  'Virtual School',
].map((name, i) => ({ agencyId: `agency-${pad(i)}`, agencyName: name }));

const DETAILS = {
  injury: ['bruising', 'burn', 'swelling', 'laceration', 'fracture', 'bite mark', 'scald', 'graze', 'head injury'],
  part: ['left cheek', 'right arm', 'forehead', 'ear', 'wrist', 'back', 'thigh', 'hand', 'shin', 'neck', 'ribs'],
  cause: ['fell from sofa', 'trapped in door', 'fell down stairs', 'pulled kettle', 'bumped into table'],
  concern: ['neglect', 'physical abuse', 'emotional abuse', 'domestic abuse', 'exploitation', 'self harm'],
  place: ['Riverside Road', 'Elm Court', 'Station Street', 'Hill View', 'Mill Lane', 'Park Terrace', 'Quarry Way'],
  person: ['maternal grandmother', 'stepfather', 'older sibling', 'neighbour', 'aunt', 'partner'],
  outcome: [
    'no further action',
    'referral to MASH',
    'advice given',
    'follow-up booked',
    'case closed',
    'plan reviewed',
  ],
};
type Detail = { [K in keyof typeof DETAILS]: string };

// Each kind of event as different agencies would write it: the same facts, different words.
const EVENTS: ((d: Detail) => string)[][] = [
  [
    (d) => `Attended A&E with ${d.injury} to ${d.part}; mother said child ${d.cause}. Seen by paediatric registrar.`,
    (d) => `Ambulance called, ${d.injury} to ${d.part}, reported ${d.cause}. Conveyed to emergency department.`,
    (d) => `ED attendance notified: ${d.injury} ${d.part}, explanation given that child ${d.cause}.`,
  ],
  [
    (d) => `Strategy meeting held with police, CSC and health regarding ${d.concern}; section 47 enquiry agreed.`,
    (d) => `Strategy discussion about ${d.concern}. Police, social care and health present. S47 agreed.`,
    (d) => `Attended strategy meeting re ${d.concern}; agreed section 47 enquiries, police to lead.`,
  ],
  [
    (d) => `Police attended domestic incident at ${d.place}; ${d.person} arrested, DASH assessed high risk.`,
    (d) => `Notification of domestic abuse incident at ${d.place}, ${d.person} arrested, high risk DASH.`,
    (d) => `MARAC referral after domestic incident at ${d.place} involving ${d.person}; DASH high risk.`,
  ],
  [
    (d) => `Initial child protection conference held, plan under category of ${d.concern}. ${d.outcome}.`,
    (d) => `ICPC attended: child protection plan, category ${d.concern}; ${d.outcome}.`,
  ],
  [
    (d) =>
      `Child protection medical by community paediatrician: ${d.injury} to ${d.part} consistent with ${d.concern}.`,
    (d) => `CP medical completed, paediatrician found ${d.injury} ${d.part}; concern about ${d.concern}.`,
  ],
];

// Routine contact that only one agency records, one kind per agency (in AGENCIES order), in its own words.
const ROUTINE: ((d: Detail) => string)[] = [
  (d) => `Welfare check at ${d.place} after call from ${d.person}; no offences disclosed.`,
  (d) => `999 call for breathing difficulty, treated at scene and left in care of ${d.person}.`,
  (d) => `Outpatient fracture clinic review of ${d.part}; plaster removed.`,
  (d) => `GP consultation: eczema flare, prescribed emollient. ${d.outcome}.`,
  (d) => `Health visitor developmental review at ${d.place}: weight on 25th centile.`,
  () => `Antenatal booking appointment; smoking and housing worries noted.`,
  () => `Pupil late to class, appeared tired and hungry; breakfast club offered.`,
  (d) => `Social worker home visit to ${d.place}; bedroom cluttered, ${d.person} present.`,
  (d) => `Early help family session on routines and bedtimes. ${d.outcome}.`,
  (d) => `Rent arrears letter sent to tenant at ${d.place}; repairs request logged.`,
  (d) => `Supervision session with ${d.person}; discussed alcohol use and licence conditions.`,
  () => `CAMHS appointment: low mood, sleep poor, safety plan updated.`,
  (d) => `Care coordinator contact with ${d.person}; medication concordance reviewed.`,
  () => `Drug and alcohol key work session; methadone script collected.`,
  (d) => `Nursery: nappy rash noted, ${d.person} collected late.`,
  () => `Youth offending worker meeting about reparation order.`,
  () => `Paediatric clinic: speech delay reviewed, audiology referral made.`,
  (d) => `Outreach worker safety planning call with ${d.person}; refuge space discussed.`,
  () => `Attendance panel letter: term attendance 82%, fixed penalty warning.`,
  (d) => `School nurse drop-in: headaches and bedwetting discussed. ${d.outcome}.`,
  () => `Clinic attendance for contraception review.`,
  (d) => `Dental check missed; reminder sent to ${d.place}.`,
  (d) => `Home fire safety visit to ${d.place}; smoke alarm fitted, hoarding noted.`,
  (d) => `Stay and play session attended with ${d.person}.`,
  (d) => `Personal education plan review for looked after pupil. ${d.outcome}.`,
];
const CASE_NOTES = ['Case note', 'EMIS', 'Niche', 'SystmOne', 'Mosaic', 'CPOMS', 'Paper file'];

function detail(): Detail {
  return Object.fromEntries(Object.entries(DETAILS).map(([k, v]) => [k, pick(v)])) as Detail;
}

function dateOf(day: string): FuzzyDate {
  const roll = random();
  if (roll < 0.03) return { value: day.slice(0, 7), precision: 'month', approximate: random() < 0.5 };
  if (roll < 0.04) return { value: day.slice(0, 4), precision: 'year', approximate: true };
  if (roll < 0.06) return { value: day, precision: 'day', approximate: true };
  return { value: day, precision: 'day', approximate: false };
}

// Free text differs from row to row: words drawn from a made-up vocabulary, common ones more often.
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sul', 'den', 'pri', 'gan', 'bel', 'tor', 'nes', 'quin'];
const VOCABULARY = Array.from({ length: 4000 }, (_, i) => {
  let word = '';
  for (let k = i + 1; k > 0; k = Math.floor(k / SYLLABLES.length)) word += SYLLABLES[k % SYLLABLES.length];
  return word;
});
const freeText = (words: number) =>
  Array.from({ length: words }, () => VOCABULARY[Math.floor(VOCABULARY.length * random() ** 2)]).join(' ');

function generate(
  rows: number,
  days: number,
): { entries: SourceEntry[]; sharedEvents: number; eventOf: Map<string, number> } {
  const entries: SourceEntry[] = [];
  const eventOf = new Map<string, number>();
  const rowOf = new Map<string, number>();
  let sharedEvents = 0;
  const add = (agency: (typeof AGENCIES)[number], date: FuzzyDate, description: string) => {
    const row = (rowOf.get(agency.agencyId) ?? 0) + 1;
    rowOf.set(agency.agencyId, row);
    const entry: SourceEntry = {
      entryId: `req-${agency.agencyId}:${row}`,
      ...agency,
      date,
      description,
      sourceRecord: `${pick(CASE_NOTES)} ${Math.floor(random() * 90_000) + 10_000}`,
      factOrOpinion: random() < 0.85 ? 'fact' : 'opinion',
    };
    if (random() < 0.4) entry.time = `${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`;
    entries.push(entry);
    return entry.entryId;
  };
  while (entries.length < rows) {
    const day = addDays(FIRST_DAY, Math.floor(random() * days));
    if (random() < 0.1) {
      const event = pick(EVENTS);
      const facts = detail();
      const count = Math.min(2 + Math.floor(random() * 3), rows - entries.length);
      const agencies = sample(AGENCIES, count);
      agencies.forEach((agency, k) => {
        // Agencies often record a shared event on the next day.
        const recorded = random() < 0.2 ? addDays(day, 1) : day;
        const text = `${(event[k % event.length] ?? pick(event))(facts)} ${freeText(2)}`;
        eventOf.set(add(agency, { value: recorded, precision: 'day', approximate: false }, text), sharedEvents);
      });
      sharedEvents += 1;
    } else {
      // Each agency records its own kinds of routine contact.
      const a = Math.floor(random() * AGENCIES.length);
      const routine = ROUTINE[a] as (d: Detail) => string;
      add(
        AGENCIES[a] as (typeof AGENCIES)[number],
        dateOf(day),
        `${routine(detail())} ${freeText(4 + Math.floor(random() * 8))}`,
      );
    }
  }
  return { entries, sharedEvents, eventOf };
}

const mb = (bytes: number) => (bytes / 1_048_576).toFixed(0);
const gc = (globalThis as { gc?: () => void }).gc;
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Time and CPU of `run`, in milliseconds. */
function measure(run: () => unknown): { ms: number; cpu: number } {
  const cpu = cpuMs();
  const start = performance.now();
  run();
  return { ms: performance.now() - start, cpu: cpuMs() - cpu };
}

const options = { gapDays: 28 };

export interface MergeFigures {
  rows: number;
  /** One row per input order, as the CLI prints them. */
  table: Record<string, string | number>[];
  scenarios: { order: string; sortMs: number; mergeMs: number; sortCpu: number; mergeCpu: number }[];
  quality: Record<string, string | number>[];
}

/** The measurement on `count` generated rows (the same rows on every run, in every process). */
export function measureChronologyMerge(count = DEFAULT_ROWS): MergeFigures {
  random = seeded(SEED);
  const ROWS = count;
  const generated = generate(ROWS, DAYS);

  // As rows arrive from the store: parsed from JSON, so every string is its own flat copy. Two orders: as
  // generated (agencies and dates interleaved), and as submitted (each agency's rows together, in date
  // order), which Array.prototype.sort (TimSort) exploits by merging the 25 runs.
  const interleaved = JSON.parse(JSON.stringify(generated.entries)) as SourceEntry[];
  const bySubmission = JSON.parse(
    JSON.stringify(
      [...generated.entries].sort(
        (a, b) =>
          a.agencyId.localeCompare(b.agencyId) ||
          a.date.value.localeCompare(b.date.value) ||
          (a.time ?? '').localeCompare(b.time ?? ''),
      ),
    ),
  ) as SourceEntry[];

  const rows: Record<string, string | number>[] = [];
  const scenarios: MergeFigures['scenarios'] = [];
  let result: MergeResult | undefined;
  for (const [scenario, entries] of [
    ['interleaved', interleaved],
    ['by agency, dated', bySubmission],
  ] as const) {
    const plainSort = () =>
      entries.slice().sort((a, b) => (a.date.value < b.date.value ? -1 : a.date.value > b.date.value ? 1 : 0));
    for (let i = 0; i < WARM_UP; i += 1) {
      plainSort();
      merge(entries, [], options);
    }
    result = undefined;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const sorts: { ms: number; cpu: number }[] = [];
    const merges: { ms: number; cpu: number }[] = [];
    // Alternate, so that both see the same machine: other processes come and go.
    for (let r = 0; r < REPETITIONS; r += 1) {
      sorts.push(measure(plainSort));
      merges.push(measure(() => (result = merge(entries, [], options))));
    }
    gc?.();
    const resultHeap = process.memoryUsage().heapUsed - heapBefore;
    const sortMs = median(sorts.map((t) => t.ms));
    const mergeMs = median(merges.map((t) => t.ms));
    const sortCpu = median(sorts.map((t) => t.cpu));
    const mergeCpu = median(merges.map((t) => t.cpu));
    scenarios.push({ order: scenario, sortMs, mergeMs, sortCpu, mergeCpu });
    rows.push({
      'input order': scenario,
      rows: entries.length,
      'sort ms': sortMs.toFixed(0),
      'merge ms': mergeMs.toFixed(0),
      'merge / sort': (mergeMs / sortMs).toFixed(2),
      'sort CPU ms': sortCpu.toFixed(0),
      'merge CPU ms': mergeCpu.toFixed(0),
      'CPU merge / sort': (mergeCpu / sortCpu).toFixed(2),
      'result heap MB': gc ? mb(resultHeap) : 'n/a',
    });
  }

  const realistic = generate(3_000, 3 * 365);
  return {
    rows: ROWS,
    table: rows,
    scenarios,
    quality: [
      quality(generated, result as MergeResult, 'benchmark (dense)'),
      quality(realistic, merge(realistic.entries, [], options), 'one case, 3 years'),
    ],
  };
}

/**
 * Grouping against the generated truth: shared events found whole (every agency's row in one entry, and
 * nothing else), and suggested groups that mix rows of different events. The dense benchmark puts about
 * two shared events on every day, so events of one kind often fall within a day of each other; a case of
 * realistic size shows the grouping as it would be used.
 */
function quality(data: ReturnType<typeof generate>, merged: MergeResult, label: string) {
  const suggested = merged.entries.filter((e) => e.grouping === 'suggested');
  const sizeOf = new Map<number, number>();
  for (const event of data.eventOf.values()) sizeOf.set(event, (sizeOf.get(event) ?? 0) + 1);
  let whole = 0;
  for (const entry of merged.entries) {
    const event = data.eventOf.get(entry.sources[0]?.entryId ?? '');
    const same = entry.sources.every((s) => data.eventOf.get(s.entryId) === event);
    if (event !== undefined && same && entry.sources.length === sizeOf.get(event)) whole += 1;
  }
  const mixed = suggested.filter((e) => new Set(e.sources.map((s) => data.eventOf.get(s.entryId) ?? -1)).size > 1);
  return {
    data: label,
    rows: data.entries.length,
    'shared events': data.sharedEvents,
    'grouped whole': `${whole} (${((100 * whole) / data.sharedEvents).toFixed(0)}%)`,
    'suggested groups': suggested.length,
    'mixing events': `${mixed.length} (${((100 * mixed.length) / Math.max(1, suggested.length)).toFixed(0)}%)`,
    'merged entries': merged.entries.length,
    gaps: merged.gaps.length,
  };
}
/** The suite's rows: the merge's CPU time against a plain sort of the same rows, per input order. */
export function mergeMeasures(figures: MergeFigures): Measure[] {
  return figures.scenarios.map((s) => ({
    name: `chronology merge: ${figures.rows} rows, ${s.order}`,
    figure: `${s.mergeCpu.toFixed(0)} ms CPU = ${(s.mergeCpu / s.sortCpu).toFixed(2)}× a plain sort (${s.sortCpu.toFixed(0)} ms)`,
    target: `≤ ${MERGE_RATIO_TARGET}× a plain sort (ADR 0012)`,
    met: s.mergeCpu / s.sortCpu <= MERGE_RATIO_TARGET,
  }));
}

if (isMain(import.meta.url)) {
  const count = Number(process.argv[2] ?? DEFAULT_ROWS);
  progress(`chronology merge: ${count} rows`);
  const figures = measureChronologyMerge(count);
  console.log(
    `${count} rows over ${DAYS} days from ${AGENCIES.length} agencies, about 10% of events recorded by 2–4 agencies. ` +
      `Medians of ${REPETITIONS} runs after ${WARM_UP} warm-up.`,
  );
  console.log(table(figures.table));
  const { maxRSS } = process.resourceUsage();
  const inputNote = gc ? '' : ' (run with NODE_OPTIONS=--expose-gc for the result heap)';
  console.log(`Peak RSS of the whole run: ${mb(maxRSS * 1024)} MB${inputNote}.\n`);
  console.log(table(figures.quality));
}

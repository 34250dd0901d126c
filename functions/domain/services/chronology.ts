import { formatFuzzyDate } from '../chronology/fuzzy-date';
import {
  merge,
  type Gap,
  type MergedEntry,
  type MergedSource,
  type MergeResult,
  type SourceEntry,
} from '../chronology/merge';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import { EXPECTED_PRACTICE_LABELS, type Actor, type ExpectedPractice, type MergedChronologyVersion } from '../model';
import type { PortalDeps } from '../ports';
import { RETURN_STANDS } from '../request-status';
import type { SheetColumn } from '../../formats/spreadsheet';
import { sha256Hex } from '../secrets';
import { auditEvent, requireCase, requirePartnership, staffActor, type StaffPrincipal } from './context';

/**
 * The multi-agency chronology of a case (§8.4.3): merged from the latest submitted chronology of every
 * request whose return stands (RETURN_STANDS: not withdrawn, not recorded as not involved), re-merged
 * whenever one is submitted or stops standing (and by the daily run if that failed), each merge kept as
 * a version with when and from which submissions it was made (ADR 0012).
 */
export interface MergedChronologyDocument extends MergeResult {
  version: number;
  generatedAt: string;
  sources: MergedChronologyVersion['sources'];
}

interface ChronologyRowDocument {
  rowId: string;
  date: SourceEntry['date'];
  time?: string;
  event: string;
  actionOutcome?: string;
  sourceRecord?: string;
  practitionerRole?: string;
  factOrOpinion: 'fact' | 'opinion';
  expectedPractice?: ExpectedPractice;
  analysisComment?: string;
}

const SYSTEM: Actor = { type: 'system', name: 'chronology-merge' };

async function latestDocument(deps: PortalDeps, partnershipId: string, caseId: string) {
  const latest = await deps.store.chronologies.latest(partnershipId, caseId);
  if (!latest) return undefined;
  const document = await deps.documents.getJson<MergedChronologyDocument>(latest.documentKey);
  return document && { latest, document };
}

/** Merges the case's chronologies; stores a new version only if the result differs from the last. */
export async function remergeCase(deps: PortalDeps, partnershipId: string, caseId: string, actor: Actor = SYSTEM) {
  const startedAt = deps.clock.now().toISOString();
  const partnership = await requirePartnership(deps, partnershipId);
  const [requests, contacts, decisions, previous] = await Promise.all([
    deps.store.requests.listForCase(partnershipId, caseId),
    deps.store.agencies.contacts(partnershipId),
    deps.store.chronologies.decisions(partnershipId, caseId),
    latestDocument(deps, partnershipId, caseId),
  ]);
  const entries: SourceEntry[] = [];
  const sources: MergedChronologyVersion['sources'] = [];
  for (const request of requests) {
    if (request.returnType !== 'chronology' || request.returnVersion === undefined) continue;
    if (!RETURN_STANDS.has(request.status)) continue;
    const submitted = await deps.store.requests.getSubmitted(partnershipId, caseId, request.id, request.returnVersion);
    if (!submitted || submitted.nilReturn) continue;
    const document = await deps.documents.getJson<{ content: { rows?: ChronologyRowDocument[] } }>(
      submitted.documentKey,
    );
    sources.push({
      requestId: request.id,
      agencyId: request.agencyId,
      returnVersion: submitted.version,
      submissionId: submitted.submissionId,
    });
    const agencyName = contacts.get(request.agencyId)?.name ?? 'Unknown agency';
    for (const row of document?.content.rows ?? []) {
      entries.push({
        entryId: `${request.id}:${row.rowId}`,
        agencyId: request.agencyId,
        agencyName,
        date: row.date,
        ...(row.time ? { time: row.time } : {}),
        description: row.event,
        ...(row.actionOutcome ? { actionOutcome: row.actionOutcome } : {}),
        ...(row.sourceRecord ? { sourceRecord: row.sourceRecord } : {}),
        ...(row.practitionerRole ? { practitionerRole: row.practitionerRole } : {}),
        factOrOpinion: row.factOrOpinion,
        ...(row.expectedPractice ? { expectedPractice: row.expectedPractice } : {}),
        ...(row.analysisComment ? { analysisComment: row.analysisComment } : {}),
      });
    }
  }
  const result = merge(
    entries,
    decisions,
    { gapDays: partnership.chronology.gapDays },
    previous && {
      entries: previous.document.entries.map((e) => ({ id: e.id, sourceEntryIds: e.sources.map((s) => s.entryId) })),
    },
  );
  const contentSha256 = sha256Hex(JSON.stringify({ entries: result.entries, gaps: result.gaps }));
  if (previous && previous.latest.contentSha256 === contentSha256) {
    await deps.store.chronologies.clearChanged(partnershipId, caseId, startedAt);
    return previous.latest;
  }
  const version = (previous?.latest.version ?? 0) + 1;
  const document: MergedChronologyDocument = { version, generatedAt: startedAt, sources, ...result };
  const documentKey = `chronologies/${partnershipId}/${caseId}/v${version}.json`;
  await deps.documents.putJson(documentKey, document);
  const record: MergedChronologyVersion = {
    partnershipId,
    caseId,
    version,
    generatedAt: startedAt,
    documentKey,
    sources,
    entryCount: result.entries.length,
    contentSha256,
  };
  const saved = await deps.store.chronologies.saveVersion(
    record,
    auditEvent(deps, actor, partnershipId, caseId, 'chronology.merged', {
      detail: { version, entries: result.entries.length, gaps: result.gaps.length, agencies: sources.length },
    }),
  );
  // A concurrent merge took this version number: it merged the same submissions, or later ones.
  if (saved) await deps.store.chronologies.clearChanged(partnershipId, caseId, startedAt);
  return saved ? record : deps.store.chronologies.latest(partnershipId, caseId);
}

export async function getMergedChronology(deps: PortalDeps, staff: StaffPrincipal, caseId: string) {
  await requireCase(deps, staff.partnershipId, caseId);
  const found = await latestDocument(deps, staff.partnershipId, caseId);
  if (!found) throw notFound('A multi-agency chronology', 'no-chronology');
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'chronology.viewed', {
      detail: { version: found.document.version },
    }),
  );
  return found.document;
}

/** The business office confirms that rows are one event, or splits a suggested group; kept across re-merges. */
export async function decideGrouping(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: { kind: 'confirm' | 'split'; entryIds: string[] },
) {
  await requireCase(deps, staff.partnershipId, caseId);
  const found = await latestDocument(deps, staff.partnershipId, caseId);
  const known = new Set(found?.document.entries.flatMap((e) => e.sources.map((s) => s.entryId)) ?? []);
  const unknown = input.entryIds.filter((id) => !known.has(id));
  if (new Set(input.entryIds).size < 2 || unknown.length) {
    throw invalid('Choose two or more rows of the current chronology', [
      {
        path: 'entryIds',
        message: unknown.length ? 'Some rows are not in the current chronology' : 'Choose at least two rows',
      },
    ]);
  }
  const decidedAt = deps.clock.now().toISOString();
  await deps.store.chronologies.addDecision(
    {
      id: newId(),
      partnershipId: staff.partnershipId,
      caseId,
      kind: input.kind,
      entryIds: [...new Set(input.entryIds)],
      decidedAt,
      decidedBy: staff.userId,
    },
    auditEvent(
      deps,
      staffActor(staff),
      staff.partnershipId,
      caseId,
      `chronology.grouping-${input.kind === 'confirm' ? 'confirmed' : 'split'}`,
      {
        detail: { rows: input.entryIds.length },
      },
    ),
  );
  await remergeCase(deps, staff.partnershipId, caseId, staffActor(staff));
  return getMergedChronology(deps, staff, caseId);
}

/** A gap in words, for both tables: its first and last days with no contact, and how many there were. */
function gapText(gap: Gap): { days: string; what: string } {
  const day = (value: string) => formatFuzzyDate({ value, precision: 'day', approximate: false });
  return {
    days: `${day(gap.from)} to ${day(gap.to)}`,
    what: `No agency contact for ${gap.days} ${gap.days === 1 ? 'day' : 'days'}`,
  };
}

/** The Word chronology's columns, in order. */
const TABLE_COLUMNS = [
  'Date',
  'Approximate',
  'Time',
  'What happened',
  'Agencies and sources',
  'Action or outcome',
  'Practitioner role',
  'Fact or opinion',
  'Analysis',
  'Grouping',
  'Entry id',
] as const;
type TableRow = Partial<Record<(typeof TABLE_COLUMNS)[number], string>>;

/**
 * The chronology as a table to read: one row per event, gaps in their place, for the Word chronology and the
 * case pack. An event several agencies recorded keeps every agency's own account, each on its own line and
 * named by its agency (with its own date and time where they differ), as the page shows them: a document
 * must not drop one. The CSV and Excel downloads use `chronologyExport`, made to be sorted and filtered.
 */
export function chronologyTable(document: MergedChronologyDocument): { header: string[]; rows: string[][] } {
  const rows: { sortDate: string; order: number; cells: TableRow }[] = document.entries.map((entry, order) => ({
    sortDate: entry.sortDate,
    order,
    cells: eventCells(entry),
  }));
  for (const gap of document.gaps) {
    const { days, what } = gapText(gap);
    rows.push({
      sortDate: gap.from,
      order: Number.MAX_SAFE_INTEGER,
      cells: { Date: days, 'What happened': what, Grouping: 'gap' },
    });
  }
  rows.sort((a, b) => a.sortDate.localeCompare(b.sortDate) || a.order - b.order);
  // The agencies' analysis only where some agency gave it (the case asked for it), as in the exports.
  const header = rows.some((r) => r.cells.Analysis)
    ? [...TABLE_COLUMNS]
    : TABLE_COLUMNS.filter((c) => c !== 'Analysis');
  return { header, rows: rows.map((r) => header.map((column) => r.cells[column] ?? '')) };
}

/** An agency's analysis of its row in words: "Expected practice? Partly. The referral was a day late." */
function analysisText(s: MergedSource): string | undefined {
  const parts = [
    s.expectedPractice ? `Expected practice? ${EXPECTED_PRACTICE_LABELS[s.expectedPractice]}` : undefined,
    s.analysisComment,
  ].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join('. ') : undefined;
}

function eventCells(entry: MergedEntry): TableRow {
  const date = formatFuzzyDate(entry.date);
  const sameDate = entry.sources.every((s) => formatFuzzyDate(s.date) === date);
  const sameTime = new Set(entry.sources.map((s) => s.time ?? '')).size === 1;
  const label = (s: MergedSource) => {
    const when = [sameDate ? '' : formatFuzzyDate(s.date), sameTime ? '' : (s.time ?? '')].filter(Boolean).join(' ');
    return when ? `${s.agencyName} (${when})` : s.agencyName;
  };
  const grouped = entry.sources.length > 1;
  // One agency: its words as written. Several: each agency's words, named, one line each.
  const accounts = (of: (s: MergedSource) => string | undefined) =>
    entry.sources
      .flatMap((s) => {
        const text = of(s);
        return text ? [grouped ? `${label(s)}: ${text}` : text] : [];
      })
      .join('\n');
  const facts = [...new Set(entry.sources.map((s) => s.factOrOpinion))];
  return {
    Date: date,
    // Whether the agency said the date is approximate: a month or a year is a precise answer in itself.
    Approximate: entry.date.approximate ? 'yes' : '',
    Time: sameTime ? (entry.time ?? '') : '',
    'What happened': grouped ? accounts((s) => s.description) : entry.description,
    'Agencies and sources': entry.sources
      .map((s) => `${s.agencyName}${s.sourceRecord ? ` (${s.sourceRecord})` : ''}`)
      .join('; '),
    'Action or outcome': accounts((s) => s.actionOutcome),
    // Who acted, as the agency recorded it (§8.4), as the CSV and Excel exports keep it.
    'Practitioner role': accounts((s) => s.practitionerRole),
    'Fact or opinion': facts.length === 1 ? (facts[0] ?? '') : accounts((s) => s.factOrOpinion),
    Analysis: accounts(analysisText),
    Grouping: entry.grouping === 'single' ? '' : `${entry.grouping} (${entry.sources.length} agencies)`,
    'Entry id': entry.id,
  };
}

/**
 * The CSV and Excel export's columns, in order; widths in characters for the workbook, and the type the
 * workbook writes a column's cells as (text if not given).
 */
const EXPORT_COLUMNS = [
  { header: 'Event', width: 7, type: 'number' },
  { header: 'Sort date', width: 11, type: 'date' },
  { header: 'Date', width: 18 },
  { header: 'Date precision', width: 14 },
  { header: 'Approximate', width: 12 },
  { header: 'Time', width: 7 },
  { header: 'Agency', width: 28 },
  { header: 'Source record', width: 18 },
  { header: 'What happened', width: 60 },
  { header: 'Action taken or outcome', width: 36 },
  { header: 'Practitioner role', width: 20 },
  { header: 'Fact or opinion', width: 15 },
  { header: 'Expected practice?', width: 12 },
  { header: 'Comment', width: 36 },
  { header: 'Grouping', width: 11 },
  { header: 'Agencies in event', width: 17, type: 'number' },
  { header: 'Event id', width: 26 },
  { header: 'Source row id', width: 26 },
] as const satisfies readonly SheetColumn[];

type ExportColumn = (typeof EXPORT_COLUMNS)[number]['header'];
const ANALYSIS_COLUMNS = new Set<ExportColumn>(['Expected practice?', 'Comment']);
type ExportRow = Partial<Record<ExportColumn, string>>;

/**
 * The chronology for the CSV and Excel downloads: one row per agency's row (per source), so that every column
 * holds one value that a spreadsheet can sort and filter on.
 *
 * Why one row per source rather than one row per event with a cell for each agency: an event has one to any
 * number of agencies, so per-agency cells would need columns "Agency 1", "Agency 2"… in which one agency
 * lands in a different column from event to event. Filtering on "Police", or on a practitioner role, or on
 * opinions, would then miss rows, and a time or a date per agency could not be sorted at all. With a row
 * per source, each agency's own account (its date as recorded, time, source record, role, fact or opinion)
 * stays whole in its own row, filtering on Agency gives that agency's chronology as it was submitted, and a
 * review panel can count rows per agency. The rows of one grouped event share its Event number, Sort date
 * (the event's, so a sort by date keeps them together) and Event id, and Grouping says whether the office
 * confirmed it.
 *
 * The table is text, as the CSV is written: the Sort date is ISO (YYYY-MM-DD) and Event numbers are
 * zero-padded to one width, so both sort correctly as text (unpadded, "10" would sort before "9"). The
 * workbook writes the columns typed `number` as numbers and the Sort date as an Excel date, with filter
 * buttons on the header row. The Event number counts this version's events; the Event id (the merged
 * entry's) is the one that stays the same across re-merges, and the Source row id (request id and row id)
 * names the agency's own row, as the agency submitted it.
 */
export function chronologyExport(document: MergedChronologyDocument): {
  columns: SheetColumn[];
  rows: string[][];
  autoFilter: true;
} {
  const width = String(document.entries.length).length;
  const items: { sortDate: string; rank: number; rows: ExportRow[] }[] = document.entries.map((entry, order) => ({
    sortDate: entry.sortDate,
    rank: order,
    rows: sourceRows(entry, String(order + 1).padStart(width, '0')),
  }));
  for (const gap of document.gaps) {
    // Placed on its first day with no contact, so that sorting by the date alone puts it between the contacts
    // it separates, whatever order ties were in.
    items.push({
      sortDate: gap.from,
      rank: -1,
      rows: [
        {
          'Sort date': gap.from,
          Date: gapText(gap).days,
          'What happened': gapText(gap).what,
          Grouping: 'gap',
        },
      ],
    });
  }
  items.sort((a, b) => a.sortDate.localeCompare(b.sortDate) || a.rank - b.rank);
  // The analysis columns only where an agency gave analysis (the case asked for it): empty otherwise.
  const analysis = document.entries.some((entry) =>
    entry.sources.some((s) => s.expectedPractice !== undefined || s.analysisComment !== undefined),
  );
  const columns = EXPORT_COLUMNS.filter((c) => analysis || !ANALYSIS_COLUMNS.has(c.header));
  return {
    columns: columns.map((c) => ({ ...c })),
    rows: items.flatMap((item) => item.rows.map((row) => columns.map((c) => row[c.header] ?? ''))),
    autoFilter: true,
  };
}

/** One row for each agency's account of the event, in the event's own order of its sources. */
function sourceRows(entry: MergedEntry, event: string): ExportRow[] {
  const agencies = String(new Set(entry.sources.map((s) => s.agencyId)).size);
  return entry.sources.map((s) => ({
    Event: event,
    'Sort date': entry.sortDate,
    Date: formatFuzzyDate(s.date),
    'Date precision': s.date.precision,
    // Whether the agency said the date is approximate: a month or a year is a precise answer in itself.
    Approximate: s.date.approximate ? 'yes' : 'no',
    Time: s.time ?? '',
    Agency: s.agencyName,
    'Source record': s.sourceRecord ?? '',
    'What happened': s.description,
    'Action taken or outcome': s.actionOutcome ?? '',
    'Practitioner role': s.practitionerRole ?? '',
    'Fact or opinion': s.factOrOpinion,
    'Expected practice?': s.expectedPractice ? EXPECTED_PRACTICE_LABELS[s.expectedPractice] : '',
    Comment: s.analysisComment ?? '',
    Grouping: entry.grouping,
    'Agencies in event': agencies,
    'Event id': entry.id,
    'Source row id': s.entryId,
  }));
}

export async function exportMergedChronology(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  format: 'csv' | 'xlsx',
) {
  const record = await requireCase(deps, staff.partnershipId, caseId);
  const found = await latestDocument(deps, staff.partnershipId, caseId);
  if (!found) throw notFound('A multi-agency chronology', 'no-chronology');
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'chronology.exported', {
      detail: { format, version: found.document.version },
    }),
  );
  return { reference: record.reference, table: chronologyExport(found.document), version: found.document.version };
}

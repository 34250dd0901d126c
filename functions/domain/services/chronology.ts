import { formatFuzzyDate } from '../chronology/fuzzy-date';
import { merge, type MergedEntry, type MergedSource, type MergeResult, type SourceEntry } from '../chronology/merge';
import { invalid, notFound } from '../errors';
import { newId } from '../ids';
import type { Actor, MergedChronologyVersion } from '../model';
import type { PortalDeps } from '../ports';
import { sha256Hex } from '../secrets';
import { auditEvent, requireCase, requirePartnership, staffActor, type StaffPrincipal } from './context';

/**
 * The multi-agency chronology of a case (§8.4.3): merged from the latest submitted chronology of every
 * agency, re-merged whenever one is submitted (and by the daily run if that failed), each merge kept as
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

/**
 * The chronology as a table: one row per event, gaps in their place, for CSV, Excel and Word. An event several
 * agencies recorded keeps every agency's own account, each on its own line and named by its agency (with
 * its own date and time where they differ), as the page shows them: an export must not drop one.
 */
export function chronologyTable(document: MergedChronologyDocument): { header: string[]; rows: string[][] } {
  const header = [
    'Date',
    'Approximate',
    'Time',
    'What happened',
    'Agencies and sources',
    'Action or outcome',
    'Fact or opinion',
    'Grouping',
    'Entry id',
  ];
  const rows: { sortDate: string; order: number; cells: string[] }[] = document.entries.map((entry, order) => ({
    sortDate: entry.sortDate,
    order,
    cells: eventCells(entry),
  }));
  for (const gap of document.gaps) {
    rows.push({
      sortDate: gap.from,
      order: Number.MAX_SAFE_INTEGER,
      cells: [`${gap.from} to ${gap.to}`, '', '', `No agency contact for ${gap.days} days`, '', '', '', 'gap', ''],
    });
  }
  rows.sort((a, b) => a.sortDate.localeCompare(b.sortDate) || a.order - b.order);
  return { header, rows: rows.map((r) => r.cells) };
}

function eventCells(entry: MergedEntry): string[] {
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
  return [
    date,
    // Whether the agency said the date is approximate: a month or a year is a precise answer in itself.
    entry.date.approximate ? 'yes' : '',
    sameTime ? (entry.time ?? '') : '',
    grouped ? accounts((s) => s.description) : entry.description,
    entry.sources.map((s) => `${s.agencyName}${s.sourceRecord ? ` (${s.sourceRecord})` : ''}`).join('; '),
    accounts((s) => s.actionOutcome),
    facts.length === 1 ? (facts[0] ?? '') : accounts((s) => s.factOrOpinion),
    entry.grouping === 'single' ? '' : `${entry.grouping} (${entry.sources.length} agencies)`,
    entry.id,
  ];
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
  return { reference: record.reference, table: chronologyTable(found.document), version: found.document.version };
}

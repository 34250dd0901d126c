import type { ReturnContent } from '../../contract/returns';
import { buildZip } from '../../formats/zip';
import { renderWord } from '../../formats/word';
import { writeXlsx } from '../../formats/spreadsheet';
import { chronologyDocument } from '../collation/chronology';
import type { DocumentContent, Marking } from '../collation/document';
import type { CollatedRequest, CollationInput } from '../collation/input';
import { requestLetter } from '../collation/letter';
import {
  inMemory,
  MANIFEST_PATH,
  packManifest,
  planPack,
  slug,
  uniquePaths,
  type PackCandidate,
  type PackItem,
} from '../collation/pack';
import { meetingSummary, nationalPanelLetter, nationalPanelSummary } from '../collation/summaries';
import { conflict, invalid, notFound } from '../errors';
import {
  MEETING_DECISION_LABELS,
  RETURN_TYPE_LABELS,
  type Actor,
  type Agency,
  type AgencySession,
  type Case,
  type MeetingDecision,
  type MeetingDecisionKind,
  type ReturnRequest,
} from '../model';
import type { MeetingDecisionRepository, PortalDeps } from '../ports';
import { newId } from '../ids';
import { releasedKey } from './attachments';
import { withMilestones } from './cases';
import { chronologyTable, type MergedChronologyDocument } from './chronology';
import {
  agencyActor,
  auditEvent,
  requireCase,
  requirePartnership,
  staffActor,
  today,
  type StaffPrincipal,
} from './context';

/**
 * Collation documents (§4.1.6, §4.5, §4.8, §4.9, §9.1.3): the Information Request Letter, the Combined
 * Summaries, the National Panel's covering letter, the chronology in Word, and the case pack, made on
 * request from what the portal holds (nothing generated is stored). Every download is audited with which
 * document and whether it was the named or anonymised version; file names carry the case reference only.
 */
export const CASE_DOCUMENTS = [
  'combined-summary',
  'national-panel-summary',
  'national-panel-letter',
  'chronology',
] as const;
export type CaseDocument = (typeof CASE_DOCUMENTS)[number];

export interface GeneratedFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ZIP = 'application/zip';
/**
 * The pack is built in the function's memory (the stack gives download-case-pack 3 GB), holding its files and
 * the zip at once, and within the API's 29 seconds: 512 MiB of files keeps well inside both.
 */
export const PACK_BUDGET_BYTES = 512 * 1024 * 1024;
/** The zip waits in the bucket for its presigned GET; the bucket's lifecycle deletes `packs/` after a day. */
export const PACK_DOWNLOAD_SECONDS = 300;

export interface PackDownload {
  url: string;
  fileName: string;
  expiresInSeconds: number;
  files: number;
  notIncluded: number;
}

const fileStem = (reference: string) => reference.replace(/[^A-Z0-9-]/gi, '-');

function decisions(deps: PortalDeps): MeetingDecisionRepository {
  if (!deps.store.meetingDecisions) throw new Error('meeting decisions are not stored by this adapter');
  return deps.store.meetingDecisions;
}

interface Loaded {
  record: Case;
  input: CollationInput;
  requests: ReturnRequest[];
  agencies: Map<string, Agency>;
}

/** Everything the documents are made from, read once; a letter needs no returns, so it reads none. */
async function load(
  deps: PortalDeps,
  partnershipId: string,
  caseId: string,
  options: { returns: boolean } = { returns: true },
): Promise<Loaded> {
  const partnership = await requirePartnership(deps, partnershipId);
  const record = await requireCase(deps, partnershipId, caseId);
  if (record.purgedAt || !record.subject) {
    throw conflict("The case's returns and the child's details were deleted under the retention policy", 'purged');
  }
  const [requests, agencyList, decision] = await Promise.all([
    deps.store.requests.listForCase(partnershipId, caseId),
    deps.store.agencies.list(partnershipId),
    decisions(deps).get(partnershipId, caseId),
  ]);
  const agencies = new Map(agencyList.map((a) => [a.id, a]));
  const collated = await Promise.all(
    requests.map(async (r): Promise<CollatedRequest> => {
      const latest =
        options.returns && r.returnVersion !== undefined
          ? await deps.store.requests.getSubmitted(partnershipId, caseId, r.id, r.returnVersion)
          : undefined;
      const document = latest && (await deps.documents.getJson<{ content: ReturnContent }>(latest.documentKey));
      return {
        requestId: r.id,
        agencyId: r.agencyId,
        agencyName: agencies.get(r.agencyId)?.name ?? 'Unknown agency',
        returnType: r.returnType,
        status: r.status,
        dueOn: r.dueOn,
        ...(r.analysisColumns ? { analysisColumns: true } : {}),
        ...(latest && document
          ? { latest: { version: latest.version, submittedAt: latest.submittedAt, content: document.content } }
          : {}),
      };
    }),
  );
  const input: CollationInput = {
    partnership,
    record: {
      reference: record.reference,
      route: record.route,
      day0: record.day0,
      subject: record.subject,
      milestones: withMilestones(deps, partnership, record).milestones,
    },
    today: today(deps),
    requests: collated,
    ...(decision ? { decision } : {}),
  };
  return { record, input, requests, agencies };
}

async function latestChronology(deps: PortalDeps, partnershipId: string, caseId: string) {
  const latest = await deps.store.chronologies.latest(partnershipId, caseId);
  return latest && deps.documents.getJson<MergedChronologyDocument>(latest.documentKey);
}

const requireDecision = (input: CollationInput) => {
  if (!input.decision) {
    throw conflict(
      "Record the meeting's decision first: the National Panel documents report it (§4.8.1)",
      'no-meeting-decision',
    );
  }
  return input.decision;
};

/** The content of one of the case's documents. */
async function caseDocumentContent(
  deps: PortalDeps,
  loaded: Loaded,
  document: CaseDocument,
  marking: Marking,
): Promise<DocumentContent> {
  const { input, record } = loaded;
  switch (document) {
    case 'combined-summary':
      return meetingSummary(input, marking);
    case 'national-panel-summary':
      return nationalPanelSummary(input, requireDecision(input), marking);
    case 'national-panel-letter':
      return nationalPanelLetter(input, requireDecision(input), marking);
    case 'chronology': {
      const merged = await latestChronology(deps, record.partnershipId, record.id);
      if (!merged) throw notFound('A multi-agency chronology', 'no-chronology');
      return chronologyDocument(
        input,
        chronologyTable(merged),
        { version: merged.version, generatedAt: merged.generatedAt, agencies: merged.sources.length },
        marking,
      );
    }
  }
}

const documentFileName = (reference: string, document: string, marking: Marking) =>
  `${fileStem(reference)}-${document}${marking === 'anonymised' ? '-anonymised' : ''}.docx`;

const downloaded = (
  deps: PortalDeps,
  actor: Actor,
  record: Case,
  document: string,
  marking: Marking,
  extra: { requestId?: string; agencyId?: string } = {},
) =>
  deps.store.audit.append(
    auditEvent(deps, actor, record.partnershipId, record.id, 'document.downloaded', {
      ...extra,
      detail: { document, marking },
    }),
  );

export async function generateCaseDocument(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  document: CaseDocument,
  marking: Marking,
): Promise<GeneratedFile> {
  const loaded = await load(deps, staff.partnershipId, caseId);
  const bytes = await renderWord(await caseDocumentContent(deps, loaded, document, marking));
  await downloaded(deps, staffActor(staff), loaded.record, document, marking);
  return { fileName: documentFileName(loaded.record.reference, document, marking), contentType: DOCX, bytes };
}

/** The requests a letter to the agency lists: what is still asked of it. */
const askedOf = (loaded: Loaded, agencyId: string, includeDrafts: boolean) =>
  loaded.input.requests.filter(
    (r) =>
      r.agencyId === agencyId &&
      r.status !== 'withdrawn' &&
      r.status !== 'not-involved' &&
      (includeDrafts || r.status !== 'draft'),
  );

function letterFor(loaded: Loaded, agencyId: string, includeDrafts: boolean): DocumentContent {
  const agency = loaded.agencies.get(agencyId);
  return requestLetter(
    loaded.input,
    { name: agency?.name ?? 'Your agency', leadName: agency?.leadName ?? 'Safeguarding lead' },
    askedOf(loaded, agencyId, includeDrafts),
  );
}

const letterFileName = (reference: string, agencyName: string) =>
  `${fileStem(reference)}-information-request-letter-${slug(agencyName)}.docx`;

/** The letter to the agency of a request, for the business office (also before the request is sent). */
export async function requestLetterForStaff(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
): Promise<GeneratedFile> {
  const loaded = await load(deps, staff.partnershipId, caseId, { returns: false });
  const request = loaded.requests.find((r) => r.id === requestId);
  if (!request) throw notFound('The request');
  const bytes = await renderWord(letterFor(loaded, request.agencyId, true));
  await downloaded(deps, staffActor(staff), loaded.record, 'request-letter', 'named', {
    requestId,
    agencyId: request.agencyId,
  });
  return {
    fileName: letterFileName(loaded.record.reference, loaded.agencies.get(request.agencyId)?.name ?? 'agency'),
    contentType: DOCX,
    bytes,
  };
}

/** The letter, for the agency lead signed in with the link and code: only its own, only once sent. */
export async function requestLetterForAgency(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
): Promise<GeneratedFile> {
  const loaded = await load(deps, session.partnershipId, session.caseId, { returns: false });
  const request = loaded.requests.find((r) => r.id === requestId);
  if (!request || request.agencyId !== session.agencyId || request.status === 'draft') throw notFound('The request');
  const bytes = await renderWord(letterFor(loaded, session.agencyId, false));
  await downloaded(deps, agencyActor(session), loaded.record, 'request-letter', 'named', {
    requestId,
    agencyId: session.agencyId,
  });
  return { fileName: `${fileStem(loaded.record.reference)}-information-request-letter.docx`, contentType: DOCX, bytes };
}

// ---------- The meeting's decision ----------

export interface MeetingDecisionInput {
  meetingDate: string;
  decision: MeetingDecisionKind;
  rationale: string;
  learningIdentified: string;
  immediateActions?: string;
}

const decisionView = (d: MeetingDecision) => ({
  meetingDate: d.meetingDate,
  decision: d.decision,
  decisionLabel: MEETING_DECISION_LABELS[d.decision],
  rationale: d.rationale,
  learningIdentified: d.learningIdentified,
  ...(d.immediateActions ? { immediateActions: d.immediateActions } : {}),
  recordedAt: d.recordedAt,
});

export async function getMeetingDecision(deps: PortalDeps, staff: StaffPrincipal, caseId: string) {
  await requireCase(deps, staff.partnershipId, caseId);
  const found = await decisions(deps).get(staff.partnershipId, caseId);
  return { decision: found ? decisionView(found) : null };
}

export async function recordMeetingDecision(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  input: MeetingDecisionInput,
) {
  const record = await requireCase(deps, staff.partnershipId, caseId);
  if (record.status !== 'open') throw conflict('The case is closed', 'case-closed');
  if (input.meetingDate > today(deps)) {
    throw invalid("Check the meeting's date", [
      { path: 'meetingDate', message: 'The date of the meeting cannot be in the future' },
    ]);
  }
  if (input.meetingDate < record.day0) {
    throw invalid("Check the meeting's date", [
      { path: 'meetingDate', message: 'The meeting cannot be before day 0 of the case' },
    ]);
  }
  const previous = await decisions(deps).get(staff.partnershipId, caseId);
  const decision: MeetingDecision = {
    partnershipId: staff.partnershipId,
    caseId,
    meetingDate: input.meetingDate,
    decision: input.decision,
    rationale: input.rationale,
    learningIdentified: input.learningIdentified,
    ...(input.immediateActions ? { immediateActions: input.immediateActions } : {}),
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: staff.userId,
  };
  await decisions(deps).put(
    decision,
    auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'meeting-decision.recorded', {
      detail: { decision: input.decision, meetingDate: input.meetingDate, replaced: previous !== undefined },
    }),
  );
  return { decision: decisionView(decision) };
}

// ---------- The case pack ----------

const MARKINGS: Marking[] = ['named', 'anonymised'];

export async function casePack(deps: PortalDeps, staff: StaffPrincipal, caseId: string): Promise<PackDownload> {
  if (!deps.files) throw new Error('file storage is not configured');
  const files = deps.files;
  const loaded = await load(deps, staff.partnershipId, caseId);
  const { record, input } = loaded;
  const items: PackCandidate[] = [];
  const agencyName = (agencyId: string) => loaded.agencies.get(agencyId)?.name ?? 'Unknown agency';

  // Every submitted version of every return, as stored (JSON, with its declaration and attachments list).
  const attachmentIds = new Map<string, Set<string>>();
  for (const request of loaded.requests) {
    const versions = await deps.store.requests.listSubmitted(record.partnershipId, record.id, request.id);
    for (const version of versions) {
      const document = await deps.documents.getJson<unknown>(version.documentKey);
      if (document === undefined) continue;
      items.push(
        inMemory({
          path: `returns/${slug(agencyName(request.agencyId))}/${request.returnType}-v${version.version}.json`,
          bytes: Buffer.from(JSON.stringify(document, null, 2), 'utf8'),
          kind: 'return',
          agency: agencyName(request.agencyId),
          description: `${RETURN_TYPE_LABELS[request.returnType]}${version.nilReturn ? ' (nil return)' : ''}, version ${version.version}, submitted ${version.submittedAt}`,
        }),
      );
      const ids = attachmentIds.get(request.id) ?? new Set<string>();
      for (const a of version.attachments ?? []) ids.add(a.id);
      attachmentIds.set(request.id, ids);
    }
  }

  // The files agencies attached to their submitted returns.
  for (const [requestId, ids] of attachmentIds) {
    for (const id of ids) {
      const attachment = await deps.store.attachments.get(record.partnershipId, record.id, requestId, id);
      if (!attachment || attachment.status !== 'available') continue;
      items.push({
        path: `attachments/${slug(agencyName(attachment.agencyId))}/${attachment.id}.${attachment.type}`,
        size: attachment.size,
        // Read only if it goes in: a large case's attachments never all sit in memory.
        read: () => files.read(releasedKey(attachment), attachment.size),
        kind: 'attachment',
        agency: agencyName(attachment.agencyId),
        originalFileName: attachment.fileName,
        description: `Attached to the ${RETURN_TYPE_LABELS[loaded.requests.find((r) => r.id === requestId)?.returnType ?? 'information-request-reply']}`,
      });
    }
  }

  // The generated documents, named and anonymised.
  const stem = fileStem(record.reference);
  const word = async (path: string, description: string, content: DocumentContent) =>
    items.push(
      inMemory({ path, bytes: await renderWord(content), kind: 'document', description, marking: content.marking }),
    );
  for (const marking of MARKINGS) {
    await word(
      `documents/${documentFileName(stem, 'combined-summary', marking)}`,
      'Combined Summary for the meeting',
      meetingSummary(input, marking),
    );
  }
  if (input.decision) {
    for (const marking of MARKINGS) {
      await word(
        `documents/${documentFileName(stem, 'national-panel-summary', marking)}`,
        'Combined Summary for the National Panel',
        nationalPanelSummary(input, input.decision, marking),
      );
      await word(
        `documents/${documentFileName(stem, 'national-panel-letter', marking)}`,
        'Covering letter to the National Panel',
        nationalPanelLetter(input, input.decision, marking),
      );
    }
  }
  const merged = await latestChronology(deps, record.partnershipId, record.id);
  if (merged) {
    const table = chronologyTable(merged);
    for (const marking of MARKINGS) {
      await word(
        `documents/${documentFileName(stem, 'chronology', marking)}`,
        `Multi-agency chronology, version ${merged.version}`,
        chronologyDocument(
          input,
          table,
          { version: merged.version, generatedAt: merged.generatedAt, agencies: merged.sources.length },
          marking,
        ),
      );
    }
    items.push(
      inMemory({
        path: `documents/${stem}-chronology.xlsx`,
        bytes: await writeXlsx([
          {
            name: 'Multi-agency chronology',
            columns: table.header.map((header) => ({ header, width: header === 'What happened' ? 60 : 20 })),
            rows: table.rows,
          },
        ]),
        kind: 'export',
        marking: 'named',
        description: `Multi-agency chronology, version ${merged.version}, as an Excel workbook`,
      }),
    );
  }
  for (const agencyId of new Set(loaded.requests.filter((r) => r.status !== 'draft').map((r) => r.agencyId))) {
    if (!askedOf(loaded, agencyId, false).length) continue;
    await word(
      `documents/letters/${letterFileName(stem, agencyName(agencyId))}`,
      `Information Request Letter to ${agencyName(agencyId)}`,
      letterFor(loaded, agencyId, false),
    );
  }

  const { included: chosen, omitted } = planPack(uniquePaths(items), PACK_BUDGET_BYTES);
  const included: PackItem[] = [];
  for (const { read, size: _size, ...item } of chosen) included.push({ ...item, bytes: await read() });
  const generatedAt = deps.clock.now();
  const manifest = packManifest(
    { caseReference: record.reference, generatedAt: generatedAt.toISOString(), generatedBy: staff.username },
    included,
    omitted,
  );
  const zip = buildZip(
    [
      { path: MANIFEST_PATH, bytes: Buffer.from(JSON.stringify(manifest, null, 2), 'utf8') },
      ...included.map(({ path, bytes }) => ({ path, bytes })),
    ],
    generatedAt,
  );
  const fileName = `${stem}-case-pack.zip`;
  const key = `packs/${record.partnershipId}/${record.id}/${newId()}.zip`;
  await files.write(key, zip, ZIP);
  await deps.store.audit.append(
    auditEvent(deps, staffActor(staff), record.partnershipId, record.id, 'case-pack.downloaded', {
      detail: {
        files: included.length,
        notIncluded: omitted.length,
        documents: included.filter((i) => i.kind === 'document').length,
        attachments: included.filter((i) => i.kind === 'attachment').length,
      },
    }),
  );
  const url = await files.presignDownload(key, {
    contentDisposition: `attachment; filename="${fileName}"`,
    contentType: ZIP,
    expiresSeconds: PACK_DOWNLOAD_SECONDS,
  });
  return {
    url,
    fileName,
    expiresInSeconds: PACK_DOWNLOAD_SECONDS,
    files: included.length,
    notIncluded: omitted.length,
  };
}

import type { ReturnContent } from '../../contract/returns';
import { renderWord } from '../../formats/word';
import { chronologyDocument } from '../collation/chronology';
import type { DocumentContent, Marking } from '../collation/document';
import type { CollatedRequest, CollationInput } from '../collation/input';
import { requestLetter } from '../collation/letter';
import { returnDocument } from '../collation/return-document';
import { requireDecisionDocument } from '../collation/route-documents';
import { meetingSummary, nationalPanelLetter, nationalPanelSummary } from '../collation/summaries';
import { slug } from '../collation/pack';
import { conflict, notFound } from '../errors';
import { currentAcknowledgement } from '../safety-concern';
import type { Actor, Agency, AgencySession, Case, Partnership, ReturnRequest, SubmittedReturn } from '../model';
import type { PortalDeps } from '../ports';
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
import { decisions } from './meeting-decisions';
import { readSubmittedReturn } from './requests';

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
export const fileStem = (reference: string) => reference.replace(/[^A-Z0-9-]/gi, '-');

interface Loaded {
  record: Case;
  input: CollationInput;
  requests: ReturnRequest[];
  agencies: Map<string, Agency>;
}

/** Everything the documents are made from, read once; a letter needs no returns, so it reads none. */
export async function load(
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
        ...acknowledgementOf(r),
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

function acknowledgementOf(request: ReturnRequest): Pick<CollatedRequest, 'safetyConcernAcknowledgement'> {
  const ack = currentAcknowledgement(request);
  return ack ? { safetyConcernAcknowledgement: ack } : {};
}

export async function latestChronology(deps: PortalDeps, partnershipId: string, caseId: string) {
  const latest = await deps.store.chronologies.latest(partnershipId, caseId);
  return latest && deps.documents.getJson<MergedChronologyDocument>(latest.documentKey);
}

/** The recorded decision, for a National Panel document the route and the decision call for (409 otherwise). */
const requireDecision = (input: CollationInput, document: 'national-panel-summary' | 'national-panel-letter') => {
  requireDecisionDocument(input.record.route, input.decision, document);
  // requireDecisionDocument refuses a National Panel document without a decision.
  return input.decision!;
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
      return nationalPanelSummary(input, requireDecision(input, document), marking);
    case 'national-panel-letter':
      return nationalPanelLetter(input, requireDecision(input, document), marking);
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

export const documentFileName = (reference: string, document: string, marking: Marking) =>
  `${fileStem(reference)}-${document}${marking === 'anonymised' ? '-anonymised' : ''}.docx`;

const downloaded = (
  deps: PortalDeps,
  actor: Actor,
  record: Pick<Case, 'partnershipId' | 'id'>,
  document: string,
  marking: Marking,
  extra: { requestId?: string; agencyId?: string; version?: number } = {},
) => {
  const { version, ...about } = extra;
  return deps.store.audit.append(
    auditEvent(deps, actor, record.partnershipId, record.id, 'document.downloaded', {
      ...about,
      detail: { document, marking, ...(version !== undefined ? { version } : {}) },
    }),
  );
};

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
export const askedOf = (loaded: Loaded, agencyId: string, includeDrafts: boolean) =>
  loaded.input.requests.filter(
    (r) =>
      r.agencyId === agencyId &&
      r.status !== 'withdrawn' &&
      r.status !== 'not-involved' &&
      (includeDrafts || r.status !== 'draft'),
  );

export function letterFor(loaded: Loaded, agencyId: string, includeDrafts: boolean): DocumentContent {
  const agency = loaded.agencies.get(agencyId);
  return requestLetter(
    loaded.input,
    { name: agency?.name ?? 'Your agency', leadName: agency?.leadName ?? 'Safeguarding lead' },
    askedOf(loaded, agencyId, includeDrafts),
  );
}

export const letterFileName = (reference: string, agencyName: string) =>
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

export const returnFileName = (reference: string, agencyName: string, returnType: string, version: number) =>
  `${fileStem(reference)}-${slug(agencyName)}-${returnType}-v${version}.docx`;

/** One submitted version of an agency's return (every type), as its Word document. */
export async function returnWord(
  partnership: Pick<Partnership, 'officeName'>,
  reference: string,
  agencyName: string,
  submitted: SubmittedReturn,
  content: ReturnContent,
): Promise<GeneratedFile> {
  const bytes = await renderWord(
    returnDocument({
      reference,
      officeName: partnership.officeName,
      agencyName,
      returnType: submitted.returnType,
      version: submitted.version,
      submittedAt: submitted.submittedAt,
      immediateSafetyConcern: submitted.immediateSafetyConcern,
      content,
      attachments: submitted.attachments ?? [],
    }),
  );
  return {
    fileName: returnFileName(reference, agencyName, submitted.returnType, submitted.version),
    contentType: DOCX,
    bytes,
  };
}

/**
 * A submitted return (the latest version, or `version`) as a Word document for the business office, which
 * works in Word; the JSON stays the record. Audited as a download of the named document.
 */
export async function returnDocumentForStaff(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  version?: number,
): Promise<GeneratedFile> {
  const partnership = await requirePartnership(deps, staff.partnershipId);
  const record = await requireCase(deps, staff.partnershipId, caseId);
  const found = await readSubmittedReturn(deps, staff.partnershipId, caseId, requestId, version);
  const file = await returnWord(
    partnership,
    record.reference,
    found.agencyName,
    found.submitted,
    found.content as ReturnContent,
  );
  await downloaded(deps, staffActor(staff), record, 'return', 'named', {
    requestId,
    agencyId: found.request.agencyId,
    version: found.submitted.version,
  });
  return file;
}

import { conflict, invalid, notFound } from '../errors';
import { ATTACHMENT_TYPES, contentDisposition, inspectUpload, RECOMMENDED_UPLOAD_LIMITS } from '../files/inspect';
import { releaseDecision, type ScanVerdict } from '../files/malware';
import { newId } from '../ids';
import type { Actor, Attachment, AttachmentType } from '../model';
import type { PortalDeps } from '../ports';
import { canApply } from '../request-status';
import { agencyActor, auditEvent, requireCase, staffActor, type StaffPrincipal } from './context';
import type { AgencySession } from '../model';

/**
 * Documents agencies attach (Word, PDF, Excel). The browser uploads straight to a quarantine prefix
 * with a presigned POST (exact key, type and size, 10 minutes); the server then checks what arrived
 * (size, magic bytes against the declared type, macros, legacy Office, zip bombs) and the malware scan
 * (GuardDuty in AWS, an EICAR-detecting scanner locally), and only a clean file is released (ADR 0011).
 */
export const ATTACHMENT_LIMITS = {
  ...RECOMMENDED_UPLOAD_LIMITS,
  maxCount: 20,
  maxTotalBytes: 100 * 1024 * 1024,
  uploadSeconds: 600,
  downloadSeconds: 60,
};

const quarantineKey = (a: Attachment) => `quarantine/${a.partnershipId}/${a.caseId}/${a.requestId}/${a.id}`;
export const releasedKey = (a: Attachment) => `attachments/${a.partnershipId}/${a.caseId}/${a.requestId}/${a.id}`;

function services(deps: PortalDeps) {
  if (!deps.files) throw new Error('file storage is not configured');
  return { files: deps.files };
}

/** Only completing an upload scans, so only that function's composition brings a scanner (and its bundle). */
function scanning(deps: PortalDeps) {
  if (!deps.files || !deps.scanner) throw new Error('file storage or malware scanning is not configured');
  return { files: deps.files, scanner: deps.scanner };
}

function typeOf(contentType: string, fileName: string): AttachmentType | undefined {
  const lower = fileName.toLowerCase();
  return (Object.keys(ATTACHMENT_TYPES) as AttachmentType[]).find(
    (type) =>
      ATTACHMENT_TYPES[type].contentType === contentType &&
      ATTACHMENT_TYPES[type].extensions.some((extension) => lower.endsWith(extension)),
  );
}

export const attachmentView = (a: Attachment) => ({
  id: a.id,
  fileName: a.fileName,
  type: a.type,
  size: a.size,
  status: a.status,
  createdAt: a.createdAt,
  ...(a.releasedAt ? { releasedAt: a.releasedAt } : {}),
  ...(a.rejectedMessage ? { rejectedMessage: a.rejectedMessage } : {}),
});

async function editableRequest(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await deps.store.requests.get(session.partnershipId, session.caseId, requestId);
  if (!request || request.agencyId !== session.agencyId || request.status === 'draft') throw notFound('The request');
  if (!canApply('save-draft', request.status)) {
    throw conflict('This return has been submitted or closed: its files can no longer change', 'submitted');
  }
  return request;
}

export async function startUpload(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  input: { fileName: string; contentType: string; size: number },
) {
  const { files } = services(deps);
  const request = await editableRequest(deps, session, requestId);
  const type = typeOf(input.contentType, input.fileName);
  if (!type) {
    throw invalid('Attach a Word document (.docx), a PDF or an Excel workbook (.xlsx)', [
      { path: 'contentType', message: 'Only .docx, .pdf and .xlsx files can be attached' },
    ]);
  }
  if (input.size > ATTACHMENT_LIMITS.maxBytes) {
    throw invalid(`Files can be up to ${ATTACHMENT_LIMITS.maxBytes / 1024 / 1024} MB`, [
      { path: 'size', message: 'The file is too large' },
    ]);
  }
  const attachment: Attachment = {
    id: newId(),
    partnershipId: request.partnershipId,
    caseId: request.caseId,
    requestId,
    agencyId: request.agencyId,
    fileName: input.fileName,
    contentType: input.contentType,
    type,
    size: input.size,
    status: 'awaiting-upload',
    createdAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.attachments.create(attachment, ATTACHMENT_LIMITS))) {
    throw conflict(
      `A return can have up to ${ATTACHMENT_LIMITS.maxCount} files and ${ATTACHMENT_LIMITS.maxTotalBytes / 1024 / 1024} MB in all`,
      'attachment-limit',
    );
  }
  const upload = await files.presignUpload(
    quarantineKey(attachment),
    input.contentType,
    input.size,
    ATTACHMENT_LIMITS.uploadSeconds,
  );
  return { attachment: attachmentView(attachment), upload };
}

/** Checks an uploaded file and releases it if, and only if, it is what it claims and the scan is clean. */
export async function completeUpload(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  attachmentId: string,
) {
  const tools = scanning(deps);
  await editableRequest(deps, session, requestId);
  const attachment = await deps.store.attachments.get(session.partnershipId, session.caseId, requestId, attachmentId);
  if (!attachment) throw notFound('The file');
  const settled = await settleUpload(deps, tools, attachment, agencyActor(session));
  if (settled === 'not-uploaded')
    throw conflict('The file has not arrived yet. Upload it, then try again.', 'not-uploaded');
  return settled;
}

/** What a scan result did to the file it names. */
export type ScanResultOutcome =
  'released' | 'rejected' | 'scanning' | 'already-settled' | 'not-an-upload' | 'return-not-editable';

/** The quarantine key of an upload, as quarantineKey writes it: ids only, so nothing needs decoding. */
const QUARANTINE_KEY = /^quarantine\/([\w-]+)\/([\w-]+)\/([\w-]+)\/([\w-]+)$/;

/**
 * GuardDuty has finished scanning an object (its EventBridge scan result): settle that upload exactly as
 * completeUpload does, so a file is released, or refused, even when the lead's browser went away before the
 * scan finished (ADR 0011). EventBridge delivers at least once and may race the browser's own `complete`:
 * every step is conditional, so a repeat changes nothing. The verdict is read from the object's tag, never
 * taken from the event: the bucket policy serves released files only with that tag.
 */
export async function settleScannedUpload(deps: PortalDeps, objectKey: string): Promise<ScanResultOutcome> {
  const tools = scanning(deps);
  const ids = QUARANTINE_KEY.exec(objectKey);
  if (!ids) return 'not-an-upload';
  const [, partnershipId, caseId, requestId, attachmentId] = ids as unknown as [string, string, string, string, string];
  const attachment = await deps.store.attachments.get(partnershipId, caseId, requestId, attachmentId);
  if (!attachment) return 'not-an-upload';
  if (attachment.status === 'available' || attachment.status === 'rejected') return 'already-settled';
  const request = await deps.store.requests.get(partnershipId, caseId, requestId);
  // A withdrawn or closed return takes no more files; this one expires in quarantine with the others.
  if (!request || !canApply('save-draft', request.status)) return 'return-not-editable';
  const settled = await settleUpload(deps, tools, attachment, { type: 'system', name: 'malware-scan-result' });
  if (settled === 'not-uploaded') return 'not-an-upload';
  return settled.status === 'available' ? 'released' : settled.status === 'rejected' ? 'rejected' : 'scanning';
}

type AttachmentView = ReturnType<typeof attachmentView>;

/**
 * The checks and the release, for whoever asks (the lead's browser, or the scan result). Each change of
 * status is conditional on the status read here: when another caller got there first, its outcome is
 * returned and nothing is done or audited twice.
 */
async function settleUpload(
  deps: PortalDeps,
  { files, scanner }: ReturnType<typeof scanning>,
  attachment: Attachment,
  actor: Actor,
): Promise<AttachmentView | 'not-uploaded'> {
  if (attachment.status === 'available' || attachment.status === 'rejected') return attachmentView(attachment);
  const { partnershipId, caseId, requestId, agencyId, id: attachmentId } = attachment;
  const key = quarantineKey(attachment);
  const audit = (action: string, detail: Record<string, string>) =>
    deps.store.audit.append(
      auditEvent(deps, actor, partnershipId, caseId, action, {
        requestId,
        agencyId,
        detail: { attachmentId, ...detail },
      }),
    );
  const settledElsewhere = async () => {
    const current = await deps.store.attachments.get(partnershipId, caseId, requestId, attachmentId);
    if (!current) throw notFound('The file');
    return attachmentView(current);
  };
  const reject = async (reason: string, message: string, keepForInvestigation = false) => {
    if (!keepForInvestigation) await files.delete(key);
    // A rejected file stays listed with its reason, and no longer counts against the limits.
    const changed = await deps.store.attachments.setStatus(attachment, attachment.status, {
      status: 'rejected',
      rejectedReason: reason,
      rejectedMessage: message,
    });
    if (!changed) return settledElsewhere();
    await audit(keepForInvestigation ? 'attachment.quarantined' : 'attachment.rejected', { reason });
    return { ...attachmentView(attachment), status: 'rejected' as const, rejectedMessage: message };
  };
  const decide = async (verdict: ScanVerdict) => {
    const decision = releaseDecision(verdict);
    if (decision === 'wait') {
      if (!(await deps.store.attachments.setStatus(attachment, attachment.status, { status: 'scanning' }))) {
        return settledElsewhere();
      }
      return { ...attachmentView(attachment), status: 'scanning' as const };
    }
    if (decision === 'quarantine') {
      return reject(
        `scan-${verdict}`,
        'This file did not pass the virus check and has been kept back. The business office can see that it was not accepted.',
        verdict === 'infected',
      );
    }
    await files.move(key, releasedKey(attachment));
    const releasedAt = deps.clock.now().toISOString();
    if (!(await deps.store.attachments.setStatus(attachment, attachment.status, { status: 'available', releasedAt }))) {
      return settledElsewhere();
    }
    await audit('attachment.released', {});
    return { ...attachmentView(attachment), status: 'available' as const, releasedAt };
  };

  if (attachment.status === 'awaiting-upload') {
    const size = await files.size(key);
    if (size === undefined) return 'not-uploaded';
    // The emulator does not enforce the upload policy, and policies are only as good as their checks.
    if (size !== attachment.size) {
      return reject('size-mismatch', 'The file that arrived is not the size declared. Upload it again.');
    }
    const bytes = await files.read(key, ATTACHMENT_LIMITS.maxBytes);
    const inspection = inspectUpload(
      bytes,
      { contentType: attachment.contentType, fileName: attachment.fileName },
      ATTACHMENT_LIMITS,
    );
    if (!inspection.ok) return reject(inspection.reason, inspection.message);
    return decide(await scanner.scan({ bucket: files.bucket, key, bytes }));
  }
  // Still scanning: ask the scanner again.
  return decide(await scanner.scan({ bucket: files.bucket, key }));
}

/**
 * Takes a file off the return being written. A file that a submitted version lists is part of that
 * version's record (issue 3: reopening keeps the earlier submission as a version), so it is only detached
 * from the draft and the next version; the stored file and its record stay until the case's retention
 * ends. A file no version lists is deleted.
 */
export async function removeAttachment(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  attachmentId: string,
) {
  const { files } = services(deps);
  const request = await editableRequest(deps, session, requestId);
  const attachment = await deps.store.attachments.get(session.partnershipId, session.caseId, requestId, attachmentId);
  if (!attachment || attachment.detachedAt) throw notFound('The file');
  const versions = request.returnVersion
    ? await deps.store.requests.listSubmitted(session.partnershipId, session.caseId, requestId)
    : [];
  const submitted = versions.some((v) => v.attachments?.some((a) => a.id === attachmentId));
  if (submitted) {
    if (!(await deps.store.attachments.detach(attachment, deps.clock.now().toISOString()))) throw notFound('The file');
  } else {
    await files.delete(attachment.status === 'available' ? releasedKey(attachment) : quarantineKey(attachment));
    await deps.store.attachments.remove(attachment);
  }
  await deps.store.audit.append(
    auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'attachment.removed', {
      requestId,
      agencyId: session.agencyId,
      detail: { attachmentId, ...(submitted ? { keptForVersions: true } : {}) },
    }),
  );
}

/** The files of the return being written (or, once submitted, of its latest version). */
export async function listAgencyAttachments(deps: PortalDeps, session: AgencySession, requestId: string) {
  const request = await deps.store.requests.get(session.partnershipId, session.caseId, requestId);
  if (!request || request.agencyId !== session.agencyId || request.status === 'draft') throw notFound('The request');
  return (await deps.store.attachments.list(session.partnershipId, session.caseId, requestId))
    .filter((a) => !a.detachedAt)
    .map(attachmentView);
}

/**
 * Every file of a request for the office, refused ones included with why (`rejectedReason`, a code the
 * office's page words for it): the agency is told the office can see a file was not accepted. Only an
 * available file can be downloaded (download below).
 */
export async function listCaseAttachments(deps: PortalDeps, staff: StaffPrincipal, caseId: string, requestId: string) {
  await requireCase(deps, staff.partnershipId, caseId);
  return (await deps.store.attachments.list(staff.partnershipId, caseId, requestId)).map((a) => ({
    ...attachmentView(a),
    ...(a.status === 'rejected' && a.rejectedReason ? { rejectedReason: a.rejectedReason } : {}),
  }));
}

/** A short presigned GET that makes the browser save the file, never display it; recorded in the audit trail. */
async function download(deps: PortalDeps, attachment: Attachment | undefined, recordAudit: () => Promise<void>) {
  const { files } = services(deps);
  if (!attachment || attachment.status !== 'available') throw notFound('The file');
  await recordAudit();
  const url = await files.presignDownload(releasedKey(attachment), {
    contentDisposition: contentDisposition(attachment.fileName, attachment.type),
    contentType: ATTACHMENT_TYPES[attachment.type].contentType,
    expiresSeconds: ATTACHMENT_LIMITS.downloadSeconds,
  });
  return { url, expiresInSeconds: ATTACHMENT_LIMITS.downloadSeconds };
}

export async function downloadForStaff(
  deps: PortalDeps,
  staff: StaffPrincipal,
  caseId: string,
  requestId: string,
  attachmentId: string,
) {
  await requireCase(deps, staff.partnershipId, caseId);
  const attachment = await deps.store.attachments.get(staff.partnershipId, caseId, requestId, attachmentId);
  return download(deps, attachment, () =>
    deps.store.audit.append(
      auditEvent(deps, staffActor(staff), staff.partnershipId, caseId, 'attachment.downloaded', {
        requestId,
        ...(attachment ? { agencyId: attachment.agencyId } : {}),
        detail: { attachmentId },
      }),
    ),
  );
}

export async function downloadForAgency(
  deps: PortalDeps,
  session: AgencySession,
  requestId: string,
  attachmentId: string,
) {
  const attachment = await deps.store.attachments.get(session.partnershipId, session.caseId, requestId, attachmentId);
  if (attachment && attachment.agencyId !== session.agencyId) throw notFound('The file');
  return download(deps, attachment, () =>
    deps.store.audit.append(
      auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'attachment.downloaded', {
        requestId,
        agencyId: session.agencyId,
        detail: { attachmentId },
      }),
    ),
  );
}

/** The files that go with a submission; a file still being checked holds the submission back. */
export async function attachmentsForSubmission(
  deps: PortalDeps,
  partnershipId: string,
  caseId: string,
  requestId: string,
) {
  const attachments = (await deps.store.attachments.list(partnershipId, caseId, requestId)).filter(
    (a) => !a.detachedAt,
  );
  if (attachments.some((a) => a.status === 'awaiting-upload' || a.status === 'scanning')) {
    throw conflict(
      'Some files are still being uploaded or checked. Wait for them, or remove them, then submit.',
      'files-pending',
    );
  }
  return attachments
    .filter((a) => a.status === 'available')
    .map((a) => ({ id: a.id, fileName: a.fileName, type: a.type, size: a.size }));
}

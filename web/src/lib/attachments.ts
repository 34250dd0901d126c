import type { RejectionReason } from '../../../functions/domain/files/rejection';
import type { ScanVerdict } from '../../../functions/domain/files/malware';
import { rejectionText } from '../agency/messages';
import { agencyApi, ApiError } from './api';

/**
 * Documents attached to a return: Word (.docx), PDF and Excel (.xlsx) only, within the API's limits. The
 * type is taken from the file's extension (browsers do not always say), and anything else is refused
 * before it leaves the page. Uploads go straight to the file store with the presigned form the API gives.
 */
export const ATTACHMENT_LIMITS = {
  maxBytes: 25 * 1024 * 1024,
  maxCount: 20,
  maxTotalBytes: 100 * 1024 * 1024,
};

export const ATTACHMENT_RULES = 'Word (.docx), PDF or Excel (.xlsx); up to 25 MB each, 20 files and 100 MB in all';

const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export type AttachmentStatus = 'awaiting-upload' | 'scanning' | 'available' | 'rejected';

export interface AttachmentView {
  id: string;
  fileName: string;
  type: 'pdf' | 'docx' | 'xlsx';
  size: number;
  status: AttachmentStatus;
  createdAt: string;
  releasedAt?: string;
  rejectedMessage?: string;
  /** Why the file was refused, as a code (the office's list only): see refusalReasonText. */
  rejectedReason?: string;
}

export const ATTACHMENT_STATUS: Record<AttachmentStatus, { label: string; tag: string }> = {
  'awaiting-upload': { label: 'Not uploaded', tag: 'govuk-tag--grey' },
  scanning: { label: 'Being checked', tag: 'govuk-tag--yellow' },
  available: { label: 'Attached', tag: 'govuk-tag--green' },
  rejected: { label: 'Not accepted', tag: 'govuk-tag--red' },
};

/** The content type the API expects for a file name, from its extension alone. */
export function contentTypeOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[fileName.slice(dot).toLowerCase()];
}

/** "2.4 MB", "830 KB". */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Why a chosen file cannot be attached, before anything is sent; undefined when it can. */
export function refusalOf(
  file: { name: string; size: number },
  current: readonly Pick<AttachmentView, 'size' | 'status'>[],
): string | undefined {
  const counted = current.filter((a) => a.status !== 'rejected');
  if (!contentTypeOf(file.name))
    return `${file.name} must be a Word document (.docx), a PDF or an Excel workbook (.xlsx)`;
  if (file.size === 0) return `${file.name} is empty`;
  if (file.size > ATTACHMENT_LIMITS.maxBytes) return `${file.name} must be smaller than 25 MB`;
  if (counted.length >= ATTACHMENT_LIMITS.maxCount)
    return 'You can attach up to 20 files. Remove one to attach another';
  const total = counted.reduce((sum, a) => sum + a.size, 0);
  if (total + file.size > ATTACHMENT_LIMITS.maxTotalBytes)
    return `${file.name} would take the files over 100 MB in all. Remove a file or attach a smaller one`;
  return undefined;
}

interface StartedUpload {
  attachment: AttachmentView;
  upload: { url: string; fields: Record<string, string> };
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Uploads one file: the API records it and gives a presigned form; the file goes to the store with every
 * field of that form first and the file last; then the API checks it. While the virus check runs the
 * status is polled every few seconds. `onStatus` hears each step, for the page's live region.
 */
export async function uploadAttachment(
  requestId: string,
  file: File,
  onStatus: (attachment: AttachmentView) => void,
  pollMs = 3000,
): Promise<AttachmentView> {
  const contentType = contentTypeOf(file.name);
  if (!contentType) throw new ApiError(400, 'unsupported-type', `${file.name} cannot be attached`);
  const base = `/agency/requests/${requestId}/attachments`;
  const started = await agencyApi.post<StartedUpload>(base, { fileName: file.name, contentType, size: file.size });
  onStatus(started.attachment);
  const form = new FormData();
  for (const [name, value] of Object.entries(started.upload.fields)) form.append(name, value);
  form.append('file', new Blob([file], { type: contentType }), file.name);
  let posted: Response;
  try {
    posted = await fetch(started.upload.url, { method: 'POST', body: form, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'upload-failed', `${file.name} could not be uploaded. Check your connection and try again.`);
  }
  if (!posted.ok) throw new ApiError(posted.status, 'upload-failed', `${file.name} could not be uploaded. Try again.`);
  let checked = await agencyApi.post<AttachmentView>(`${base}/${started.attachment.id}/complete`);
  for (let attempt = 0; checked.status === 'scanning' && attempt < 100; attempt += 1) {
    onStatus(checked);
    await wait(pollMs);
    checked = await agencyApi.post<AttachmentView>(`${base}/${started.attachment.id}/complete`);
  }
  onStatus(checked);
  return checked;
}

/** A file as base64, for the chronology import (the API takes the file in the JSON body). */
export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Why a file was not accepted, for the business office: the agency's message tells the lead how to put it
 * right, the office needs only what was wrong. Codes are the file checks' (functions/domain/files/rejection),
 * a size that did not match, or the virus check's verdict; anything else falls back to the agency's words.
 */
const OFFICE_REASONS: Record<RejectionReason | 'size-mismatch', string> = {
  empty: 'The file was empty.',
  'too-large': 'The file was larger than 25 MB.',
  'type-not-allowed': 'It was not a Word (.docx), Excel (.xlsx) or PDF file.',
  'content-mismatch': 'It was not the kind of file its name said, or had another kind of file hidden inside it.',
  'macro-enabled': 'It contained macros.',
  'legacy-office': 'It was an old Word or Excel format (.doc or .xls), or password-protected.',
  executable: 'It was a program, not a document.',
  'zip-bomb': 'It could not be checked safely: it expanded to a very large size or had compressed files inside.',
  'embedded-content': 'It had an embedded object inside it that could not be checked.',
  'pdf-active-content': 'It was a PDF with scripts, automatic actions or attached files.',
  encrypted: 'It was password-protected or restricted, so it could not be checked.',
  unreadable: 'It could not be read. It may be damaged.',
  'size-mismatch': 'The file that arrived was not the size declared. The upload may have been interrupted.',
};

const SCAN_REASONS: Partial<Record<ScanVerdict, string>> = {
  infected: 'It did not pass the virus check. It has been kept back, and cannot be downloaded.',
};

export function refusalReasonText(file: Pick<AttachmentView, 'rejectedReason' | 'rejectedMessage'>): string {
  const reason = file.rejectedReason;
  if (reason?.startsWith('scan-')) {
    return SCAN_REASONS[reason.slice('scan-'.length) as ScanVerdict] ?? 'The virus check could not clear it.';
  }
  if (reason && reason in OFFICE_REASONS) return OFFICE_REASONS[reason as keyof typeof OFFICE_REASONS];
  const text = rejectionText(file.rejectedMessage);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** The files of a request that were not accepted, oldest first. */
export const filesNotAccepted = <T extends Pick<AttachmentView, 'status' | 'createdAt'>>(files: readonly T[]): T[] =>
  files.filter((f) => f.status === 'rejected').sort((a, b) => a.createdAt.localeCompare(b.createdAt));

/**
 * A file name in pieces, each ending where a line may break: after a dot, an underscore or a hyphen
 * ("case-notes.pdf" → "case-", "notes.", "pdf"), so a long name wraps between its words, never inside one
 * while there is room.
 */
export function fileNameParts(name: string): string[] {
  return name.match(/[^._-]*(?:[._-]+|$)/g)?.filter(Boolean) ?? [name];
}

import { ATTACHMENT_TYPE_NAMES, ATTACHMENT_TYPES, type AttachmentType } from './attachment-types';
import { checkOfficePackage } from './ooxml';
import { checkPdf } from './pdf';
import { Rejection, rejections, type RejectionReason } from './rejection';
import { sniff } from './sniff';
import { newZipBudget } from './zip';

export { ATTACHMENT_TYPES, type AttachmentType } from './attachment-types';
export type { RejectionReason } from './rejection';
export { contentDisposition, sanitiseDownloadName } from './download-name';

export interface UploadLimits {
  /** Largest file accepted, in bytes (also the presigned POST's content-length-range maximum). */
  maxBytes: number;
  /** Cap on what a package declares it expands to, nested packages included; also caps PDF object streams. */
  maxUncompressedBytes: number;
  /** Cap on ZIP entries, nested packages included. */
  maxZipEntries: number;
  /** Largest uncompressed:compressed ratio for any entry over 1 MiB. */
  maxCompressionRatio: number;
}

export type InspectionResult =
  { ok: true; type: AttachmentType } | { ok: false; reason: RejectionReason; message: string };

/**
 * What we suggest for production. 25 MB holds long scanned PDFs and picture-heavy Word documents; 200 MB
 * expanded holds a spreadsheet of some 800,000 rows and is inflated (never all held) in about two seconds.
 * Ordinary parts compress up to about 20:1, and even a Word document of nothing but empty paragraphs and
 * table cells stays near 250:1, while deflate bombs sit near 1,000:1.
 */
export const RECOMMENDED_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 25 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxZipEntries: 2000,
  maxCompressionRatio: 500,
};

/**
 * Decides whether an uploaded attachment may leave quarantine (before the malware scan, which must also
 * pass). Pure: it reads only the bytes given. The declared name is used for its extension only and never
 * appears in a message, since names may hold personal data.
 */
export function inspectUpload(
  bytes: Uint8Array,
  declared: { contentType: string; fileName: string },
  limits: UploadLimits,
): InspectionResult {
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`Upload limit ${key} must be positive.`);
  }
  let type: AttachmentType | undefined;
  try {
    if (bytes.length === 0) throw rejections.empty();
    // Checked here as well as in the POST policy, which a local S3 stand-in does not enforce.
    if (bytes.length > limits.maxBytes) throw rejections.tooLarge(limits.maxBytes);
    const kind = sniff(bytes.subarray(0, 8));
    // Whatever the name says.
    if (kind === 'executable') throw rejections.executable();
    if (kind === 'ole') throw rejections.legacyOffice();
    type = declaredType(declared);
    if (type === 'pdf') {
      if (kind !== 'pdf') throw rejections.contentMismatch(type);
      checkPdf(bytes, limits.maxUncompressedBytes);
    } else {
      if (kind !== 'zip') throw rejections.contentMismatch(type);
      checkOfficePackage(bytes, type, newZipBudget(limits));
    }
    return { ok: true, type };
  } catch (error) {
    // A parser failure we did not foresee must refuse the file, not release it.
    const rejection = error instanceof Rejection ? error : rejections.unreadable(type);
    return { ok: false, reason: rejection.reason, message: rejection.message };
  }
}

const MACRO_EXTENSIONS: Record<string, AttachmentType | undefined> = {
  '.docm': 'docx',
  '.dotm': 'docx',
  '.xlsm': 'xlsx',
  '.xltm': 'xlsx',
  '.xlam': 'xlsx',
  '.xlsb': 'xlsx',
  '.pptm': undefined,
  '.potm': undefined,
  '.ppam': undefined,
  '.ppsm': undefined,
  '.sldm': undefined,
};
const LEGACY_EXTENSIONS = new Set(['.doc', '.dot', '.xls', '.xlt', '.ppt', '.pps', '.pot']);
const LEGACY_CONTENT_TYPES = new Set([
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
]);

/** The type the name and the content type both claim; they must agree and be on the list. */
function declaredType(declared: { contentType: string; fileName: string }): AttachmentType {
  const name = (declared.fileName.split(/[/\\]/).pop() ?? '').trim().toLowerCase();
  const dot = name.lastIndexOf('.');
  const extension = dot >= 0 ? name.slice(dot) : '';
  const contentType = (declared.contentType.split(';')[0] ?? '').trim().toLowerCase();

  if (Object.hasOwn(MACRO_EXTENSIONS, extension)) throw rejections.macroEnabled(MACRO_EXTENSIONS[extension]);
  if (contentType.includes('macroenabled')) throw rejections.macroEnabled(undefined);
  if (LEGACY_EXTENSIONS.has(extension) || LEGACY_CONTENT_TYPES.has(contentType)) throw rejections.legacyOffice();

  const byExtension = ATTACHMENT_TYPE_NAMES.find((type) =>
    (ATTACHMENT_TYPES[type].extensions as readonly string[]).includes(extension),
  );
  const byContentType = ATTACHMENT_TYPE_NAMES.find((type) => ATTACHMENT_TYPES[type].contentType === contentType);
  if (!byExtension || !byContentType) throw rejections.typeNotAllowed();
  if (byExtension !== byContentType) throw rejections.typesDisagree();
  return byExtension;
}

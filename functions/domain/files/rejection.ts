import { TYPE_LABELS, type AttachmentType } from './attachment-types';

export type RejectionReason =
  | 'empty'
  | 'too-large'
  | 'type-not-allowed'
  | 'content-mismatch'
  | 'macro-enabled'
  | 'legacy-office'
  | 'executable'
  | 'zip-bomb'
  | 'embedded-content'
  | 'pdf-active-content'
  | 'encrypted'
  | 'unreadable';

/**
 * Thrown inside the file checks and turned into a result by `inspectUpload`. Messages are shown to the
 * agency lead: plain English, a way forward, and never the file name (it may hold personal data).
 */
export class Rejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    message: string,
  ) {
    super(message);
    this.name = 'Rejection';
  }
}

const ALLOWED = 'Word (.docx), Excel (.xlsx) or PDF (.pdf)';

export const rejections = {
  empty: () => new Rejection('empty', 'This file is empty. Check you chose the right file and try again.'),
  tooLarge: (maxBytes: number) =>
    new Rejection(
      'too-large',
      `This file is larger than ${formatMegabytes(maxBytes)}. Make it smaller (for example, compress the pictures ` +
        'in it or split it into parts) and try again.',
    ),
  typeNotAllowed: () =>
    new Rejection(
      'type-not-allowed',
      `You can only attach ${ALLOWED} files. Save the file in one of these formats and try again.`,
    ),
  typesDisagree: () =>
    new Rejection(
      'type-not-allowed',
      `The file's name and type do not match. Save it again as a ${ALLOWED} file and try again.`,
    ),
  contentMismatch: (type: AttachmentType) =>
    new Rejection(
      'content-mismatch',
      `This file is not a real ${TYPE_LABELS[type]}, although its name says it is. Open it, save it again as a ` +
        `${TYPE_LABELS[type]} and try again.`,
    ),
  polyglot: (type: AttachmentType) =>
    new Rejection(
      'content-mismatch',
      `This ${TYPE_LABELS[type]} also holds another kind of file hidden inside it. Open it, save a new copy and try again.`,
    ),
  macroEnabled: (type: AttachmentType | undefined) =>
    new Rejection(
      'macro-enabled',
      type === 'docx'
        ? 'This file is a macro-enabled Word document. Save it as an ordinary .docx (File > Save As, then choose ' +
            '"Word Document") and try again.'
        : type === 'xlsx'
          ? 'This file is a macro-enabled Excel workbook. Save it as an ordinary .xlsx (File > Save As, then choose ' +
            '"Excel Workbook") and try again.'
          : `This file contains macros. Save it without macros as a ${ALLOWED} file and try again.`,
    ),
  embeddedMacros: () =>
    new Rejection(
      'macro-enabled',
      'This file contains an embedded document or spreadsheet with macros. Remove it, or replace it with a copy ' +
        'saved without macros, and try again.',
    ),
  legacyOffice: () =>
    new Rejection(
      'legacy-office',
      'This file is in an old Word or Excel format (.doc or .xls), or is password-protected. Open it, remove any ' +
        'password, save it as a .docx or .xlsx (File > Save As) and try again.',
    ),
  executable: () =>
    new Rejection(
      'executable',
      'This file is a program, not a document, so it cannot be attached. Check you chose the right file.',
    ),
  zipBomb: () =>
    new Rejection(
      'zip-bomb',
      'This file cannot be checked safely because it expands to a very large size or has too many parts. Save ' +
        'a new copy, or split it into smaller files, and try again.',
    ),
  nestedArchive: () =>
    new Rejection(
      'zip-bomb',
      'This file has another compressed file inside it. Remove the embedded file (attach it separately if it is ' +
        'needed) and try again.',
    ),
  embeddedContent: () =>
    new Rejection(
      'embedded-content',
      'This file has an embedded object inside it (for example an inserted email, PDF, older Office file or ' +
        'control) that we cannot check. Remove it, attach the original separately if it is needed, and try again.',
    ),
  pdfActiveContent: () =>
    new Rejection(
      'pdf-active-content',
      'This PDF contains scripts, automatic actions or attached files. Print it to a new PDF (File > Print, then ' +
        'choose "Microsoft Print to PDF" or "Save as PDF") and attach that copy instead.',
    ),
  encrypted: (type: AttachmentType) =>
    new Rejection(
      'encrypted',
      `This ${TYPE_LABELS[type]} is password-protected or restricted, so we cannot check it. Save a copy without ` +
        'the password or restrictions and try again.',
    ),
  unreadable: (type: AttachmentType | undefined) =>
    new Rejection(
      'unreadable',
      `We could not read this ${type ? TYPE_LABELS[type] : 'file'}. It may be damaged. Open it, save a new copy ` +
        'and try again.',
    ),
};

function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

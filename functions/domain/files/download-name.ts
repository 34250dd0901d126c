import { ATTACHMENT_TYPES, type AttachmentType } from './attachment-types';

/** UTF-8 bytes kept of the name before its extension: room for a meaningful name, short enough for any disk. */
const MAX_STEM_BYTES = 100;

/** Line breaks and tabs become spaces. */
const BREAKS = /[\t\n\r\u2028\u2029]/g;
/**
 * Removed outright: control and format characters (among them bidirectional overrides, which can make
 * "cod.exe" read as "exe.doc", and zero-width characters) and unpaired surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
const QUOTES = /["'`]/g;
/** Reserved on Windows. */
const RESERVED = /[<>:|?*]/g;
const DEVICE_NAME = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A name that is safe to offer in Content-Disposition and to save on any system: no path, no invisible or
 * reserved characters, bounded length, and always the extension of the type we verified.
 */
export function sanitiseDownloadName(fileName: string, type: AttachmentType): string {
  const extension = ATTACHMENT_TYPES[type].extensions[0];
  let stem = (fileName.split(/[/\\]/).pop() ?? '')
    .normalize('NFC')
    .replace(BREAKS, ' ')
    .replace(INVISIBLE, '')
    .replace(QUOTES, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ');
  if (stem.toLowerCase().endsWith(extension)) stem = stem.slice(0, -extension.length);
  stem = trimName(truncateUtf8(trimName(stem), MAX_STEM_BYTES));
  if (DEVICE_NAME.test(stem)) stem = `_${stem}`;
  return `${stem || 'attachment'}${extension}`;
}

/** `attachment`, with an ASCII fallback for old clients and the exact name as RFC 5987 UTF-8. */
export function contentDisposition(fileName: string, type: AttachmentType): string {
  const name = sanitiseDownloadName(fileName, type);
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Dots and spaces at either end hide files or vanish on Windows. */
function trimName(name: string): string {
  return name.replace(/^[.\s]+|[.\s]+$/g, '');
}

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  let bytes = 0;
  let result = '';
  for (const character of text) {
    bytes += encoder.encode(character).length;
    if (bytes > maxBytes) break;
    result += character;
  }
  return result;
}

/** RFC 5987 attr-char stays; every other UTF-8 byte is percent-encoded. */
function encodeRfc5987(text: string): string {
  let result = '';
  for (const byte of new TextEncoder().encode(text)) {
    const character = String.fromCharCode(byte);
    result += /[A-Za-z0-9!#$&+\-.^_`|~]/.test(character)
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return result;
}

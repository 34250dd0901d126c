import { zipSync, type Zippable } from 'fflate';

/**
 * A zip archive built in memory (the case pack). Office files and PDFs are already compressed, so they are
 * stored as they are; text (JSON, CSV) is deflated.
 */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

const COMPRESSED = /\.(docx|xlsx|pdf|zip|png|jpe?g)$/i;

export function buildZip(entries: ZipEntry[], modified: Date): Buffer {
  const files: Zippable = {};
  for (const entry of entries) {
    if (entry.path in files) throw new Error(`duplicate path in zip: ${entry.path}`);
    files[entry.path] = [entry.bytes, { level: COMPRESSED.test(entry.path) ? 0 : 6, mtime: modified }];
  }
  return Buffer.from(zipSync(files));
}

import { zipSync, type Zippable } from 'fflate';
import { londonWallClock } from '../domain/calendar';

/**
 * A zip archive built in memory (the case pack). Office files and PDFs are already compressed, so they are
 * stored as they are; text (JSON, CSV) is deflated.
 */
export interface ZipEntry {
  path: string;
  bytes: Uint8Array;
}

const COMPRESSED = /\.(docx|xlsx|pdf|zip|png|jpe?g)$/i;

/**
 * A zip entry's date and time have no time zone: readers show them as they are. fflate writes them from a
 * Date's local fields, which in Lambda are UTC; this Date's local fields are London's wall clock instead, so
 * a pack made at 00:30 in summer is dated that day, not 23:30 the day before.
 */
function londonFields(instant: Date): Date {
  const { date, hours, minutes, seconds } = londonWallClock(instant);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day, hours, minutes, seconds);
}

export function buildZip(entries: ZipEntry[], modified: Date): Buffer {
  const files: Zippable = {};
  const mtime = londonFields(modified);
  for (const entry of entries) {
    if (entry.path in files) throw new Error(`duplicate path in zip: ${entry.path}`);
    files[entry.path] = [entry.bytes, { level: COMPRESSED.test(entry.path) ? 0 : 6, mtime }];
  }
  return Buffer.from(zipSync(files));
}

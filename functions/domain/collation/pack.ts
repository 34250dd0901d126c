import { sha256Hex } from '../secrets';

/**
 * The case pack: one zip of a case's returns, attachments and generated documents, with a manifest that
 * lists every file with its size and SHA-256. The zip is written to the documents bucket and fetched by a
 * short presigned GET, so it is not bound by an API response's size; a Lambda's memory still bounds it, so
 * attachments beyond the budget are listed in the manifest but left out, to be downloaded one by one.
 */
export interface PackItem {
  path: string;
  bytes: Uint8Array;
  kind: 'return' | 'attachment' | 'document' | 'export';
  description: string;
  agency?: string;
  marking?: 'named' | 'anonymised';
  /** An attachment's name as uploaded (it may hold personal data: it is kept inside the pack only). */
  originalFileName?: string;
}

/** A file that may go in: its size is known before its bytes are read (attachments are read only if chosen). */
export type PackCandidate = Omit<PackItem, 'bytes'> & { size: number; read: () => Promise<Uint8Array> };

/** A file already in memory, as a candidate. */
export const inMemory = (item: PackItem): PackCandidate => {
  const { bytes, ...rest } = item;
  return { ...rest, size: bytes.length, read: () => Promise.resolve(bytes) };
};

export interface PackManifest {
  caseReference: string;
  generatedAt: string;
  generatedBy: string;
  marking: string;
  files: (Omit<PackItem, 'bytes'> & { bytes: number; sha256: string })[];
  /** Left out, unread: the size is the one recorded when the file was uploaded. */
  notIncluded: (Omit<PackItem, 'bytes'> & { bytes: number; reason: string })[];
}

export const MANIFEST_PATH = 'manifest.json';

/** Letters, digits and dashes: a path segment from an agency's name. */
export const slug = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'agency';

/** Paths made unique within the pack: a second "x.json" becomes "x-2.json". */
export function uniquePaths<T extends { path: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.map((item) => {
    let path = item.path;
    for (let n = 2; seen.has(path); n += 1) path = item.path.replace(/(\.[^./]+)?$/, (ext) => `-${n}${ext}`);
    seen.add(path);
    return { ...item, path };
  });
}

/**
 * Chooses what goes in: returns and generated documents always; attachments, smallest first, while the
 * pack stays within `budgetBytes`. Sizes are the declared ones, so nothing left out is ever read.
 */
export function planPack<T extends { path: string; kind: PackItem['kind']; size: number }>(
  items: T[],
  budgetBytes: number,
): { included: T[]; omitted: T[] } {
  const fixed = items.filter((i) => i.kind !== 'attachment');
  let used = fixed.reduce((sum, i) => sum + i.size, 0);
  const included = [...fixed];
  const omitted: T[] = [];
  for (const item of items.filter((i) => i.kind === 'attachment').sort((a, b) => a.size - b.size)) {
    if (used + item.size <= budgetBytes) {
      included.push(item);
      used += item.size;
    } else omitted.push(item);
  }
  const order = new Map(items.map((item, index) => [item.path, index]));
  const byOrder = (a: T, b: T) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0);
  return { included: included.sort(byOrder), omitted: omitted.sort(byOrder) };
}

const describe = ({ bytes, ...rest }: PackItem) => ({ ...rest, bytes: bytes.length, sha256: sha256Hex(bytes) });

export function packManifest(
  meta: { caseReference: string; generatedAt: string; generatedBy: string },
  included: PackItem[],
  omitted: PackCandidate[],
): PackManifest {
  return {
    ...meta,
    marking:
      'OFFICIAL-SENSITIVE — contains personal data. Anonymised documents say so in their titles, headers and footers.',
    files: included.map(describe),
    notIncluded: omitted.map(({ size, read: _unread, ...rest }) => ({
      ...rest,
      bytes: size,
      reason: 'Too large to include with the rest: download it from the return in the portal.',
    })),
  };
}

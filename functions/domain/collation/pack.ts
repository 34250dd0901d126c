import { sha256Hex } from '../secrets';

/**
 * The case pack: one zip of a case's returns, attachments and generated documents, with a manifest that
 * lists every file with its size and SHA-256. A download goes through the API as one response, so files
 * beyond the budget are listed in the manifest (with their hash) but left out, to be downloaded one by one.
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

export interface PackManifest {
  caseReference: string;
  generatedAt: string;
  generatedBy: string;
  marking: string;
  files: (Omit<PackItem, 'bytes'> & { bytes: number; sha256: string })[];
  notIncluded: (Omit<PackItem, 'bytes'> & { bytes: number; sha256: string; reason: string })[];
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
 * pack stays within `budgetBytes`.
 */
export function planPack(items: PackItem[], budgetBytes: number): { included: PackItem[]; omitted: PackItem[] } {
  const fixed = items.filter((i) => i.kind !== 'attachment');
  let used = fixed.reduce((sum, i) => sum + i.bytes.length, 0);
  const included = [...fixed];
  const omitted: PackItem[] = [];
  for (const item of items.filter((i) => i.kind === 'attachment').sort((a, b) => a.bytes.length - b.bytes.length)) {
    if (used + item.bytes.length <= budgetBytes) {
      included.push(item);
      used += item.bytes.length;
    } else omitted.push(item);
  }
  const order = new Map(items.map((item, index) => [item.path, index]));
  const byOrder = (a: PackItem, b: PackItem) => (order.get(a.path) ?? 0) - (order.get(b.path) ?? 0);
  return { included: included.sort(byOrder), omitted: omitted.sort(byOrder) };
}

const describe = ({ bytes, ...rest }: PackItem) => ({ ...rest, bytes: bytes.length, sha256: sha256Hex(bytes) });

export function packManifest(
  meta: { caseReference: string; generatedAt: string; generatedBy: string },
  included: PackItem[],
  omitted: PackItem[],
): PackManifest {
  return {
    ...meta,
    marking:
      'OFFICIAL-SENSITIVE — contains personal data. Anonymised documents say so in their titles, headers and footers.',
    files: included.map(describe),
    notIncluded: omitted.map((item) => ({
      ...describe(item),
      reason: 'Too large to include in one download: download it from the return in the portal.',
    })),
  };
}

import { longDate } from '../emails';
import type { DocumentContent, Marking } from './document';
import { dayOfInstant, finish, type CollationInput } from './input';

/**
 * The multi-agency chronology (§8.4.3) as a landscape Word table, from the same table the CSV and Excel
 * exports use (services/chronology.ts chronologyTable); the entry id is left out of the Word version.
 */
export interface ChronologyTable {
  header: string[];
  rows: string[][];
}

const WIDTHS: Record<string, number> = {
  Date: 11,
  Approximate: 6,
  Time: 5,
  'What happened': 30,
  'Agencies and sources': 18,
  'Action or outcome': 18,
  'Practitioner role': 10,
  'Fact or opinion': 6,
  Analysis: 14,
  Grouping: 6,
};

export function chronologyDocument(
  input: CollationInput,
  table: ChronologyTable,
  meta: { version: number; generatedAt: string; agencies: number },
  marking: Marking,
): DocumentContent {
  const keep = table.header.map((h, i) => (h === 'Entry id' ? -1 : i)).filter((i) => i >= 0);
  const header = keep.map((i) => table.header[i]!);
  return finish(input, marking, {
    title: 'Multi-agency chronology',
    orientation: 'landscape',
    blocks: [
      {
        kind: 'fields',
        rows: [
          { label: 'Case reference', value: input.record.reference },
          {
            label: 'Version',
            value: `${meta.version}, merged ${dayOfInstant(meta.generatedAt)} from the chronologies of ${meta.agencies} ${meta.agencies === 1 ? 'agency' : 'agencies'}`,
          },
          { label: 'Prepared on', value: longDate(input.today) },
        ],
      },
      {
        kind: 'paragraph',
        emphasis: 'hint',
        fixed: true,
        text: 'Every event in date order, each with its agencies and sources; events several agencies recorded are shown once; periods with no agency contact are shown as gaps.',
      },
      {
        kind: 'table',
        header,
        widths: header.map((h) => WIDTHS[h] ?? 10),
        rows: table.rows.map((row) => keep.map((i) => row[i] ?? '')),
      },
    ],
  });
}

/**
 * What a generated document says, apart from how Word lays it out (functions/formats/word.ts renders it).
 * Pure data: the collation modules build it from what the portal holds, the anonymiser rewrites its text.
 */
export type Marking = 'named' | 'anonymised';

/**
 * `fixed` marks the document's own words (headings, guidance, prompts), which anonymisation leaves alone:
 * a name that is also a common word ("May", "Other") must not rewrite the template. Labels of fields, table
 * headers and prompts are always the document's own; everything else is treated as case text.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; fixed?: boolean }
  | { kind: 'paragraph'; text: string; emphasis?: 'strong' | 'hint'; fixed?: boolean }
  | { kind: 'bullets'; items: string[]; fixed?: boolean }
  /** A two-column table of labels and values ("Case reference | LSCPB-2026-0007"). */
  | { kind: 'fields'; rows: { label: string; value: string }[] }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  /** Questions left for the meeting to answer: each with an empty box to fill in. */
  | { kind: 'to-complete'; prompts: string[] }
  | { kind: 'page-break' };

export interface Letterhead {
  partnershipName: string;
  officeName: string;
  officeAddress: string[];
  officeEmail: string;
}

export interface DocumentContent {
  title: string;
  /** The case reference, on every page. */
  reference: string;
  marking: Marking;
  orientation: 'portrait' | 'landscape';
  /** Letters carry the partnership's letterhead. */
  letterhead?: Letterhead;
  /** Who the document's properties name as its author: an office, never a person. */
  author: string;
  blocks: Block[];
}

/** The words that mark each version, in the header, the footer and under the title. */
export const MARKING_TEXT: Record<Marking, string> = {
  named: 'OFFICIAL-SENSITIVE — contains personal data',
  anonymised: 'Anonymised — names, dates of birth and addresses removed (guidance §9.1.3)',
};

/** Applies `rewrite` to every piece of case text in the blocks (the document's own words are left alone). */
export function mapCaseText(blocks: Block[], rewrite: (text: string) => string): Block[] {
  return blocks.map((block): Block => {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        return block.fixed ? block : { ...block, text: rewrite(block.text) };
      case 'bullets':
        return block.fixed ? block : { ...block, items: block.items.map(rewrite) };
      case 'fields':
        return { ...block, rows: block.rows.map((r) => ({ label: r.label, value: rewrite(r.value) })) };
      case 'table':
        return { ...block, rows: block.rows.map((row) => row.map(rewrite)) };
      case 'to-complete':
      case 'page-break':
        return block;
    }
  });
}

/** Every piece of text of a document, in order: what a reader (or a test) sees. */
export function documentText(content: DocumentContent): string[] {
  const out: string[] = [content.title, MARKING_TEXT[content.marking]];
  if (content.letterhead) {
    const l = content.letterhead;
    out.push(l.partnershipName, l.officeName, ...l.officeAddress, l.officeEmail);
  }
  for (const block of content.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        out.push(block.text);
        break;
      case 'bullets':
        out.push(...block.items);
        break;
      case 'fields':
        for (const r of block.rows) out.push(r.label, r.value);
        break;
      case 'table':
        out.push(...block.header, ...block.rows.flat());
        break;
      case 'to-complete':
        out.push(...block.prompts);
        break;
      case 'page-break':
        break;
    }
  }
  return out;
}

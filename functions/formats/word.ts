import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  HeightRule,
  Packer,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { MARKING_TEXT, type Block, type DocumentContent } from '../domain/collation/document';

/**
 * Word (.docx) rendering of a generated document (functions/domain/collation): A4, Arial, the marking in
 * the header, the footer and under the title, tables with repeating header rows. Pure: bytes in memory.
 */
export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A4 in twentieths of a point, and the margins; the text width decides table column widths. */
const A4 = { short: 11906, long: 16838 };
const MARGIN = { portrait: 1134, landscape: 720 };
const SHADE = 'E8E8E8';
const MARK_COLOUR = { named: 'B00020', anonymised: '1D5E3A' };

const textWidth = (orientation: DocumentContent['orientation']) =>
  (orientation === 'portrait' ? A4.short : A4.long) - 2 * MARGIN[orientation];

/** Text as runs: line breaks in free text stay line breaks. */
function runs(text: string, options: { bold?: boolean; italics?: boolean; color?: string; size?: number } = {}) {
  return text.split(/\r?\n/).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...options }));
}

const para = (text: string, options: Parameters<typeof runs>[1] = {}) =>
  new Paragraph({ children: runs(text, options) });

const cell = (children: Paragraph[], widthTwips: number, shaded = false) =>
  new TableCell({
    children,
    width: { size: widthTwips, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(shaded ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: SHADE } } : {}),
  });

function table(header: string[] | undefined, rows: string[][], widths: number[], total: number): Table {
  const sum = widths.reduce((a, b) => a + b, 0) || 1;
  const twips = widths.map((w) => Math.floor((w / sum) * total));
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: twips,
    rows: [
      ...(header
        ? [
            new TableRow({
              tableHeader: true,
              cantSplit: true,
              children: header.map((h, i) => cell([para(h, { bold: true })], twips[i]!, true)),
            }),
          ]
        : []),
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map((value, i) => cell([para(value)], twips[i] ?? twips[twips.length - 1]!)),
          }),
      ),
    ],
  });
}

function fieldsTable(rows: { label: string; value: string }[], total: number): Table {
  const label = Math.floor(total * 0.32);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [label, total - label],
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [cell([para(r.label, { bold: true })], label, true), cell([para(r.value)], total - label)],
        }),
    ),
  });
}

function toComplete(prompts: string[], total: number): Table {
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: [total],
    rows: prompts.flatMap((prompt) => [
      new TableRow({ cantSplit: true, children: [cell([para(prompt, { bold: true })], total, true)] }),
      new TableRow({
        height: { value: 1400, rule: HeightRule.ATLEAST },
        children: [cell([new Paragraph({ children: [] })], total)],
      }),
    ]),
  });
}

const HEADINGS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function renderBlock(block: Block, total: number): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[block.level], children: runs(block.text) })];
    case 'paragraph':
      return [
        new Paragraph({
          children: runs(block.text, {
            ...(block.emphasis === 'strong' ? { bold: true } : {}),
            ...(block.emphasis === 'hint' ? { italics: true, color: '505A5F' } : {}),
          }),
        }),
      ];
    case 'bullets':
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, children: runs(item) }));
    case 'fields':
      return [fieldsTable(block.rows, total), new Paragraph({ children: [] })];
    case 'table':
      return [
        table(block.header, block.rows, block.widths ?? block.header.map(() => 1), total),
        new Paragraph({ children: [] }),
      ];
    case 'to-complete':
      return [toComplete(block.prompts, total), new Paragraph({ children: [] })];
    case 'page-break':
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function markingParagraph(content: DocumentContent, alignment: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Paragraph({
    alignment,
    children: [
      new TextRun({ text: MARKING_TEXT[content.marking], bold: true, color: MARK_COLOUR[content.marking], size: 18 }),
      new TextRun({ text: `  ·  Case ${content.reference}`, size: 18 }),
    ],
  });
}

export async function renderWord(content: DocumentContent): Promise<Buffer> {
  const total = textWidth(content.orientation);
  const children: (Paragraph | Table)[] = [];
  if (content.letterhead) {
    const l = content.letterhead;
    children.push(
      new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(l.partnershipName, { bold: true, size: 26 }) }),
      ...[l.officeName, ...l.officeAddress, l.officeEmail].map(
        (line) => new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(line) }),
      ),
      new Paragraph({ children: [] }),
    );
  }
  const suffix = content.marking === 'anonymised' ? ' (anonymised)' : '';
  children.push(
    new Paragraph({ heading: HeadingLevel.TITLE, children: runs(`${content.title}${suffix}`) }),
    new Paragraph({
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: MARK_COLOUR[content.marking], space: 4 } },
      children: [new TextRun({ text: MARKING_TEXT[content.marking], bold: true, color: MARK_COLOUR[content.marking] })],
    }),
    new Paragraph({ children: [] }),
  );
  for (const block of content.blocks) children.push(...renderBlock(block, total));

  const document = new Document({
    title: `${content.title}${suffix}: case ${content.reference}`,
    description: MARKING_TEXT[content.marking],
    creator: content.author,
    lastModifiedBy: content.author,
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
    sections: [
      {
        properties: {
          page: {
            size: {
              orientation: content.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
              width: A4.short,
              height: A4.long,
            },
            margin: {
              top: MARGIN[content.orientation],
              bottom: MARGIN[content.orientation],
              left: MARGIN[content.orientation],
              right: MARGIN[content.orientation],
            },
          },
        },
        headers: { default: new Header({ children: [markingParagraph(content, AlignmentType.RIGHT)] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(content, AlignmentType.LEFT),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

import type { ReturnContent } from '../../functions/contract/returns';
import { MARKING_TEXT } from '../../functions/domain/collation/document';
import { returnDocument, type ReturnForDocument } from '../../functions/domain/collation/return-document';
import type { ReturnType } from '../../functions/domain/model';
import { renderWord } from '../../functions/formats/word';
import { readDocx } from '../support/docx';
import {
  chronology,
  chronologyRow,
  factualSummary,
  informationReport,
  nilReturn,
  organisationalChronology,
} from '../support/returns';
import { completeReply } from '../support/scenario';

/** A submitted return as the Word document the business office downloads (and the case pack holds). */
const base = (returnType: ReturnType, content: unknown): ReturnForDocument => ({
  reference: 'LSCPB-2026-0042',
  officeName: 'Leicester Safeguarding Boards Office',
  agencyName: 'Leicestershire Police',
  returnType,
  version: 2,
  // 00:30 in London on Wednesday 7 July 2027.
  submittedAt: '2027-07-06T23:30:00.000Z',
  immediateSafetyConcern: false,
  content: content as ReturnContent,
  attachments: [{ fileName: 'Strategy meeting minutes.docx', size: 24_576 }],
});

const read = async (r: ReturnForDocument) => readDocx(await renderWord(returnDocument(r)));

/** The value beside a label in a fields table: the paragraph after its last occurrence. */
const after = (lines: string[], label: string) => {
  const index = lines.lastIndexOf(label);
  if (index < 0) throw new Error(`"${label}" is not in the document`);
  return lines[index + 1];
};

describe('a return as a Word document', () => {
  it('says which return, version and London day, is marked, and lists its declaration and attachments by name', async () => {
    const doc = await read(base('information-request-reply', completeReply()));
    const lines = doc.paragraphs;
    expect(lines[0]).toBe('Information Request Reply from Leicestershire Police');
    expect(lines[1]).toBe(MARKING_TEXT.named);
    expect(doc.headers.join(' ')).toContain(MARKING_TEXT.named);
    expect(doc.properties).toContain('Leicester Safeguarding Boards Office');
    expect(after(lines, 'Case reference')).toBe('LSCPB-2026-0042');
    expect(after(lines, 'Version')).toBe('2');
    expect(after(lines, 'Submitted')).toBe('Wednesday 7 July 2027 at 00:30');
    expect(after(lines, 'Completed by')).toBe('DI Sam Okafor');
    expect(after(lines, 'Role')).toBe('Safeguarding lead');
    expect(after(lines, 'Facts distinguished from opinion')).toBe('Confirmed');
    expect(after(lines, 'Conflict of interest')).toBe('None declared');
    expect(lines).toContain('Strategy meeting minutes.docx (24 KB)');
  });

  it('gives every part of an Information Request Reply', async () => {
    const lines = (
      await read({
        ...base(
          'information-request-reply',
          completeReply({ immediateSafetyConcern: { raised: true, details: 'He returns home tonight.' } }),
        ),
        immediateSafetyConcern: true,
      })
    ).paragraphs;
    expect(lines).toContain('The agency raised an immediate safety concern for the child or others (§4.2.1).');
    expect(after(lines, 'Period of involvement')).toBe('Monday 1 May 2023 to Saturday 31 October 2026');
    expect(after(lines, 'Immediate safety concern')).toBe('Yes: He returns home tonight.');
    for (const text of [
      'Domestic abuse incident attended at the family home; DASH risk assessment medium.',
      'about Thursday 3 September 2026',
      'Bella Testparent',
      'Victim in the 2025 incident',
      'Secured: Records restricted to the review team.',
      'PC Dana Reid',
      'Response officer',
      'None identified yet.',
      'Shared without consent: Sharing is necessary to safeguard the child (§2.1.6).',
    ]) {
      expect(lines).toContain(text);
    }
  });

  it('shows each chronology row with its fact or opinion, its role, and the analysis where given', async () => {
    const doc = await read(
      base(
        'chronology',
        chronology([
          chronologyRow('r1'),
          chronologyRow('r2', {
            date: { precision: 'month', value: '2023-05', approximate: true },
            time: undefined,
            factOrOpinion: 'opinion',
            expectedPractice: 'partly',
            analysisComment: 'The referral was a day late.',
          }),
        ]),
      ),
    );
    const lines = doc.paragraphs;
    expect(doc.landscape).toBe(true);
    for (const header of ['Source record', 'Practitioner role', 'Fact or opinion', 'Expected practice?', 'Comment']) {
      expect(lines).toContain(header);
    }
    expect(lines).toContain('14 March 2024');
    expect(lines).toContain('about May 2023');
    expect(lines).toContain('Fact');
    expect(lines).toContain('Opinion');
    expect(lines).toContain('Partly');
    expect(lines).toContain('The referral was a day late.');
    // No analysis asked for, none shown.
    const plain = (await read(base('chronology', chronology()))).paragraphs;
    expect(plain).not.toContain('Expected practice?');
  });

  it.each([
    [
      'organisational-chronology',
      organisationalChronology(),
      ['Health visiting teams merged across two localities.', 'Caseloads rose by a third for six months.'],
    ],
    [
      'information-report',
      informationReport(),
      [
        'The trust saw the child at four outpatient appointments between 2023 and 2024.',
        'Recognition of neglect',
        'Missed appointments were not linked to wider concerns.',
        'Was Not Brought policy to be applied to paediatric clinics.',
        'Share non-attendance with the health visitor.',
        'Policy reissued to clinics.',
        'Completed',
        'Thursday 1 October 2026',
      ],
    ],
    ['factual-summary', factualSummary(), ['August 2025', 'Holiday club, five sessions.']],
  ] as const)('gives every part of a %s', async (returnType, content, texts) => {
    const lines = (await read(base(returnType, content))).paragraphs;
    for (const text of texts) expect(lines).toContain(text);
  });

  it('says plainly that a nil return holds no records, for any request', async () => {
    for (const [returnType, content] of [
      ['chronology', nilReturn()],
      [
        'information-request-reply',
        { involvement: 'no-records', notes: 'Not known.', declaration: nilReturn().declaration },
      ],
    ] as const) {
      const lines = (await read({ ...base(returnType, content), attachments: [] })).paragraphs;
      expect(lines).toContain('Nil return: the agency holds no records of the child or family.');
      expect(after(lines, 'Return')).toMatch(/\(nil return\)$/);
      expect(lines[lines.indexOf('Documents attached') + 1]).toBe('None.');
    }
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { chronologyDocument } from '../../functions/domain/collation/chronology';
import { documentText, MARKING_TEXT } from '../../functions/domain/collation/document';
import type { CollationInput } from '../../functions/domain/collation/input';
import { peopleInReturns } from '../../functions/domain/collation/input';
import { requestLetter } from '../../functions/domain/collation/letter';
import { nationalPanelOffer, requireDecisionDocument } from '../../functions/domain/collation/route-documents';
import {
  inMemory,
  packManifest,
  planPack,
  slug,
  uniquePaths,
  type PackItem,
} from '../../functions/domain/collation/pack';
import {
  CONTRADICTIONS,
  MEETING_SECTION_2,
  MEETING_SECTION_3,
  meetingSummary,
  nationalPanelLetter,
  nationalPanelSummary,
  TO_COMPLETE,
} from '../../functions/domain/collation/summaries';
import { DomainError } from '../../functions/domain/errors';
import type { MeetingDecision } from '../../functions/domain/model';
import { sha256Hex } from '../../functions/domain/secrets';
import { merge } from '../../functions/domain/chronology/merge';
import { chronologyTable, type MergedChronologyDocument } from '../../functions/domain/services/chronology';
import { renderWord } from '../../functions/formats/word';
import { buildZip } from '../../functions/formats/zip';
import { readDocx } from '../support/docx';
import {
  collationInput,
  DECISION,
  declaration,
  involvedReply,
  request,
  SUBJECT,
  submitted,
} from '../support/collation-fixture';

const indexOf = (lines: string[], text: string) => {
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`"${text}" is not in the document`);
  return index;
};

describe('the Combined Summary for the meeting', () => {
  it('puts immediate safety concerns first, collates every reply under the same headings, and names nil and missing replies', async () => {
    const input = collationInput();
    const doc = readDocx(await renderWord(meetingSummary(input, 'named')));
    const lines = doc.paragraphs;
    expect(lines[0]).toBe('Combined Summary for the Rapid Review meeting');
    expect(lines).toContain('LSCPB-2026-0042');
    // Safety concerns come before everything agencies said, and the agency that raised one leads Section 1.
    const concerns = indexOf(lines, 'Immediate safety concerns');
    expect(concerns).toBeLessThan(indexOf(lines, 'Section 1: Information from agencies'));
    expect(lines).toContain('Alfie disclosed that Carl Testchild hits him; he returns home tonight.');
    const hospital = indexOf(lines, 'University Hospitals of Leicester — immediate safety concern');
    const police = lines.lastIndexOf('Leicestershire Police');
    expect(hospital).toBeGreaterThan(indexOf(lines, 'Section 1'));
    expect(hospital).toBeLessThan(police);
    // The same headings for every involved agency.
    for (const heading of ['Key events', 'Family members known', 'Practitioners involved', 'Early learning']) {
      expect(lines.filter((l) => l === heading)).toHaveLength(2);
    }
    expect(lines).toContain('Domestic abuse incident at the family home; Bella Testparent assaulted.');
    expect(lines).toContain('PC Dana Reid');
    // Nil, not involved and not returned are each said.
    expect(lines.some((l) => l.startsWith('Example Primary School: nil return'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Housing Services: not involved'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Leicester City GP Practice: Information Request Reply due'))).toBe(true);
    // The child as the case records them, in the named version.
    expect(lines).toContain('Alfie Testchild');
    expect(lines).toContain('Tuesday 2 April 2019');
  });

  it('prints the reply’s dates as precise as they were given, never a day that was not', async () => {
    const fuzzy = involvedReply({
      periodFrom: { precision: 'month', value: '2024-05', approximate: false },
      periodTo: { precision: 'year', value: '2026', approximate: true },
      keyEvents: [
        { date: { precision: 'month', value: '2026-02', approximate: true }, description: 'Welfare call.' },
        { date: '2025-02-14', description: 'Incident at the family home.' },
        { date: { precision: 'year', value: '2025', approximate: false }, description: 'Referral to early help.' },
      ],
    });
    const input = collationInput({ requests: [request('Leicestershire Police', submitted(fuzzy))] });
    const lines = readDocx(await renderWord(meetingSummary(input, 'named'))).paragraphs;
    expect(lines).toContain('May 2024 to about 2026');
    // In date order, each at the start of its span (as the merged chronology places them), each as given.
    const at = indexOf(lines, 'Referral to early help.');
    expect(lines.slice(at - 1, at + 5)).toEqual([
      '2025',
      'Referral to early help.',
      'Friday 14 February 2025',
      'Incident at the family home.',
      'about February 2026',
      'Welfare call.',
    ]);
  });

  it('leaves sections 2 and 3 for the meeting to complete, even once a decision is recorded', async () => {
    const doc = readDocx(await renderWord(meetingSummary({ ...collationInput(), decision: DECISION }, 'named')));
    const lines = doc.paragraphs;
    const s2 = indexOf(lines, MEETING_SECTION_2);
    const s3 = indexOf(lines, MEETING_SECTION_3);
    expect(s2).toBeLessThan(s3);
    expect(lines[s2 + 1]).toBe(TO_COMPLETE);
    const decisionPrompt = indexOf(lines, 'Rationale for the decision');
    expect(lines[decisionPrompt + 1]).toBe(''); // the empty box to fill in
    expect(doc.all).not.toContain(DECISION.rationale);
  });

  it('is marked in the header, the footer and under the title; the anonymised version differently', async () => {
    for (const marking of ['named', 'anonymised'] as const) {
      const doc = readDocx(await renderWord(meetingSummary(collationInput(), marking)));
      expect(doc.headers.join(' ')).toContain(MARKING_TEXT[marking]);
      expect(doc.footers.join(' ')).toContain(MARKING_TEXT[marking]);
      expect(doc.paragraphs[1]).toBe(MARKING_TEXT[marking]);
      expect(doc.properties).toContain('LSCPB-2026-0042');
      expect(doc.properties).not.toContain('Alfie');
    }
    const anonymised = readDocx(await renderWord(meetingSummary(collationInput(), 'anonymised')));
    expect(anonymised.paragraphs[0]).toBe('Combined Summary for the Rapid Review meeting (anonymised)');
    expect(anonymised.all).not.toMatch(/Alfie|Testchild|Testparent|Example Street|LE1 1AA|2 April 2019|Dana|Okafor/i);
    expect(anonymised.paragraphs).toContain('Child R disclosed that Father hits him; he returns home tonight.');
    expect(anonymised.paragraphs).toContain('Domestic abuse incident at the family home; Mother assaulted.');
    // The template keeps its own words whatever the names.
    expect(anonymised.paragraphs).toContain(
      "Is any immediate action needed to ensure the child's and any other vulnerable person's safety?",
    );
  });
});

describe("the Combined Summary reads involvement from all of an agency's returns", () => {
  const submitted = (content: unknown) => ({
    version: 1,
    submittedAt: '2026-11-06T10:00:00.000Z',
    content: content as never,
  });
  const row = (rowId: string) => ({
    rowId,
    date: { precision: 'day', value: '2025-03-01', approximate: false },
    sourceRecord: 'Case note',
    event: 'Home visit.',
    actionOutcome: 'Plan reviewed.',
    practitionerRole: 'Social worker',
    factOrOpinion: 'fact',
  });
  const csc = "Children's Social Care";
  const nilReply = submitted({ involvement: 'no-records', declaration: declaration('Jo Lead', 'DSL') });
  const chronologyOf = (rows: number) =>
    request(
      csc,
      submitted({
        kind: 'chronology',
        rows: [1, 2, 3].slice(0, rows).map((n) => row(`r${n}`)),
        declaration: declaration(),
      }),
      {
        requestId: 'csc-chronology',
        returnType: 'chronology',
      },
    );
  const lines = async (input: ReturnType<typeof collationInput>) =>
    readDocx(await renderWord(meetingSummary(input, 'named'))).paragraphs;

  it('counts a chronology with entries as involvement, and says plainly when it contradicts a nil return', async () => {
    const doc = await lines(collationInput({ requests: [request(csc, nilReply), chronologyOf(3)] }));
    expect(doc.some((l) => l.startsWith('No agency has yet replied that it was involved'))).toBe(false);
    const section1 = indexOf(doc, 'Section 1: Information from agencies');
    expect(doc.indexOf(csc, section1)).toBeGreaterThan(section1);
    expect(doc).toContain('a Chronology of key events with 3 entries, version 1, submitted Friday 6 November 2026');
    const contradictions = indexOf(doc, CONTRADICTIONS);
    expect(contradictions).toBeLessThan(section1);
    expect(doc).toContain(
      "Children's Social Care: a nil return for its Information Request Reply, and also a Chronology of key events with 3 entries.",
    );
    expect(doc.some((l) => l.startsWith(`${csc}: nil return, submitted Friday 6 November 2026, contradicted`))).toBe(
      true,
    );
  });

  it('counts a chronology even before the reply is in, without a contradiction', async () => {
    const doc = await lines(collationInput({ requests: [request(csc), chronologyOf(1)] }));
    expect(doc.some((l) => l.startsWith('No agency has yet replied that it was involved'))).toBe(false);
    expect(doc).toContain('a Chronology of key events with 1 entry, version 1, submitted Friday 6 November 2026');
    expect(doc.some((l) => l.startsWith(`${csc}: Information Request Reply due`))).toBe(true);
    expect(doc).not.toContain(CONTRADICTIONS);
    expect(await lines(collationInput())).not.toContain(CONTRADICTIONS);
  });

  it('flags a nil chronology beside a reply saying the agency was involved; a nil return alone is not involvement', async () => {
    const nilChronology = request(csc, submitted({ kind: 'nil-return', declaration: declaration() }), {
      requestId: 'csc-chronology',
      returnType: 'chronology',
    });
    const doc = await lines(collationInput({ requests: [request(csc, submitted(involvedReply())), nilChronology] }));
    expect(doc).toContain(
      "Children's Social Care: a nil return for its Chronology of key events, and also an Information Request Reply saying it was involved.",
    );
    const alone = await lines(collationInput({ requests: [request(csc, nilReply), chronologyOf(0)] }));
    expect(alone).toContain('No agency has yet replied that it was involved with the child or family.');
    expect(alone).not.toContain(CONTRADICTIONS);
  });

  it('counts every agency that sent any return in the covering letter', () => {
    const letter = nationalPanelLetter(
      collationInput({ requests: [request(csc), chronologyOf(2)] }),
      DECISION,
      'named',
    );
    expect(documentText(letter).join(' ')).toContain('One agency contributed information.');
  });
});

describe('the practitioners for the learning workshop (§8.10.1)', () => {
  const submitted = (content: unknown) => ({
    version: 1,
    submittedAt: '2026-11-06T10:00:00.000Z',
    content: content as never,
  });
  const socialWorker = {
    name: 'Sam Fieldworker',
    role: 'Social worker',
    team: 'Locality 2',
    lineManager: { name: 'Pat Overseer', role: 'Team manager' },
  };
  const withPractitioners = () =>
    collationInput({
      requests: [
        request(
          'Leicestershire Police',
          submitted(
            involvedReply({
              practitioners: [
                { name: 'PC Dana Reid', role: 'Response officer', lineManager: { name: 'Sgt Erin Cole' } },
              ],
            }),
          ),
        ),
        request(
          "Children's Social Care",
          submitted({
            kind: 'chronology',
            rows: [],
            practitioners: [socialWorker],
            declaration: declaration('Jo Lead', 'DSL'),
          }),
          { requestId: 'csc-chronology', returnType: 'chronology' },
        ),
        request(
          'Health Visiting',
          submitted({
            kind: 'information-report',
            involvementSummary: 'Universal service.',
            themes: [{ theme: 'Neglect', analysis: 'Seen late.' }],
            learningForAgency: 'L',
            learningForMultiAgency: 'M',
            actionsTaken: [],
            practitioners: [{ name: 'Kim Visitor', role: 'Health visitor' }],
            declaration: declaration('Lee Named', 'Named nurse'),
          }),
          { requestId: 'hv-report', returnType: 'information-report' },
        ),
      ],
    });

  it("lists a reply's under its agency and the other returns' together, each with their line manager", async () => {
    const lines = readDocx(await renderWord(meetingSummary(withPractitioners(), 'named'))).paragraphs;
    const police = indexOf(lines, 'PC Dana Reid');
    expect(lines.slice(police, police + 4)).toEqual(['PC Dana Reid', 'Response officer', '', 'Sgt Erin Cole']);
    const workshop = indexOf(lines, 'Practitioners named in other returns (§8.10.1)');
    expect(lines.slice(workshop + 2, workshop + 20)).toEqual([
      ...['Agency', 'Return', 'Name', 'Role', 'Team', 'Line manager'],
      ...["Children's Social Care", 'Chronology of key events', 'Sam Fieldworker', 'Social worker', 'Locality 2'],
      'Pat Overseer (Team manager)',
      ...['Health Visiting', 'Information Report', 'Kim Visitor', 'Health visitor', '', ''],
    ]);
  });

  it('names them by role alone once anonymised, and removes their names wherever the returns repeat them', async () => {
    const doc = readDocx(await renderWord(meetingSummary(withPractitioners(), 'anonymised')));
    expect(doc.all).not.toMatch(/Dana|Erin|Cole|Fieldworker|Overseer|Kim Visitor/);
    expect(doc.paragraphs).toContain('Team manager');
    const people = peopleInReturns(withPractitioners().requests);
    expect(people).toEqual(
      expect.arrayContaining([
        { name: 'Sgt Erin Cole', replacement: 'line manager' },
        { name: 'Sam Fieldworker', replacement: 'Social worker' },
        { name: 'Pat Overseer', replacement: 'Team manager' },
        { name: 'Kim Visitor', replacement: 'Health visitor' },
      ]),
    );
  });
});

describe('the National Panel documents', () => {
  it("report the meeting's recorded decision with the collated replies", async () => {
    const doc = readDocx(await renderWord(nationalPanelSummary(collationInput(), DECISION, 'named')));
    expect(doc.paragraphs[0]).toBe('Combined Summary for the National Panel');
    for (const text of [
      'Tuesday 17 November 2026',
      'The criteria for a Child Safeguarding Practice Review are met: a review will be carried out',
      DECISION.rationale,
      DECISION.learningIdentified,
      DECISION.immediateActions!,
      'Rapid Review',
    ]) {
      expect(doc.paragraphs).toContain(text);
    }
    expect(indexOf(doc.paragraphs, 'Immediate safety concerns')).toBeLessThan(
      indexOf(doc.paragraphs, 'Summary of agency involvement'),
    );
  });

  it('send a covering letter on the letterhead, naming the child only in the named version', async () => {
    const named = readDocx(await renderWord(nationalPanelLetter(collationInput(), DECISION, 'named')));
    expect(named.paragraphs.slice(0, 7)).toEqual([
      'Leicester Safeguarding Children Partnership Board',
      'Leicester Safeguarding Boards Office',
      'City Hall',
      '115 Charles Street',
      'Leicester',
      'LE1 1FZ',
      'boards-office@leicester-scp.example.org',
    ]);
    expect(named.all).toContain('Mailbox.NationalReviewPanel@education.gov.uk');
    expect(named.all).toContain('Alfie Testchild (born Tuesday 2 April 2019)');
    const anonymised = readDocx(await renderWord(nationalPanelLetter(collationInput(), DECISION, 'anonymised')));
    expect(anonymised.all).toContain('concerning Child R');
    expect(anonymised.all).not.toMatch(/Alfie|Testchild|2 April 2019/);
    // The office's own address is the letterhead, not the family's: it stays.
    expect(anonymised.paragraphs).toContain('115 Charles Street');
  });
});

describe('which decision documents a route and its decision call for (§4.8.1, §4.9)', () => {
  const onRoute = (route: CollationInput['record']['route']) => {
    const input = collationInput();
    return { ...input, record: { ...input.record, route } };
  };
  const decided = (decision: MeetingDecision['decision']): MeetingDecision => ({ ...DECISION, decision });
  /** The 409 a document is refused with, or undefined when it is made. */
  const refusal = (make: () => unknown) => {
    try {
      make();
      return undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { kind: error.kind, code: error.code };
    }
  };

  it('a Rapid Review sends the National Panel its summary and covering letter whatever the meeting decided', () => {
    for (const decision of ['cspr', 'alternative-learning-review', 'no-further-review'] as const) {
      expect(nationalPanelOffer('rapid-review', decided(decision))).toBe('offer');
      expect(refusal(() => nationalPanelLetter(onRoute('rapid-review'), decided(decision), 'named'))).toBeUndefined();
    }
    expect(refusal(() => meetingSummary(onRoute('rapid-review'), 'named'))).toBeUndefined();
  });

  it('an agency referral sends them only when the Case Review Group finds the criteria met', () => {
    const input = onRoute('agency-referral');
    for (const decision of ['alternative-learning-review', 'no-further-review'] as const) {
      for (const make of [nationalPanelLetter, nationalPanelSummary]) {
        expect(refusal(() => make(input, decided(decision), 'named'))).toEqual({
          kind: 'conflict',
          code: 'not-reported',
        });
      }
    }
    const letter = documentText(nationalPanelLetter(input, decided('cspr'), 'named')).join('\n');
    expect(letter).toContain('Case Review Group decision: case LSCPB-2026-0042');
    expect(letter).toContain(
      'applying the criteria a Rapid Review would apply, and found the criteria for a Child Safeguarding Practice Review met.',
    );
    expect(refusal(() => meetingSummary(input, 'named'))).toBeUndefined();
    expect(refusal(() => requireDecisionDocument('agency-referral', undefined, 'national-panel-letter'))).toEqual({
      kind: 'conflict',
      code: 'no-meeting-decision',
    });
  });

  it('a Child Safeguarding Practice Review, its decision already taken, has no Combined Summary and nothing for the Panel', () => {
    const input = onRoute('cspr');
    expect(nationalPanelOffer('cspr', decided('cspr'))).toBe('none');
    expect(refusal(() => nationalPanelLetter(input, decided('cspr'), 'named'))).toEqual({
      kind: 'conflict',
      code: 'not-for-route',
    });
    expect(refusal(() => nationalPanelSummary(input, decided('cspr'), 'anonymised'))).toEqual({
      kind: 'conflict',
      code: 'not-for-route',
    });
    expect(refusal(() => meetingSummary(input, 'named'))).toEqual({ kind: 'conflict', code: 'not-for-route' });
  });
});

describe('the Information Request Letter', () => {
  const input = collationInput();
  const police = input.requests.filter((r) => r.agencyName === 'Leicestershire Police');
  const chronology = {
    ...police[0]!,
    requestId: 'c',
    returnType: 'chronology' as const,
    dueOn: '2026-12-04',
    analysisColumns: true,
  };

  it('says what is asked, why, by when in words and figures, how to reply, and which records to secure', async () => {
    const doc = readDocx(
      await renderWord(
        requestLetter(input, { name: 'Leicestershire Police', leadName: 'DI Sam Okafor' }, [...police, chronology]),
      ),
    );
    const text = doc.paragraphs.join('\n');
    expect(doc.paragraphs[0]).toBe('Leicester Safeguarding Children Partnership Board');
    expect(text).toContain('Information Request Letter');
    expect(text).toContain('To: DI Sam Okafor, safeguarding lead, Leicestershire Police');
    expect(text).toContain('LSCPB-2026-0042');
    expect(text).toContain('Monday 16 November 2026 (16/11/2026)');
    expect(text).toContain('Friday 4 December 2026 (04/12/2026)');
    expect(text).toContain('Please reply by Monday 16 November 2026 (16/11/2026) for the first return');
    expect(text).toContain('Information Request Reply');
    expect(text).toContain('Chronology of key events');
    expect(text).toContain('analysis columns');
    expect(text).toContain('15 working days');
    expect(text).toContain('one-time code');
    expect(text).toContain('secure all records');
    expect(text).toContain('boards-office@leicester-scp.example.org');
    expect(text).toContain('Alfie Testchild');
    // No link and no token: the letter is read inside the portal, the link comes by e-mail.
    expect(doc.all).not.toMatch(/https?:|#token|token=/);
    expect(doc.headers.join(' ')).toContain(MARKING_TEXT.named);
  });

  it.each([
    ['agency-referral', 'Case Review Group'],
    ['cspr', 'Terms of Reference'],
  ] as const)('explains why for the %s route', (route, words) => {
    const letter = requestLetter(
      { ...input, record: { ...input.record, route } },
      { name: 'Leicestershire Police', leadName: 'Lead' },
      police,
    );
    expect(documentText(letter).join(' ')).toContain(words);
  });
});

describe('the chronology in Word', () => {
  it('is a landscape table without the entry ids, anonymised on request', async () => {
    const table = {
      header: [
        'Date',
        'Approximate',
        'Time',
        'What happened',
        'Agencies and sources',
        'Action or outcome',
        'Fact or opinion',
        'Grouping',
        'Entry id',
      ],
      rows: [
        ['2 April 2019', '', '', 'Alfie born at the LRI', 'Health (Birth record)', 'Discharged home', 'fact', '', 'e1'],
      ],
    };
    const named = readDocx(
      await renderWord(
        chronologyDocument(
          collationInput(),
          table,
          { version: 3, generatedAt: '2026-11-06T10:00:00Z', agencies: 2 },
          'named',
        ),
      ),
    );
    expect(named.landscape).toBe(true);
    expect(named.paragraphs).toContain('What happened');
    expect(named.paragraphs).not.toContain('Entry id');
    expect(named.paragraphs).not.toContain('e1');
    expect(named.paragraphs).toContain('Alfie born at the LRI');
    const anonymised = readDocx(
      await renderWord(
        chronologyDocument(
          collationInput(),
          table,
          { version: 3, generatedAt: '2026-11-06T10:00:00Z', agencies: 2 },
          'anonymised',
        ),
      ),
    );
    expect(anonymised.paragraphs).toContain('Child R born at the LRI');
    expect(anonymised.paragraphs).toContain('[date of birth removed]');
  });
});

describe('the chronology in Word, from the merged chronology', () => {
  it('has the practitioner role column the CSV and Excel exports have (§8.4)', async () => {
    const document: MergedChronologyDocument = {
      ...merge(
        [
          {
            entryId: 'r1:1',
            agencyId: 'police',
            agencyName: 'Leicestershire Police',
            date: { value: '2024-03-14', precision: 'day', approximate: false },
            description: 'Police attended the family home.',
            practitionerRole: 'Response officer',
            factOrOpinion: 'fact',
          },
        ],
        [],
        { gapDays: 3650 },
      ),
      version: 1,
      generatedAt: '2026-11-06T10:00:00.000Z',
      sources: [],
    };
    const doc = readDocx(
      await renderWord(
        chronologyDocument(
          collationInput(),
          chronologyTable(document),
          { version: 1, generatedAt: document.generatedAt, agencies: 1 },
          'named',
        ),
      ),
    );
    const header = indexOf(doc.paragraphs, 'Practitioner role');
    expect(doc.paragraphs.slice(header)).toContain('Response officer');
  });
});

describe('the case pack', () => {
  const item = (path: string, size: number, kind: PackItem['kind'] = 'attachment'): PackItem => ({
    path,
    bytes: new Uint8Array(size).fill(7),
    kind,
    description: path,
  });

  it('keeps returns and documents, and attachments smallest first while they fit', () => {
    const { included, omitted } = planPack(
      [item('returns/a.json', 100, 'return'), item('big.pdf', 900), item('small.pdf', 300), item('mid.pdf', 500)].map(
        inMemory,
      ),
      1000,
    );
    expect(included.map((i) => i.path)).toEqual(['returns/a.json', 'small.pdf', 'mid.pdf']);
    expect(omitted.map((i) => i.path)).toEqual(['big.pdf']);
  });

  it('plans by the recorded sizes, and lists what is left out with its size and why', () => {
    const read = jest.fn(() => Promise.resolve(new Uint8Array(5000)));
    const huge = { path: 'huge.pdf', kind: 'attachment' as const, description: 'huge', size: 5000, read };
    const { included, omitted } = planPack([inMemory(item('returns/a.json', 10, 'return')), huge], 1000);
    expect(included.map((i) => i.path)).toEqual(['returns/a.json']);
    expect(read).not.toHaveBeenCalled();
    const manifest = packManifest({ caseReference: 'R', generatedAt: 'now', generatedBy: 'me' }, [], omitted);
    expect(manifest.notIncluded).toEqual([
      {
        path: 'huge.pdf',
        kind: 'attachment',
        description: 'huge',
        bytes: 5000,
        reason: expect.stringMatching(/download it/),
      },
    ]);
  });

  it('lists every file with its SHA-256 in the manifest, and zips them', () => {
    const files = uniquePaths([item('a/x.json', 3, 'return'), item('a/x.json', 4, 'return')]);
    expect(files.map((f) => f.path)).toEqual(['a/x.json', 'a/x-2.json']);
    const manifest = packManifest({ caseReference: 'R', generatedAt: 'now', generatedBy: 'me' }, files, []);
    expect(manifest.files[1]).toMatchObject({ path: 'a/x-2.json', bytes: 4, sha256: sha256Hex(files[1]!.bytes) });
    const zip = unzipSync(
      buildZip([{ path: 'manifest.json', bytes: Buffer.from(JSON.stringify(manifest)) }, ...files], new Date()),
    );
    expect(Object.keys(zip).sort()).toEqual(['a/x-2.json', 'a/x.json', 'manifest.json']);
    expect(JSON.parse(strFromU8(zip['manifest.json']!)).files).toHaveLength(2);
    expect(slug("St Mary's C of E School")).toBe('st-mary-s-c-of-e-school');
  });
});

describe('dates shown to people are Europe/London days', () => {
  // 00:30 BST on Wednesday 7 July 2027 is 23:30 UTC on Tuesday 6 July: a reply due on the 7th is on time.
  const LATE_EVENING_UTC = '2027-07-06T23:30:00.000Z';
  const submittedAt = (at: string) => (r: ReturnType<typeof request>) =>
    r.latest ? { ...r, latest: { ...r.latest, submittedAt: at } } : r;

  it('in the Combined Summary: received, submitted and nil returns', async () => {
    const input = collationInput();
    const chronologyReturn = request(
      'Leicestershire Police',
      { version: 1, submittedAt: LATE_EVENING_UTC, content: { kind: 'chronology', rows: [] } as never },
      { requestId: 'req-chronology', returnType: 'chronology' },
    );
    const shifted = { ...input, requests: [...input.requests.map(submittedAt(LATE_EVENING_UTC)), chronologyReturn] };
    for (const document of [meetingSummary(shifted, 'named'), nationalPanelSummary(shifted, DECISION, 'named')]) {
      const text = documentText(document).join('\n');
      expect(text).toContain('Wednesday 7 July 2027');
      expect(text).not.toContain('6 July 2027');
    }
    const lines = documentText(meetingSummary(shifted, 'named'));
    expect(lines).toContain('Version 1, submitted Wednesday 7 July 2027');
    expect(lines.some((l) => /^Example Primary School: nil return, submitted Wednesday 7 July 2027/.test(l))).toBe(
      true,
    );
  });

  it('in the chronology: the day it was merged', () => {
    const text = documentText(
      chronologyDocument(
        collationInput(),
        { header: ['Date'], rows: [] },
        { version: 2, generatedAt: LATE_EVENING_UTC, agencies: 1 },
        'named',
      ),
    ).join('\n');
    expect(text).toContain('2, merged Wednesday 7 July 2027 from the chronologies of 1 agency');
  });

  it('in the case pack: the date and time its files carry', () => {
    // Lambda runs in UTC: the zip must carry London's wall clock whatever the process's zone.
    const zone = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      const zip = buildZip([{ path: 'a.json', bytes: Buffer.from('{}') }], new Date(LATE_EVENING_UTC));
      // The local file header: modification time at byte 10, date at byte 12 (MS-DOS format).
      const time = zip.readUInt16LE(10);
      const date = zip.readUInt16LE(12);
      expect({ year: (date >> 9) + 1980, month: (date >> 5) & 15, day: date & 31 }).toEqual({
        year: 2027,
        month: 7,
        day: 7,
      });
      expect({ hours: time >> 11, minutes: (time >> 5) & 63 }).toEqual({ hours: 0, minutes: 30 });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

it('the fixture subject is what the tests above assume', () => {
  expect(SUBJECT.pseudonym).toBe('Child R');
});

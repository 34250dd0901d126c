import fc from 'fast-check';
import {
  ADDRESS_REMOVED,
  createAnonymiser,
  DOB_REMOVED,
  NAME_REMOVED,
  NOT_NAME_PARTS,
  POSTCODE_REMOVED,
} from '../../functions/domain/collation/anonymise';
import { chronologyDocument } from '../../functions/domain/collation/chronology';
import type { CollationInput } from '../../functions/domain/collation/input';
import { meetingSummary, nationalPanelLetter, nationalPanelSummary } from '../../functions/domain/collation/summaries';
import type { Subject } from '../../functions/domain/model';
import { renderWord } from '../../functions/formats/word';
import { readDocx } from '../support/docx';
import { collationInput, DECISION, declaration, involvedReply, request, SUBJECT } from '../support/collation-fixture';

describe('the anonymiser (§9.1.3)', () => {
  const anonymise = createAnonymiser(SUBJECT, [
    { name: 'PC Dana Reid', replacement: 'Response officer' },
    { name: 'Zoë O’Brien', replacement: 'Health visitor' },
  ]);

  it("replaces the child's name and its parts, in any case, possessives included, with the pseudonym", () => {
    expect(anonymise("Alfie Testchild was seen. ALFIE's school; alfie's bag; Alfie  Testchild again.")).toBe(
      "Child R was seen. Child R's school; Child R's bag; Child R again.",
    );
    expect(anonymise('Alfred and Alfiesson are other people; so is Testchildren.')).toBe(
      'Alfred and Alfiesson are other people; so is Testchildren.',
    );
  });

  it('calls the child "Child A" when the case has no pseudonym', () => {
    const noPseudonym: Subject = { name: 'Alfie Testchild', dateOfBirth: '2019-04-02' };
    expect(createAnonymiser(noPseudonym)('Alfie said')).toBe('Child A said');
  });

  it('replaces family members with their relationship; a name part two people share says neither', () => {
    expect(anonymise('Bella Testparent called. Bella was upset. Carl Testchild left; Mr Testchild returned.')).toBe(
      `Mother called. Mother was upset. Father left; Mr ${NAME_REMOVED} returned.`,
    );
  });

  it('replaces other people the returns name with their role, keeping titles, whatever the apostrophe', () => {
    expect(anonymise("PC Dana Reid attended; Reid wrote it up. Zoë O'Brien and Zoë O’Brien visited.")).toBe(
      'PC Response officer attended; Response officer wrote it up. Health visitor and Health visitor visited.',
    );
  });

  it.each([
    '2019-04-02',
    '02/04/2019',
    '2/4/2019',
    '2/4/19',
    '02.04.2019',
    '2-4-2019',
    '2 April 2019',
    '2nd April 2019',
    '2nd of April 2019',
    '2 Apr 2019',
    'April 2, 2019',
    'April 2nd 2019',
  ])('removes the date of birth written as %s', (date) => {
    expect(anonymise(`Born ${date}, seen later.`)).toBe(`Born ${DOB_REMOVED}, seen later.`);
    expect(anonymise(`Born ${date}, seen later.`)).not.toContain('2019');
  });

  it('keeps other dates, and removes any date labelled as a date of birth', () => {
    expect(anonymise('Seen on 3 April 2019 and 12/05/2020.')).toBe('Seen on 3 April 2019 and 12/05/2020.');
    expect(anonymise('Stepfather (DOB: 14/07/1988) and the lodger, born 3 March 1990.')).toBe(
      `Stepfather (DOB: ${DOB_REMOVED}) and the lodger, born ${DOB_REMOVED}.`,
    );
  });

  it('removes the date of birth with a two-digit year after the month in words, labelled or not', () => {
    const born2020 = createAnonymiser({ name: 'Alfie Testchild', dateOfBirth: '2020-05-05' });
    expect(born2020('Alfie born 5 May 20 at the LRI; 5th May 20; May 5, 20; 5-May-20 and 05/05/20.')).toBe(
      `Child A born ${DOB_REMOVED} at the LRI; ${DOB_REMOVED}; ${DOB_REMOVED}; ${DOB_REMOVED} and ${DOB_REMOVED}.`,
    );
    expect(born2020('Seen on 5 May 2019 and on 15 May 20.')).toBe('Seen on 5 May 2019 and on 15 May 20.');
    expect(anonymise('Stepfather DOB 14 July 88; the lodger, born 3 Mar 90; the aunt (d.o.b. Sept 9, 91).')).toBe(
      `Stepfather DOB ${DOB_REMOVED}; the lodger, born ${DOB_REMOVED}; the aunt (d.o.b. ${DOB_REMOVED}).`,
    );
  });

  it('removes a weekday with the date of birth it goes with, leaving the sentence whole', () => {
    expect(anonymise('Involved from Tuesday 2 April 2019 to Friday 5 March 2027.')).toBe(
      `Involved from ${DOB_REMOVED} to Friday 5 March 2027.`,
    );
    expect(anonymise('Born on Tue, 02/04/2019; seen Wednesday 3 April 2019.')).toBe(
      `Born on ${DOB_REMOVED}; seen Wednesday 3 April 2019.`,
    );
  });

  it('keeps a role that already contains the name a return gave for that person, rather than repeating it', () => {
    const byRole = createAnonymiser(SUBJECT, [
      { name: 'Named Nurse', replacement: 'Named Nurse Safeguarding Children' },
      { name: 'Jo Bloggs', replacement: 'Named Nurse Safeguarding Children' },
    ]);
    expect(byRole('Named Nurse Safeguarding Children, Thursday 5 November 2026')).toBe(
      'Named Nurse Safeguarding Children, Thursday 5 November 2026',
    );
    expect(byRole('Jo Bloggs asked the Named Nurse; Named Nurse Safeguarding Children replied.')).toBe(
      'Named Nurse Safeguarding Children asked the Named Nurse Safeguarding Children; Named Nurse Safeguarding Children replied.',
    );
  });

  it('removes the address, its street and postcode, and any street address or postcode', () => {
    expect(anonymise('Lives at 1 Example Street, Leicester, LE1 1AA since 2020.')).toBe(
      `Lives at ${ADDRESS_REMOVED} since 2020.`,
    );
    expect(anonymise('Visit to 1 example street; the postcode le1 1aa.')).toBe(
      `Visit to ${ADDRESS_REMOVED}; the postcode ${ADDRESS_REMOVED}.`,
    );
    expect(anonymise('Father moved to Flat 3, 27 Wharf Road, LE2 7QQ. Leicester is a city.')).toBe(
      `Father moved to ${ADDRESS_REMOVED}, ${POSTCODE_REMOVED}. Leicester is a city.`,
    );
  });

  it('does not repeat a role the text already gives before the name', () => {
    const sarah = createAnonymiser(
      {
        name: 'Alfie Testchild',
        dateOfBirth: '2019-04-02',
        familyMembers: [{ name: 'Sarah Jones', relationship: 'Mother' }],
      },
      [{ name: 'Zoë O’Brien', replacement: 'Health visitor' }],
    );
    expect(sarah('Seen with mother Sarah. The Mother  Sarah Jones called; mother\nSarah’s flat.')).toBe(
      'Seen with mother. The Mother called; mother’s flat.',
    );
    expect(sarah("The health visitor Zoë O'Brien visited; Sarah, a mother, and grandmother Sarah.")).toBe(
      'The health visitor visited; Mother, a mother, and grandmother Mother.',
    );
  });

  it('never replaces its own replacements (one pass)', () => {
    const odd = createAnonymiser({ name: 'Mother Smith', dateOfBirth: '2019-04-02', familyMembers: [] }, [
      { name: 'Jane Child', replacement: 'Mother' },
    ]);
    expect(odd('Jane Child and Mother Smith')).toBe('Mother and Child A');
  });
});

describe('the anonymised Combined Summary', () => {
  it('reads whole where a return recorded someone by role, or dated involvement from the birth', () => {
    const reply = involvedReply({
      periodFrom: SUBJECT.dateOfBirth,
      practitioners: [{ name: 'Named Nurse', role: 'Named Nurse Safeguarding Children' }],
      declaration: declaration('Jo Bloggs', 'Named Nurse Safeguarding Children'),
    });
    const input = {
      ...collationInput(),
      requests: [request('Health', { version: 1, submittedAt: '2026-11-06T10:00:00Z', content: reply as never })],
    };
    const fields = new Map(
      meetingSummary(input, 'anonymised').blocks.flatMap((b) =>
        b.kind === 'fields' ? b.rows.map((r) => [r.label, r.value] as const) : [],
      ),
    );
    expect(fields.get('Period of involvement')).toBe(`${DOB_REMOVED} to Saturday 31 October 2026`);
    expect(fields.get('Completed by')).toBe('Named Nurse Safeguarding Children, Thursday 5 November 2026');
  });
});

// ---------- Property: no name, date of birth or address of the case survives into an anonymised document ----------

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

async function anonymisedTexts(input: CollationInput): Promise<string[]> {
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
    rows: input.requests.flatMap((r) =>
      r.latest && 'involvement' in r.latest.content && r.latest.content.involvement === 'involved'
        ? r.latest.content.keyEvents.map((e) => [
            typeof e.date === 'string' ? e.date : e.date.value,
            '',
            '',
            e.description,
            `${r.agencyName} (note)`,
            e.description,
            'fact',
            '',
            'x',
          ])
        : [],
    ),
  };
  const documents = [
    meetingSummary(input, 'anonymised'),
    nationalPanelSummary(input, input.decision!, 'anonymised'),
    nationalPanelLetter(input, input.decision!, 'anonymised'),
    chronologyDocument(input, table, { version: 1, generatedAt: '2026-11-06T10:00:00Z', agencies: 2 }, 'anonymised'),
  ];
  return Promise.all(documents.map(async (d) => readDocx(await renderWord(d)).all));
}

/** Words the documents use of their own, with placeholder people: a random name must not be one of them. */
let vocabulary: Set<string>;
beforeAll(async () => {
  const texts = await anonymisedTexts({ ...collationInput(), decision: DECISION });
  vocabulary = new Set(
    texts
      .join(' ')
      .toLowerCase()
      .match(/\p{L}+/gu) ?? [],
  );
});

const word = fc
  .stringMatching(/^[A-Z][a-z]{3,9}$/)
  .filter((w) => !vocabulary.has(w.toLowerCase()) && !NOT_NAME_PARTS.has(w.toLowerCase()));
const person = fc.tuple(word, word).map(([first, last]) => `${first} ${last}`);
const isoDay = fc
  .date({ min: new Date('1985-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const postcode = fc
  .tuple(
    fc.constantFrom('LE', 'NG', 'B', 'CV'),
    fc.integer({ min: 1, max: 19 }),
    fc.integer({ min: 1, max: 9 }),
    fc.constantFrom('AA', 'BD', 'XT'),
  )
  .map(([area, district, sector, unit]) => `${area}${district} ${sector}${unit}`);
const scenario = fc.record({
  child: person,
  pseudonym: fc.option(fc.constantFrom('Child R', 'Child Q'), { nil: undefined }),
  family: fc.array(fc.tuple(person, fc.constantFrom('Mother', 'Father', 'Stepfather', 'Grandmother', 'Aunt')), {
    minLength: 1,
    maxLength: 3,
  }),
  known: person,
  practitioner: person,
  author: person,
  dob: isoDay,
  street: fc.tuple(fc.integer({ min: 1, max: 299 }), word, fc.constantFrom('Street', 'Road', 'Close', 'Avenue')),
  town: fc.constantFrom('Leicester', 'Loughborough', 'Oakham'),
  postcode,
  forms: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 6, maxLength: 6 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** A date of birth as records write it. */
function dobForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const month = MONTHS[Number(m) - 1]!;
  return [
    iso,
    `${d}/${m}/${y}`,
    `${Number(d)}/${Number(m)}/${y.slice(2)}`,
    `${Number(d)} ${month} ${y}`,
    `${month} ${Number(d)}, ${y}`,
    `${Number(d)} ${month} ${y.slice(2)}`,
    `${Number(d)} ${month.slice(0, 3)} ${y.slice(2)}`,
  ];
}

/** Someone's name in one of the ways free text mentions people. */
function mention(name: string, form: number): string {
  const [first, last] = name.split(' ') as [string, string];
  return [
    name,
    first,
    last,
    `${first}'s`,
    name.toUpperCase(),
    `Mr ${last}`,
    `${last}’s`,
    first.toLowerCase(),
    name,
    `${first}\n${last}`,
  ][form % 10]!;
}

function build(s: Scenario): CollationInput {
  const street = `${s.street[0]} ${s.street[1]} ${s.street[2]}`;
  const address = `${street}\n${s.town}\n${s.postcode}`;
  const subject: Subject = {
    name: s.child,
    dateOfBirth: s.dob,
    ...(s.pseudonym ? { pseudonym: s.pseudonym } : {}),
    address,
    familyMembers: s.family.map(([name, relationship]) => ({ name, relationship })),
  };
  const f = (i: number) => s.forms[i % s.forms.length]!;
  const [mother, relationship] = s.family[0]!;
  const dob = dobForms(s.dob);
  const text = (i: number) =>
    `${mention(s.child, f(i))} was seen with ${relationship.toLowerCase()} ${mention(mother, f(i + 1))} at ${i % 2 ? street : `${street}, ${s.town}, ${s.postcode}`}; DOB ${dob[f(i + 2) % dob.length]}. ${mention(s.known, f(i + 3))} and ${mention(s.practitioner, f(i + 4))} were there.`;
  const reply = involvedReply({
    keyEvents: [
      { date: '2025-02-14', description: text(0) },
      { date: s.dob, description: text(1) },
    ],
    immediateSafetyConcern: { raised: true, details: text(2) },
    familyMembersKnown: [
      ...s.family.map(([name, relationship]) => ({ name, relationship, notes: text(3) })),
      { name: s.known, relationship: 'Lodger', notes: text(4) },
    ],
    practitioners: [{ name: s.practitioner, role: 'Health visitor', team: text(5) }],
    earlyLearning: text(6),
    informationSharing: { basis: 'consent', reason: text(7) },
    recordsSecured: { status: 'secured', details: text(8) },
    declaration: declaration(s.author, 'Named nurse'),
  });
  const base = collationInput();
  return {
    ...base,
    record: { ...base.record, subject },
    requests: [
      request('Health', { version: 1, submittedAt: '2026-11-06T10:00:00Z', content: reply as never }),
      request('School', {
        version: 1,
        submittedAt: '2026-11-06T10:00:00Z',
        content: { involvement: 'no-records', notes: text(9), declaration: declaration(s.author, 'DSL') } as never,
      }),
    ],
    decision: { ...DECISION, rationale: text(10), learningIdentified: text(11), immediateActions: text(12) },
  };
}

const wholeWord = (needle: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`,
    'iu',
  );

describe('anonymised documents (property)', () => {
  it('never contain a name, the date of birth or the address the case or its returns record', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const texts = await anonymisedTexts(build(s));
        const names = [s.child, ...s.family.map(([n]) => n), s.known, s.practitioner, s.author];
        const forbidden = [
          ...names.flatMap((n) => [n, ...n.split(' ')]),
          ...dobForms(s.dob),
          `${s.street[0]} ${s.street[1]} ${s.street[2]}`,
          s.postcode,
        ];
        for (const text of texts) {
          for (const needle of forbidden) {
            if (wholeWord(needle).test(text)) throw new Error(`"${needle}" appears in an anonymised document`);
          }
          // A date of birth goes with its weekday: "Tuesday [date of birth removed]" hints at it and reads badly.
          const weekday = /\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+\[date of birth removed\]/.exec(text);
          if (weekday) throw new Error(`"${weekday[0]}" appears in an anonymised document`);
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});

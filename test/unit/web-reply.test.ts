import { InformationRequestReply, InformationRequestReplyDraft } from '../../functions/contract/returns';
import {
  buildReply,
  checkAll,
  checkSection,
  draftContent,
  emptyForm,
  formFromContent,
  nextSection,
  sectionsFor,
} from '../../web/src/lib/reply';
import { completeReply } from '../support/scenario';

const TODAY = '2026-12-01';

describe('the Information Request Reply form', () => {
  const fuzzyReply = () =>
    completeReply({
      periodFrom: { precision: 'month', value: '2024-05', approximate: false },
      periodTo: { precision: 'day', value: '2026-10-31', approximate: false },
      keyEvents: [
        {
          date: { precision: 'day', value: '2025-02-14', approximate: false },
          description: 'Domestic abuse incident attended at the family home.',
        },
        {
          date: { precision: 'month', value: '2026-02', approximate: true },
          description: 'Concern for welfare call from a neighbour.',
        },
        { date: { precision: 'year', value: '2019', approximate: true }, description: 'First referral.' },
      ],
      declaration: { ...completeReply().declaration, date: TODAY },
    });

  test('a complete reply survives the round trip through the form, and the API schema accepts it', () => {
    const reply = fuzzyReply();
    const form = formFromContent(reply);
    expect(form.periodFrom).toBe('May 2024');
    expect(form.keyEvents.map((e) => e.dateText)).toEqual(['14 February 2025', 'about February 2026', 'about 2019']);
    const built = buildReply(form, TODAY);
    expect(built.errors).toEqual([]);
    expect(built.reply).toEqual(reply);
    expect(InformationRequestReply.safeParse(built.reply).success).toBe(true);
  });

  test('a v1 reply (exact days, approximate key events) reads into the form with the same dates', () => {
    const v1 = completeReply({ declaration: { ...completeReply().declaration, date: TODAY } });
    expect(InformationRequestReply.safeParse(v1).success).toBe(true);
    const form = formFromContent(v1);
    expect([form.periodFrom, form.periodTo]).toEqual(['1 May 2023', '31 October 2026']);
    expect(form.keyEvents.map((e) => e.dateText)).toEqual(['14 February 2025', 'about 3 September 2026']);
    const built = buildReply(form, TODAY).reply as Extract<InformationRequestReply, { involvement: 'involved' }>;
    expect(built.keyEvents[1]!.date).toEqual({ precision: 'day', value: '2026-09-03', approximate: true });
  });

  test('approximate and partial dates are answers, not errors (DOMAIN.md: an uncertain date must be expressible)', () => {
    const form = {
      ...emptyForm(),
      involvement: 'involved' as const,
      periodFrom: 'May 2024',
      periodTo: 'about 2026',
      services: 'Health visiting',
      keyEvents: [{ dateText: 'about February 2026', description: 'Home visit, no answer.' }],
    };
    expect(checkSection(form, 'period', TODAY)).toEqual([]);
    expect(checkSection(form, 'key-events', TODAY)).toEqual([]);
  });

  test('a nil return needs only the first question and the declaration', () => {
    const form = {
      ...formFromContent(completeReply({ declaration: { ...completeReply().declaration, date: TODAY } })),
      involvement: 'no-records' as const,
      notes: 'Searched the case management system.',
    };
    expect(sectionsFor('no-records')).toEqual(['involvement', 'declaration']);
    expect(nextSection(form, 'involvement')).toBe('declaration');
    const built = buildReply(form, TODAY);
    expect(built.reply).toEqual({
      involvement: 'no-records',
      notes: 'Searched the case management system.',
      declaration: completeReply({ declaration: { ...completeReply().declaration, date: TODAY } }).declaration,
    });
    expect(InformationRequestReply.safeParse(built.reply).success).toBe(true);
  });

  test('each page names its own problems, with the field ids the error summary links to', () => {
    const form = emptyForm();
    expect(checkSection(form, 'involvement', TODAY).map((e) => e.fieldId)).toEqual(['involvement']);
    form.involvement = 'involved';
    expect(checkSection(form, 'period', TODAY).map((e) => e.fieldId)).toEqual(['periodFrom', 'periodTo', 'services']);
    form.keyEvents = [
      { dateText: '', description: '' },
      { dateText: 'about 3/9/2030', description: '' },
      { dateText: 'Q3 2025', description: 'Strategy meeting' },
    ];
    expect(checkSection(form, 'key-events', TODAY)).toEqual([
      {
        path: 'keyEvents[1].date',
        fieldId: 'keyEvents-1-date',
        message: 'The date of event 2 cannot be in the future',
      },
      {
        path: 'keyEvents[1].description',
        fieldId: 'keyEvents-1-description',
        message: 'Enter what happened at event 2',
      },
      {
        path: 'keyEvents[2].date',
        fieldId: 'keyEvents-2-date',
        message: 'The date of event 3 must be a real date, like 12/05/2019, May 2019 or about 2018',
      },
    ]);
    form.safetyRaised = 'yes';
    expect(checkSection(form, 'safety', TODAY).map((e) => e.fieldId)).toEqual(['immediateSafetyConcern-details']);
    expect(checkSection(form, 'declaration', TODAY).map((e) => e.fieldId)).toEqual([
      'declaration-name',
      'declaration-role',
      'declaration-date-day',
      'declaration-factsDistinguishedFromOpinion',
      'declaration-conflictOfInterest-declared',
    ]);
  });

  test('the last contact cannot come before the first; a vaguer date may contain the other', () => {
    const form = { ...emptyForm(), involvement: 'involved' as const, services: 'Health visiting' };
    form.periodFrom = 'June 2025';
    form.periodTo = '31/05/2025';
    expect(checkSection(form, 'period', TODAY).map((e) => e.message)).toEqual([
      'The date of last contact must be the same as or after the first',
    ]);
    form.periodFrom = 'about 2025';
    expect(checkSection(form, 'period', TODAY)).toEqual([]);
  });

  test('a draft keeps whatever has been typed, in a shape the API accepts', () => {
    const form = emptyForm();
    form.involvement = 'involved';
    form.periodFrom = '1/5/2023';
    form.services = 'Neighbourhood policing\n\n Public protection unit ';
    form.keyEvents = [{ dateText: '', description: 'Call from a neighbour' }];
    form.safetyRaised = 'no';
    form.family = [{ name: '', relationship: '', notes: '' }];
    const { content, errors } = draftContent(form);
    expect(errors).toEqual([]);
    expect(content).toEqual({
      involvement: 'involved',
      periodFrom: { precision: 'day', value: '2023-05-01', approximate: false },
      services: ['Neighbourhood policing', 'Public protection unit'],
      keyEvents: [{ description: 'Call from a neighbour' }],
      immediateSafetyConcern: { raised: false },
    });
    expect(InformationRequestReplyDraft.safeParse(content).success).toBe(true);
    expect(formFromContent(content).services).toBe('Neighbourhood policing\nPublic protection unit');
  });

  test('a date typed in part is reported, not silently dropped from the draft', () => {
    const form = { ...emptyForm(), periodTo: 'Q3 2025' };
    expect(draftContent(form).errors).toEqual([
      {
        path: 'periodTo',
        fieldId: 'periodTo',
        message: 'The date of last contact must be a real date, like 12/05/2019, May 2019 or about 2018',
      },
    ]);
  });

  test('an empty form asks only the first question; unknown content is ignored', () => {
    expect(checkAll(emptyForm(), TODAY).map((e) => e.fieldId)).toEqual(['involvement']);
    expect(formFromContent({ involvement: 'maybe', services: 'not a list', keyEvents: [null] })).toEqual({
      ...emptyForm(),
      keyEvents: [{ dateText: '', description: '' }],
    });
  });
});

describe('practitioners and their line managers (§8.10.1)', () => {
  const declared = { ...completeReply().declaration, date: TODAY };
  const practitioners = [
    {
      name: 'PC Dana Reid',
      role: 'Response officer',
      team: 'Leicester East',
      lineManager: { name: 'Sgt Erin Cole', role: 'Response sergeant' },
    },
    { name: 'DC Ali Khan', role: 'Detective', lineManager: { name: 'DS Jo Marsh' } },
  ];

  test('a reply names each practitioner’s line manager, round trip and all', () => {
    const reply = completeReply({ practitioners, declaration: declared });
    const built = buildReply(formFromContent(reply), TODAY);
    expect(built.errors).toEqual([]);
    // The form gives its dates with their precision (a v1 reply's exact days come back as day FuzzyDates).
    const involved = built.reply;
    if (involved?.involvement !== 'involved') throw new Error('expected an involved reply');
    expect(involved.practitioners).toEqual(practitioners);
    expect(InformationRequestReply.safeParse(built.reply).success).toBe(true);
  });

  test('a line manager’s role needs their name; a draft keeps either as typed', () => {
    const form = formFromContent(completeReply({ declaration: declared }));
    form.practitioners = [
      { name: 'PC Dana Reid', role: 'Response officer', team: '', managerName: '', managerRole: 'Sergeant' },
    ];
    expect(checkSection(form, 'people', TODAY)).toEqual([
      {
        path: 'practitioners[0].lineManager.name',
        fieldId: 'practitioners-0-lineManager-name',
        message: 'Enter the name of the line manager of practitioner 1',
      },
    ]);
    const draft = draftContent(form).content;
    expect(draft.practitioners).toEqual([
      { name: 'PC Dana Reid', role: 'Response officer', lineManager: { role: 'Sergeant' } },
    ]);
    expect(InformationRequestReplyDraft.safeParse(draft).success).toBe(true);
  });
});

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
  test('a complete reply survives the round trip through the form, and the API schema accepts it', () => {
    const reply = completeReply({ declaration: { ...completeReply().declaration, date: TODAY } });
    const built = buildReply(formFromContent(reply), TODAY);
    expect(built.errors).toEqual([]);
    expect(built.reply).toEqual(reply);
    expect(InformationRequestReply.safeParse(built.reply).success).toBe(true);
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
    expect(checkSection(form, 'period', TODAY).map((e) => e.fieldId)).toEqual([
      'periodFrom-day',
      'periodTo-day',
      'services',
    ]);
    form.keyEvents = [
      { date: { day: '', month: '', year: '' }, approximate: false, description: '' },
      { date: { day: '3', month: '9', year: '2030' }, approximate: true, description: '' },
    ];
    expect(checkSection(form, 'key-events', TODAY)).toEqual([
      {
        path: 'keyEvents[1].date',
        fieldId: 'keyEvents-1-date-day',
        message: 'The date of event 2 must be today or in the past',
      },
      {
        path: 'keyEvents[1].description',
        fieldId: 'keyEvents-1-description',
        message: 'Enter what happened at event 2',
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

  test('the last contact cannot come before the first', () => {
    const form = { ...emptyForm(), involvement: 'involved' as const, services: 'Health visiting' };
    form.periodFrom = { day: '1', month: '6', year: '2025' };
    form.periodTo = { day: '1', month: '5', year: '2025' };
    expect(checkSection(form, 'period', TODAY).map((e) => e.message)).toEqual([
      'The date of last contact must be the same as or after the first',
    ]);
  });

  test('a draft keeps whatever has been typed, in a shape the API accepts', () => {
    const form = emptyForm();
    form.involvement = 'involved';
    form.periodFrom = { day: '1', month: '5', year: '2023' };
    form.services = 'Neighbourhood policing\n\n Public protection unit ';
    form.keyEvents = [
      { date: { day: '', month: '', year: '' }, approximate: false, description: 'Call from a neighbour' },
    ];
    form.safetyRaised = 'no';
    form.family = [{ name: '', relationship: '', notes: '' }];
    const { content, errors } = draftContent(form);
    expect(errors).toEqual([]);
    expect(content).toEqual({
      involvement: 'involved',
      periodFrom: '2023-05-01',
      services: ['Neighbourhood policing', 'Public protection unit'],
      keyEvents: [{ description: 'Call from a neighbour' }],
      immediateSafetyConcern: { raised: false },
    });
    expect(InformationRequestReplyDraft.safeParse(content).success).toBe(true);
    expect(formFromContent(content).services).toBe('Neighbourhood policing\nPublic protection unit');
  });

  test('a date typed in part is reported, not silently dropped from the draft', () => {
    const form = { ...emptyForm(), periodTo: { day: '31', month: '10', year: '' } };
    expect(draftContent(form).errors).toEqual([
      {
        path: 'periodTo',
        fieldId: 'periodTo-day',
        message: 'The date of last contact must include a day, month and year',
      },
    ]);
  });

  test('an empty form asks only the first question; unknown content is ignored', () => {
    expect(checkAll(emptyForm(), TODAY).map((e) => e.fieldId)).toEqual(['involvement']);
    expect(formFromContent({ involvement: 'maybe', services: 'not a list', keyEvents: [null] })).toEqual({
      ...emptyForm(),
      keyEvents: [{ date: { day: '', month: '', year: '' }, approximate: false, description: '' }],
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
    expect(built.reply).toEqual(reply);
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

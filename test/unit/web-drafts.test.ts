import { InformationRequestReplyDraft, ReturnDraft } from '../../functions/contract/returns';
import { rowDraft, rowFromContent, checkRow, emptyRow } from '../../web/src/lib/chronology';
import { emptyOrgRow, kindedDraft, kindedFromContent } from '../../web/src/lib/kinded';
import { draftContent, emptyForm, formFromContent } from '../../web/src/lib/reply';

/**
 * "Save and come back later" keeps exactly what the lead typed, what is not valid yet included: a draft is
 * for unfinished work. Only submitting and "Save and continue" check it; the page still says what is wrong.
 */
const TODAY = '2026-12-01';

describe('a draft keeps whatever the lead typed', () => {
  test('the reply’s key events, a date that cannot be read yet among them, come back as typed', () => {
    const form = {
      ...emptyForm(),
      involvement: 'involved' as const,
      periodFrom: 'about May 2024',
      periodTo: 'last week',
      keyEvents: [
        { dateText: '14/02/2025', description: 'Incident at the family home.' },
        { dateText: 'Q3 2025', description: 'Strategy meeting' },
      ],
      declarationDate: { day: '31', month: '2', year: '' },
    };
    const { content, errors } = draftContent(form);
    expect(InformationRequestReplyDraft.safeParse(content).success).toBe(true);
    expect(content.keyEvents).toEqual([
      {
        date: { precision: 'day', value: '2025-02-14', approximate: false },
        description: 'Incident at the family home.',
      },
      { date: 'Q3 2025', description: 'Strategy meeting' },
    ]);
    // What cannot be read yet is still said, for the page to show once saved.
    expect(errors.map((e) => e.fieldId)).toEqual(['periodTo', 'keyEvents-1-date', 'declaration-date-day']);
    const back = formFromContent(JSON.parse(JSON.stringify(content)));
    expect(back.periodFrom).toBe('about May 2024');
    expect(back.periodTo).toBe('last week');
    expect(back.keyEvents.map((e) => e.dateText)).toEqual(['14 February 2025', 'Q3 2025']);
    expect(back.declarationDate).toEqual({ day: '31', month: '2', year: '' });
  });

  test('an organisational change dated "Q3 2025" and a contact "Mya 2019" are kept, and come back', () => {
    const changes = kindedFromContent('organisational-chronology', {});
    changes.records = 'yes';
    changes.orgRows = [{ ...emptyOrgRow(), dateText: 'Q3 2025', change: 'Teams merged' }];
    const draft = kindedDraft(changes);
    expect(ReturnDraft.safeParse(draft.content).success).toBe(true);
    expect(draft.errors.map((e) => e.path)).toEqual(['rows[0].date']);
    const back = kindedFromContent('organisational-chronology', JSON.parse(JSON.stringify(draft.content)));
    expect(back.orgRows.map((r) => [r.dateText, r.change])).toEqual([['Q3 2025', 'Teams merged']]);

    const summary = kindedFromContent('factual-summary', {});
    summary.contacts = [{ dateText: 'Mya 2019', description: 'Visit' }];
    summary.actions = [{ action: 'Audit', status: 'completed', completedOn: { day: '1', month: '13', year: '2026' } }];
    const saved = kindedDraft(summary).content;
    expect(ReturnDraft.safeParse(saved).success).toBe(true);
    const again = kindedFromContent('factual-summary', JSON.parse(JSON.stringify(saved)));
    expect(again.contacts).toEqual(summary.contacts);
    expect(again.actions[0]!.completedOn).toEqual({ day: '1', month: '13', year: '2026' });
  });

  test('a chronology event whose date cannot be read yet keeps the words, and says what is wrong', () => {
    const row = { ...emptyRow('r1'), dateText: 'Q3 2025', event: 'Strategy meeting' };
    const draft = rowDraft(row);
    expect(draft).toEqual({ rowId: 'r1', date: 'Q3 2025', event: 'Strategy meeting' });
    expect(ReturnDraft.safeParse({ kind: 'chronology', rows: [draft] }).success).toBe(true);
    const back = rowFromContent(draft);
    expect(back).toMatchObject({ date: undefined, dateText: 'Q3 2025', event: 'Strategy meeting' });
    expect(checkRow(back, 0, { analysisColumns: false, today: TODAY })[0]).toEqual({
      path: 'rows[0].date',
      fieldId: 'row-date',
      message: 'The date must be a real date, like 12/05/2019, May 2019 or about 2018',
    });
  });

  test('the draft schema still refuses what is not a date as typed', () => {
    expect(ReturnDraft.safeParse({ kind: 'chronology', rows: [{ rowId: 'r1', date: 'x'.repeat(201) }] }).success).toBe(
      false,
    );
    expect(
      InformationRequestReplyDraft.safeParse({
        declaration: { date: { day: '1', month: '2', year: '2026', hour: '3' } },
      }).success,
    ).toBe(false);
  });
});

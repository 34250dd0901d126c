import { emptyDeclaration, prefilledDeclaration } from '../../web/src/lib/declaration';

/** The declaration is not retyped for every return: who declared the agency's last one, and today. */
const TODAY = '2026-12-07';
const lead = { name: 'DI Sam Okafor', role: 'Safeguarding lead' };

describe('the declaration, prefilled', () => {
  test('a blank declaration takes the latest declarer and today, but never the confirmation', () => {
    expect(prefilledDeclaration(emptyDeclaration(), lead, TODAY)).toEqual({
      ...emptyDeclaration(),
      name: 'DI Sam Okafor',
      role: 'Safeguarding lead',
      date: { day: '7', month: '12', year: '2026' },
      factsFromOpinion: false,
    });
  });

  test('what the lead typed is kept; with no earlier declaration only the date is filled', () => {
    const typed = { ...emptyDeclaration(), name: 'Jo Nurse', date: { day: '1', month: '', year: '' } };
    expect(prefilledDeclaration(typed, lead, TODAY)).toEqual({ ...typed, role: 'Safeguarding lead' });
    expect(prefilledDeclaration(emptyDeclaration(), undefined, TODAY)).toMatchObject({ name: '', role: '' });
    const whole = prefilledDeclaration(emptyDeclaration(), lead, TODAY);
    expect(prefilledDeclaration(whole, { name: 'Someone else', role: 'Other' }, TODAY)).toBe(whole);
  });
});

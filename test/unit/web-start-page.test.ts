import { chronology, factualSummary, informationReport, nilReturn, organisationalChronology } from '../support/returns';
import { completeReply } from '../support/scenario';
import { kindedFromContent, kindedFromSubmitted, startKindedSection, type KindedType } from '../../web/src/lib/kinded';
import { formFromSubmitted, startSection } from '../../web/src/lib/reply';

/**
 * Where "Start" or "Continue" takes the lead. Asked for more, a return is filled in from what was
 * submitted, with the declaration to give again: the lead lands where the change is needed (the first
 * content page, where the office's request is shown), not on the declaration.
 */
const TODAY = '2026-12-01';
const options = { today: TODAY, analysisColumns: false };

describe('the page a return opens on', () => {
  test('an Information Request Reply asked for more opens on its first content page', () => {
    const form = formFromSubmitted(completeReply({ declaration: { ...completeReply().declaration, date: TODAY } }));
    expect(startSection(form, TODAY, false)).toBe('declaration');
    expect(startSection(form, TODAY, true)).toBe('period');
    // …or the first content page with something left to answer.
    expect(startSection({ ...form, earlyLearning: '' }, TODAY, true)).toBe('learning');
    // A nil reply's notes are on its first page.
    expect(startSection({ ...form, involvement: 'no-records' }, TODAY, true)).toBe('involvement');
  });

  test.each([
    ['chronology', 'rows', chronology()],
    ['organisational-chronology', 'changes', organisationalChronology()],
    ['information-report', 'involvement', informationReport()],
    ['factual-summary', 'summary', factualSummary()],
  ] as const)('a %s asked for more opens on %s', (type, first, content) => {
    const form = kindedFromSubmitted(type as KindedType, content);
    expect(startKindedSection(form, options, false)).toBe('declaration');
    expect(startKindedSection(form, options, true)).toBe(first);
  });

  test('a nil return asked for more opens on what was searched', () => {
    const form = kindedFromSubmitted('chronology', nilReturn());
    expect(startKindedSection(form, options, true)).toBe('nil');
  });

  test('a new return still opens on the first question', () => {
    expect(startKindedSection(kindedFromContent('chronology', {}), options, false)).toBe('records');
  });
});

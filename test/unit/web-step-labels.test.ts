import { DEFAULT_LADDERS, type LadderAction } from '../../functions/domain/chasing';
import { loadPartnerships } from '../../scripts/local/stack';
import { stepLabel } from '../../web/src/lib/labels';

describe('ladder steps and escalation stages in words', () => {
  test.each([
    ['5-days-before', 'Reminder, 5 working days before the due date'],
    ['1-day-before', 'Reminder, 1 working day before the due date'],
    ['due-today', 'Reminder on the due date'],
    ['1-day-overdue', 'Chased, 1 working day overdue'],
    ['2-days-overdue-crg', 'Referred to the Case Review Group, 2 working days overdue'],
    ['3-days-overdue-partners', 'Escalated to the Safeguarding Partners, 3 working days overdue'],
  ])('%s → %s', (step, words) => {
    expect(stepLabel(step)).toBe(words);
  });

  const opening: Record<LadderAction, string> = {
    remind: 'Reminder, ',
    'due-today': 'Reminder on the due date',
    chase: 'Chased, ',
    'escalate-crg': 'Referred to the Case Review Group, ',
    'escalate-partners': 'Escalated to the Safeguarding Partners, ',
  };
  const steps = [
    ...Object.values(DEFAULT_LADDERS),
    ...loadPartnerships().flatMap((p) => Object.values(p.chasing.ladders)),
  ].flat();

  test('every step of the default and configured ladders, in words that match what the step did', () => {
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(stepLabel(step.key)).toMatch(new RegExp(`^${opening[step.action]}`));
  });

  test('a key in another form is still made readable', () => {
    expect(stepLabel('final-notice')).toBe('Final notice');
  });
});

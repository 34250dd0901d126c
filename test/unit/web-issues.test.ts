import { errorFor, errorsFromIssues, fieldIdFor } from '../../web/src/lib/issues';
import { sectionOfPath } from '../../web/src/lib/reply';

describe('API issue paths name the fields the error summary links to', () => {
  test.each([
    ['subject.dateOfBirth', 'subject-dateOfBirth-day'],
    ['day0', 'day0-day'],
    ['dueOn', 'dueOn-day'],
    ['subject.name', 'subject-name'],
    ['subject.familyMembers[1].relationship', 'subject-familyMembers-1-relationship'],
    // The reply's dates are typed as words, one field each, whatever part of the date the API names.
    ['keyEvents[2].date', 'keyEvents-2-date'],
    ['keyEvents[2].date.precision', 'keyEvents-2-date'],
    ['keyEvents[12].description', 'keyEvents-12-description'],
    ['periodFrom', 'periodFrom'],
    ['periodTo.value', 'periodTo'],
    ['rows[4].date.value', 'rows-4-date'],
    ['declaration.date', 'declaration-date-day'],
    ['declaration.conflictOfInterest.details', 'declaration-conflictOfInterest-details'],
    ['immediateSafetyConcern.raised', 'immediateSafetyConcern-raised'],
    ['services', 'services'],
    ['services[3]', 'services'],
    ['reason', 'reason'],
  ])('%s → #%s', (path, id) => {
    expect(fieldIdFor(path)).toBe(id);
  });

  test('nothing but letters, digits and dashes reaches an id', () => {
    expect(fieldIdFor('weird path<script>')).toBe('weirdpathscript');
  });

  test('one error per field, schema jargon replaced by what to do', () => {
    const errors = errorsFromIssues(
      [
        { path: 'keyEvents[0].date', message: 'Enter a real date in the format YYYY-MM-DD' },
        { path: 'keyEvents[0].date', message: 'A key event cannot be in the future' },
        { path: 'declaration.name', message: 'Invalid input: expected string, received undefined' },
        { path: 'declaration.role', message: 'Invalid input: expected string, received undefined' },
        { path: '(body)', message: 'Unrecognized key' },
      ],
      { 'declaration.name': 'your full name' },
    );
    expect(errors).toEqual([
      {
        fieldId: 'keyEvents-0-date',
        path: 'keyEvents[0].date',
        message: 'Enter a real date in the format YYYY-MM-DD',
      },
      { fieldId: 'declaration-name', path: 'declaration.name', message: 'Enter your full name' },
      { fieldId: 'declaration-role', path: 'declaration.role', message: 'Check this answer' },
      { fieldId: 'main-content', path: '(body)', message: 'Unrecognized key' },
    ]);
    expect(errorFor(errors, 'keyEvents-0-date')).toBe('Enter a real date in the format YYYY-MM-DD');
    expect(errorFor(errors, 'declaration-name')).toBe('Enter your full name');
    expect(errorFor(errors, 'earlyLearning')).toBeUndefined();
  });

  test('each issue path belongs to the page of the reply that asks it', () => {
    expect(sectionOfPath('keyEvents[3].description')).toBe('key-events');
    expect(sectionOfPath('immediateSafetyConcern.details')).toBe('safety');
    expect(sectionOfPath('practitioners[0].role')).toBe('people');
    expect(sectionOfPath('informationSharing.reason')).toBe('records');
    expect(sectionOfPath('declaration.conflictOfInterest.declared')).toBe('declaration');
    expect(sectionOfPath('notes')).toBe('involvement');
    expect(sectionOfPath('unknown')).toBeUndefined();
  });
});

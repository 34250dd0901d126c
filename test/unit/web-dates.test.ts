import {
  calendarDaysBetween,
  dateProblemMessage,
  formatDate,
  formatDateLong,
  formatDateShort,
  formatDateTime,
  formatTime,
  isoFromParts,
  londonToday,
  partsFromIso,
  relativeDays,
  workingDaysText,
} from '../../web/src/lib/dates';

describe('dates as the portal shows them', () => {
  test('GOV.UK style dates', () => {
    expect(formatDate('2027-01-06')).toBe('6 January 2027');
    expect(formatDateShort('2027-01-06')).toBe('Wed 6 Jan 2027');
    expect(formatDateLong('2027-01-06')).toBe('Wednesday 6 January 2027');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
  });

  test('times are London times, whatever the machine', () => {
    expect(formatTime('2026-07-01T09:42:00Z')).toBe('10:42'); // British Summer Time
    expect(formatTime('2026-12-01T09:42:00Z')).toBe('09:42');
    expect(formatDateTime('2026-03-28T23:30:00Z')).toBe('28 March 2026 at 23:30');
    expect(formatDateTime('2026-06-30T23:30:00Z')).toBe('1 July 2026 at 00:30');
  });

  test("today's date is London's", () => {
    expect(londonToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(londonToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  test('calendar days across the clock change', () => {
    expect(calendarDaysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(calendarDaysBetween('2026-10-26', '2026-10-24')).toBe(-2);
  });

  test('relative days and working days in words', () => {
    expect(relativeDays(0)).toBe('today');
    expect(relativeDays(1)).toBe('in 1 day');
    expect(relativeDays(5)).toBe('in 5 days');
    expect(relativeDays(-1)).toBe('1 day ago');
    expect(relativeDays(-3)).toBe('3 days ago');
    expect(workingDaysText(0)).toBe('Due today');
    expect(workingDaysText(1)).toBe('1 working day left');
    expect(workingDaysText(10)).toBe('10 working days left');
    expect(workingDaysText(-1)).toBe('1 working day overdue');
    expect(workingDaysText(-4)).toBe('4 working days overdue');
  });

  test('a GOV.UK date input reads as an ISO date', () => {
    expect(isoFromParts({ day: '6', month: '1', year: '2027' })).toEqual({ iso: '2027-01-06' });
    expect(isoFromParts({ day: ' 06 ', month: 'Jan', year: '2027' })).toEqual({ iso: '2027-01-06' });
    expect(isoFromParts({ day: '6', month: 'january', year: '2027' })).toEqual({ iso: '2027-01-06' });
    expect(isoFromParts({ day: '', month: '', year: '' })).toEqual({ problem: 'missing' });
    expect(isoFromParts({ day: '6', month: '', year: '2027' })).toEqual({ problem: 'incomplete' });
    expect(isoFromParts({ day: '30', month: '2', year: '2027' })).toEqual({ problem: 'invalid' });
    expect(isoFromParts({ day: '6', month: '1', year: '27' })).toEqual({ problem: 'invalid' });
    expect(isoFromParts({ day: '6', month: 'Ja', year: '2027' })).toEqual({ problem: 'invalid' });
    expect(partsFromIso('2027-01-06')).toEqual({ day: '6', month: '1', year: '2027' });
    expect(partsFromIso(undefined)).toEqual({ day: '', month: '', year: '' });
  });

  test('date errors in the words GOV.UK uses', () => {
    expect(dateProblemMessage('missing', 'day 0')).toBe('Enter day 0');
    expect(dateProblemMessage('incomplete', 'the due date')).toBe('The due date must include a day, month and year');
    expect(dateProblemMessage('invalid', "the child's date of birth")).toBe(
      "The child's date of birth must be a real date",
    );
  });
});

import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { buildOpenApiDocument } from '../../functions/contract/openapi';
import { FuzzyDate as FuzzyDateSchema } from '../../functions/contract/returns';
import { addDays, daysBetween } from '../../functions/domain/calendar';
import {
  compareFuzzyDates,
  formatFuzzyDate,
  parseFuzzyDate,
  parseFuzzyDateObject,
  spanOf,
  type FuzzyDate,
} from '../../functions/domain/chronology/fuzzy-date';

const day = (value: string, approximate = false): FuzzyDate => ({ value, precision: 'day', approximate });
const month = (value: string, approximate = false): FuzzyDate => ({ value, precision: 'month', approximate });
const year = (value: string, approximate = false): FuzzyDate => ({ value, precision: 'year', approximate });

const ajv = new Ajv2020({ strict: false });
ajv.addSchema({ $id: 'doc', components: buildOpenApiDocument().components }, 'doc');
const validatorFor = (name: string) => ajv.compile({ $ref: `doc#/components/schemas/${name}` });

const parsed = (text: string) => {
  const result = parseFuzzyDate(text);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.date;
};
const refused = (text: string) => {
  const result = parseFuzzyDate(text);
  if (result.ok) throw new Error(`${text} was accepted as ${JSON.stringify(result.date)}`);
  return result.message;
};

describe('parseFuzzyDate', () => {
  it.each([
    ['2019-05-12', day('2019-05-12')],
    ['2019/05/12', day('2019-05-12')],
    ['12/05/2019', day('2019-05-12')],
    ['12-05-2019', day('2019-05-12')],
    ['12.05.2019', day('2019-05-12')],
    ['1/5/2019', day('2019-05-01')],
    ['12 May 2019', day('2019-05-12')],
    ['12th May 2019', day('2019-05-12')],
    ['the 1st of May 2019', day('2019-05-01')],
    ['12-May-2019', day('2019-05-12')],
    ['May 12, 2019', day('2019-05-12')],
    ['Monday 13 May 2019', day('2019-05-13')],
    ['  12  MAY   2019 ', day('2019-05-12')],
    ['12/05/2019.', day('2019-05-12')],
    ['29/02/2020', day('2020-02-29')],
  ])('reads the day %p', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each([
    ['2019-05', month('2019-05')],
    ['05/2019', month('2019-05')],
    ['May 2019', month('2019-05')],
    ['Sept 2019', month('2019-09')],
    ['sept. 2019', month('2019-09')],
    ['December 2019', month('2019-12')],
    ['2019', year('2019')],
  ])('keeps the precision of %p', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it.each([
    ['about May 2019', month('2019-05', true)],
    ['around 2018', year('2018', true)],
    ['approx. 12/05/2019', day('2019-05-12', true)],
    ['approximately 2018', year('2018', true)],
    ['c. 2018', year('2018', true)],
    ['c 2018', year('2018', true)],
    ['ca. 2018', year('2018', true)],
    ['circa 2018', year('2018', true)],
    ['~2018', year('2018', true)],
    ['2018?', year('2018', true)],
    ['2018 (approx)', year('2018', true)],
    ['12/05/2019 approx.', day('2019-05-12', true)],
  ])('marks %p approximate', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it('keeps the whole year (or month) for early, mid and late, approximate rather than an invented range', () => {
    expect(parsed('early 2019')).toEqual(year('2019', true));
    expect(parsed('mid-2019')).toEqual(year('2019', true));
    expect(parsed('mid 2019')).toEqual(year('2019', true));
    expect(parsed('late 2019')).toEqual(year('2019', true));
    expect(parsed('late May 2019')).toEqual(month('2019-05', true));
  });

  it('refuses a season, saying what to write instead, rather than keep it as a year without its words', () => {
    expect(refused('Spring 2020')).toBe(
      'A season has no set months: enter the month, like about April 2020, or the year, like about 2020',
    );
    expect(refused('about autumn 2023')).toBe(
      'A season has no set months: enter the month, like about October 2023, or the year, like about 2023',
    );
    expect(refused('late summer 2019')).toMatch(/^A season has no set months: enter the month, like about July 2019/);
    expect(refused('spring 19')).toMatch(/year in full/);
    expect(refused('winter 2019')).toMatch(/two years/);
  });

  it('reads numbers day first, never in US order', () => {
    expect(parsed('05/12/2019')).toEqual(day('2019-12-05'));
    expect(refused('05/13/2019')).toBe('There is no month 13: enter the day first, like 13/05/2019');
  });

  it('refuses two-digit years rather than guess the century', () => {
    expect(refused('12/5/19')).toBe('Enter the year in full, like 12/05/2019 rather than 12/05/19');
  });

  // How Excel shows "May 2019" typed into a date cell, and how a CSV saved from it writes it.
  it.each(['May-19', 'May 19', 'may-19', 'Sept 19', 'about May-19', 'Sep/19'])(
    'refuses the month with a two-digit year (%s), naming the form that works',
    (text) => {
      expect(refused(text)).toBe('Enter the month and year in full, like May 2019');
    },
  );

  it('still reads the month with its year in full, and says a word that is not a month is not a date', () => {
    expect(parsed('May-2019')).toEqual(month('2019-05'));
    expect(parsed('Sept 2019')).toEqual(month('2019-09'));
    expect(refused('Mai-19')).toBe('Enter a real date, like 12/05/2019, May 2019 or about 2018');
  });

  it('refuses impossible dates, saying why', () => {
    expect(refused('31/02/2019')).toBe('31/02/2019 is not a real date: February 2019 has 28 days');
    expect(refused('29/02/2019')).toMatch(/February 2019 has 28 days/);
    expect(refused('2019-02-30')).toBe('30 February 2019 is not a real date: February 2019 has 28 days');
    expect(refused('31 April 2019')).toMatch(/April 2019 has 30 days/);
  });

  it('refuses a weekday that does not match the date', () => {
    expect(refused('Monday 12 May 2019')).toBe('12 May 2019 was a Sunday, not a Monday');
  });

  it('refuses empty text, dates before 1900 and what is not a date, with a human message', () => {
    expect(refused('')).toBe('Enter a date, like 12/05/2019, May 2019 or about 2018');
    expect(refused('   ')).toBe('Enter a date, like 12/05/2019, May 2019 or about 2018');
    expect(refused('1899')).toBe('Enter a date from 1900 onwards');
    expect(refused('12/05/1899')).toBe('Enter a date from 1900 onwards');
    for (const text of ['yesterday', '43567', 'Mai 2019', '2019-13', '13/13/2019', 'about', 'early 12 May 2019']) {
      expect(refused(text)).toMatch(/^Enter /);
    }
    expect(refused('yesterday')).toBe('Enter a real date, like 12/05/2019, May 2019 or about 2018');
  });
});

describe('parseFuzzyDateObject', () => {
  it('accepts the stored form when the value matches the precision', () => {
    expect(parseFuzzyDateObject({ value: '2019-05-12', precision: 'day', approximate: false })).toEqual({
      ok: true,
      date: day('2019-05-12'),
    });
    expect(parseFuzzyDateObject({ value: '2019-05', precision: 'month', approximate: true })).toEqual({
      ok: true,
      date: month('2019-05', true),
    });
    expect(parseFuzzyDateObject({ value: '2019', precision: 'year', approximate: false })).toEqual({
      ok: true,
      date: year('2019'),
    });
  });

  it.each([
    [null, /must be an object/],
    ['2019-05-12', /must be an object/],
    [[], /must be an object/],
    [{ value: '2019-05-12', approximate: false }, /precision/],
    [{ value: '2019-05-12', precision: 'week', approximate: false }, /precision/],
    [{ value: '2019-05-12', precision: 'day' }, /approximate/],
    [{ value: '2019-05', precision: 'day', approximate: false }, /day precision must be written YYYY-MM-DD/],
    [{ value: '2019-05-12', precision: 'month', approximate: false }, /YYYY-MM$/],
    [{ value: '2019-13', precision: 'month', approximate: false }, /YYYY-MM$/],
    [{ value: '2019-02-30', precision: 'day', approximate: false }, /real date/],
    [{ value: '1899', precision: 'year', approximate: false }, /1900/],
    [{ value: 2019, precision: 'year', approximate: false }, /YYYY/],
  ])('refuses %j', (input, message) => {
    const result = parseFuzzyDateObject(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe('one range of years at every precision', () => {
  const atEvery = (y: string) => [day(`${y}-01-01`), month(`${y}-01`), year(y)];

  it('in the form and the import (typed text) and the stored form alike: from 1900, never after 2099', () => {
    for (const date of atEvery('1900').concat(atEvery('2099'))) {
      expect(parseFuzzyDate(formatFuzzyDate(date))).toEqual({ ok: true, date });
      expect(parseFuzzyDateObject(date)).toEqual({ ok: true, date });
    }
    for (const date of atEvery('1899').concat(atEvery('1000'))) {
      expect(parseFuzzyDate(formatFuzzyDate(date))).toEqual({ ok: false, message: 'Enter a date from 1900 onwards' });
      expect(parseFuzzyDateObject(date)).toEqual({ ok: false, message: 'Enter a date from 1900 onwards' });
    }
    for (const date of atEvery('2100').concat(atEvery('9999'))) {
      expect(parseFuzzyDate(formatFuzzyDate(date))).toEqual({ ok: false, message: 'The date cannot be in the future' });
      expect(parseFuzzyDateObject(date)).toEqual({ ok: false, message: 'The date cannot be in the future' });
    }
  });

  it('in the submission schema and the OpenAPI document, as in the domain', () => {
    const validate = validatorFor('FuzzyDate');
    for (const y of ['1000', '1899', '1900', '2026', '2099', '2100', '9999']) {
      for (const date of atEvery(y)) {
        const domain = parseFuzzyDateObject(date).ok;
        expect({ date, schema: FuzzyDateSchema.safeParse(date).success, document: validate(date) }).toEqual({
          date,
          schema: domain,
          document: domain,
        });
      }
    }
  });
});

describe('spans, formatting and order', () => {
  it('spans a day, a month and a year', () => {
    expect(spanOf(day('2019-05-12'))).toEqual({ start: '2019-05-12', end: '2019-05-12' });
    expect(spanOf(month('2019-05'))).toEqual({ start: '2019-05-01', end: '2019-05-31' });
    expect(spanOf(month('2020-02'))).toEqual({ start: '2020-02-01', end: '2020-02-29' });
    expect(spanOf(month('2019-12', true))).toEqual({ start: '2019-12-01', end: '2019-12-31' });
    expect(spanOf(year('2019'))).toEqual({ start: '2019-01-01', end: '2019-12-31' });
  });

  it('formats as people write dates', () => {
    expect(formatFuzzyDate(day('2019-05-12'))).toBe('12 May 2019');
    expect(formatFuzzyDate(day('2019-05-01'))).toBe('1 May 2019');
    expect(formatFuzzyDate(month('2019-05'))).toBe('May 2019');
    expect(formatFuzzyDate(year('2019'))).toBe('2019');
    expect(formatFuzzyDate(month('2019-05', true))).toBe('about May 2019');
    expect(formatFuzzyDate(day('2019-05-12', true))).toBe('about 12 May 2019');
  });

  it('orders by the start of the span, then the more precise date, then exact before approximate', () => {
    const dates = [
      year('2019'),
      day('2019-01-01', true),
      month('2019-01'),
      day('2019-01-01'),
      day('2018-12-31'),
      month('2019-02'),
    ];
    expect([...dates].sort(compareFuzzyDates)).toEqual([
      day('2018-12-31'),
      day('2019-01-01'),
      day('2019-01-01', true),
      month('2019-01'),
      year('2019'),
      month('2019-02'),
    ]);
  });

  const fuzzyDates = fc
    .record({
      offset: fc.integer({ min: 0, max: daysBetween('1900-01-01', '2099-12-31') }), // EARLIEST_YEAR–LATEST_YEAR
      precision: fc.constantFrom('day' as const, 'month' as const, 'year' as const),
      approximate: fc.boolean(),
    })
    .map(({ offset, precision, approximate }): FuzzyDate => {
      const iso = addDays('1900-01-01', offset);
      const value = precision === 'day' ? iso : precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
      return { value, precision, approximate };
    });

  it('parses what it formats back to the same date (property)', () => {
    fc.assert(
      fc.property(fuzzyDates, (date) => {
        expect(parseFuzzyDate(formatFuzzyDate(date))).toEqual({ ok: true, date });
        expect(parseFuzzyDateObject(date)).toEqual({ ok: true, date });
      }),
    );
  });

  it('has spans that start no later than they end and contain the value (property)', () => {
    fc.assert(
      fc.property(fuzzyDates, (date) => {
        const { start, end } = spanOf(date);
        expect(start <= end).toBe(true);
        expect(start.startsWith(date.value) && end.startsWith(date.value)).toBe(true);
      }),
    );
  });
});

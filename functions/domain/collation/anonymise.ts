import type { Subject } from '../model';

/**
 * Anonymisation of generated documents (guidance §9.1.3): the names the case records for the child and the
 * family, and the other people the returns name, become roles or the child's pseudonym; the child's date of
 * birth and address are removed wherever they appear in free text. Pure and deterministic: the same text and
 * case give the same result. It errs towards removing too much (a name that is also a common word is
 * replaced wherever the word appears): the anonymised versions are for sharing, and an officer reads them
 * before they are published.
 */
export interface Person {
  name: string;
  /** What the anonymised text says instead: a relationship ("Mother") or role ("Health visitor"). */
  replacement: string;
}

export const DEFAULT_CHILD_ALIAS = 'Child A';
export const NAME_REMOVED = '[name removed]';
export const DOB_REMOVED = '[date of birth removed]';
export const ADDRESS_REMOVED = '[address removed]';
export const POSTCODE_REMOVED = '[postcode removed]';

/** Titles and ranks are not names: "PC Dana Reid" must not turn every "PC" into a role. */
export const NOT_NAME_PARTS = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'dame',
  'rev',
  'pc',
  'dc',
  'ds',
  'di',
  'dci',
  'dsu',
  'sgt',
  'insp',
  'cllr',
]);

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

/** Letters, marks and digits: what a name cannot be next to and still be a whole word. */
const WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}_])';
const WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}_])';
const DIGIT_BEFORE = '(?<!\\p{N})';
const DIGIT_AFTER = '(?!\\p{N})';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const normalise = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const keyOf = (text: string) => normalise(text).toLowerCase().replace(/[‘’]/g, "'");

/** A name as a pattern: any run of spaces between words, either apostrophe. */
function namePattern(name: string): string {
  return normalise(name)
    .split(' ')
    .map((word) => escape(word).replace(/'|’|‘/g, "['’‘]"))
    .join('[\\s\\u00A0]+');
}

/** The parts of a name that identify someone: words and hyphenated pieces, not titles or initials. */
function partsOf(name: string): string[] {
  const words = normalise(name)
    .split(' ')
    .map((w) => w.replace(/^[("'‘’]+|[)"'‘’.,;:]+$/g, ''));
  const parts = new Set<string>();
  for (const word of words) {
    for (const piece of [word, ...word.split('-')]) {
      if (piece.replace(/[^\p{L}]/gu, '').length >= 2 && !NOT_NAME_PARTS.has(piece.toLowerCase())) parts.add(piece);
    }
  }
  return [...parts];
}

/** "PC Dana Reid" is known as "Dana Reid": the title stays in the text, before the role. */
function withoutTitles(name: string): string {
  const words = normalise(name).split(' ');
  while (words.length > 1 && NOT_NAME_PARTS.has(words[0]!.replace(/\.$/, '').toLowerCase())) words.shift();
  return words.join(' ');
}

interface Term {
  pattern: string;
  replacement: string;
  length: number;
  /** Matches where the text just before a name is already its replacement ("mother Sarah"). */
  afterReplacement: RegExp;
  /**
   * For a name its own replacement contains (a practitioner recorded as "Named Nurse", whose role is "Named
   * Nurse Safeguarding Children"): where the text already reads as that replacement, the name is left as it
   * is, or the role would repeat its own words. Nothing is kept that replacing would not have written.
   */
  within?: RegExp;
}

/** The child first, then the family the case records, then anyone else; a full name keeps its first owner. */
function nameTerms(subject: Subject, others: Person[]): Term[] {
  const alias = childAlias(subject);
  const people: Person[] = [
    { name: subject.name, replacement: alias },
    ...(subject.familyMembers ?? []).map((m) => ({ name: m.name, replacement: m.relationship })),
    ...others,
  ].filter((p) => normalise(p.name) && normalise(p.replacement));

  const fullNames = new Map<string, Person>();
  for (const person of people) {
    const name = withoutTitles(person.name);
    const key = keyOf(name);
    if (name && !fullNames.has(key)) fullNames.set(key, { name, replacement: person.replacement });
  }
  // A part two different people share ("Smith" of the child and the mother) says neither's role.
  const parts = new Map<string, { part: string; replacements: Set<string> }>();
  for (const person of fullNames.values()) {
    for (const part of partsOf(person.name)) {
      const key = keyOf(part);
      if (fullNames.has(key) && keyOf(person.name) !== key) continue;
      const entry = parts.get(key) ?? { part, replacements: new Set<string>() };
      entry.replacements.add(person.replacement);
      parts.set(key, entry);
    }
  }
  const term = (name: string, replacement: string): Term => ({
    pattern: namePattern(name),
    replacement,
    length: name.length,
    // Sticky and looking back, so that it is tried only just before the name, and sees the whole text.
    afterReplacement: new RegExp(`(?<=${WORD_BEFORE}${namePattern(replacement)}[\\s\\u00A0]+)`, 'iuy'),
    ...(new RegExp(`${WORD_BEFORE}${namePattern(name)}${WORD_AFTER}`, 'iu').test(normalise(replacement))
      ? { within: new RegExp(`${WORD_BEFORE}${namePattern(replacement)}${WORD_AFTER}`, 'giu') }
      : {}),
  });
  const terms: Term[] = [...fullNames.values()].map((p) => term(p.name, p.replacement));
  for (const [key, { part, replacements }] of parts) {
    if (fullNames.has(key)) continue;
    terms.push(term(part, replacements.size === 1 ? [...replacements][0]! : NAME_REMOVED));
  }
  // Longest first, so that "Alfie Testchild" is one match rather than two.
  return terms.sort((a, b) => b.length - a.length);
}

/**
 * A weekday written before a date ("Tuesday 2 April 2019", "Tue, 02/04/2019"): removed with the date, so that
 * "[date of birth removed]" stands alone in the sentence and no weekday hints at the day.
 */
const WEEKDAY = `(?:${WORD_BEFORE}(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday)?\\.?,?\\s+)?`;

/**
 * The ways a date of birth is written in records: 2019-04-02, 02/04/2019, 2/4/19, 2nd April 2019, 2 Apr 19,
 * April 2, 2019, each with or without its weekday.
 */
function datePatterns(iso: string): string[] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return [];
  const [, y, mm, dd] = match as unknown as [string, string, string, string];
  const d = String(Number(dd));
  const m = String(Number(mm));
  const month = MONTHS[Number(mm) - 1]!;
  const monthWord = `(?:${month}|${month.slice(0, 3)}${month === 'September' ? '|Sept' : ''})\\.?`;
  // A two-digit year after a month in words too: "5 May 20" is as plain a date of birth as "5/5/20".
  const year = `(?:${y}|${y.slice(2)})`;
  const ordinal = '(?:st|nd|rd|th)?';
  return [
    `${WEEKDAY}${DIGIT_BEFORE}${y}[-/.]0?${m}[-/.]0?${d}${DIGIT_AFTER}`,
    `${WEEKDAY}${DIGIT_BEFORE}0?${d}\\s*[-/.]\\s*0?${m}\\s*[-/.]\\s*${year}${DIGIT_AFTER}`,
    `${WEEKDAY}${DIGIT_BEFORE}0?${d}${ordinal}(?:\\s+of)?[\\s-]+${monthWord},?[\\s-]+${year}${DIGIT_AFTER}`,
    `${WEEKDAY}${WORD_BEFORE}${monthWord}\\s+0?${d}${ordinal},?\\s+${year}${DIGIT_AFTER}`,
  ];
}

/** Any date written after "DOB", "date of birth" or "born": a family member's date of birth the case does not record. */
const MONTH_WORDS = `(?:${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join('|')}|Sept)\\.?`;
const ANY_DATE = `${WEEKDAY}(?:\\d{1,2}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?[\\s-]+${MONTH_WORDS},?[\\s-]+(?:\\d{4}|\\d{2})|${MONTH_WORDS}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:\\d{4}|\\d{2}))`;
const LABELLED_DATE = new RegExp(
  `(${WORD_BEFORE}(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|born(?:\\s+on)?)\\s*[:\\-–]?\\s*)${ANY_DATE}${DIGIT_AFTER}`,
  'giu',
);

/** UK postcodes, and house-number-and-street addresses, wherever they appear. */
const POSTCODE = new RegExp(`${WORD_BEFORE}[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}${WORD_AFTER}`, 'giu');
const STREETS =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Court|Ct|Crescent|Cres|Place|Pl|Gardens|Terrace|Grove|Walk|Row|Square|Hill|Park|Mews|Rise|View|Green|Parade|Boulevard';
const STREET_ADDRESS = new RegExp(
  `${WORD_BEFORE}(?:(?:flat|apartment|apt|unit)\\s+\\d+[a-z]?,?\\s+)?\\d+[a-z]?,?\\s+(?:[\\p{L}'’-]+\\s+){1,3}(?:${STREETS})\\.?${WORD_AFTER}`,
  'giu',
);
const FLAT = new RegExp(`${WORD_BEFORE}(?:flat|apartment|apt)\\s+\\d+[a-z]?${WORD_AFTER}`, 'giu');

/** The child's address as recorded, and each line of it that identifies a place (a number, or two words or more). */
function addressPatterns(address: string | undefined): string[] {
  const lines = (address ?? '')
    .split(/[,\n\r]+/)
    .map(normalise)
    .filter(Boolean);
  if (!lines.length) return [];
  const whole = lines.map((line) => namePattern(line)).join('[\\s,]*');
  const specific = lines.filter((line) => /\d/.test(line) || line.split(' ').length > 1).map(namePattern);
  return [whole, ...specific].map((p) => `${WORD_BEFORE}${p}${WORD_AFTER}`);
}

/** Whether some match of `pattern` in `text` covers the span from `start` to `end`. */
function insideMatch(pattern: RegExp, text: string, start: number, end: number): boolean {
  for (const found of text.matchAll(pattern)) {
    if (found.index > start) return false;
    if (found.index + found[0].length >= end) return true;
  }
  return false;
}

export function childAlias(subject: Pick<Subject, 'pseudonym'>): string {
  return subject.pseudonym?.trim() || DEFAULT_CHILD_ALIAS;
}

export type Anonymiser = (text: string) => string;

export function createAnonymiser(subject: Subject, others: Person[] = []): Anonymiser {
  const addresses = addressPatterns(subject.address).map((p) => new RegExp(p, 'giu'));
  const dates = datePatterns(subject.dateOfBirth).map((p) => new RegExp(p, 'giu'));
  const terms = nameTerms(subject, others);
  const names = terms.length
    ? new RegExp(terms.map((t) => `${WORD_BEFORE}(${t.pattern})${WORD_AFTER}`).join('|'), 'giu')
    : undefined;
  return (input: string) => {
    let text = input.normalize('NFC');
    for (const pattern of addresses) text = text.replace(pattern, ADDRESS_REMOVED);
    text = text.replace(STREET_ADDRESS, ADDRESS_REMOVED).replace(FLAT, ADDRESS_REMOVED);
    text = text.replace(POSTCODE, POSTCODE_REMOVED);
    for (const pattern of dates) text = text.replace(pattern, DOB_REMOVED);
    text = text.replace(LABELLED_DATE, (_all, label: string) => `${label}${DOB_REMOVED}`);
    if (!names) return text;
    // One pass: a replacement is never itself replaced.
    let out = '';
    let from = 0;
    for (const match of text.matchAll(names)) {
      const term = terms[match.slice(1).findIndex((g) => g !== undefined)];
      if (term?.within && insideMatch(term.within, text, match.index, match.index + match[0].length)) continue;
      out += text.slice(from, match.index);
      from = match.index + match[0].length;
      if (term) term.afterReplacement.lastIndex = match.index;
      // "mother Sarah" would become "mother Mother": the role already says who, so the name goes with its space.
      if (term?.afterReplacement.test(text)) out = out.trimEnd();
      else out += term?.replacement ?? NAME_REMOVED;
    }
    return out + text.slice(from);
  };
}

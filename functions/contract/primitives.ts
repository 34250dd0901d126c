import * as z from 'zod';

/**
 * Building blocks of the API schemas. Every constraint is one the JSON Schema in the OpenAPI document
 * can state (pattern, length, enum, format), so a body built from the document alone is accepted.
 */

/**
 * One line of text: no control characters, not blank, and no lone surrogate (half of a UTF-16 pair is no
 * character: storage would mangle it and e-mail could not carry it). The surrogate test reads the same
 * with or without the `u` flag a JSON Schema validator may use.
 */
const SINGLE_LINE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point: they are refused.
  /^(?=[\s\S]*\S)(?![\s\S]*(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))[^\u0000-\u001F\u007F]+$/;
/** Free text: line breaks and tabs allowed, other control characters and lone surrogates not; not blank. */
const MULTI_LINE =
  // eslint-disable-next-line no-control-regex -- as above.
  /^(?=[\s\S]*\S)(?![\s\S]*(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]))[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]+$/;

export const line = (max: number) =>
  z.string().max(max).regex(SINGLE_LINE, { message: 'Enter text on one line, without control characters' });

export const text = (max: number) =>
  z.string().max(max).regex(MULTI_LINE, { message: 'Enter some text, without control characters' });

export const isoDate = () => z.iso.date({ message: 'Enter a real date in the format YYYY-MM-DD' });

/**
 * The years `first` to `last` as a regular expression, in aligned blocks ("200\d|201\d", "19\d\d|20\d\d")
 * so that the pattern the OpenAPI document shows stays readable.
 */
export function yearPattern(first: number, last: number): string {
  const blocks: string[] = [];
  for (let year = first; year <= last;) {
    let size = 1000;
    while (size > 1 && (year % size !== 0 || year + size - 1 > last)) size /= 10;
    const wild = String(size).length - 1;
    blocks.push(String(year).slice(0, 4 - wild) + '\\d'.repeat(wild));
    year += size;
  }
  return blocks.join('|');
}

/** A real date in the years `first` to `last`: a pattern, so that the OpenAPI document states the range too. */
export const isoDateInYears = (first: number, last: number, message: string) =>
  isoDate().regex(new RegExp(`^(?:${yearPattern(first, last)})-`), { message });

export const email = () => z.email({ message: 'Enter an email address like name@example.org' }).max(254);

/**
 * The largest JSON body a function reads (a 1,000-row chronology is well under it): a larger one is refused
 * with 413 `body-too-large`, as API Gateway refuses one over its own 10 MB (ADR 0009).
 */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Identifiers are ULIDs: 26 Crockford base-32 characters. */
export const ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
export const id = () => z.string().regex(ID_PATTERN, { message: 'Not a valid identifier' });

/** Case references are shown in e-mails, so they are restricted to a shape that cannot hold a name. */
export const REFERENCE_PATTERN = /^[A-Z0-9][A-Z0-9/-]{2,31}$/;
export const reference = () =>
  z.string().regex(REFERENCE_PATTERN, {
    message: 'Use 3 to 32 capital letters, digits, "/" or "-", for example LSCPB-2026-0007',
  });

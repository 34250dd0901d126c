/*
 * Its own module, without zod: the CSV reader (functions/formats) throws it, and every function that writes a
 * spreadsheet bundles that reader's module; importing it from the chronology import would bring the return
 * schemas, and all of zod, into bundles that never validate a row (ADR 0014).
 */

/** What a CSV reader throws for a file that is not well-formed CSV: the problem and the line (from 1). */
export class UnreadableCsv extends Error {
  constructor(
    readonly problem: 'stray-quote' | 'unclosed-quote' | 'other',
    readonly line?: number,
  ) {
    super(`CSV not readable: ${problem}${line === undefined ? '' : ` at line ${line}`}`);
    this.name = 'UnreadableCsv';
  }
}

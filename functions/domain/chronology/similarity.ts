import { IntList } from './int-list';

/**
 * A small, explainable likeness of two chronology descriptions: the Dice coefficient of their sets of
 * terms, 2·|shared| / (|A| + |B|). The business office can be told exactly why two rows were suggested
 * as one event ("both mention: strategy, meeting, s47").
 *
 * Terms are words (ASCII letters, digits and '&') after: lower-casing; dropping punctuation, numbers, single letters and stop words;
 * mapping the service vocabulary agencies write differently (A&E / ED / emergency department, section 47
 * / s47, social care / CSC) to one term; and stripping common English endings (attended / attendance /
 * attending → attend). Words that appear in almost every row about one child (child, mother, family) are
 * stop words: sharing them says nothing about whether two rows describe the same event.
 */

const STOP_WORDS = new Set(
  [
    // English function words
    'a an the and or but nor of to in on at by for with from into onto over under about after before during',
    'as than then that this these those there here it its is are was were be been being has have had do does',
    'did not no yes so if he she they them his her hers their theirs him we us our you your i me my who whom',
    'which what when where why how all any both each some such very also again further once only own same',
    'can could would should will shall may might must up down out off via per re',
    // present in nearly every row of a chronology about one child
    'child children childs baby infant mother mum mothers father dad fathers parent parents family',
    'carer carers address',
    // reporting verbs and time words that every agency uses about every kind of event
    'said says told report reported reports seen noted advised informed stated notified notification called',
    'today yesterday tomorrow old aged day days week weeks month months year years am pm',
  ]
    .join(' ')
    .split(' '),
);

/** Single words written differently for the same thing. */
const SYNONYMS = new Map<string, string>([
  ['a&e', 'ae'],
  ['ed', 'ae'],
  ['casualty', 'ae'],
  ['cs', 'csc'],
  ['discussion', 'meeting'],
  ['meeting', 'meeting'], // not stemmed, to stay one with 'discussion'
  ['strat', 'strategy'],
  ['violence', 'abuse'],
  ['dv', 'domestic'],
  ['da', 'domestic'],
  ['paediatrician', 'paediatric'],
  ['paediatrics', 'paediatric'],
  ['fell', 'fall'],
  ['pc', 'police'],
  ['officer', 'police'],
  ['officers', 'police'],
]);

/** Two-word phrases that are one term: first word → second word → term. */
const PHRASES = new Map<string, Map<string, string>>([
  ['emergency', new Map([['department', 'ae']])],
  [
    'section',
    new Map([
      ['47', 's47'],
      ['17', 's17'],
    ]),
  ],
  [
    'social',
    new Map([
      ['care', 'csc'],
      ['services', 'csc'],
      ['worker', 'sw'],
    ]),
  ],
  ['health', new Map([['visitor', 'hv']])],
  ['general', new Map([['practitioner', 'gp']])],
  [
    'domestic',
    new Map([
      ['abuse', 'domestic'],
      ['violence', 'domestic'],
      ['incident', 'domestic'],
    ]),
  ],
]);

/** A deliberately light suffix stripper: enough to match word forms, small enough to explain. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 6 && w.endsWith('ance')) w = w.slice(0, -4);
  else if (w.length > 5 && w.endsWith('ing')) w = undouble(w.slice(0, -3));
  else if (w.length > 4 && w.endsWith('ed')) w = undouble(w.slice(0, -2));
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const last = w.charCodeAt(w.length - 1);
  const keep = last === 108 || last === 115 || last === 122; // l, s, z are doubled in their stems (call, assess)
  return !keep && last === w.charCodeAt(w.length - 2) ? w.slice(0, -1) : w;
}

function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The term a single (lower-case) word stands for, or undefined when it carries no meaning here. */
function termOf(word: string): string | undefined {
  const synonym = SYNONYMS.get(word);
  if (synonym) return synonym;
  if (word.length < 2 || STOP_WORDS.has(word) || isDigits(word) || word === '&') return undefined;
  return stem(word);
}

const EMPTY = -1;

/**
 * Interns words and terms as small integers, so that a merge of many rows works out each word form once
 * and compares rows as sorted integer arrays. Words are found by a hash of their characters computed while
 * scanning, so known words cost no string allocation. Lives for one merge.
 */
export class TermDictionary {
  // Open addressing: slots hold word numbers (or EMPTY); a word's hash, text and term are kept by number.
  private slots = new Int32Array(4096).fill(EMPTY);
  private wordHash = new Int32Array(2048);
  private wordTerm = new Int32Array(2048);
  private readonly words: string[] = [];
  private readonly wordPhrases: (Map<string, string> | undefined)[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private phraseStart = new Uint8Array(2048);
  private rowStamp = new Int32Array(2048);
  private stamp = 0;

  get size(): number {
    return this.termNames.length;
  }

  termName(id: number): string {
    return this.termNames[id] ?? '';
  }

  /**
   * Appends the distinct term ids of `text` to `out`, in order of first appearance, and returns how many.
   * Words are letters, digits and "&" (so "A&E" is one word), lower-cased; anything else separates them.
   * When a two-word phrase completes, its term takes the place of its first word's.
   */
  collect(text: string, out: IntList): number {
    const begin = out.length;
    // A text of n characters has at most n/2 + 1 words: room for all of them, written without checks.
    const data = out.reserve((text.length >>> 1) + 1);
    let end = begin;
    // Terms already in this row carry this row's stamp.
    const stamp = (this.stamp += 1);
    let start = -1;
    let hash = 0;
    let previous = EMPTY;
    let previousPushed = false;
    const length = text.length;
    for (let i = 0; i <= length; i += 1) {
      let c = i < length ? text.charCodeAt(i) : 32;
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 38 /* & */) {
        if (start < 0) {
          start = i;
          hash = 0x811c9dc5 | 0;
        }
        hash = Math.imul(hash ^ c, 0x01000193); // FNV-1a
        continue;
      }
      if (start < 0) continue;
      const word = this.wordAt(text, start, i, hash);
      start = -1;
      const phrase =
        previous !== EMPTY && this.phraseStart[previous] === 1
          ? this.wordPhrases[previous]?.get(this.words[word] as string)
          : undefined;
      if (phrase !== undefined) {
        const id = this.termId(phrase);
        if (previousPushed) {
          end -= 1;
          this.rowStamp[data[end] as number] = 0;
        }
        if (this.rowStamp[id] !== stamp) {
          this.rowStamp[id] = stamp;
          data[end++] = id;
        }
        previous = EMPTY;
        previousPushed = false;
        continue;
      }
      previous = word;
      const term = this.wordTerm[word] as number;
      previousPushed = term !== EMPTY && this.rowStamp[term] !== stamp;
      if (previousPushed) {
        this.rowStamp[term] = stamp;
        data[end++] = term;
      }
    }
    out.length = end;
    return end - begin;
  }

  private wordAt(text: string, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.slots[slot] as number;
      if (word === EMPTY) return this.addWord(text.slice(start, end).toLowerCase(), hash, slot);
      if (this.wordHash[word] === hash) {
        // Confirm the match: natively when the text has the word's case, else letter by letter.
        const known = this.words[word] as string;
        if (known.length === end - start && (text.startsWith(known, start) || sameWord(text, start, known)))
          return word;
      }
    }
  }

  private addWord(word: string, hash: number, slot: number): number {
    const index = this.words.length;
    if (index === this.wordHash.length) {
      this.wordHash = grown(this.wordHash);
      this.wordTerm = grown(this.wordTerm);
      const phraseStart = new Uint8Array(this.phraseStart.length * 2);
      phraseStart.set(this.phraseStart);
      this.phraseStart = phraseStart;
    }
    this.words.push(word);
    this.wordHash[index] = hash;
    const term = termOf(word);
    this.wordTerm[index] = term === undefined ? EMPTY : this.termId(term);
    this.wordPhrases.push(PHRASES.get(word));
    this.phraseStart[index] = PHRASES.has(word) ? 1 : 0;
    this.slots[slot] = index;
    // Keep the table at most half full, so that probes stay short.
    if (this.words.length * 2 > this.slots.length) {
      const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
      const mask = slots.length - 1;
      for (let w = 0; w < this.words.length; w += 1) {
        let at = (this.wordHash[w] as number) & mask;
        while (slots[at] !== EMPTY) at = (at + 1) & mask;
        slots[at] = w;
      }
      this.slots = slots;
    }
    return index;
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      if (id === this.rowStamp.length) this.rowStamp = grown(this.rowStamp);
    }
    return id;
  }
}

function grown(values: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const next = new Int32Array(values.length * 2);
  next.set(values);
  return next;
}

function sameWord(text: string, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k += 1) {
    let c = text.charCodeAt(start + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** The distinct terms of a text, in the order they first appear. */
export function termsOf(text: string): string[] {
  const dictionary = new TermDictionary();
  const ids = new IntList();
  dictionary.collect(text, ids);
  return Array.from(ids.view(), (id) => dictionary.termName(id));
}

/** Dice coefficient of two term sets; 0 when either is empty (nothing to compare). */
export function diceOfTerms(a: readonly string[], b: readonly string[]): number {
  const left = new Set(a);
  const right = new Set(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const term of left) if (right.has(term)) shared += 1;
  return (2 * shared) / (left.size + right.size);
}

export function textSimilarity(a: string, b: string): number {
  return diceOfTerms(termsOf(a), termsOf(b));
}

/** The score and the terms behind it, for showing the business office why rows were suggested together. */
export function explainSimilarity(a: string, b: string): { score: number; shared: string[] } {
  const left = termsOf(a);
  const right = termsOf(b);
  const shared = left.filter((term) => right.includes(term));
  return { score: diceOfTerms(left, right), shared };
}

/** Dice coefficient of two ascending runs of distinct ids in `ids`: [aStart, aEnd) and [bStart, bEnd). */
export function diceOfSorted(ids: Int32Array, aStart: number, aEnd: number, bStart: number, bEnd: number): number {
  if (aEnd === aStart || bEnd === bStart) return 0;
  let shared = 0;
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = ids[i] as number;
    const y = ids[j] as number;
    if (x === y) {
      shared += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return (2 * shared) / (aEnd - aStart + (bEnd - bStart));
}

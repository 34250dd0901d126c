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
 * Each byte of UTF-8 text as a word character: its lower-case ASCII code, or 0 for a separator. Words are
 * ASCII letters, digits and '&', and every byte of a non-ASCII character is 0x80 or above, so the bytes
 * split a text exactly as its characters do. Reading bytes from a typed array is much quicker than reading
 * characters from a string one call at a time.
 */
const WORD_BYTE = new Uint8Array(256);
for (let c = 48; c <= 57; c += 1) WORD_BYTE[c] = c;
for (let c = 97; c <= 122; c += 1) WORD_BYTE[c] = c;
for (let c = 65; c <= 90; c += 1) WORD_BYTE[c] = c + 32;
WORD_BYTE[38] = 38; // &

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Interns words and terms as small integers, so that a merge of many rows works out each word form once
 * and compares rows as sorted integer arrays. Words are found by a hash of their bytes computed while
 * scanning, so known words cost no string allocation. Lives for one merge.
 */
export class TermDictionary {
  // Open addressing: slots hold word numbers (or EMPTY); a word's hash, bytes and term are kept by number.
  private slots = new Int32Array(4096).fill(EMPTY);
  private wordHash = new Int32Array(2048);
  private wordTerm = new Int32Array(2048);
  private wordStart = new Int32Array(2048);
  private wordLength = new Int32Array(2048);
  /** The lower-case bytes of every word, one after another. */
  private wordBytes = new Uint8Array(16_384);
  private wordBytesUsed = 0;
  private readonly words: string[] = [];
  private readonly wordPhrases: (Map<string, string> | undefined)[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private phraseStart = new Uint8Array(2048);
  private rowStamp = new Int32Array(2048);
  private stamp = 0;
  /** The text being read, as UTF-8 (at most 3 bytes per UTF-16 code unit), lower-cased in place. */
  private bytes = new Uint8Array(4096);

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
    if (this.bytes.length < 3 * text.length) this.bytes = new Uint8Array(3 * text.length + 1024);
    const bytes = this.bytes;
    const length = encoder.encodeInto(text, bytes).written ?? 0;
    let previous = EMPTY;
    let previousPushed = false;
    for (let i = 0; i < length;) {
      let c = WORD_BYTE[bytes[i] as number] as number;
      if (c === 0) {
        i += 1;
        continue;
      }
      const start = i;
      let hash = 0x811c9dc5 | 0;
      do {
        bytes[i] = c;
        hash = Math.imul(hash ^ c, 0x01000193); // FNV-1a
        i += 1;
        c = i < length ? (WORD_BYTE[bytes[i] as number] as number) : 0;
      } while (c !== 0);
      const word = this.wordAt(bytes, start, i, hash);
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

  /** The number of the (lower-case) word in bytes[start, end), added if new. */
  private wordAt(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const word = this.slots[slot] as number;
      if (word === EMPTY) return this.addWord(bytes, start, end, hash, slot);
      if (this.wordHash[word] === hash && this.wordLength[word] === length) {
        const known = this.wordBytes;
        const offset = (this.wordStart[word] as number) - start;
        let k = start;
        while (k < end && bytes[k] === known[k + offset]) k += 1;
        if (k === end) return word;
      }
    }
  }

  private addWord(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const index = this.words.length;
    if (index === this.wordHash.length) {
      this.wordHash = grown(this.wordHash);
      this.wordTerm = grown(this.wordTerm);
      this.wordStart = grown(this.wordStart);
      this.wordLength = grown(this.wordLength);
      const phraseStart = new Uint8Array(this.phraseStart.length * 2);
      phraseStart.set(this.phraseStart);
      this.phraseStart = phraseStart;
    }
    const length = end - start;
    if (this.wordBytesUsed + length > this.wordBytes.length) {
      const wordBytes = new Uint8Array(2 * (this.wordBytesUsed + length));
      wordBytes.set(this.wordBytes);
      this.wordBytes = wordBytes;
    }
    this.wordBytes.set(bytes.subarray(start, end), this.wordBytesUsed);
    this.wordStart[index] = this.wordBytesUsed;
    this.wordLength[index] = length;
    this.wordBytesUsed += length;
    // Word bytes are ASCII, already lower case.
    const word = decoder.decode(bytes.subarray(start, end));
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

import fc from 'fast-check';
import { IntList } from '../../functions/domain/chronology/int-list';
import { DEFAULT_SIMILARITY } from '../../functions/domain/chronology/merge';
import {
  diceOfTerms,
  explainSimilarity,
  stem,
  TermDictionary,
  termsOf,
  textSimilarity,
} from '../../functions/domain/chronology/similarity';

/**
 * Calibration of the default threshold: pairs of rows two agencies might record on the same or the next
 * day. The same event in two agencies' words must score at or above it; different events below it.
 */
const SAME_EVENT: [string, string, string][] = [
  [
    'A&E attendance, hospital and ambulance service',
    'Attended A&E with mother. Bruising to left cheek and ear; mother said he fell from sofa. Seen by paediatric registrar, skeletal survey requested.',
    'Ambulance called by mother at 19:40, 7 month old with bruising to face, reported fall from sofa. Conveyed to emergency department.',
  ],
  [
    'strategy meeting, police and social care',
    'Strategy meeting held at police station with CSC and health. Agreed single agency section 47 enquiry led by social care.',
    'Strategy discussion with police and health. Section 47 enquiries agreed, social worker to visit today.',
  ],
  [
    'initial child protection conference, social care and school',
    'Initial child protection conference. Child made subject of a child protection plan under the category of neglect.',
    'Attended ICPC. Outcome: child protection plan, category neglect. School to attend core group.',
  ],
  [
    'domestic incident, police and MASH',
    'Domestic incident at home address reported by neighbour; mother had injuries to face. DASH risk assessment high.',
    'MASH notification from police of domestic abuse incident at home; mother injured, DASH high risk.',
  ],
  [
    'ED attendance, hospital and school nurse',
    'Child seen in ED with burn to hand, explanation inconsistent, paediatrician consulted.',
    'Hospital ED attendance notified to school nurse: burn to hand.',
  ],
  [
    'child protection medical, paediatrics and social care',
    'Child protection medical by community paediatrician: bruising to left cheek consistent with non-accidental injury.',
    'CP medical completed at hospital; paediatrician found bruising to cheek, likely non-accidental.',
  ],
  [
    'joint visit, social care and police',
    'Joint home visit by social worker and police to Elm Court; children seen, home conditions poor.',
    'Joint visit with social worker to Elm Court, children seen and spoken to, poor home conditions.',
  ],
  [
    'arrest, police and social care',
    'Father arrested at home address for assault on mother, children present.',
    'Police notified CSC that father was arrested for assault on mother; children present at the time.',
  ],
  [
    'referral, school and social care',
    'Referral received from school: disclosure by child that stepfather hit her with a belt.',
    "DSL made referral to children's social care after pupil disclosed stepfather hit her with a belt.",
  ],
];

const DIFFERENT_EVENTS: [string, string, string][] = [
  [
    'a home visit and a school absence on the same day',
    'Home visit by social worker; child not seen, mother said child unwell and asleep upstairs.',
    'Child absent from school; mother phoned to say child unwell.',
  ],
  [
    'a strategy meeting and a medical',
    'Strategy meeting held; agreed section 47 enquiry.',
    'Child protection medical at hospital, no concerns found by paediatrician.',
  ],
  [
    'a new birth visit and a police call-out',
    'Health visitor new birth visit. Baby feeding well, home conditions adequate.',
    'Police called to home address, neighbour reported shouting; no offences disclosed.',
  ],
  [
    'an A&E attendance and a school nurse drop-in',
    'Attended A&E with mother. Bruising to left cheek; mother said he fell from sofa.',
    'School nurse drop-in: child reported headaches, advised to see GP.',
  ],
  [
    'a core group and a strategy meeting',
    'Core group meeting held at school; plan reviewed, actions for housing.',
    'Strategy meeting with police and health; s47 agreed.',
  ],
  [
    'two missed appointments with different services',
    'Missed GP appointment, letter sent to mother.',
    'Missed health visitor appointment; no access visit, card left.',
  ],
  [
    'a late arrival at school and a late collection from nursery',
    'Child arrived late to school and hungry; given breakfast.',
    'Sibling collected late from nursery by mother, appeared hungry.',
  ],
  [
    'a police welfare check and a housing repairs visit',
    'Welfare check at home address after anonymous call, no concerns.',
    'Repairs visit to home address, damp and mould noted.',
  ],
  [
    'a GP consultation and a health visitor contact about the same worry',
    'Mother attended GP with low mood, prescribed sertraline.',
    "Health visitor contact: mother's mood discussed, EPDS score 15, referred to perinatal mental health.",
  ],
];

describe('description similarity', () => {
  it.each(SAME_EVENT)('scores the same event at or above the default threshold: %s', (_, a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY);
  });

  it.each(DIFFERENT_EVENTS)('scores different events below the default threshold: %s', (_, a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(DEFAULT_SIMILARITY);
  });

  it('separates the two sets with the default between them', () => {
    const lowestSame = Math.min(...SAME_EVENT.map(([, a, b]) => textSimilarity(a, b)));
    const highestDifferent = Math.max(...DIFFERENT_EVENTS.map(([, a, b]) => textSimilarity(a, b)));
    expect(highestDifferent).toBeLessThan(DEFAULT_SIMILARITY);
    expect(lowestSame).toBeGreaterThanOrEqual(DEFAULT_SIMILARITY);
  });

  it('explains a score by the terms both descriptions share', () => {
    const [, a, b] = SAME_EVENT[1] as [string, string, string];
    const explained = explainSimilarity(a, b);
    expect(explained.shared).toEqual(expect.arrayContaining(['strategy', 'meeting', 's47']));
    expect(explained.score).toBeCloseTo(textSimilarity(a, b), 10);
  });

  it('normalises case, punctuation, numbers, stop words and the vocabulary agencies write differently', () => {
    expect(termsOf('Attended A&E; seen by the Paediatrician.')).toEqual(['attend', 'ae', 'paediatric']);
    expect(termsOf('Conveyed to the Emergency Department at 19:40')).toEqual(['convey', 'ae']);
    expect(termsOf('Section 47 enquiries (S47) agreed with Social Care')).toEqual(['s47', 'enquiry', 'agre', 'csc']);
    expect(termsOf('Mother and child seen; family told')).toEqual([]);
    expect(termsOf('')).toEqual([]);
  });

  it('strips common endings only', () => {
    expect(['attended', 'attending', 'attendance', 'attends'].map(stem)).toEqual(Array(4).fill('attend'));
    expect(['injuries', 'injury'].map(stem)).toEqual(['injury', 'injury']);
    expect(['admitted', 'admitting'].map(stem)).toEqual(['admit', 'admit']);
    expect(stem('assessed')).toBe('assess');
    expect(stem('bruises')).toBe(stem('bruised'));
  });

  it('is 0 for empty descriptions and 1 for the same terms', () => {
    expect(textSimilarity('', 'Strategy meeting')).toBe(0);
    expect(textSimilarity('the', 'a')).toBe(0);
    expect(textSimilarity('Strategy meeting held', 'strategy MEETING held.')).toBe(1);
    expect(diceOfTerms(['a', 'b'], ['b', 'c'])).toBe(0.5);
  });

  it('gives the same terms when interning many rows as when reading one (property)', () => {
    const words = fc.constantFrom(
      'Strategy',
      'meeting',
      'A&E',
      'section',
      '47',
      'social',
      'care',
      'the',
      'MOTHER',
      'attended',
      'ED',
      'health',
      'visitor',
      'x',
      '19:40',
    );
    const texts = fc.array(
      fc
        .array(fc.tuple(words, fc.constantFrom(' ', ', ', '. ', '; ', '  ', '-')))
        .map((parts) => parts.flat().join('')),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(texts, (rows) => {
        const dictionary = new TermDictionary();
        const ids = new IntList();
        for (const text of rows) {
          const before = ids.length;
          dictionary.collect(text, ids);
          const interned = Array.from(ids.view().subarray(before), (id) => dictionary.termName(id));
          expect(interned).toEqual(termsOf(text));
        }
      }),
    );
  });
});

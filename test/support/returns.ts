import { today } from './scenario';

/** Example returns of every kind, as an agency lead would complete them. */
export const declaration = () => ({
  name: 'Jo Lead',
  role: 'Named safeguarding lead',
  date: today(),
  factsDistinguishedFromOpinion: true,
  conflictOfInterest: { declared: false },
});

/** A complete row; an override of `undefined` leaves that field out (as the API would store the row). */
export const chronologyRow = (rowId: string, overrides: Record<string, unknown> = {}) => {
  const row = {
    rowId,
    date: { precision: 'day', value: '2024-03-14', approximate: false },
    time: '14:30',
    sourceRecord: 'Case note 2024/0314',
    event: 'Strategy meeting held with police and children’s social care.',
    actionOutcome: 'Section 47 enquiry agreed.',
    practitionerRole: 'Named nurse',
    factOrOpinion: 'fact',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined)) as typeof row;
};

export const chronology = (
  rows = [
    chronologyRow('r1'),
    // A time only goes with a day: a month-only row has none.
    chronologyRow('r2', { date: { precision: 'month', value: '2023-05', approximate: true }, time: undefined }),
  ],
) => ({
  kind: 'chronology',
  rows,
  declaration: declaration(),
});

export const organisationalChronology = () => ({
  kind: 'organisational-chronology',
  rows: [
    {
      rowId: 'o1',
      date: { precision: 'month', value: '2023-09', approximate: false },
      change: 'Health visiting teams merged across two localities.',
      impactOnPractice: 'Caseloads rose by a third for six months.',
    },
  ],
  declaration: declaration(),
});

export const informationReport = () => ({
  kind: 'information-report',
  involvementSummary: 'The trust saw the child at four outpatient appointments between 2023 and 2024.',
  themes: [{ theme: 'Recognition of neglect', analysis: 'Missed appointments were not linked to wider concerns.' }],
  learningForAgency: 'Was Not Brought policy to be applied to paediatric clinics.',
  learningForMultiAgency: 'Share non-attendance with the health visitor.',
  actionsTaken: [{ action: 'Policy reissued to clinics.', status: 'completed', completedOn: '2026-10-01' }],
  declaration: declaration(),
});

export const factualSummary = () => ({
  kind: 'factual-summary',
  summary: 'One contact: the child attended a holiday club run by the library service.',
  contacts: [
    { date: { precision: 'month', value: '2025-08', approximate: false }, description: 'Holiday club, five sessions.' },
  ],
  declaration: declaration(),
});

export const nilReturn = () => ({
  kind: 'nil-return',
  searched: 'Names, dates of birth and the address.',
  declaration: declaration(),
});

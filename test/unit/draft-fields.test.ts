import {
  Chronology,
  FactualSummary,
  InformationReport,
  InformationRequestReplyInvolved,
  InformationRequestReplyNoRecords,
  NilReturn,
  OrganisationalChronology,
} from '../../functions/contract/returns';
import { DRAFT_FIELDS } from '../../functions/domain/returns';

/** The fields a draft of each type may hold are named in the domain; they must be the schemas' own. */
describe('the fields of a draft of each return type', () => {
  const fieldsOf = (...schemas: { shape: object }[]) =>
    [...new Set(schemas.flatMap((schema) => Object.keys(schema.shape)))].sort();
  it.each([
    [
      'information-request-reply',
      fieldsOf(InformationRequestReplyInvolved, InformationRequestReplyNoRecords, NilReturn),
    ],
    ['chronology', fieldsOf(Chronology, NilReturn)],
    ['organisational-chronology', fieldsOf(OrganisationalChronology, NilReturn)],
    ['information-report', fieldsOf(InformationReport, NilReturn)],
    ['factual-summary', fieldsOf(FactualSummary, NilReturn)],
  ] as const)('%s: its schema’s and a nil return’s', (type, fields) => {
    expect([...DRAFT_FIELDS[type]].sort()).toEqual(fields);
  });
});

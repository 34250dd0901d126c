import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../functions/contract/openapi';
import { routes } from '../../functions/contract/routes';
import {
  CreateAgencyBody,
  CreateCaseBody,
  CreateRequestBody,
  SaveDraftBody,
  SubmitReturnBody,
} from '../../functions/contract/schemas';
import { completeReply } from '../support/scenario';

/** The OpenAPI document must describe each body exactly as the handlers validate it. */
const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');
const validatorFor = (name: string) => ajv.compile({ $ref: `doc#/components/schemas/${name}` });

const samples: {
  name: string;
  schema: { safeParse(v: unknown): { success: boolean } };
  valid: unknown[];
  invalid: unknown[];
}[] = [
  {
    name: 'CreateCase',
    schema: CreateCaseBody,
    valid: [
      { route: 'rapid-review', day0: '2026-12-18', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      {
        route: 'cspr',
        day0: '2024-02-29',
        reference: 'LSCPB/2024-01',
        subject: {
          name: 'Ann Other',
          dateOfBirth: '2019-03-03',
          pseudonym: 'Child A',
          address: 'Flat 1\n2 Road',
          familyMembers: [{ name: 'B', relationship: 'Father' }],
        },
      },
    ],
    invalid: [
      { route: 'rapid', day0: '2026-12-18', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2026-02-30', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2026-02-03', subject: { name: 'A', dateOfBirth: '2020-01-01', extra: 1 } },
      { route: 'cspr', day0: '2026-02-03', reference: 'lower-case', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2026-02-03', subject: { name: '\t', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2026-02-03', subject: { name: 'Line\nbreak', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2026-02-03' },
    ],
  },
  {
    name: 'CreateAgency',
    schema: CreateAgencyBody,
    valid: [
      {
        name: 'Police',
        kind: 'police',
        leadName: 'Lead',
        leadEmail: 'lead@force.police.uk',
        deputyEmail: 'dep@force.police.uk',
      },
    ],
    invalid: [
      { name: 'Police', kind: 'army', leadName: 'Lead', leadEmail: 'lead@force.police.uk' },
      { name: 'Police', kind: 'police', leadName: 'Lead', leadEmail: 'not-an-email' },
    ],
  },
  {
    name: 'CreateRequest',
    schema: CreateRequestBody,
    valid: [{ agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'chronology', dueOn: '2027-01-06' }],
    invalid: [
      { agencyId: '01m8e33tzqbycg5ajf4zkjmr4h', returnType: 'chronology' },
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'essay' },
    ],
  },
  {
    name: 'SubmitReturn',
    schema: SubmitReturnBody,
    valid: [
      { content: completeReply() },
      {
        submissionId: '3b241101-e2bb-4255-8caf-4136c566a962',
        content: { involvement: 'no-records', declaration: completeReply().declaration },
      },
      { content: completeReply({ immediateSafetyConcern: { raised: true, details: 'Sibling at risk' } }) },
    ],
    invalid: [
      { content: completeReply({ immediateSafetyConcern: { raised: true } }) },
      { content: completeReply({ services: [] }) },
      {
        content: {
          involvement: 'no-records',
          declaration: { ...completeReply().declaration, factsDistinguishedFromOpinion: false },
        },
      },
      {
        content: {
          involvement: 'no-records',
          declaration: { ...completeReply().declaration, conflictOfInterest: { declared: true } },
        },
      },
      { content: { involvement: 'no-records' } },
    ],
  },
  {
    name: 'SaveDraft',
    schema: SaveDraftBody,
    valid: [
      { content: {} },
      { content: { involvement: 'involved', keyEvents: [{ description: 'half typed' }] }, expectedVersion: 3 },
    ],
    invalid: [{ content: { unknown: 1 } }, { content: {}, expectedVersion: -1 }],
  },
];

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route', () => {
    expect(document.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]).toBeDefined();
    }
  });

  it.each(samples)('agrees with the handlers on $name bodies', ({ name, schema, valid, invalid }) => {
    const validate = validatorFor(name);
    for (const body of valid) {
      expect(schema.safeParse(body).success).toBe(true);
      expect(validate(body)).toBe(true);
    }
    for (const body of invalid) {
      expect(schema.safeParse(body).success).toBe(false);
      expect(validate(body)).toBe(false);
    }
  });

  it('marks staff routes with the bearer scheme and agency routes with the session cookie', () => {
    for (const route of routes) {
      const op = document.paths[route.path]?.[route.method.toLowerCase()] as { security: unknown[] };
      const expected =
        route.auth === 'staff' ? [{ staffBearer: [] }] : route.auth === 'agency' ? [{ agencySession: [] }] : [];
      expect(op.security).toEqual(expected);
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { buildOpenApiDocument } from '../../functions/contract/openapi';
import { MAX_BODY_BYTES } from '../../functions/contract/primitives';
import { CSV, DOCX, routes, XLSX, type RouteSpec } from '../../functions/contract/routes';
import {
  CreateAgencyBody,
  CreateCaseBody,
  CreateRequestBody,
  CreateRequestsBody,
  NewDeadlineBody,
  SaveDraftBody,
  StartUploadBody,
  SubmitReturnBody,
  UpdateAgencyBody,
} from '../../functions/contract/schemas';
import { chronology, chronologyRow, informationReport } from '../support/returns';
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
      // Outside the years whose bank holidays the calendar knows (ADR 0008).
      { route: 'cspr', day0: '1999-12-31', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '0001-01-01', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
      { route: 'cspr', day0: '2060-01-02', subject: { name: 'A', dateOfBirth: '2020-01-01' } },
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
    name: 'UpdateAgency',
    schema: UpdateAgencyBody,
    valid: [{ leadName: 'Lead' }, { deputyEmail: null }],
    invalid: [{}, { id: '01M8E33TZQBYCG5AJF4ZKJMR4H' }],
  },
  {
    name: 'CreateRequest',
    schema: CreateRequestBody,
    valid: [
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'chronology', dueOn: '2027-01-06' },
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'chronology', dueOn: '2059-12-31' },
    ],
    invalid: [
      { agencyId: '01m8e33tzqbycg5ajf4zkjmr4h', returnType: 'chronology' },
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'essay' },
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'chronology', dueOn: '2061-01-03' },
      { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'chronology', dueOn: '9999-12-31' },
    ],
  },
  {
    name: 'CreateRequests',
    schema: CreateRequestsBody,
    valid: [{ agencyIds: ['01M8E33TZQBYCG5AJF4ZKJMR4H'], returnTypes: ['chronology'], send: false }],
    invalid: [
      { agencyIds: ['01M8E33TZQBYCG5AJF4ZKJMR4H'], returnTypes: ['chronology'], send: false, dueOn: '2060-01-02' },
    ],
  },
  {
    name: 'NewDeadline',
    schema: NewDeadlineBody,
    valid: [{ dueOn: '2059-12-31', reason: 'Records held off-site' }],
    invalid: [
      { dueOn: '2061-01-03', reason: 'Records held off-site' },
      { dueOn: '1999-12-31', reason: 'Records held off-site' },
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
      // A planned action's date is when it is expected: the schema holds it to nothing more.
      {
        content: {
          ...informationReport(),
          actionsTaken: [{ action: 'Training', status: 'planned', completedOn: '2099-03-31' }],
        },
      },
      { content: { ...informationReport(), actionsTaken: [{ action: 'Training', status: 'in-progress' }] } },
      // Practitioners and their line managers, with a chronology (§8.10.1).
      {
        content: {
          ...chronology(),
          practitioners: [{ name: 'S', role: 'Social worker', lineManager: { name: 'P', role: 'Team manager' } }],
        },
      },
      {
        content: completeReply({
          periodFrom: { precision: 'month', value: '2024-05', approximate: false },
          keyEvents: [{ date: { precision: 'year', value: '2019', approximate: true }, description: 'First referral' }],
        }),
      },
    ],
    invalid: [
      // Rules across fields, in JSON Schema keywords: at least one event; a time only with a day; a
      // completed action's date.
      { content: chronology([]) },
      {
        content: chronology([
          chronologyRow('r1', { date: { precision: 'month', value: '2023-05', approximate: false } }),
        ]),
      },
      { content: { ...informationReport(), actionsTaken: [{ action: 'Audit', status: 'completed' }] } },
      {
        content: {
          ...informationReport(),
          practitioners: [{ name: 'S', role: 'R', lineManager: { role: 'Manager' } }],
        },
      },
      { content: { ...chronology(), practitioners: [{ name: 'S', role: 'R', email: 's@example.org' }] } },
      { content: completeReply({ periodFrom: { precision: 'month', value: '2024-05-01', approximate: false } }) },
      { content: completeReply({ periodTo: 'May 2024' }) },
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
    name: 'StartUpload',
    schema: StartUploadBody,
    valid: [
      { fileName: 'Minutes.PDF', contentType: 'application/pdf', size: 10 },
      {
        fileName: 'Chronology.xlsx',
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        size: 10,
      },
    ],
    invalid: [
      { fileName: 'a.docx', contentType: 'application/pdf', size: 10 },
      { fileName: 'a.pdf.exe', contentType: 'application/pdf', size: 10 },
      {
        fileName: 'a.pdf',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: 10,
      },
    ],
  },
  {
    name: 'SaveDraft',
    schema: SaveDraftBody,
    valid: [
      { content: {} },
      { content: { involvement: 'involved', keyEvents: [{ description: 'half typed' }] }, expectedVersion: 3 },
      // Dates kept exactly as typed until they can be read.
      {
        content: {
          involvement: 'involved',
          periodFrom: 'Q3 2025',
          keyEvents: [{ date: { precision: 'month', value: '2026-02', approximate: true } }],
          declaration: { date: { day: '31', month: '2', year: '' } },
        },
      },
      { content: { kind: 'chronology', rows: [{ rowId: 'r1', date: 'Q3 2025' }] } },
    ],
    invalid: [
      { content: { unknown: 1 } },
      { content: {}, expectedVersion: -1 },
      { content: { declaration: { date: { day: '1', month: '2', year: '2026', hour: '9' } } } },
      { content: { kind: 'chronology', rows: [{ rowId: 'r1', date: 'x'.repeat(201) }] } },
    ],
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

  it('gives every JSON success but a 204 a response schema of its own', () => {
    const withoutSchema = routes.filter((r) => !r.success.mediaTypes && r.success.status !== 204 && !r.success.schema);
    expect(withoutSchema.map(key)).toEqual([]);
    for (const route of routes.filter((r) => r.success.schema)) {
      const content = responseOf(route).content as Record<string, { schema: { $ref?: string } }>;
      expect({ route: key(route), ref: content['application/json']?.schema.$ref }).toEqual({
        route: key(route),
        ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/),
      });
    }
  });

  it('declares files as files, in the media types their handlers send', () => {
    for (const route of routes) {
      const sendsFile = /fileResponse\(|'Content-Disposition'/.test(handlerSource(route.functionName));
      const extension = /\.(csv|xlsx|docx)$/.exec(route.path)?.[1];
      const expected = extension ? [{ csv: CSV, xlsx: XLSX, docx: DOCX }[extension as 'csv']] : undefined;
      expect({ route: key(route), sendsFile, mediaTypes: route.success.mediaTypes }).toEqual({
        route: key(route),
        sendsFile: expected !== undefined,
        mediaTypes: expected,
      });
      if (!expected) continue;
      expect(route.success.schema).toBeUndefined();
      expect(Object.keys(responseOf(route).content as object)).toEqual(expected);
    }
    const csv = responseOf(routes.find((r) => r.path.endsWith('/chronology.csv'))!);
    expect(csv.content).toEqual({ 'text/csv': { schema: { type: 'string' } } });
  });

  it('offers "too large" and "not JSON" only where a body is read', () => {
    for (const route of routes) {
      const op = document.paths[route.path]?.[route.method.toLowerCase()] as { responses: Record<string, unknown> };
      const refusesBodies = '413' in op.responses && '415' in op.responses;
      expect({ route: `${route.method} ${route.path}`, refusesBodies }).toEqual({
        route: `${route.method} ${route.path}`,
        refusesBodies: route.body !== undefined,
      });
    }
  });

  it('says on every route that reads a body how large it may be, and that a larger one gets 413', () => {
    const limit = `${MAX_BODY_BYTES / 1024 / 1024} MB`;
    for (const route of routes.filter((r) => r.body)) {
      const op = document.paths[route.path]?.[route.method.toLowerCase()] as {
        requestBody: { description?: string };
        responses: Record<string, { description: string }>;
      };
      expect({
        route: key(route),
        body: op.requestBody.description,
        tooLarge: op.responses['413']?.description,
      }).toEqual({
        route: key(route),
        body: expect.stringContaining(`at most ${limit}: a larger body is refused with 413 \`body-too-large\``),
        tooLarge: expect.stringMatching(new RegExp(`larger than ${limit} \\(code \`body-too-large\``)),
      });
    }
  });

  it('declares every query parameter a handler reads, and no other', () => {
    const functions = [...new Set(routes.map((r) => r.functionName))];
    for (const name of functions) {
      const source = handlerSource(name);
      // Handlers read the query as `query.<name>` (ApiRequest.query): not renamed, not indexed, not raw.
      expect({ handler: name, other: /queryStringParameters|query\[|[{,]\s*query\s*:/.test(source) }).toEqual({
        handler: name,
        other: false,
      });
      const read = [...new Set([...source.matchAll(/\bquery\.(\w+)/g)].map((m) => m[1]))].sort();
      const declared = [
        ...new Set(routes.filter((r) => r.functionName === name).flatMap((r) => (r.query ?? []).map((q) => q.name))),
      ].sort();
      expect({ handler: name, query: read }).toEqual({ handler: name, query: declared });
    }
    // The shared request parsing reads no parameter of its own.
    for (const file of ['functions/http/api-handler.ts', 'functions/runtime/portal.ts']) {
      expect(readFileSync(join(ROOT, file), 'utf8')).not.toMatch(/queryStringParameters\??\.\w|query\.\w/);
    }
  });

  it('emits the query parameters, optional, with their schemas', () => {
    const parameters = (path: string) =>
      (document.paths[path]?.get as { parameters: { in: string }[] }).parameters.filter((p) => p.in === 'query');
    expect(parameters('/api/cases')).toEqual([
      expect.objectContaining({
        name: 'status',
        required: false,
        schema: { type: 'string', enum: ['open', 'closed'] },
      }),
    ]);
    expect(parameters('/api/cases/{caseId}/requests/{requestId}/return')).toEqual([
      expect.objectContaining({
        name: 'version',
        required: false,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
    expect(parameters('/api/cases/{caseId}/documents/combined-summary.docx')).toEqual([
      expect.objectContaining({ name: 'anonymised', schema: { type: 'boolean' } }),
    ]);
    expect(parameters('/api/cases/{caseId}/requests/{requestId}/letter.docx')).toEqual([]);
    expect(parameters('/api/cases/{caseId}/requests/{requestId}/return.docx')).toEqual([
      expect.objectContaining({
        name: 'version',
        required: false,
        schema: expect.objectContaining({ type: 'integer' }),
      }),
    ]);
  });

  it('describes the multi-agency chronology in the contract’s shape: {id, date, datePrecision, description, sources}', () => {
    const validate = validatorFor('MultiAgencyChronology');
    const date = { date: '2019-05', datePrecision: 'month', approximate: true };
    const source = {
      entryId: '01M8E33TZQBYCG5AJF4ZKJMR4H:r1',
      agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H',
      agencyName: 'Police',
      ...date,
      description: 'Home visit',
      factOrOpinion: 'fact',
    };
    const entry = {
      id: 'e1',
      ...date,
      sortDate: '2019-05-01',
      description: 'Home visit',
      grouping: 'single',
    };
    const chronology = {
      version: 1,
      generatedAt: '2027-01-06T09:00:00.000Z',
      sources: [],
      entries: [{ ...entry, sources: [source] }],
      gaps: [{ from: '2019-05-31', to: '2019-09-01', days: 93 }],
    };
    expect(validate(chronology)).toBe(true);
    expect(validate({ ...chronology, gaps: undefined })).toBe(false);
    expect(validate({ ...chronology, entries: [{ ...entry, sources: [] }] })).toBe(false);
    expect(validate({ ...chronology, entries: [{ ...entry, datePrecision: undefined, sources: [source] }] })).toBe(
      false,
    );
    expect(
      validate({ ...chronology, entries: [{ ...entry, sources: [{ ...source, date: { value: '2019-05' } }] }] }),
    ).toBe(false);
  });
});

const ROOT = join(__dirname, '..', '..');
const key = (route: RouteSpec) => `${route.method} ${route.path}`;
const handlerSource = (functionName: string) =>
  readFileSync(join(ROOT, 'functions', functionName, 'handler.ts'), 'utf8');
const responseOf = (route: RouteSpec) => {
  const op = document.paths[route.path]?.[route.method.toLowerCase()] as {
    responses: Record<string, { content?: Record<string, unknown> }>;
  };
  return op.responses[String(route.success.status)]!;
};

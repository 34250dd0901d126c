import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as z from 'zod';
import { memoryPortal } from '../../functions/adapters/memory';
import { buildOpenApiDocument } from '../../functions/contract/openapi';
import { routes } from '../../functions/contract/routes';
import { DomainError, type FieldIssue } from '../../functions/domain/errors';
import { createAgency, listAgencies } from '../../functions/domain/services/agencies';
import {
  resolveAgencySession,
  startAgencySession,
  verifyAgencySession,
} from '../../functions/domain/services/agency-access';
import { saveDraft, submitReturn } from '../../functions/domain/services/agency-returns';
import { createCase } from '../../functions/domain/services/cases';
import { recordMeetingDecision } from '../../functions/domain/services/meeting-decisions';
import { extendRequest, sendRequest } from '../../functions/domain/services/request-actions';
import { createRequest } from '../../functions/domain/services/requests';
import type { AgencySession, ReturnType } from '../../functions/domain/model';
import { seedPartnerships } from '../../scripts/local/stack';
import { routeOf, type RouteKey } from '../support/contract';
import { chronology, chronologyRow, informationReport } from '../support/returns';
import { completeReply } from '../support/scenario';

/**
 * A body built from the OpenAPI document alone must be accepted, so every rule the API holds a body to is in
 * the document: as JSON Schema keywords where they can say it, otherwise in words, in the description of the
 * field or object it is about. Two halves: each zod refinement of a request body is stated in its schema's
 * description; and each rule the domain checks beyond the schema (today's date, the request, the case) is
 * shown to be real (a body the document's JSON Schema accepts is refused, naming the field) and stated there.
 */
const document = buildOpenApiDocument();
const schemas = document.components.schemas as Record<string, JsonNode>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');

interface JsonNode {
  $ref?: string;
  description?: string;
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  oneOf?: JsonNode[];
  anyOf?: JsonNode[];
}

const resolve = (node: JsonNode): JsonNode =>
  node.$ref ? resolve(schemas[node.$ref.replace('#/components/schemas/', '')]!) : node;

/** The node of a component at a path like `keyEvents[].date`, through $refs and the variants of unions. */
function nodeAt(component: string, path: string): JsonNode | undefined {
  let nodes = [schemas[component]!];
  for (const step of path.split('.').filter(Boolean)) {
    const [name, ...items] = step.split('[]');
    const next: JsonNode[] = [];
    const visit = (node: JsonNode) => {
      const n = resolve(node);
      [...(n.oneOf ?? []), ...(n.anyOf ?? [])].forEach(visit);
      const found = n.properties?.[name!];
      if (found) next.push(found);
    };
    nodes.forEach(visit);
    nodes = next.map((n) => items.reduce((at) => resolve(at).items!, n));
  }
  return nodes[0];
}

/** What the document says of a field: its own description and, through a $ref, its schema's. */
const saysOf = (node: JsonNode | undefined) => [node?.description, node && resolve(node).description].join(' ');

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  checks?: { _zod: { def: { check: string; error?: (issue: unknown) => unknown } } }[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Every schema a request body is made of, each once. */
function partsOf(schema: z.ZodType, seen = new Set<z.ZodType>()): Set<z.ZodType> {
  if (seen.has(schema)) return seen;
  seen.add(schema);
  const def = defOf(schema);
  const children = [
    ...Object.values(def.shape ?? {}),
    ...(def.options ?? []),
    ...[def.element, def.innerType, def.in].filter((c): c is z.ZodType => c !== undefined),
  ];
  children.forEach((child) => partsOf(child, seen));
  return seen;
}

describe('the OpenAPI document states every rule a body is held to', () => {
  it('says each refinement of a request body in the description of the schema that carries it', () => {
    const refinements: { description: string; message: string }[] = [];
    const bodies = [...new Set(routes.flatMap((r) => (r.body ? [r.body] : [])))];
    for (const schema of new Set(bodies.flatMap((body) => [...partsOf(body)]))) {
      for (const check of defOf(schema).checks ?? []) {
        if (check._zod.def.check !== 'custom') continue;
        const message = String(check._zod.def.error?.({}) ?? '');
        const description = (schema as z.ZodType).description ?? '';
        refinements.push({ description: description.includes(message) ? 'says it' : description, message });
      }
    }
    // The time of a chronology row, the date of a completed action, the extension of an uploaded file.
    expect(refinements.length).toBeGreaterThanOrEqual(3);
    expect(refinements).toEqual(refinements.map(({ message }) => ({ description: 'says it', message })));
    const text = JSON.stringify(document);
    for (const { message } of refinements) expect(text).toContain(message);
  });

  describe('and each rule the domain checks beyond the schema', () => {
    const portal = memoryPortal({ now: '2027-01-06T10:00:00Z' }); // a Wednesday
    const { deps, mailer } = portal;
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };
    const DAY0 = '2027-01-04';
    let caseId: string;
    let session: AgencySession;
    const requests = {} as Record<ReturnType, { id: string; dueOn: string }>;

    beforeAll(async () => {
      await seedPartnerships(portal.store, true);
      const [police] = await listAgencies(deps, staff);
      caseId = (
        await createCase(deps, staff, {
          route: 'rapid-review',
          day0: DAY0,
          subject: { name: 'Rule Child', dateOfBirth: '2020-05-05' },
        })
      ).id;
      for (const returnType of ['chronology', 'information-request-reply', 'information-report'] as const) {
        const request = await createRequest(deps, staff, caseId, {
          agencyId: police!.id,
          returnType,
          analysisColumns: returnType === 'chronology',
        });
        await sendRequest(deps, staff, caseId, request.id);
        requests[returnType] = request;
      }
      const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.find((m) => m.to === police!.leadEmail)!.text)![1]!;
      const challenge = await startAgencySession(deps, token);
      const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
      const verified = await verifyAgencySession(deps, challenge.challengeId, code);
      session = await resolveAgencySession(deps, verified.sessionSecret);
    });

    const analysed = (rowId: string, overrides: Record<string, unknown> = {}) =>
      chronologyRow(rowId, { expectedPractice: 'yes', ...overrides });
    // Declared on the portal's today, so that each body breaks one rule only.
    const declaredOn = (date: string) => ({ ...chronology().declaration, date });
    const declaration = declaredOn('2027-01-06');
    const chron = (rows: unknown[]) => ({ ...chronology(rows as never), declaration });
    const reply = (overrides: Record<string, unknown>) => completeReply({ declaration, ...overrides });
    const report = (overrides: Record<string, unknown>) => ({ ...informationReport(), declaration, ...overrides });
    const submit = (type: ReturnType) => async (body: unknown) =>
      submitReturn(deps, session, requests[type].id, body as never);

    interface Rule {
      rule: string;
      route: RouteKey;
      body: () => unknown;
      send: (body: unknown) => Promise<unknown>;
      /** The field the refusal names. */
      issue: string;
      /** Where the document says it: a component, a path in it, and words it must use. */
      documented: [component: string, path: string, says: RegExp];
    }

    const SUBMIT = 'POST /api/agency/requests/{requestId}/submit' as const;
    const rules: Rule[] = [
      {
        rule: 'a declaration dated in the future',
        route: SUBMIT,
        body: () => ({ content: { ...chron([analysed('r1')]), declaration: declaredOn('2027-01-07') } }),
        send: submit('chronology'),
        issue: 'content.declaration.date',
        documented: ['Chronology', 'declaration.date', /not in the future/],
      },
      {
        rule: 'a declaration dated before the request was sent',
        route: SUBMIT,
        body: () => ({ content: { ...chron([analysed('r1')]), declaration: declaredOn('2027-01-05') } }),
        send: submit('chronology'),
        issue: 'content.declaration.date',
        documented: ['Chronology', 'declaration.date', /not before the day the request was sent/],
      },
      {
        rule: 'a chronology row dated in the future',
        route: SUBMIT,
        body: () => ({
          content: chron([analysed('r1', { date: { precision: 'day', value: '2027-01-07', approximate: false } })]),
        }),
        send: submit('chronology'),
        issue: 'content.rows[0].date',
        documented: ['Chronology', 'rows[].date', /not in the future/i],
      },
      {
        rule: 'two chronology rows with one rowId',
        route: SUBMIT,
        body: () => ({ content: chron([analysed('r1'), analysed('r1')]) }),
        send: submit('chronology'),
        issue: 'content.rows[1].rowId',
        documented: ['Chronology', 'rows', /rowId of its own/],
      },
      {
        rule: 'a row without the analysis the request asks for',
        route: SUBMIT,
        body: () => ({ content: chron([chronologyRow('r1')]) }),
        send: submit('chronology'),
        issue: 'content.rows[0].expectedPractice',
        documented: ['Chronology', 'rows[].expectedPractice', /Required when the request asks for analysis columns/],
      },
      {
        rule: 'a return of another type than the request asks for',
        route: SUBMIT,
        body: () => ({ content: chron([analysed('r1')]) }),
        send: submit('information-request-reply'),
        issue: 'content.kind',
        documented: ['SubmitReturn', 'content', /of the request's type, or a nil return/],
      },
      {
        rule: 'a draft of another type than the request asks for',
        route: 'PUT /api/agency/requests/{requestId}/draft',
        body: () => ({ content: { kind: 'chronology', rows: [] } }),
        send: (body) => saveDraft(deps, session, requests['information-request-reply'].id, body as never),
        issue: 'content.kind',
        documented: ['SaveDraft', '', /a draft that says it is another type.*is refused/],
      },
      {
        rule: 'an involvement that starts in the future',
        route: SUBMIT,
        body: () => ({ content: reply({ periodFrom: '2027-01-07', periodTo: '2027-01-08' }) }),
        send: submit('information-request-reply'),
        issue: 'content.periodFrom',
        documented: ['InformationRequestReply', 'periodFrom', /not in the future/],
      },
      {
        rule: 'an involvement that ends before it starts',
        route: SUBMIT,
        body: () => ({ content: reply({ periodFrom: '2024-01-01', periodTo: '2023-01-01' }) }),
        send: submit('information-request-reply'),
        issue: 'content.periodTo',
        documented: ['InformationRequestReply', 'periodTo', /not before periodFrom/],
      },
      {
        rule: 'a key event in the future',
        route: SUBMIT,
        body: () => ({ content: reply({ keyEvents: [{ date: '2027-01-07', description: 'Later' }] }) }),
        send: submit('information-request-reply'),
        issue: 'content.keyEvents[0].date',
        documented: ['InformationRequestReply', 'keyEvents[].date', /Not in the future/],
      },
      {
        rule: 'a completed action completed in the future',
        route: SUBMIT,
        body: () => ({
          content: report({ actionsTaken: [{ action: 'Audit', status: 'completed', completedOn: '2027-01-07' }] }),
        }),
        send: submit('information-report'),
        issue: 'content.actionsTaken[0].completedOn',
        documented: ['InformationReport', 'actionsTaken[].completedOn', /completed action.*not in the future/],
      },
      {
        rule: 'a meeting in the future',
        route: 'PUT /api/cases/{caseId}/meeting-decision',
        body: () => ({ meetingDate: '2027-01-07', decision: 'cspr', rationale: 'R', learningIdentified: 'L' }),
        send: (body) => recordMeetingDecision(deps, staff, caseId, body as never),
        issue: 'meetingDate',
        documented: ['MeetingDecision', 'meetingDate', /not in the future/],
      },
      {
        rule: "a meeting before the case's day 0",
        route: 'PUT /api/cases/{caseId}/meeting-decision',
        body: () => ({ meetingDate: '2026-12-31', decision: 'cspr', rationale: 'R', learningIdentified: 'L' }),
        send: (body) => recordMeetingDecision(deps, staff, caseId, body as never),
        issue: 'meetingDate',
        documented: ['MeetingDecision', 'meetingDate', /not before the case's day 0/],
      },
      {
        rule: 'an extension to a date not after the current due date',
        route: 'POST /api/cases/{caseId}/requests/{requestId}/extend',
        body: () => ({ dueOn: requests.chronology.dueOn, reason: 'More time' }),
        send: (body) => extendRequest(deps, staff, caseId, requests.chronology.id, body as never),
        issue: 'dueOn',
        documented: ['NewDeadline', 'dueOn', /To extend a request.*after its current due date/],
      },
      {
        rule: 'a due date in the past',
        route: 'POST /api/cases/{caseId}/requests/{requestId}/extend',
        body: () => ({ dueOn: '2027-01-05', reason: 'More time' }),
        send: (body) => extendRequest(deps, staff, caseId, requests.chronology.id, body as never),
        issue: 'dueOn',
        documented: ['NewDeadline', 'dueOn', /A working day, not in the past/],
      },
      {
        rule: 'a due date that is not a working day',
        route: 'POST /api/cases/{caseId}/requests',
        body: () => ({ agencyId: requests.chronology.id, returnType: 'chronology', dueOn: '2027-01-09' }),
        send: async (body) => {
          const [, health] = await listAgencies(deps, staff);
          return createRequest(deps, staff, caseId, { ...(body as object), agencyId: health!.id } as never);
        },
        issue: 'dueOn',
        documented: ['CreateRequest', 'dueOn', /A working day, not in the past/],
      },
      {
        rule: 'a day 0 in the future',
        route: 'POST /api/cases',
        body: () => ({ route: 'cspr', day0: '2027-01-07', subject: { name: 'A', dateOfBirth: '2020-01-01' } }),
        send: (body) => createCase(deps, staff, body as never),
        issue: 'day0',
        documented: ['CreateCase', 'day0', /Not in the future/],
      },
      {
        rule: 'a date of birth in the future',
        route: 'POST /api/cases',
        body: () => ({ route: 'cspr', day0: DAY0, subject: { name: 'A', dateOfBirth: '2027-01-07' } }),
        send: (body) => createCase(deps, staff, body as never),
        issue: 'subject.dateOfBirth',
        documented: ['CreateCase', 'subject.dateOfBirth', /Not in the future/],
      },
      {
        rule: "a lead's address outside the partnership's trusted domains",
        route: 'POST /api/agencies',
        body: () => ({ name: 'Club', kind: 'education', leadName: 'Lead', leadEmail: 'lead@elsewhere.example.com' }),
        send: (body) => createAgency(deps, staff, body as never),
        issue: 'leadEmail',
        documented: ['CreateAgency', 'leadEmail', /trusted e-mail domains/],
      },
    ];

    it.each(rules)('$rule', async ({ route, body, send, issue, documented: [component, path, says] }) => {
      const schema = routeOf(route).body!;
      const sent = body();
      const validate = ajv.compile({ $ref: `doc#/components/schemas/${schemaId(schema)}` });
      // Valid against the document and the handler's schema: only the domain refuses it.
      expect({ valid: validate(sent), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
      const parsed = schema.safeParse(sent);
      expect(parsed.success).toBe(true);
      const issues = await refusal(() => send(parsed.data));
      expect(issues.map((i) => i.path)).toContain(issue);
      expect(saysOf(nodeAt(component, path))).toMatch(says);
    });

    it('holds only a completed action to a date that has passed: a planned one gives when it is expected', async () => {
      const planned = { action: 'Training for every clinic', status: 'planned', completedOn: '2027-03-31' };
      const receipt = await submitReturn(deps, session, requests['information-report'].id, {
        content: report({ actionsTaken: [planned] }) as never,
      });
      expect(receipt.status).toBe('submitted');
    });
  });
});

const schemaId = (schema: z.ZodType) => z.globalRegistry.get(schema)?.id ?? 'unknown';

async function refusal(call: () => Promise<unknown>): Promise<FieldIssue[]> {
  try {
    await call();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid') return error.issues ?? [];
    throw error;
  }
  throw new Error('accepted');
}

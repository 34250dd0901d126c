import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as z from 'zod';
import { memoryPortal } from '../../functions/adapters/memory';
import { buildOpenApiDocument } from '../../functions/contract/openapi';
import { chronologyColumns } from '../../functions/domain/chronology-import';
import { listAgencies, updateAgency } from '../../functions/domain/services/agencies';
import {
  extendAgencySession,
  describeLink,
  resolveAgencySession,
  startAgencySession,
  verifyAgencySession,
} from '../../functions/domain/services/agency-access';
import {
  getAgencyRequest,
  listAgencyRequests,
  saveDraft,
  submitReturn,
} from '../../functions/domain/services/agency-returns';
import {
  completeUpload,
  downloadForAgency,
  downloadForStaff,
  listAgencyAttachments,
  listCaseAttachments,
  startUpload,
} from '../../functions/domain/services/attachments';
import { caseAuditTrail, closeCase } from '../../functions/domain/services/case-lifecycle';
import { casePack } from '../../functions/domain/services/case-pack';
import { createCase, getCase, listCases } from '../../functions/domain/services/cases';
import { decideGrouping, getMergedChronology } from '../../functions/domain/services/chronology';
import { whoAmI } from '../../functions/domain/services/context';
import { importChronologyFile } from '../../functions/domain/services/imports';
import { getMeetingDecision, recordMeetingDecision } from '../../functions/domain/services/meeting-decisions';
import {
  acceptReturn,
  createRequestsBatch,
  resendLink,
  revokeAgencyLinks,
  sendRequest,
  withdrawRequest,
} from '../../functions/domain/services/request-actions';
import { createRequest, getReturn, listRequests, listReturnVersions } from '../../functions/domain/services/requests';
import { acknowledgeSafetyConcern } from '../../functions/domain/services/safety-concerns';
import { setPlannedMeeting } from '../../functions/domain/services/planned-meeting';
import { readCsv, readXlsx, writeCsv } from '../../functions/formats/spreadsheet';
import { agencyView, caseView, chronologyView, requestView } from '../../functions/http/views';
import { routes } from '../../functions/contract/routes';
import { seedPartnerships } from '../../scripts/local/stack';
import { handWrittenPdf, MINIMAL_PDF_OBJECTS } from '../fixtures/files/generate';
import { contractProblems, routeOf, type RouteKey } from '../support/contract';
import { chronology, chronologyRow } from '../support/returns';
import { completeReply, today } from '../support/scenario';

/**
 * The response schemas against what the domain really answers: one case walked through the in-memory portal,
 * each answer built as its handler builds it, held to the zod schema (test/support/contract.ts) and to the
 * JSON Schema the OpenAPI document publishes for it. The integration tests do the same over HTTP.
 */
const document = buildOpenApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema({ $id: 'doc', components: document.components }, 'doc');

const checked = new Set<RouteKey>();

function expectConforms(key: RouteKey, body: unknown) {
  // JSON, as the handler sends it: undefined fields vanish, as they do on the wire.
  const sent: unknown = JSON.parse(JSON.stringify(body));
  expect({ route: key, problems: contractProblems(key, sent) }).toEqual({ route: key, problems: [] });
  const schema = routeOf(key).success.schema as z.ZodType;
  const validate = ajv.compile({ $ref: `doc#/components/schemas/${z.globalRegistry.get(schema)?.id}` });
  expect({ route: key, valid: validate(sent), errors: validate.errors ?? null }).toEqual({
    route: key,
    valid: true,
    errors: null,
  });
  checked.add(key);
}

/** What the request actions' handlers answer: the request, with the e-mail it sent if any. */
const actionBody = (outcome: Awaited<ReturnType<typeof acceptReturn>>) => ({
  ...requestView(outcome.request),
  ...(outcome.email ? { email: outcome.email } : {}),
});

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the response schemas', () => {
  it('describe what the domain answers, route by route', async () => {
    const portal = memoryPortal();
    const { deps, mailer, bucket } = portal;
    await seedPartnerships(portal.store, true);
    const staff = { userId: 'officer', username: 'officer.test', partnershipId: 'leicester' };

    expectConforms('GET /api/openapi.json', document);
    expectConforms('GET /api/me', await whoAmI(deps, staff));
    const agencies = await listAgencies(deps, staff);
    expectConforms('GET /api/agencies', { agencies: agencies.map(agencyView) });
    const [police, health] = agencies;

    const record = await createCase(deps, staff, {
      route: 'rapid-review',
      day0: today(),
      subject: { name: 'Contract Child', dateOfBirth: '2020-05-05', familyMembers: [{ name: 'A', relationship: 'B' }] },
    });
    expectConforms('POST /api/cases', caseView(record));
    expectConforms('GET /api/cases/{caseId}', caseView(await getCase(deps, staff, record.id)));
    expectConforms(
      'PUT /api/agencies/{agencyId}',
      agencyView(await updateAgency(deps, staff, agencies[2]!.id, { leadName: 'Named lead' })),
    );
    expectConforms('GET /api/cases', { cases: (await listCases(deps, staff, 'open')).map(caseView) });
    expectConforms(
      'PUT /api/cases/{caseId}/meeting-date',
      caseView(
        await setPlannedMeeting(deps, staff, record.id, {
          date: deps.calendar.addWorkingDays(today(), 10),
          reason: 'Chair available',
        }),
      ),
    );
    expectConforms('GET /api/cases/{caseId}', caseView(await getCase(deps, staff, record.id)));

    const request = await createRequest(deps, staff, record.id, { agencyId: police!.id, returnType: 'chronology' });
    expectConforms('POST /api/cases/{caseId}/requests', requestView(request));
    const sent = await sendRequest(deps, staff, record.id, request.id);
    expectConforms('POST /api/cases/{caseId}/requests/{requestId}/send', {
      ...requestView(sent.request),
      email: sent.email,
    });
    const batch = await createRequestsBatch(deps, staff, record.id, {
      agencyIds: [health!.id],
      returnTypes: ['information-request-reply', 'chronology'],
      send: true,
    });
    expectConforms('POST /api/cases/{caseId}/requests/batch', { requests: batch.map(actionBody) });
    expectConforms(
      'POST /api/cases/{caseId}/requests/{requestId}/resend',
      actionBody(await resendLink(deps, staff, record.id, batch[0]!.request.id)),
    );
    expectConforms(
      'POST /api/cases/{caseId}/requests/{requestId}/withdraw',
      actionBody(await withdrawRequest(deps, staff, record.id, batch[1]!.request.id, 'Asked twice')),
    );

    const token = /#token=([A-Za-z0-9_-]{43})/.exec(mailer.sent.find((m) => m.to === police!.leadEmail)!.text)![1]!;
    expectConforms('POST /api/agency/links/lookup', await describeLink(deps, token));
    const challenge = await startAgencySession(deps, token);
    expectConforms('POST /api/agency/sessions', challenge);
    const code = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
    const verified = await verifyAgencySession(deps, challenge.challengeId, code);
    expectConforms('POST /api/agency/sessions/verify', { signedIn: true, expiresInSeconds: verified.maxAgeSeconds });
    const session = await resolveAgencySession(deps, verified.sessionSecret);
    expectConforms('POST /api/agency/sessions/current/extend', await extendAgencySession(deps, session));

    expectConforms('GET /api/agency/requests', await listAgencyRequests(deps, session));
    expectConforms('GET /api/agency/requests/{requestId}', await getAgencyRequest(deps, session, request.id));
    expectConforms(
      'PUT /api/agency/requests/{requestId}/draft',
      await saveDraft(deps, session, request.id, { content: { kind: 'chronology', rows: [chronologyRow('typed')] } }),
    );
    expectConforms('GET /api/agency/requests/{requestId}', await getAgencyRequest(deps, session, request.id));

    // A file with a row already in the draft, a new row and a rejected one.
    const columns = chronologyColumns(false);
    const cells = (row: Record<string, string>) => columns.map((c) => row[c.header] ?? '');
    const typed = chronologyRow('typed');
    const header = columns.map((c) => c.header);
    const good = [
      cells({
        Date: '14/03/2024',
        Time: typed.time,
        'Source record': typed.sourceRecord,
        'What happened': typed.event,
        'Action taken or outcome': typed.actionOutcome,
        'Practitioner role': typed.practitionerRole,
        'Fact or opinion': 'Fact',
      }),
      cells({
        Date: 'May 2023',
        'Source record': 'Case note 2023/05',
        'What happened': 'Home visit.',
        'Action taken or outcome': 'No further action.',
        'Practitioner role': 'Health visitor',
        'Fact or opinion': 'Opinion',
      }),
    ];
    const reader = { csv: readCsv, xlsx: readXlsx };
    const input = { format: 'csv' as const, mode: 'preview' as const };
    const preview = await importChronologyFile(deps, reader, session, request.id, {
      ...input,
      data: base64(writeCsv([header, ...good, cells({ Date: 'not a date', 'What happened': 'Half a row' })])),
    });
    expect(preview.alreadyInDraft).toEqual([2]);
    expect(preview.rejected).toContainEqual(expect.objectContaining({ line: 4, column: 'Date' }));
    expectConforms('POST /api/agency/requests/{requestId}/import', preview);
    const appended = await importChronologyFile(deps, reader, session, request.id, {
      ...input,
      data: base64(writeCsv([header, ...good])),
      mode: 'append',
    });
    expect(appended).toMatchObject({ imported: 1, version: 2 });
    expectConforms('POST /api/agency/requests/{requestId}/import', appended);

    const pdf = handWrittenPdf(MINIMAL_PDF_OBJECTS);
    const started = await startUpload(deps, session, request.id, {
      fileName: 'Case notes.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    expectConforms('POST /api/agency/requests/{requestId}/attachments', started);
    bucket.putObject(`quarantine/${record.partnershipId}/${record.id}/${request.id}/${started.attachment.id}`, pdf);
    const completed = await completeUpload(deps, session, request.id, started.attachment.id);
    expect(completed.status).toBe('available');
    expectConforms('POST /api/agency/requests/{requestId}/attachments/{attachmentId}/complete', completed);
    expectConforms('GET /api/agency/requests/{requestId}/attachments', {
      attachments: await listAgencyAttachments(deps, session, request.id),
    });
    expectConforms(
      'GET /api/agency/requests/{requestId}/attachments/{attachmentId}/download',
      await downloadForAgency(deps, session, request.id, started.attachment.id),
    );

    const content = chronology([
      chronologyRow('r1'),
      chronologyRow('r2', { date: { precision: 'month', value: '2023-05', approximate: true }, time: undefined }),
    ]) as never;
    expectConforms(
      'POST /api/agency/requests/{requestId}/submit',
      await submitReturn(deps, session, request.id, { content }),
    );
    expectConforms('GET /api/agency/requests/{requestId}', await getAgencyRequest(deps, session, request.id));

    expectConforms('GET /api/cases/{caseId}/requests', {
      requests: (await listRequests(deps, staff, record.id)).map(requestView),
    });
    expectConforms(
      'GET /api/cases/{caseId}/requests/{requestId}/return',
      await getReturn(deps, staff, record.id, request.id),
    );
    expectConforms('GET /api/cases/{caseId}/requests/{requestId}/returns', {
      versions: await listReturnVersions(deps, staff, record.id, request.id),
    });
    expectConforms('GET /api/cases/{caseId}/requests/{requestId}/attachments', {
      attachments: await listCaseAttachments(deps, staff, record.id, request.id),
    });
    expectConforms(
      'GET /api/cases/{caseId}/requests/{requestId}/attachments/{attachmentId}/download',
      await downloadForStaff(deps, staff, record.id, request.id, started.attachment.id),
    );

    const merged = await getMergedChronology(deps, staff, record.id);
    expect(merged.entries.length).toBe(2);
    expectConforms('GET /api/cases/{caseId}/chronology', chronologyView(merged));
    const entryIds = merged.entries.flatMap((e) => e.sources.map((s) => s.entryId));
    expectConforms(
      'POST /api/cases/{caseId}/chronology/decisions',
      chronologyView(await decideGrouping(deps, staff, record.id, { kind: 'confirm', entryIds })),
    );

    // The health agency's reply raises an immediate safety concern, which the office acknowledges.
    const reply = batch[0]!.request.id;
    const healthToken = /#token=([A-Za-z0-9_-]{43})/.exec(
      mailer.sent.filter((m) => m.to === health!.leadEmail && m.text.includes('#token=')).at(-1)!.text,
    )![1]!;
    const healthChallenge = await startAgencySession(deps, healthToken);
    const healthCode = /\bis (\d{6})\./.exec(mailer.sent.at(-1)!.text)![1]!;
    const healthSession = await resolveAgencySession(
      deps,
      (await verifyAgencySession(deps, healthChallenge.challengeId, healthCode)).sessionSecret,
    );
    const concern = completeReply({
      immediateSafetyConcern: { raised: true, details: 'Sibling at risk' },
      declaration: { ...completeReply().declaration, date: today() },
    });
    await submitReturn(deps, healthSession, reply, { content: concern as never });
    expectConforms(
      'POST /api/cases/{caseId}/requests/{requestId}/safety-concern/acknowledge',
      requestView(await acknowledgeSafetyConcern(deps, staff, record.id, reply, { action: 'Welfare check made' })),
    );
    expectConforms('GET /api/cases/{caseId}/requests', {
      requests: (await listRequests(deps, staff, record.id)).map(requestView),
    });
    expectConforms('GET /api/cases', { cases: (await listCases(deps, staff, 'open')).map(caseView) });

    const accepted = await acceptReturn(deps, staff, record.id, request.id);
    expectConforms('POST /api/cases/{caseId}/requests/{requestId}/accept', actionBody(accepted));
    expectConforms('GET /api/cases/{caseId}/meeting-decision', await getMeetingDecision(deps, staff, record.id));
    expectConforms(
      'PUT /api/cases/{caseId}/meeting-decision',
      await recordMeetingDecision(deps, staff, record.id, {
        meetingDate: today(),
        decision: 'cspr',
        rationale: 'The criteria are met.',
        learningIdentified: 'Information sharing.',
      }),
    );
    expectConforms(
      'POST /api/cases/{caseId}/agencies/{agencyId}/revoke-links',
      await revokeAgencyLinks(deps, staff, record.id, police!.id, 'Lead left'),
    );
    expectConforms('POST /api/cases/{caseId}/pack', await casePack(deps, staff, record.id));
    expectConforms('GET /api/cases/{caseId}/audit', {
      events: (await caseAuditTrail(deps, staff, record.id)).map(
        ({ partnershipId: _p, caseId: _c, ...event }) => event,
      ),
    });
    expectConforms('POST /api/cases/{caseId}/close', caseView(await closeCase(deps, staff, record.id, 'Review done')));

    // Each JSON route is checked here, but for these: alike in their answers to ones that are.
    const unchecked = routes
      .filter((r) => r.success.schema && !checked.has(`${r.method} ${r.path}` as RouteKey))
      .map((r) => r.functionName);
    expect(unchecked.sort()).toEqual([
      'create-agency',
      'extend-request',
      'mark-not-involved',
      'request-more-information',
      'set-legal-hold',
    ]);
  });

  it('find a missing field, a wrong type and an undeclared field', () => {
    const version = { version: 1, savedAt: '2027-01-06T09:00:00.000Z' };
    const key = 'PUT /api/agency/requests/{requestId}/draft';
    expect(contractProblems(key, version)).toEqual([]);
    expect(contractProblems(key, { savedAt: version.savedAt })).toEqual([expect.stringMatching(/^\.version: /)]);
    expect(contractProblems(key, { ...version, version: '1' })).toEqual([expect.stringMatching(/^\.version: /)]);
    expect(contractProblems(key, { ...version, extra: true })).toEqual([
      '.extra: sent, but not in the response schema',
    ]);
    expect(
      contractProblems('GET /api/cases/{caseId}/requests', { requests: [{ id: 'x', agencyName: 'A' }] }).length,
    ).toBeGreaterThan(3);
  });
});

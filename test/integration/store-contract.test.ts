import { createHash, randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { MemoryBucket, MemoryMailer, createMemoryStore } from '../../functions/adapters/memory';
import { englandAndWalesCalendar } from '../../functions/domain/bank-holidays';
import { newId } from '../../functions/domain/ids';
import type {
  Agency,
  Attachment,
  AuditEvent,
  Case,
  CodeChallenge,
  LinkGrant,
  ReturnRequest,
  SubmittedReturn,
} from '../../functions/domain/model';
import type { OutboxEmail, PortalDeps, Store } from '../../functions/domain/ports';
import { submitReturn } from '../../functions/domain/services/agency-returns';
import { ensureTable } from '../../scripts/local/emulators';
import { loadPartnerships, seedPartnerships } from '../../scripts/local/stack';
import { completeReply } from '../support/scenario';

/**
 * One contract, two stores: every behaviour ports.ts promises, run against the DynamoDB adapters (on the
 * test run's DynamoDB Local, in a table of its own) and against the in-memory adapters, so the two cannot
 * drift apart. What a failed condition answers (false, undefined, or an error) is part of the contract.
 */
jest.setTimeout(60_000);

type SeedableStore = Store & {
  partnerships: { put: (p: ReturnType<typeof loadPartnerships>[number]) => Promise<void> };
};

const client = new DynamoDBClient({});
const stores: [string, () => Promise<SeedableStore>][] = [
  ['memory', async () => createMemoryStore()],
  [
    'dynamodb',
    async () => {
      const tableName = `contract-${randomUUID().slice(0, 8)}`;
      await ensureTable(client, tableName);
      return createDynamoStore(tableName, client);
    },
  ],
];

const P = 'leicester';
const NOW = '2027-01-06T09:00:00.000Z';

const audit = (caseId: string, action = 'test.event', at = NOW): AuditEvent => ({
  id: newId(),
  partnershipId: P,
  caseId,
  at,
  actor: { type: 'system', name: 'contract-test' },
  action,
});

const agencyOf = (overrides: Partial<Agency> = {}): Agency => ({
  id: newId(),
  partnershipId: P,
  name: 'Contract Police',
  kind: 'police',
  leadName: 'Lead',
  leadEmail: 'lead@force.police.uk',
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

const caseOf = (overrides: Partial<Case> = {}): Case => ({
  id: newId(),
  partnershipId: P,
  reference: `CT-${randomUUID().slice(0, 8)}`,
  route: 'rapid-review',
  day0: '2026-12-18',
  subject: { name: 'Contract Child', dateOfBirth: '2020-01-01' },
  status: 'open',
  createdAt: NOW,
  createdBy: 'officer',
  nextAlertIndex: 0,
  nextAlertOn: null,
  ...overrides,
});

const requestOf = (caseId: string, overrides: Partial<ReturnRequest> = {}): ReturnRequest => ({
  id: newId(),
  partnershipId: P,
  caseId,
  agencyId: 'agency-1',
  returnType: 'information-request-reply',
  status: 'sent',
  dueOn: '2027-01-06',
  createdAt: NOW,
  createdBy: 'officer',
  route: 'rapid-review',
  caseReference: 'CT-1',
  revision: 0,
  ...overrides,
});

const submittedOf = (request: ReturnRequest, version = 1): SubmittedReturn => ({
  partnershipId: P,
  caseId: request.caseId,
  requestId: request.id,
  agencyId: request.agencyId,
  returnType: request.returnType,
  version,
  submissionId: `sub-${version}`,
  submittedAt: NOW,
  documentKey: `returns/${request.id}/v${version}.json`,
  sha256: 'a'.repeat(64),
  contentSha256: 'b'.repeat(64),
  declarationName: 'Jo Lead',
  declarationRole: 'Lead',
  immediateSafetyConcern: false,
  nilReturn: false,
});

const outboxOf = (caseId: string, overrides: Partial<OutboxEmail> = {}): OutboxEmail => ({
  id: newId(),
  template: 'request-link',
  partnershipId: P,
  caseId,
  requestId: 'r',
  agencyId: 'a',
  status: 'pending',
  attempts: 0,
  createdAt: NOW,
  nextAttemptAt: NOW,
  ...overrides,
});

const linkOf = (overrides: Partial<LinkGrant> = {}): LinkGrant => ({
  tokenHash: randomUUID().replaceAll('-', ''),
  partnershipId: P,
  caseId: newId(),
  agencyId: 'agency-1',
  issuedAt: NOW,
  expiresAt: '2027-02-01T00:00:00.000Z',
  ...overrides,
});

const challengeOf = (overrides: Partial<CodeChallenge> = {}): CodeChallenge => ({
  id: newId(),
  tokenHash: 'token-hash',
  partnershipId: P,
  caseId: 'case',
  agencyId: 'agency-1',
  codeHash: 'hash',
  salt: 'salt',
  createdAt: NOW,
  expiresAt: '2027-01-06T09:10:00.000Z',
  attempts: 0,
  ...overrides,
});

const attachmentOf = (request: ReturnRequest, overrides: Partial<Attachment> = {}): Attachment => ({
  id: newId(),
  partnershipId: P,
  caseId: request.caseId,
  requestId: request.id,
  agencyId: request.agencyId,
  fileName: 'notes.pdf',
  contentType: 'application/pdf',
  type: 'pdf',
  size: 1000,
  status: 'awaiting-upload',
  createdAt: NOW,
  ...overrides,
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(stores)('the %s store', (_name, create) => {
  let store: SeedableStore;

  beforeAll(async () => {
    store = await create();
    await seedPartnerships(store, false);
  });

  /** A case with one request, stored. */
  async function requestInCase(overrides: Partial<ReturnRequest> = {}) {
    const record = caseOf();
    await store.cases.create(record, audit(record.id, 'case.opened'));
    const request = requestOf(record.id, overrides);
    await store.requests.create(request, audit(record.id, 'request.created'));
    return { record, request };
  }

  describe('partnerships and agencies', () => {
    it('reads the partnership profiles it was given, and nothing else', async () => {
      expect((await store.partnerships.get(P))?.name).toBe(loadPartnerships().find((p) => p.id === P)?.name);
      expect(await store.partnerships.get('nowhere')).toBeUndefined();
    });

    it('creates an agency once, with its contacts, and replaces it only if it is unchanged', async () => {
      const agency = agencyOf({ deputyEmail: 'deputy@force.police.uk' });
      await store.agencies.create(agency, audit('-'));
      await expect(store.agencies.create(agency, audit('-'))).rejects.toThrow();
      expect(await store.agencies.get(P, agency.id)).toEqual(agency);
      expect((await store.agencies.list(P)).map((a) => a.id)).toContain(agency.id);
      expect((await store.agencies.contacts(P)).get(agency.id)).toEqual({
        name: agency.name,
        leadEmail: agency.leadEmail,
        deputyEmail: agency.deputyEmail,
      });

      const renamed = { ...agency, name: 'Renamed Police', updatedAt: '2027-01-07T00:00:00.000Z' };
      expect(await store.agencies.replace(renamed, NOW, audit('-'))).toBe(true);
      expect(await store.agencies.replace({ ...renamed, name: 'Stale' }, NOW, audit('-'))).toBe(false);
      expect((await store.agencies.get(P, agency.id))?.name).toBe('Renamed Police');
      expect((await store.agencies.contacts(P)).get(agency.id)?.name).toBe('Renamed Police');
    });
  });

  describe('cases', () => {
    it('numbers references atomically', async () => {
      const year = randomInt(3000, 9999);
      const numbers = await Promise.all(Array.from({ length: 5 }, () => store.cases.nextReferenceNumber(P, year)));
      expect(numbers.sort()).toEqual([1, 2, 3, 4, 5]);
    });

    it('creates a case with its reference and audit event, all or nothing', async () => {
      const first = caseOf();
      const event = audit(first.id, 'case.opened');
      expect(await store.cases.create(first, event)).toBe('created');
      expect(await store.cases.get(P, first.id)).toEqual(first);
      expect((await store.audit.list(P, first.id)).map((e) => e.id)).toEqual([event.id]);

      const clash = caseOf({ reference: first.reference });
      expect(await store.cases.create(clash, audit(clash.id))).toBe('reference-taken');
      expect(await store.cases.get(P, clash.id)).toBeUndefined();
      expect(await store.audit.list(P, clash.id)).toEqual([]);
      // The same case again: both conditions fail, and the reference is what the adapter reports.
      expect(await store.cases.create(first, audit(first.id))).toBe('reference-taken');
      await expect(
        store.cases.create({ ...first, reference: `${first.reference}-2` }, audit(first.id)),
      ).rejects.toThrow();
    });

    it('lists open cases newest first, closes a case once and queues it for retention', async () => {
      const older = caseOf({ createdAt: '2027-01-01T00:00:00.000Z' });
      const newer = caseOf({ createdAt: '2027-01-02T00:00:00.000Z' });
      await store.cases.create(older, audit(older.id));
      await store.cases.create(newer, audit(newer.id));
      const open = (await store.cases.list(P, 'open')).map((c) => c.id);
      expect(open.indexOf(newer.id)).toBeLessThan(open.indexOf(older.id));

      const retainUntil = '2033-01-06';
      expect(await store.cases.close(older, NOW, 'done', retainUntil, audit(older.id))).toBe(true);
      expect(await store.cases.close(older, NOW, 'again', retainUntil, audit(older.id))).toBe(false);
      const closed = await store.cases.get(P, older.id);
      expect(closed).toMatchObject({ status: 'closed', closedReason: 'done', retainUntil, nextAlertOn: null });
      expect((await store.cases.list(P, 'open')).map((c) => c.id)).not.toContain(older.id);
      expect((await store.cases.list(P, 'closed')).map((c) => c.id)).toContain(older.id);
      expect((await collect(store.cases.dueForDeletion('2033-01-05'))).map((c) => c.id)).not.toContain(older.id);
      expect((await collect(store.cases.dueForDeletion(retainUntil))).map((c) => c.id)).toContain(older.id);
      expect(await store.cases.close(caseOf(), NOW, 'missing', retainUntil, audit('-'))).toBe(false);
    });

    it('sets the planned meeting of an open case only, with its audit event', async () => {
      const { record } = await requestInCase();
      const planned = { date: '2027-01-08', setAt: NOW, setBy: 'officer' };
      expect(await store.cases.setPlannedMeeting(record, planned, audit(record.id, 'case.meeting-planned'))).toBe(true);
      expect((await store.cases.get(P, record.id))?.plannedMeeting).toEqual(planned);
      expect((await store.audit.list(P, record.id)).map((e) => e.action)).toContain('case.meeting-planned');
      expect(await store.cases.close(record, NOW, 'done', '2033-01-06', audit(record.id))).toBe(true);
      const later = { ...planned, date: '2027-01-11' };
      expect(await store.cases.setPlannedMeeting(record, later, audit(record.id))).toBe(false);
      expect((await store.cases.get(P, record.id))?.plannedMeeting).toEqual(planned);
      expect(await store.cases.setPlannedMeeting(caseOf(), planned, audit('-'))).toBe(false);
    });

    it('holds, releases and purges a case, keeping its reference and audit trail', async () => {
      const { record, request } = await requestInCase();
      const hold = { reason: 'inquiry', since: NOW, by: 'officer' };
      expect(await store.cases.setLegalHold(record, hold, audit(record.id))).toBe(true);
      expect((await store.cases.get(P, record.id))?.legalHold).toEqual(hold);
      // Placed once: a second placing changes nothing, not even when.
      expect(await store.cases.setLegalHold(record, { ...hold, since: 'later' }, audit(record.id))).toBe(false);
      expect((await store.cases.get(P, record.id))?.legalHold).toEqual(hold);
      expect(await store.cases.setLegalHold(record, null, audit(record.id))).toBe(true);
      expect((await store.cases.get(P, record.id))?.legalHold).toBeUndefined();
      expect(await store.cases.setLegalHold(record, null, audit(record.id))).toBe(false);
      expect(await store.cases.setLegalHold(caseOf(), hold, audit('-'))).toBe(false);

      // The request and its claim on the agency × return type.
      expect(await store.cases.purge(record, NOW, audit(record.id, 'case.purged'))).toEqual({ items: 2 });
      const purged = await store.cases.get(P, record.id);
      expect(purged).toMatchObject({ reference: record.reference, purgedAt: NOW });
      expect(purged?.subject).toBeUndefined();
      expect(await store.requests.get(P, record.id, request.id)).toBeUndefined();
      expect((await store.audit.list(P, record.id)).map((e) => e.action)).toContain('case.purged');
      expect(await store.cases.setLegalHold(record, hold, audit(record.id))).toBe(false);

      const held = caseOf();
      await store.cases.create(held, audit(held.id));
      await store.cases.setLegalHold(held, hold, audit(held.id));
      await expect(store.cases.purge(held, NOW, audit(held.id, 'case.purged'))).rejects.toThrow();
      expect((await store.cases.get(P, held.id))?.subject).toEqual(held.subject);
    });
  });

  describe('requests', () => {
    it('creates a request once and lists it with its case', async () => {
      const { record, request } = await requestInCase();
      await expect(store.requests.create(request, audit(record.id))).rejects.toThrow();
      expect(await store.requests.get(P, record.id, request.id)).toEqual(request);
      expect(await store.requests.listForCase(P, record.id)).toEqual([request]);
    });

    it('applies changes under the revision: null removes, identity never changes', async () => {
      const { record, request } = await requestInCase({ lastReason: 'a reason' });
      const applied = await store.requests.update(
        request,
        { status: 'in-progress', lastReason: null as never, agencyId: 'someone-else', draftVersion: 1 },
        { audit: audit(record.id, 'draft.saved') },
      );
      expect(applied).toBe(true);
      const stored = await store.requests.get(P, record.id, request.id);
      expect(stored).toMatchObject({ status: 'in-progress', draftVersion: 1, agencyId: request.agencyId, revision: 1 });
      expect(stored).not.toHaveProperty('lastReason');
      expect((await store.audit.list(P, record.id)).map((e) => e.action)).toContain('draft.saved');
    });

    it('refuses a stale revision and writes none of the transaction', async () => {
      const { record, request } = await requestInCase();
      await store.requests.update(request, { status: 'opened' }, {});
      const staleAudit = audit(record.id, 'return.submitted');
      const email = outboxOf(record.id);
      const applied = await store.requests.update(
        request,
        { status: 'submitted' },
        { submitted: submittedOf(request), audit: staleAudit, outbox: email, chronologyChangedAt: NOW },
      );
      expect(applied).toBe(false);
      expect((await store.requests.get(P, record.id, request.id))?.status).toBe('opened');
      expect(await store.requests.getSubmitted(P, record.id, request.id, 1)).toBeUndefined();
      expect((await store.audit.list(P, record.id)).map((e) => e.id)).not.toContain(staleAudit.id);
      expect(await store.outbox.get(email.id)).toBeUndefined();
      expect((await collect(store.chronologies.changed())).map((c) => c.caseId)).not.toContain(record.id);
    });

    it('lets exactly one of many concurrent updates of one revision through', async () => {
      const { record, request } = await requestInCase();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.requests.update(
            request,
            { status: 'submitted', submissionId: `s${i}` },
            { submitted: { ...submittedOf(request), submissionId: `s${i}` } },
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const [version] = await store.requests.listSubmitted(P, record.id, request.id);
      expect((await store.requests.get(P, record.id, request.id))?.submissionId).toBe(version?.submissionId);
    });

    it('keeps each submitted version once, in order', async () => {
      const { record, request } = await requestInCase();
      expect(await store.requests.update(request, {}, { submitted: submittedOf(request, 1) })).toBe(true);
      const next = { ...request, revision: 1 };
      expect(await store.requests.update(next, {}, { submitted: submittedOf(request, 1) })).toBe(false);
      expect(await store.requests.update(next, {}, { submitted: submittedOf(request, 2) })).toBe(true);
      expect((await store.requests.listSubmitted(P, record.id, request.id)).map((s) => s.version)).toEqual([1, 2]);
      expect(await store.requests.getSubmitted(P, record.id, request.id, 2)).toEqual(submittedOf(request, 2));
    });

    it('records the e-mail status and the escalation of a request that exists, and of no other', async () => {
      const { record, request } = await requestInCase();
      await store.requests.setEmailStatus(P, record.id, request.id, 'sent');
      expect((await store.requests.get(P, record.id, request.id))?.emailStatus).toBe('sent');
      await store.requests.setEmailStatus(P, record.id, 'missing', 'sent');
      expect(await store.requests.get(P, record.id, 'missing')).toBeUndefined();
      // An escalation goes up, never down; a missing request is ignored.
      await store.requests.raiseEscalation(P, record.id, request.id, 'safeguarding-partners');
      await store.requests.raiseEscalation(P, record.id, request.id, 'case-review-group');
      expect((await store.requests.get(P, record.id, request.id))?.escalationStep).toBe('safeguarding-partners');
      await store.requests.raiseEscalation(P, record.id, 'missing', 'case-review-group');
      expect(await store.requests.get(P, record.id, 'missing')).toBeUndefined();
      const other = await requestInCase();
      await store.requests.raiseEscalation(P, other.record.id, other.request.id, 'case-review-group');
      await store.requests.raiseEscalation(P, other.record.id, other.request.id, 'safeguarding-partners');
      expect((await store.requests.get(P, other.record.id, other.request.id))?.escalationStep).toBe(
        'safeguarding-partners',
      );
      // null removes the e-mail status (the e-mail it described was dropped).
      await store.requests.setEmailStatus(P, record.id, request.id, null);
      expect(await store.requests.get(P, record.id, request.id)).not.toHaveProperty('emailStatus');
    });
  });

  describe('links, challenges and sessions', () => {
    it('issues a link once, lists it with its case and revokes it once', async () => {
      const grant = linkOf();
      await store.links.put(grant);
      await expect(store.links.put(grant)).rejects.toThrow();
      const other = linkOf({ caseId: grant.caseId, agencyId: 'agency-2' });
      await store.links.put(other);
      expect(await store.links.get(grant.tokenHash)).toEqual(grant);
      expect((await store.links.listForCase(P, grant.caseId)).map((l) => l.tokenHash).sort()).toEqual(
        [grant.tokenHash, other.tokenHash].sort(),
      );
      expect(await store.links.listForCase(P, grant.caseId, 'agency-2')).toEqual([
        { tokenHash: other.tokenHash, agencyId: 'agency-2' },
      ]);
      await store.links.revoke(grant.tokenHash, NOW);
      await store.links.revoke(grant.tokenHash, '2027-02-01T00:00:00.000Z');
      await store.links.revoke('no-such-link', NOW);
      expect((await store.links.get(grant.tokenHash))?.revokedAt).toBe(NOW);
    });

    it('counts code requests and failures in fixed windows', async () => {
      const grant = linkOf();
      await store.links.put(grant);
      const now = new Date(NOW);
      const later = new Date(now.getTime() + 601_000);
      const counts = [];
      for (let i = 0; i < 3; i += 1) counts.push(await store.links.countCodeRequest(grant.tokenHash, now, 600, 2));
      expect(counts).toEqual([true, true, false]);
      expect(await store.links.countCodeRequest(grant.tokenHash, later, 600, 2)).toBe(true);
      expect(await store.links.countCodeRequest('no-such-link', now, 600, 2)).toBe(false);

      const failures = [];
      for (let i = 0; i < 3; i += 1) failures.push(await store.links.countFailure(grant.tokenHash, now, 600));
      expect(failures).toEqual([1, 2, 3]);
      expect(await store.links.countFailure(grant.tokenHash, later, 600)).toBe(1);
      expect(await store.links.get(grant.tokenHash)).toMatchObject({
        failures: 1,
        failureWindowStart: later.toISOString(),
      });
      await expect(store.links.countFailure('no-such-link', now, 600)).rejects.toThrow();
    });

    it('takes guesses at a challenge up to the limit, before expiry, and uses it once', async () => {
      const challenge = challengeOf();
      await store.challenges.put(challenge);
      await expect(store.challenges.put(challenge)).rejects.toThrow();
      const now = new Date(NOW);
      const guesses = await Promise.all(
        Array.from({ length: 4 }, () => store.challenges.takeAttempt(challenge.id, now, 3)),
      );
      expect(guesses.filter(Boolean)).toHaveLength(3);
      expect((await store.challenges.get(challenge.id))?.attempts).toBe(3);

      const fresh = challengeOf();
      await store.challenges.put(fresh);
      expect(await store.challenges.takeAttempt(fresh.id, new Date(fresh.expiresAt), 3)).toBe(false);
      expect(await store.challenges.markUsed(fresh.id, now)).toBe(true);
      expect(await store.challenges.markUsed(fresh.id, now)).toBe(false);
      expect(await store.challenges.takeAttempt(fresh.id, now, 3)).toBe(false);
      expect(await store.challenges.takeAttempt('no-such-challenge', now, 3)).toBe(false);
      expect(await store.challenges.markUsed('no-such-challenge', now)).toBe(false);
    });

    it('keeps a session until it is deleted, touching only one that exists', async () => {
      const session = {
        sessionHash: randomUUID(),
        tokenHash: 't',
        partnershipId: P,
        caseId: 'c',
        agencyId: 'a',
        createdAt: NOW,
        lastSeenAt: NOW,
        expiresAt: '2027-01-06T17:00:00.000Z',
      };
      await store.sessions.put(session);
      await expect(store.sessions.put(session)).rejects.toThrow();
      await store.sessions.touch(session.sessionHash, '2027-01-06T09:05:00.000Z');
      expect((await store.sessions.get(session.sessionHash))?.lastSeenAt).toBe('2027-01-06T09:05:00.000Z');
      await store.sessions.delete(session.sessionHash);
      await store.sessions.touch(session.sessionHash, NOW);
      expect(await store.sessions.get(session.sessionHash)).toBeUndefined();
    });
  });

  describe('audit trail', () => {
    it('appends each event once and lists a case’s trail in time order', async () => {
      const caseId = newId();
      const second = audit(caseId, 'b', '2027-01-06T10:00:00.000Z');
      const first = audit(caseId, 'a', '2027-01-06T09:00:00.000Z');
      await store.audit.append(second);
      await store.audit.append(first);
      await expect(store.audit.append(first)).rejects.toThrow();
      expect(await store.audit.list(P, caseId)).toEqual([first, second]);
    });
  });

  describe('outbox', () => {
    it('queues e-mails by their next attempt, leases them, and lets them leave the queue', async () => {
      // A clock of its own, far ahead of every other test's e-mails: only these are due at first.
      const base = Date.parse('2100-01-01T00:00:00.000Z') + randomInt(1e9) * 1000;
      const at = (seconds: number) => new Date(base + seconds * 1000);
      const { record, request } = await requestInCase();
      const late = outboxOf(record.id, { nextAttemptAt: at(20).toISOString() });
      const early = outboxOf(record.id, { nextAttemptAt: at(10).toISOString() });
      await store.requests.update(request, {}, { outbox: late });
      await store.requests.update({ ...request, revision: 1 }, {}, { outbox: early });
      const mine = async (now: Date) =>
        (await store.outbox.listDue(now, 1000)).map((e) => e.id).filter((id) => [late.id, early.id].includes(id));
      expect(await mine(at(5))).toEqual([]);
      expect(await mine(at(30))).toEqual([early.id, late.id]);

      const claimed = await store.outbox.claim(early.id, at(30), 60);
      expect(claimed).toMatchObject({ id: early.id, status: 'sending', attempts: 1 });
      expect(await store.outbox.claim(early.id, at(40), 60)).toBeUndefined();
      expect(await store.outbox.claim(early.id, at(100), 60)).toMatchObject({ attempts: 2 });
      expect(await store.outbox.claim('no-such-email', at(100), 60)).toBeUndefined();

      await store.outbox.markDelivered(early.id, 'a@example.org', 'm1');
      await store.outbox.markDelivered(early.id, 'a@example.org', 'm1');
      await store.outbox.markDelivered(early.id, 'b@example.org', 'm2');
      expect((await store.outbox.get(early.id))?.deliveredTo?.sort()).toEqual(['a@example.org', 'b@example.org']);

      await store.outbox.markRetry(early.id, at(500).toISOString(), 'SES Throttling');
      await expect(store.outbox.markRetry(early.id, at(600).toISOString(), 'again')).rejects.toThrow();
      expect(await store.outbox.get(early.id)).toMatchObject({ status: 'pending', lastError: 'SES Throttling' });
      expect(await mine(at(200))).toEqual([late.id]);
      expect(await mine(at(500))).toEqual([late.id, early.id]);

      await store.outbox.markSent(early.id, at(501).toISOString());
      await store.outbox.markFailed(late.id, 'SES MessageRejected');
      expect(await mine(at(1000))).toEqual([]);
      expect(await store.outbox.get(early.id)).toMatchObject({ status: 'sent', sentAt: at(501).toISOString() });
      expect(await store.outbox.get(late.id)).toMatchObject({ status: 'failed', lastError: 'SES MessageRejected' });
    });

    it('drops an e-mail it holds, which then leaves the queue and cannot be taken again', async () => {
      const base = Date.parse('2100-01-01T00:00:00.000Z') + randomInt(1e9) * 1000;
      const at = (seconds: number) => new Date(base + seconds * 1000);
      const { record, request } = await requestInCase();
      const stale = outboxOf(record.id, { nextAttemptAt: at(10).toISOString() });
      await store.requests.update(request, {}, { outbox: stale });
      // Only a worker holding the e-mail may drop it.
      await expect(store.outbox.markDropped(stale.id, at(20).toISOString(), 'submitted')).rejects.toThrow();
      await store.outbox.claim(stale.id, at(20), 60);
      await store.outbox.markDropped(stale.id, at(21).toISOString(), 'submitted');
      expect(await store.outbox.get(stale.id)).toMatchObject({
        status: 'dropped',
        droppedAt: at(21).toISOString(),
        dropReason: 'submitted',
      });
      expect((await store.outbox.listDue(at(1000), 1000)).map((e) => e.id)).not.toContain(stale.id);
      expect(await store.outbox.claim(stale.id, at(1000), 60)).toBeUndefined();
    });
  });

  describe('the daily run’s queues', () => {
    it('finds requests by their next step, and takes each step exactly once', async () => {
      const day = `2100-${String(randomInt(1, 13)).padStart(2, '0')}-15`;
      const { record, request } = await requestInCase();
      expect(
        await store.requests.update(
          request,
          { chase: { dueOn: request.dueOn, nextStepIndex: 0 }, nextActionOn: day },
          {},
        ),
      ).toBe(true);
      const queued = async (on: string) =>
        (await collect(store.chase.dueRequests(on))).filter((r) => r.id === request.id);
      expect(await queued('2100-01-01')).toEqual([]);
      const [due] = await queued(day);
      expect(due).toMatchObject({ nextActionOn: day, chase: { nextStepIndex: 0 } });

      const step = (email: OutboxEmail) =>
        store.chase.recordStep(
          due!,
          { position: { nextStepIndex: 1, nextActionOn: '2100-12-31' }, lastReminder: { step: 'due-today', at: NOW } },
          {
            requestId: request.id,
            dueOn: request.dueOn,
            step: 'due-today',
            action: 'due-today',
            recordedAt: NOW,
            to: ['a@b.org'],
          },
          email,
          audit(record.id, 'request.reminded'),
        );
      // Stopped links pause the ladder: a run that read the request before the stop takes no step.
      const current = (await store.requests.get(P, record.id, request.id))!;
      expect(await store.requests.update(current, { linksStoppedAt: NOW }, {})).toBe(true);
      expect(await step(outboxOf(record.id))).toBe(false);
      const stoppedOnce = (await store.requests.get(P, record.id, request.id))!;
      expect(await store.requests.update(stoppedOnce, { linksResumedAt: '2027-01-06T09:00:01.000Z' }, {})).toBe(true);
      const results = await Promise.all([step(outboxOf(record.id)), step(outboxOf(record.id))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await step(outboxOf(record.id))).toBe(false);
      expect(await queued(day)).toEqual([]);
      expect(await queued('2100-12-31')).toHaveLength(1);
      const stored = await store.requests.get(P, record.id, request.id);
      expect(stored).toMatchObject({ chase: { nextStepIndex: 1 }, lastReminder: { step: 'due-today' }, revision: 3 });

      const [reminder] = await store.chase.listReminders(P, record.id);
      expect(reminder).toMatchObject({ step: 'due-today', to: ['a@b.org'] });
      await store.chase.markReminderSent(P, record.id, request.id, { dueOn: request.dueOn, step: 'due-today' }, NOW);
      await store.chase.markReminderSent(P, record.id, request.id, { dueOn: request.dueOn, step: 'missing' }, NOW);
      expect(await store.chase.listReminders(P, record.id)).toEqual([{ ...reminder, sentAt: NOW }]);
      await store.chase.markReminderDropped(
        P,
        record.id,
        request.id,
        { dueOn: request.dueOn, step: 'due-today' },
        NOW,
        'submitted',
      );
      await store.chase.markReminderDropped(
        P,
        record.id,
        request.id,
        { dueOn: request.dueOn, step: 'missing' },
        NOW,
        'submitted',
      );
      await store.chase.markReminderFailed(P, record.id, request.id, { dueOn: request.dueOn, step: 'due-today' }, NOW);
      await store.chase.markReminderFailed(P, record.id, request.id, { dueOn: request.dueOn, step: 'missing' }, NOW);
      expect(await store.chase.listReminders(P, record.id)).toEqual([
        { ...reminder, sentAt: NOW, droppedAt: NOW, dropReason: 'submitted', failedAt: NOW },
      ]);

      // A request that stops waiting on the agency leaves the queue and cannot be chased.
      await store.requests.update(stored!, { status: 'submitted', chase: null, nextActionOn: null }, {});
      expect(await queued('2100-12-31')).toEqual([]);
      expect(
        await store.chase.recordStep(
          { ...due!, chase: null },
          { position: { nextStepIndex: 2 } },
          undefined,
          undefined,
          audit(record.id),
        ),
      ).toBe(false);
    });

    it('takes several steps in one transaction, all or none, and names the requests that refused', async () => {
      const { record, request } = await requestInCase();
      const other = requestOf(record.id, { returnType: 'chronology' });
      await store.requests.create(other, audit(record.id, 'request.created'));
      const chased = async (r: ReturnRequest) => {
        const current = (await store.requests.get(P, record.id, r.id))!;
        await store.requests.update(
          current,
          { chase: { dueOn: r.dueOn, nextStepIndex: 0 }, nextActionOn: '2100-02-01' },
          {},
        );
        return (await store.requests.get(P, record.id, r.id))!;
      };
      const [a, b] = [await chased(request), await chased(other)];
      const write = (r: ReturnRequest) => ({
        request: r,
        next: { position: { nextStepIndex: 1, nextActionOn: '2100-02-02' } },
        reminder: {
          requestId: r.id,
          dueOn: r.dueOn,
          step: 'remind',
          action: 'remind',
          recordedAt: NOW,
          to: ['a@b.org'],
        },
        audit: audit(record.id, 'request.reminded'),
      });
      // One request took its step already: the pair is refused whole, naming it alone.
      expect(await store.chase.recordSteps([write(a)], [])).toEqual({ taken: true });
      const email = outboxOf(record.id, { template: 'reminder' });
      expect(await store.chase.recordSteps([write(a), write(b)], [email])).toEqual({ taken: false, refused: [a.id] });
      expect(await store.outbox.get(email.id)).toBeUndefined();
      expect((await store.requests.get(P, record.id, b.id))!.chase).toMatchObject({ nextStepIndex: 0 });
      expect(await store.chase.recordSteps([write(b)], [email])).toEqual({ taken: true });
      expect(await store.outbox.get(email.id)).toMatchObject({ status: 'pending' });
      expect(await store.chase.recordSteps([write({ ...b, chase: null })], [])).toEqual({
        taken: false,
        refused: [b.id],
      });
    });

    it('raises each statutory-risk check once and moves the case along its checks', async () => {
      const on = `2100-${String(randomInt(1, 13)).padStart(2, '0')}-16`;
      const record = caseOf({ nextAlertOn: on, nextAlertIndex: 0 });
      await store.cases.create(record, audit(record.id));
      const queued = async (day: string) =>
        (await collect(store.chase.dueCases(day))).filter((c) => c.id === record.id);
      const [due] = await queued(on);
      expect(due?.nextAlertOn).toBe(on);

      const alert = {
        caseId: record.id,
        kind: 'national-panel-at-risk' as const,
        recordedAt: NOW,
        to: ['o@x.org'],
        outstanding: 2,
      };
      const results = await Promise.all([
        store.chase.recordAlert(due!, 1, '2100-12-30', alert, outboxOf(record.id), audit(record.id)),
        store.chase.recordAlert(due!, 1, '2100-12-30', alert, outboxOf(record.id), audit(record.id)),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await queued(on)).toEqual([]);
      const moved = await store.cases.get(P, record.id);
      expect(moved).toMatchObject({ nextAlertIndex: 1, nextAlertOn: '2100-12-30' });
      expect(await queued('2100-12-30')).toHaveLength(1);

      expect(await store.chase.recordAlert(moved!, 2, null, undefined, undefined, audit(record.id))).toBe(true);
      expect(await store.cases.get(P, record.id)).toMatchObject({ nextAlertIndex: 2, nextAlertOn: null });
      expect(await queued('2100-12-31')).toEqual([]);
    });
  });

  describe('attachments', () => {
    it('counts attachments against the request’s limits in the same transaction', async () => {
      const { record, request } = await requestInCase();
      const limits = { maxCount: 2, maxTotalBytes: 2500 };
      const first = attachmentOf(request, { size: 1000 });
      expect(await store.attachments.create(first, limits)).toBe(true);
      await expect(store.attachments.create(first, limits)).resolves.toBe(false);
      expect(await store.attachments.create(attachmentOf(request, { size: 1600 }), limits)).toBe(false);
      const second = attachmentOf(request, { size: 1500 });
      expect(await store.attachments.create(second, limits)).toBe(true);
      expect(await store.attachments.create(attachmentOf(request, { size: 1 }), limits)).toBe(false);
      expect(await store.requests.get(P, record.id, request.id)).toMatchObject({
        attachmentCount: 2,
        attachmentBytes: 2500,
      });
      expect((await store.attachments.list(P, record.id, request.id)).map((a) => a.id).sort()).toEqual(
        [first.id, second.id].sort(),
      );

      expect(await store.attachments.setStatus(first, 'scanning', { status: 'available' })).toBe(false);
      expect(await store.attachments.setStatus(first, 'awaiting-upload', { status: 'scanning' })).toBe(true);
      expect(
        await store.attachments.setStatus({ ...first, status: 'scanning' }, 'scanning', {
          status: 'rejected',
          rejectedReason: 'infected',
        }),
      ).toBe(true);
      expect(await store.attachments.get(P, record.id, request.id, first.id)).toMatchObject({
        status: 'rejected',
        rejectedReason: 'infected',
      });
      expect(await store.requests.get(P, record.id, request.id)).toMatchObject({
        attachmentCount: 1,
        attachmentBytes: 1500,
      });

      await store.attachments.remove(second);
      await store.attachments.remove(second);
      await store.attachments.remove({ ...first, status: 'rejected' });
      expect(await store.attachments.list(P, record.id, request.id)).toEqual([]);
      expect(await store.requests.get(P, record.id, request.id)).toMatchObject({
        attachmentCount: 0,
        attachmentBytes: 0,
      });
    });

    it('detaches an attachment once, keeping it listed and giving back its share of the limits', async () => {
      const { record, request } = await requestInCase();
      const kept = attachmentOf(request, { size: 700 });
      expect(await store.attachments.create(kept, { maxCount: 5, maxTotalBytes: 1e9 })).toBe(true);
      expect(await store.attachments.detach(kept, NOW)).toBe(true);
      expect(await store.attachments.detach(kept, NOW)).toBe(false);
      expect(await store.attachments.get(P, record.id, request.id, kept.id)).toMatchObject({ detachedAt: NOW });
      expect(await store.attachments.list(P, record.id, request.id)).toHaveLength(1);
      expect(await store.requests.get(P, record.id, request.id)).toMatchObject({
        attachmentCount: 0,
        attachmentBytes: 0,
      });
      expect(await store.attachments.detach(attachmentOf(request), NOW)).toBe(false);
    });

    it('takes no attachment for a request that no longer waits on the agency', async () => {
      const { request } = await requestInCase({ status: 'submitted' });
      expect(await store.attachments.create(attachmentOf(request), { maxCount: 5, maxTotalBytes: 1e9 })).toBe(false);
      expect(
        await store.attachments.create(attachmentOf(requestOf(newId())), { maxCount: 5, maxTotalBytes: 1e9 }),
      ).toBe(false);
    });
  });

  describe('merged chronologies', () => {
    it('keeps each merge version once, and the latest', async () => {
      const caseId = newId();
      const version = (n: number) => ({
        partnershipId: P,
        caseId,
        version: n,
        generatedAt: NOW,
        documentKey: `chronologies/${caseId}/v${n}.json`,
        sources: [],
        entryCount: n,
        contentSha256: String(n),
      });
      expect(await store.chronologies.latest(P, caseId)).toBeUndefined();
      expect(await store.chronologies.saveVersion(version(1), audit(caseId))).toBe(true);
      expect(await store.chronologies.saveVersion(version(1), audit(caseId))).toBe(false);
      expect(await store.chronologies.saveVersion(version(2), audit(caseId))).toBe(true);
      expect(await store.chronologies.latest(P, caseId)).toEqual(version(2));

      const decision = {
        id: newId(),
        partnershipId: P,
        caseId,
        kind: 'confirm' as const,
        entryIds: ['a', 'b'],
        decidedAt: NOW,
        decidedBy: 'o',
      };
      await store.chronologies.addDecision(decision, audit(caseId));
      await expect(store.chronologies.addDecision(decision, audit(caseId))).rejects.toThrow();
      expect(await store.chronologies.decisions(P, caseId)).toEqual([decision]);
    });

    it('queues a changed case for re-merging until a merge from after the change', async () => {
      const caseId = newId();
      const marked = async () => (await collect(store.chronologies.changed())).filter((c) => c.caseId === caseId);
      await store.chronologies.markChanged(P, caseId, '2027-01-06T10:00:00.000Z');
      expect(await marked()).toEqual([{ partnershipId: P, caseId, changedAt: '2027-01-06T10:00:00.000Z' }]);
      await store.chronologies.clearChanged(P, caseId, '2027-01-06T09:59:59.000Z');
      expect(await marked()).toHaveLength(1);
      await store.chronologies.clearChanged(P, caseId, '2027-01-06T10:00:00.000Z');
      expect(await marked()).toEqual([]);
      await store.chronologies.clearChanged(P, caseId, NOW);
    });
  });

  describe('meeting decisions', () => {
    it('records a case’s decision, replacing the last, only while the case is open', async () => {
      const record = caseOf();
      await store.cases.create(record, audit(record.id));
      const decision = {
        partnershipId: P,
        caseId: record.id,
        meetingDate: '2027-01-08',
        decision: 'no-further-review' as const,
        rationale: 'Learning is captured by the single-agency reviews.',
        learningIdentified: 'Share non-attendance with health visiting.',
        recordedAt: NOW,
        recordedBy: 'officer',
      };
      expect(await store.meetingDecisions?.get(P, record.id)).toBeUndefined();
      await store.meetingDecisions?.put(decision, audit(record.id, 'meeting.decided'));
      await store.meetingDecisions?.put({ ...decision, decision: 'cspr' }, audit(record.id, 'meeting.decided'));
      expect(await store.meetingDecisions?.get(P, record.id)).toEqual({ ...decision, decision: 'cspr' });

      await store.cases.close(record, NOW, 'done', '2033-01-06', audit(record.id));
      const refused = audit(record.id, 'meeting.decided');
      await expect(store.meetingDecisions?.put(decision, refused)).rejects.toMatchObject({ code: 'case-closed' });
      expect((await store.audit.list(P, record.id)).map((e) => e.id)).not.toContain(refused.id);
      await expect(store.meetingDecisions?.put({ ...decision, caseId: newId() }, audit('-'))).rejects.toMatchObject({
        code: 'case-closed',
      });
    });
  });

  describe('the domain over this store', () => {
    it('stores twenty concurrent identical submissions once, with the document it records', async () => {
      const bucket = new MemoryBucket();
      // Each attempt reads its own time, as concurrent requests do.
      let tick = Date.now();
      const deps: PortalDeps = {
        store,
        documents: bucket,
        mailer: new MemoryMailer(),
        clock: { now: () => new Date((tick += 1)) },
        calendar: englandAndWalesCalendar(),
        settings: { webBaseUrl: 'https://portal.example.org', mailFrom: 'no-reply@portal.example.org' },
      };
      const { record, request } = await requestInCase();
      const session = {
        sessionHash: 's',
        tokenHash: 't',
        partnershipId: P,
        caseId: record.id,
        agencyId: request.agencyId,
        createdAt: NOW,
        lastSeenAt: NOW,
        expiresAt: NOW,
      };
      const content = completeReply() as never;
      const receipts = await Promise.all(
        Array.from({ length: 20 }, () => submitReturn(deps, session, request.id, { submissionId: 'same-id', content })),
      );
      expect(new Set(receipts.map((r) => `${r.version}:${r.submittedAt}`)).size).toBe(1);
      const versions = await store.requests.listSubmitted(P, record.id, request.id);
      expect(versions).toHaveLength(1);
      expect((await store.audit.list(P, record.id)).filter((e) => e.action === 'return.submitted')).toHaveLength(1);
      // The document under the recorded key is the one recorded, whichever attempt wrote last.
      const body = bucket.objects.get(versions[0]!.documentKey)!;
      expect(createHash('sha256').update(body).digest('hex')).toBe(versions[0]!.sha256);
    });
  });
});

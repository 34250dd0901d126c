import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { createDynamoStore } from '../../functions/adapters/dynamodb';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { routes, type RouteSpec } from '../../functions/contract/routes';
import { sha256Hex } from '../../functions/domain/secrets';
import { AGENCY_SESSION_COOKIE, parseCookies } from '../../functions/http/api-handler';
import { ensureTable } from '../../scripts/local/emulators';
import { seedPartnerships } from '../../scripts/local/stack';
import { foreignAgencySession, type ForeignSession } from '../support/foreign-session';
import {
  compactReport,
  baseBodies,
  PRINCIPALS,
  ProbeTally,
  routeProbeArb,
  sendProbe,
  type Principal,
  type Probe,
  type Who,
} from '../support/fuzz-run';
import { checkAnswer, pathsOf, setAt } from '../support/hostile';
import {
  bearer,
  buildPortalFixture,
  forgedStaffTokens,
  mintSession,
  randomSecret,
  sessionCookie,
  type PortalFixture,
} from '../support/principals';
import { paramsFor, routeKey } from '../support/route-bodies';
import {
  diffSnapshots,
  scanPartitions,
  scanTable,
  snapshotText,
  type Diff,
  type Snapshot,
} from '../support/table-snapshot';
import { httpCaller, inProcessCaller, routeOf, type Answer, type Caller } from '../support/wire';

/**
 * Bad input, across every route of the route table and both audiences: more than 10,000 generated
 * malformed, oversized, wrongly typed and hostile requests, with and without valid credentials: every
 * route in turn with every kind of caller (PRINCIPALS), each request counted, and the counts checked at
 * the end. Most run in-process (the handlers with API Gateway events, against the emulators, on a table
 * of this suite's own so that the whole table can be compared before and after); a sample of every
 * route goes through the local gateway over HTTP, for what only HTTP carries (content types, huge
 * bodies, raw bytes, odd paths).
 *
 * Every answer: below 500; no stack trace, source position, exception name, database or cloud name, in
 * body or headers; errors as {error:{code,message,issues?}}. Where the request alone decides it, the
 * exact status (401/403 without valid credentials, 400 for an identifier outside its pattern, 415, 413,
 * 400 for the body), and refusal (404) for someone else's case or request. Afterwards, nothing stored.
 *
 * Seeds are fixed (FUZZ_SEED overrides; each route × kind of caller runs on a seed derived from it); a
 * failure reports its seed, path and a compact counterexample.
 */
jest.setTimeout(240_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
/** FUZZ_SCALE=10 runs ten times as many (the count check at the end assumes at least 1). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/**
 * Generated requests per route and kind of caller, so that every route has each, and per route over HTTP:
 * 37 staff, 13 agency and 4 public routes make 11,000 or so. The owner's get furthest (past
 * authentication, to the body and the lookups); forged and stale credentials are many kinds in one.
 */
const PER_ROUTE: { [A in RouteSpec['auth']]: Record<(typeof PRINCIPALS)[A][number], number> } = {
  staff: { owner: 52, 'other partnership': 24, 'forged or stale': 88, 'no credentials': 20 },
  agency: {
    owner: 60,
    'other partnership': 24,
    'other case': 24,
    'other agency': 24,
    'forged or stale': 60,
    'no credentials': 20,
  },
  public: { anyone: 300 },
};
const HTTP_PER_ROUTE = 5;
/** Generated requests sent at once. */
const BATCH = Number(process.env.FUZZ_BATCH ?? 4);
/** What each route must have had from each kind of caller that applies to it, at the end. */
const MIN_PER_CELL = 20;
const runsFor = (audience: RouteSpec['auth'], principal: Principal) =>
  Math.ceil((PER_ROUTE[audience] as Record<Principal, number>)[principal] * SCALE);
const sharedTable = process.env.TABLE_NAME as string;
const fuzzTable = `fuzz-${randomUUID().slice(0, 8)}`;
const dynamodb = new DynamoDBClient({});
const s3 = new S3Client({ forcePathStyle: true });

/**
 * Generated requests (drawn and sent inside a property), counted by route and kind of caller as each is
 * answered. Fixture set-up and the fixed cases are not counted towards the 10,000.
 */
const tally = new ProbeTally();

/** Sends generated probes at once, checks every answer, and counts each. */
async function sendBatch(call: Caller, probes: Probe[]): Promise<void> {
  await Promise.all(
    probes.map(async (probe) => {
      await sendProbe(call, probe);
      tally.record(probe);
    }),
  );
}

/**
 * What a hostile run may change, and nothing else: reads are audited (in the fixture's cases: something
 * viewed, downloaded or exported), and a live session records when it was last seen (at most once a
 * minute). No item may be removed; no request, return, draft, link, challenge, agency, case, e-mail or
 * other audit event may appear or change.
 */
const READ_AUDIT = /[.-](viewed|downloaded|exported)$/;

function unexpected(diff: Diff, caseIds: string[]) {
  return {
    added: diff.added
      .filter((i) => !(i.entity === 'audit' && READ_AUDIT.test(String(i.action)) && caseIds.includes(String(i.caseId))))
      .map((i) => ({ PK: i.PK, SK: i.SK, entity: i.entity, action: i.action })),
    changed: diff.changed
      .filter((c) => !(c.before.entity === 'session' && c.fields.every((f) => f === 'lastSeenAt')))
      .map((c) => ({ key: c.key, fields: c.fields })),
    removed: diff.removed.map((i) => ({ PK: i.PK, SK: i.SK })),
  };
}

async function documentsUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: process.env.DOCUMENTS_BUCKET as string, Prefix: prefix }),
  );
  return (listed.Contents ?? []).map((o) => o.Key as string);
}

/**
 * Principals for each audience: forged, stale, foreign and real, each marked with its kind (PRINCIPALS).
 * `foreign` is a live agency session of the other partnership, in a case of its own.
 */
function principals(
  f: PortalFixture,
  forged: Record<string, string>,
  stale: Record<'expired' | 'idle' | 'revoked-link' | 'deleted', string>,
  foreign: string,
) {
  const everything = [
    f.caseA.id,
    f.caseB.id,
    f.caseA.reference,
    f.caseB.reference,
    f.requestX,
    f.requestY,
    f.requestBX,
    f.agencyX.id,
    f.agencyY.id,
    f.attachmentX,
  ];
  const refused = (status: number, principal: Principal = 'forged or stale') => ({
    principal,
    staff: { status },
    agency: false,
    owner: false,
    hidden: everything,
  });
  const valid = f.tokens.leicester;
  const staffRefused: Who[] = [
    { kind: 'no credentials', headers: {}, ...refused(401, 'no credentials') },
    ...[
      'Bearer',
      'Bearer ',
      `bearer ${valid}`,
      'Basic b2ZmaWNlcjpwYXNzd29yZA==',
      `Bearer ${valid} extra`,
      `Bearer ${valid}.x`,
      'Bearer a.b.c',
      `Bearer ${'A'.repeat(20_000)}.e30.x`,
      `Bearer ${valid},Bearer ${valid}`,
      `Bearer ${Buffer.from('{"alg":"RS256","kid":{}}').toString('base64url')}.e30.AA`,
      `Bearer ${Buffer.from('null').toString('base64url')}.${Buffer.from('[]').toString('base64url')}.AA`,
      `Bearer ${Buffer.from('{"alg":"RS256","crit":["exp"]}').toString('base64url')}.e30.AA`,
      `Bearer ${valid.split('.').slice(0, 2).join('.')}.${randomBytes(256).toString('base64url')}`,
    ].map((authorization, i) => ({ kind: `malformed bearer ${i}`, headers: { authorization }, ...refused(401) })),
    ...Object.entries(forged).map(([kind, token]) => ({
      kind: `forged: ${kind}`,
      headers: bearer(token),
      ...refused(['no-group', 'two-groups', 'unknown-group'].includes(kind) ? 403 : 401),
    })),
    { kind: 'agency session on a staff route', headers: sessionCookie(f.sessions.ax), ...refused(401) },
  ];
  const llr: Who = {
    kind: 'staff of the other partnership',
    principal: 'other partnership',
    headers: bearer(f.tokens.llr),
    staff: true,
    agency: false,
    owner: false,
    hidden: everything,
  };
  const ownerStaff = (name: string): Who => ({
    kind: `owner staff (${name})`,
    principal: 'owner',
    headers: { [name]: `Bearer ${valid}` },
    staff: true,
    agency: false,
    owner: true,
    hidden: [f.llrAgency.id],
  });
  const staff = [
    ...staffRefused,
    llr,
    ownerStaff('authorization'),
    ownerStaff('Authorization'),
    ownerStaff('AUTHORIZATION'),
  ];

  const noSession = (kind: string, headers: Record<string, string>): Who => ({
    kind,
    headers,
    ...refused(401, kind === 'no cookie' ? 'no credentials' : 'forged or stale'),
  });
  const cookie = (value: string) => ({ cookie: `${AGENCY_SESSION_COOKIE}=${value}` });
  const agencyRefused: Who[] = [
    noSession('no cookie', {}),
    noSession('random session', cookie(randomSecret())),
    noSession('empty session', cookie('')),
    noSession('short session', cookie('abc')),
    noSession('44 characters', cookie(`${randomSecret()}A`)),
    noSession('base64 padding', cookie(`${randomSecret().slice(0, 42)}=`)),
    noSession('huge session', cookie('A'.repeat(50_000))),
    noSession('unicode session', cookie('Ä'.repeat(43))),
    noSession('quoted session', cookie(`"${f.sessions.ax}"`)),
    noSession('cookie name in lower case', { cookie: `__host-agency-session=${f.sessions.ax}` }),
    noSession('hostile first of two', {
      cookie: `${AGENCY_SESSION_COOKIE}=x; ${AGENCY_SESSION_COOKIE}=${f.sessions.ax}`,
    }),
    noSession('expired session', sessionCookie(stale.expired)),
    noSession('idle session', sessionCookie(stale.idle)),
    noSession('session of a revoked link', sessionCookie(stale['revoked-link'])),
    noSession('signed-out session', sessionCookie(stale.deleted)),
    noSession('staff token on an agency route', bearer(valid)),
    noSession('link token as session', cookie(f.links.ax)),
  ].map((who) => ({ ...who, staff: { status: 401 }, agency: false }));
  const session = (
    kind: string,
    principal: Principal,
    headers: Record<string, string>,
    owner: boolean,
    hidden: string[],
  ): Who => ({
    kind,
    principal,
    headers,
    staff: { status: 401 },
    agency: true,
    owner,
    hidden,
  });
  const bx = session('agency X in another case', 'other case', sessionCookie(f.sessions.bx), false, [
    f.caseA.reference,
    f.requestX,
    f.requestY,
    f.attachmentX,
  ]);
  const ay = session('agency Y in the same case', 'other agency', sessionCookie(f.sessions.ay), false, [
    f.requestX,
    f.requestBX,
    f.caseB.reference,
    f.attachmentX,
    f.agencyX.id,
  ]);
  const ownerHidden = [f.requestY, f.requestBX, f.caseB.reference];
  const agency = [
    ...agencyRefused,
    bx,
    ay,
    // Of the other partnership, in a case of its own: every identifier of the fixture is someone else's.
    session('an agency of the other partnership', 'other partnership', sessionCookie(foreign), false, everything),
    session('agency X in case A', 'owner', sessionCookie(f.sessions.ax), true, ownerHidden),
    session(
      'agency X in case A, among cookies',
      'owner',
      { Cookie: `a=b; ${AGENCY_SESSION_COOKIE}=${f.sessions.ax}; c=d` },
      true,
      ownerHidden,
    ),
    session(
      'agency X in case A, twice',
      'owner',
      { cookie: `${AGENCY_SESSION_COOKIE}=${f.sessions.ax}; ${AGENCY_SESSION_COOKIE}=x` },
      true,
      ownerHidden,
    ),
  ];
  // Public routes: no live session among them (signing out would end it), all of the fixture hidden.
  const anyone = (kind: string, headers: Record<string, string>): Who => ({
    kind,
    principal: 'anyone',
    headers,
    staff: true,
    agency: true,
    owner: false,
    hidden: everything,
  });
  const publicWho = [
    anyone('anyone', {}),
    anyone('random session', cookie(randomSecret())),
    anyone('malformed session', cookie('../../')),
    anyone('staff token', bearer(valid)),
    anyone('other partnership token', bearer(f.tokens.llr)),
  ];
  return { staff, agency, publicWho, everything };
}

describe('bad input', () => {
  let fixture: PortalFixture;
  let call: Caller;
  let pools: ReturnType<typeof principals>;
  let foreign: ForeignSession;
  let before: Snapshot;
  const canary = `Zq${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    await ensureTable(dynamodb, fuzzTable);
    const store = createDynamoStore(fuzzTable, dynamodb);
    await seedPartnerships(store, true);
    // The handlers in this process read the suite's own table (their environment is read at first import).
    process.env.TABLE_NAME = fuzzTable;
    call = inProcessCaller();
    fixture = await buildPortalFixture(call);
    foreign = await foreignAgencySession(call, fixture.tokens.llr, fixture.llrAgency);
    const scope = { partnershipId: 'leicester', caseId: fixture.caseA.id, agencyId: fixture.agencyX.id };
    const deleted = await mintSession(store, scope, 'live');
    await store.sessions.delete(sha256Hex(deleted));
    pools = principals(
      fixture,
      await forgedStaffTokens(),
      {
        expired: await mintSession(store, scope, 'expired'),
        idle: await mintSession(store, scope, 'idle'),
        'revoked-link': await mintSession(store, scope, 'revoked-link'),
        deleted,
      },
      foreign.secret,
    );
    before = await scanTable(fuzzTable);
  });

  const byAudience = (audience: RouteSpec['auth']) => routes.filter((r) => r.auth === audience);
  const whoFor = (route: RouteSpec) =>
    route.auth === 'staff' ? pools.staff : route.auth === 'agency' ? pools.agency : pools.publicWho;
  /**
   * Every route of the audience in turn, with every kind of caller in turn: none left to chance. Each run
   * sends a batch of probes at once (they change nothing, so their order cannot matter; the handlers wait
   * on the emulators meanwhile).
   */
  const property = async (audience: RouteSpec['auth'], seed: number) => {
    const bases = baseBodies(fixture, canary);
    let cell = 0;
    for (const route of byAudience(audience)) {
      for (const principal of PRINCIPALS[audience]) {
        const who = whoFor(route).filter((w) => w.principal === principal);
        await fc.assert(
          fc.asyncProperty(
            fc.array(routeProbeArb(route, who, fixture, bases), { minLength: BATCH, maxLength: BATCH }),
            (probes) => sendBatch(call, probes),
          ),
          {
            seed: seed + 7919 * cell,
            numRuns: Math.ceil(runsFor(audience, principal) / BATCH),
            reporter: compactReport,
          },
        );
        cell += 1;
      }
    }
  };

  it('business-office routes', async () => {
    await property('staff', SEED);
  });

  it('agency routes', async () => {
    await property('agency', SEED + 1);
  });

  it('public routes', async () => {
    await property('public', SEED + 2);
  });

  it('refuse every forged, stale or foreign credential on every route, alike', async () => {
    for (const route of routes.filter((r) => r.auth !== 'public')) {
      const pool = route.auth === 'staff' ? pools.staff : pools.agency;
      const answers = new Map<string, Answer>();
      for (const who of pool.filter((w) => (route.auth === 'staff' ? w.staff !== true : !w.agency))) {
        const answer = await call({
          route,
          params: paramsFor(route, fixture),
          headers: { ...who.headers, 'content-type': 'application/json' },
          body: '{}',
        });
        checkAnswer(answer, `${routeKey(route)} as ${who.kind}`);
        expect([route.path, who.kind, answer.status]).toEqual([
          route.path,
          who.kind,
          route.auth === 'staff' ? (who.staff as { status: number }).status : 401,
        ]);
        // One answer per status, whatever was wrong with the credential: nothing can be learned from it. An
        // agency route, like a staff one, tells only what the caller knows: whether it sent a credential.
        const sentCookie = Boolean(parseCookies(who.headers.cookie)[AGENCY_SESSION_COOKIE]);
        if (route.auth === 'agency') {
          expect([who.kind, answer.json.error.code]).toEqual([
            who.kind,
            sentCookie ? 'session-ended' : 'not-signed-in',
          ]);
        }
        const key = route.auth === 'agency' ? `${answer.status}#${sentCookie}` : String(answer.status);
        const first = answers.get(key);
        if (!first) answers.set(key, answer);
        else if (route.auth === 'agency' || answer.status === 403) expect(answer.text).toBe(first.text);
        else expect(answer.json.error.code).toMatch(/^(missing|invalid)-token$/);
      }
    }
  });

  it('refuse broken UTF-16 in every text field of every body, saying where', async () => {
    // Drafts keep what was typed so far; grouping decisions name rows, looked up and never stored as sent.
    const exempt = (route: RouteSpec, path: (string | number)[]) =>
      route.functionName === 'save-draft' ||
      (route.functionName === 'decide-chronology-grouping' && path[0] === 'entryIds');
    const bodies = baseBodies(fixture, canary);
    let fields = 0;
    for (const route of routes.filter((r) => r.body && bodies[routeKey(r)])) {
      const base = bodies[routeKey(route)];
      for (const path of pathsOf(base).filter((p) => typeof p.reduce<any>((v, k) => v?.[k], base) === 'string')) {
        if (exempt(route, path)) continue;
        const original = String(path.reduce<any>((v, k) => v?.[k], base));
        const owner = route.auth === 'staff' ? bearer(fixture.tokens.leicester) : sessionCookie(fixture.sessions.ax);
        const answer = await call({
          route,
          // Identifiers that name nothing: were the text let through, the call would stop there (404).
          params: Object.fromEntries(Object.keys(paramsFor(route, fixture)).map((n) => [n, '0'.repeat(26)])),
          headers: { ...owner, 'content-type': 'application/json' },
          body: JSON.stringify(setAt(base, path, `${original.slice(0, 1)}\ud800${original.slice(1)}`)),
        });
        const field = path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
          .join('')
          .slice(1);
        checkAnswer(answer, `${routeKey(route)} ${field}`);
        expect([routeKey(route), field, answer.status]).toEqual([routeKey(route), field, 400]);
        // At the field, or at the union above it when the text was the discriminator.
        const paths: string[] = answer.json.error.issues.map((i: { path: string }) => i.path);
        expect([field, paths.some((p) => field === p || field.startsWith(`${p}.`))]).toEqual([field, true]);
        fields += 1;
      }
    }
    expect(fields).toBeGreaterThan(30);
  });

  it('refuse a one-time code that was already used, and start no session with it', async () => {
    const verify = routeOf('POST', '/api/agency/sessions/verify');
    const sessionsBefore = [...(await scanTable(fuzzTable)).values()].filter((i) => i.entity === 'session').length;
    for (let replay = 0; replay < 6; replay += 1) {
      const answer = await call({
        route: verify,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fixture.usedChallenge),
      });
      checkAnswer(answer, 'replayed code');
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('wrong-code');
      expect(answer.setCookies).toEqual([]);
    }
    const sessionsAfter = [...(await scanTable(fuzzTable)).values()].filter((i) => i.entity === 'session').length;
    expect(sessionsAfter).toBe(sessionsBefore);
  });

  it('pollute no prototype', () => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('store nothing: every item as before, but for audited reads and session activity', async () => {
    const after = await scanTable(fuzzTable);
    expect(unexpected(diffSnapshots(before, after), [fixture.caseA.id, fixture.caseB.id, foreign.caseId])).toEqual({
      added: [],
      changed: [],
      removed: [],
    });
    expect(snapshotText(after)).not.toContain(canary);
    for (const caseId of [fixture.caseA.id, fixture.caseB.id]) {
      expect(await documentsUnder(`drafts/leicester/${caseId}/`)).toEqual([]);
      expect(await documentsUnder(`returns/leicester/${caseId}/`)).toEqual([]);
    }
    // The fixture's own request is as it was left: opened, no draft, no return.
    const request = after.get(
      `${keys.request('leicester', fixture.caseA.id, fixture.requestX).PK}|REQ#${fixture.requestX}`,
    );
    expect(request).toMatchObject({ status: 'opened' });
    expect(request).not.toHaveProperty('draftVersion');
    expect(request).not.toHaveProperty('returnVersion');
  });

  describe('through the local gateway over HTTP', () => {
    let http: Caller;
    let shared: PortalFixture;
    let sharedForeign: ForeignSession;
    let scope: string[];
    let sharedBefore: Snapshot;
    const httpCanary = `Zq${randomBytes(4).toString('hex')}`;
    const sharedStore = () => createDynamoStore(sharedTable, dynamodb);

    beforeAll(async () => {
      http = httpCaller();
      shared = await buildPortalFixture(http);
      sharedForeign = await foreignAgencySession(http, shared.tokens.llr, shared.llrAgency);
      const ids = { partnershipId: 'leicester', caseId: shared.caseA.id, agencyId: shared.agencyX.id };
      const deleted = await mintSession(sharedStore(), ids, 'live');
      await sharedStore().sessions.delete(sha256Hex(deleted));
      const stale = {
        expired: await mintSession(sharedStore(), ids, 'expired'),
        idle: await mintSession(sharedStore(), ids, 'idle'),
        'revoked-link': await mintSession(sharedStore(), ids, 'revoked-link'),
        deleted,
      };
      pools = principals(shared, await forgedStaffTokens(), stale, sharedForeign.secret);
      // The shared table holds other tests' data too: compare the fixture's partitions and items.
      scope = [
        ...[shared.caseA.id, shared.caseB.id].flatMap((c) => [
          keys.case('leicester', c).PK,
          keys.auditPk('leicester', c),
        ]),
        keys.case('leicestershire-rutland', sharedForeign.caseId).PK,
        keys.auditPk('leicestershire-rutland', sharedForeign.caseId),
        ...[...Object.values(shared.links), sharedForeign.link].map((l) => keys.link(sha256Hex(l)).PK),
        ...[...Object.values(shared.sessions), ...Object.values(stale), sharedForeign.secret].map(
          (s) => keys.session(sha256Hex(s)).PK,
        ),
        keys.challenge(shared.usedChallenge.challengeId).PK,
      ];
      sharedBefore = await fixtureItems();
    });

    async function fixtureItems(): Promise<Snapshot> {
      const items = await scanPartitions(sharedTable, scope);
      for (const agency of [shared.agencyX, shared.agencyY]) {
        const key = keys.agency('leicester', agency.id);
        const found = (await scanPartitions(sharedTable, [key.PK])).get(`${key.PK}|${key.SK}`);
        if (found) items.set(`${key.PK}|${key.SK}`, found);
      }
      return items;
    }

    /**
     * What HTTP can carry to a route: header values Node will send, headers under the server's 16 KB, and
     * parameters that stay one path segment (an empty one, "." or ".." would make another path).
     */
    const carriable = (probe: Probe) => {
      const headers = Object.values({ ...probe.who.headers, ...probe.noise, ct: probe.body.contentType ?? '' });
      return (
        headers.every((v) => /^[\t\x20-\x7e\x80-\xff]*$/.test(v)) &&
        headers.join('').length < 8000 &&
        Object.values(probe.params).every((v) => !['', '.', '..'].includes(v))
      );
    };

    it('generated requests, to every route', async () => {
      const bases = baseBodies(shared, httpCanary);
      for (const [i, route] of routes.entries()) {
        await fc.assert(
          fc.asyncProperty(routeProbeArb(route, whoFor(route), shared, bases).filter(carriable), (probe) =>
            sendBatch(http, [probe]),
          ),
          { seed: SEED + 3 + 7919 * i, numRuns: Math.ceil(HTTP_PER_ROUTE * SCALE), reporter: compactReport },
        );
      }
    });

    it('bodies over the gateway’s 10 MB limit, and between 2 and 10 MB', async () => {
      const submit = routeOf('POST', '/api/agency/requests/{requestId}/submit');
      const createCase = routeOf('POST', '/api/cases');
      for (const [route, headers, size] of [
        [createCase, bearer(shared.tokens.leicester), 10 * 1024 * 1024 + 1],
        [createCase, {}, 12 * 1024 * 1024],
        [submit, sessionCookie(shared.sessions.ax), 11 * 1024 * 1024],
        [createCase, bearer(shared.tokens.leicester), 3 * 1024 * 1024],
        [submit, sessionCookie(shared.sessions.ax), 5 * 1024 * 1024],
      ] as const) {
        const answer = await http({
          route,
          params: { requestId: shared.requestX },
          headers: { ...headers, 'content-type': 'application/json' },
          body: `{"padding":"${'x'.repeat(size)}"}`,
        });
        checkAnswer(answer, `${size} bytes to ${route.path}`);
        // Over 10 MB the gateway refuses it unread; under, the function does (after authentication).
        const status = size > 10 * 1024 * 1024 ? 413 : 'authorization' in headers || 'cookie' in headers ? 413 : 401;
        expect(answer.status).toBe(status);
        if (status === 413) expect(answer.json.error.code).toBe('body-too-large');
      }
    });

    it('raw bytes, odd methods and paths no route knows', async () => {
      const getCase = routeOf('GET', '/api/cases/{caseId}');
      const submit = routeOf('POST', '/api/agency/requests/{requestId}/submit');
      const staff = bearer(shared.tokens.leicester);
      const cases: [Parameters<Caller>[0], number][] = [
        // Percent-encoding that does not decode, and what decodes to no identifier: malformed (the pattern is declared).
        [{ route: getCase, params: { caseId: '%E0%A4%A' }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: '%ZZ' }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: '%' }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: '%E0%A4%A' }, rawPath: true, headers: {} }, 401],
        [{ route: getCase, params: { caseId: '%2e%2e%2f%2e%2e%2f' }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: '..%2f..%2fconfig.json' }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: `${shared.caseA.id}%00` }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: `${shared.caseA.id};x=1` }, rawPath: true, headers: staff }, 400],
        [{ route: getCase, params: { caseId: '%252e%252e' }, rawPath: true, headers: staff }, 400],
        // A path that leaves its route is just another path.
        [{ route: getCase, params: { caseId: '../agencies' }, rawPath: true, headers: staff }, 200],
        [{ route: getCase, params: { caseId: '../../../config.json' }, rawPath: true, headers: {} }, 200],
        // Methods no route has.
        [{ route: getCase, params: { caseId: shared.caseA.id }, method: 'PATCH', headers: staff }, 404],
        [{ route: getCase, params: { caseId: shared.caseA.id }, method: 'OPTIONS', headers: staff }, 404],
        [{ route: getCase, params: { caseId: shared.caseA.id }, method: 'DELETE', headers: staff }, 404],
        // Bytes that are not UTF-8, as JSON or as something else.
        ...[Buffer.from([0xff, 0xfe, 0x00, 0x7b]), Buffer.from([0xc3, 0x28, 0x7b, 0x7d]), randomBytes(2048)].flatMap(
          (bytes) =>
            ['application/json', 'application/octet-stream'].map((type): [Parameters<Caller>[0], number] => [
              {
                route: submit,
                params: { requestId: shared.requestX },
                headers: { ...sessionCookie(shared.sessions.ax), 'content-type': type },
                body: bytes,
              },
              type === 'application/json' ? 400 : 415,
            ]),
        ),
        // JSON as UTF-16, and a compressed body the gateway does not inflate.
        [
          {
            route: submit,
            params: { requestId: shared.requestX },
            headers: { ...sessionCookie(shared.sessions.ax), 'content-type': 'application/json; charset=utf-16le' },
            body: Buffer.from('{"content":{}}', 'utf16le'),
          },
          400,
        ],
        [
          {
            route: submit,
            params: { requestId: shared.requestX },
            headers: {
              ...sessionCookie(shared.sessions.ax),
              'content-type': 'application/json',
              'content-encoding': 'gzip',
            },
            body: Buffer.from('1f8b0800000000000003abae050043bfa6a302000000', 'hex'),
          },
          400,
        ],
      ];
      for (const [request, status] of cases) {
        const answer = await http(request);
        checkAnswer(answer, `${request.method ?? request.route.method} ${JSON.stringify(request.params)}`);
        expect([request.params, answer.status]).toEqual([request.params, status]);
      }
    });

    it('an address too long for the server is refused before any function runs', async () => {
      // Node answers 431 and closes the connection, which the client may see as a reset instead.
      const answer = await http({
        route: routeOf('GET', '/api/cases/{caseId}'),
        params: { caseId: 'A'.repeat(70_000) },
        headers: bearer(shared.tokens.leicester),
      }).catch((error: NodeJS.ErrnoException) => ({ status: error.code, text: '' }));
      expect([431, 'ECONNRESET', 'EPIPE']).toContain(answer.status);
      expect(answer.text).not.toMatch(/at \S+ \(|\.ts:\d+/);
    });

    it('store nothing in the shared table either', async () => {
      const after = await fixtureItems();
      expect(
        unexpected(diffSnapshots(sharedBefore, after), [shared.caseA.id, shared.caseB.id, sharedForeign.caseId]),
      ).toEqual({
        added: [],
        changed: [],
        removed: [],
      });
      expect(snapshotText(await scanTable(sharedTable))).not.toContain(httpCanary);
    });
  });

  it('sent more than 10,000 generated requests, besides the fixtures and fixed cases', () => {
    expect(tally.total).toBeGreaterThanOrEqual(10_000);
  });

  it('fuzzed every route with every kind of caller that applies to it', () => {
    // With and without valid credentials: the owner, someone real but foreign, forged or stale, none.
    expect(tally.short(routes, MIN_PER_CELL * SCALE)).toEqual({});
    expect(new Set(routes.map((r) => r.auth))).toEqual(new Set(Object.keys(PRINCIPALS)));
  });

  afterAll(async () => {
    process.env.TABLE_NAME = sharedTable;
    await dynamodb.send(new DeleteTableCommand({ TableName: fuzzTable }));
  });
});

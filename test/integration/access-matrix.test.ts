import { keys } from '../../functions/adapters/dynamodb/keys';
import { routes, type RouteSpec } from '../../functions/contract/routes';
import { sha256Hex } from '../../functions/domain/secrets';
import { checkAnswer } from '../support/hostile';
import { ownerWrites, type OwnerWrite } from '../support/owner-writes';
import { bearer, buildPortalFixture, randomSecret, sessionCookie, type PortalFixture } from '../support/principals';
import { paramsFor, routeKey, validBodies } from '../support/route-bodies';
import { diffSnapshots, scanPartitions, type Snapshot } from '../support/table-snapshot';
import { httpCaller, paramNames, routeOf, type Answer, type Call } from '../support/wire';

/**
 * Who may reach what, for every route of the route table (a new route is in the matrix as soon as it is
 * declared), through the local gateway with real principals: the business offices of both partnerships
 * and agency leads signed in through their e-mailed links and codes.
 *
 * The target is always Leicester's case A, agency X, X's request in case A and X's file on it. Each
 * principal that does not own it is refused: without credentials 401; the other partnership's office,
 * an agency lead in another case, and another agency's lead in the same case 404; credentials of the
 * other audience 401. And refused alike: for a given route and principal the answer (status, body,
 * headers) is the same byte for byte whether the target exists or not, so probing learns nothing.
 * The owner is shown to reach that same target (so its identifiers resolve): its reads are answered,
 * and its writes are refused only by a rule about the target found (test/support/owner-writes.ts), or,
 * for the few no rule refuses, made at the very end.
 * Public routes are listed and shown to reveal nothing beyond what their caller already holds.
 */
jest.setTimeout(120_000);

const http = httpCaller();
const UNKNOWN = '01M8E33TZQBYCG5AJF4ZKJMR4H';

interface Principal {
  name: string;
  headers: Record<string, string>;
}

/** Headers that say something about the answer (not the connection or the time). */
const telling = (answer: Answer) =>
  Object.fromEntries(
    Object.entries(answer.headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
  );

const fingerprint = (answer: Answer) => ({
  status: answer.status,
  body: answer.text,
  headers: telling(answer),
  cookies: answer.setCookies,
});

/** The same call naming the real target, nothing, and each identifier in turn replaced by one naming nothing. */
function targets(route: RouteSpec, real: Record<string, string>): { label: string; params: Record<string, string> }[] {
  const names = paramNames(route);
  if (!names.length) return [{ label: 'no target', params: {} }];
  return [
    { label: 'the real target', params: real },
    { label: 'nothing at all', params: Object.fromEntries(names.map((n) => [n, UNKNOWN])) },
    ...(names.length > 1
      ? names.map((name) => ({ label: `an unknown ${name}`, params: { ...real, [name]: UNKNOWN } }))
      : []),
  ];
}

describe('access matrix', () => {
  let f: PortalFixture;
  let bodies: Record<string, unknown>;
  /** Agency X's second request in case A, sent and then withdrawn (see ownerWrites). */
  let withdrawn: string;
  let owners: Record<string, OwnerWrite>;
  let before: Snapshot;
  let scope: string[];
  const scoped = (route: RouteSpec) =>
    route.auth === 'staff' ? /\{(caseId|agencyId)\}/.test(route.path) : route.path.includes('{requestId}');

  const principals = () => ({
    none: { name: 'no credentials', headers: {} } as Principal,
    otherPartnership: { name: 'the other partnership’s office', headers: bearer(f.tokens.llr) },
    otherCase: { name: 'agency X’s lead in another case', headers: sessionCookie(f.sessions.bx) },
    otherAgency: { name: 'agency Y’s lead in the same case', headers: sessionCookie(f.sessions.ay) },
    ownerStaff: { name: 'the owning office', headers: bearer(f.tokens.leicester) },
    ownerAgency: { name: 'agency X’s lead in case A', headers: sessionCookie(f.sessions.ax) },
  });

  /** What every principal but the owner may see of the fixture: nothing. */
  const hiddenFrom = (who: string) =>
    ({
      otherPartnership: [
        f.caseA.id,
        f.caseB.id,
        f.caseA.reference,
        f.caseB.reference,
        f.requestX,
        f.requestY,
        f.agencyX.id,
        f.agencyY.id,
        f.attachmentX,
        withdrawn,
      ],
      otherCase: [f.caseA.reference, f.requestX, f.requestY, f.attachmentX, withdrawn],
      otherAgency: [f.requestX, f.requestBX, f.caseB.reference, f.agencyX.id, f.attachmentX, withdrawn],
    })[who] ?? [];

  const send = (route: RouteSpec, who: Principal, params: Record<string, string>, body = bodies[routeKey(route)]) => {
    const call: Call = {
      route,
      params,
      headers: { ...who.headers, ...(route.body ? { 'content-type': 'application/json' } : {}) },
      ...(route.body ? { body: JSON.stringify(body) } : {}),
    };
    return http(call);
  };

  const targetItems = async () => {
    const items = await scanPartitions(process.env.TABLE_NAME as string, [...scope, keys.agenciesPk('leicester')]);
    // Other tests add agencies to the directory meanwhile: of it, only X's entry.
    for (const key of items.keys()) {
      if (
        key.startsWith(keys.agenciesPk('leicester')) &&
        key !== `${keys.agenciesPk('leicester')}|AGENCY#${f.agencyX.id}`
      ) {
        items.delete(key);
      }
    }
    return items;
  };

  /** The writes whose owner check is a call naming the target (routes that name none create in one's own). */
  const ownerChecked = (route: RouteSpec) => route.auth !== 'public' && route.method !== 'GET' && scoped(route);

  /** Sends the owner's write of a route (see ownerWrites) and checks it got past the lookups. */
  const ownerWrite = async (route: RouteSpec) => {
    const who = principals();
    const write = owners[routeKey(route)]!;
    const own = route.auth === 'staff' ? who.ownerStaff : who.ownerAgency;
    const answer = await send(route, own, write.params ?? paramsFor(route, f), write.body ?? bodies[routeKey(route)]);
    checkAnswer(answer, `${routeKey(route)} as the owner`);
    const refusal = answer.status >= 400 ? answer.json?.error?.code : undefined;
    expect([routeKey(route), answer.status, refusal]).toEqual([routeKey(route), write.status, write.code]);
    if (write.says)
      expect([routeKey(route), answer.text]).toEqual([routeKey(route), expect.stringContaining(write.says)]);
  };

  beforeAll(async () => {
    f = await buildPortalFixture(http);
    bodies = validBodies(f);
    const office = { ...bearer(f.tokens.leicester), 'content-type': 'application/json' };
    const created = await http({
      route: routeOf('POST', '/api/cases/{caseId}/requests'),
      params: { caseId: f.caseA.id },
      headers: office,
      body: JSON.stringify({ agencyId: f.agencyX.id, returnType: 'factual-summary' }),
    });
    expect(created.status).toBe(201);
    withdrawn = created.json.id;
    for (const [action, body] of [
      ['send', undefined],
      ['withdraw', { reason: 'asked in error' }],
    ] as const) {
      const answer = await http({
        route: routeOf('POST', `/api/cases/{caseId}/requests/{requestId}/${action}`),
        params: { caseId: f.caseA.id, requestId: withdrawn },
        headers: office,
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect([action, answer.status]).toEqual([action, 200]);
    }
    owners = ownerWrites(f, withdrawn);
    // The target's items: its cases, their audit trails, X's link and X's directory entry. (The public-route
    // tests below start sign-ins with the other links, which count code requests on those links.)
    scope = [
      ...[f.caseA.id, f.caseB.id].flatMap((c) => [keys.case('leicester', c).PK, keys.auditPk('leicester', c)]),
      keys.link(sha256Hex(f.links.ax)).PK,
    ];
    before = await targetItems();
  });

  it('has an owner’s write for every write route that names a target, and no other', () => {
    expect(Object.keys(owners).sort()).toEqual(routes.filter(ownerChecked).map(routeKey).sort()); // add one to test/support/owner-writes.ts
    // Each one gets past the lookups: neither refused as the others are nor unauthenticated.
    for (const [key, write] of Object.entries(owners))
      expect([key, [401, 404].includes(write.status)]).toEqual([key, false]);
  });

  it('has a valid body for every route that takes one', () => {
    const missing = routes.filter((r) => r.body && !(routeKey(r) in validBodies(f))).map(routeKey);
    expect(missing).toEqual([]); // add one to test/support/route-bodies.ts
    for (const route of routes.filter((r) => r.body)) {
      expect([routeKey(route), route.body!.safeParse(bodies[routeKey(route)]).success]).toEqual([
        routeKey(route),
        true,
      ]);
    }
  });

  for (const route of routes.filter((r) => r.auth !== 'public')) {
    it(`${route.method} ${route.path} (${route.auth})`, async () => {
      const who = principals();
      const real = paramsFor(route, f);
      const own = route.auth === 'staff' ? who.ownerStaff : who.ownerAgency;
      const ownAudience = route.auth === 'staff' ? ['otherPartnership'] : ['otherCase', 'otherAgency'];
      const otherAudience =
        route.auth === 'staff'
          ? [who.ownerAgency, who.otherCase, who.otherAgency]
          : [who.ownerStaff, who.otherPartnership];

      // Credentials of the other audience, or none: 401, before anything else is looked at.
      for (const principal of [who.none, ...otherAudience]) {
        const answers = [];
        for (const target of targets(route, real)) {
          const answer = await send(route, principal, target.params);
          checkAnswer(answer, `${routeKey(route)} as ${principal.name} on ${target.label}`);
          expect([principal.name, target.label, answer.status]).toEqual([principal.name, target.label, 401]);
          answers.push(fingerprint(answer));
        }
        for (const answer of answers) expect(answer).toEqual(answers[0]);
      }

      // The same audience, but not the owner.
      for (const name of ownAudience) {
        const principal = who[name as keyof typeof who];
        if (!scoped(route)) {
          // Routes that name no target act on the caller's own partnership or case: they must show none of ours.
          if (route.method !== 'GET') continue; // creating in one's own partnership is not access to ours
          const answer = await send(route, principal, {});
          checkAnswer(answer, `${routeKey(route)} as ${principal.name}`);
          expect(answer.status).toBe(200);
          for (const id of hiddenFrom(name))
            expect([principal.name, answer.text.includes(id)]).toEqual([principal.name, false]);
          continue;
        }
        const answers: { label: string; print: ReturnType<typeof fingerprint> }[] = [];
        for (const target of targets(route, real)) {
          const answer = await send(route, principal, target.params);
          checkAnswer(answer, `${routeKey(route)} as ${principal.name} on ${target.label}`);
          expect([principal.name, target.label, answer.status]).toEqual([principal.name, target.label, 404]);
          answers.push({ label: target.label, print: fingerprint(answer) });
        }
        // Denied alike: nothing tells the real target from one that does not exist.
        for (const answer of answers) {
          expect({ [answer.label]: answer.print }).toEqual({ [answer.label]: answers[0]!.print });
        }
      }

      // The owner reads what the others were refused (so the identifiers were real).
      if (route.method === 'GET' && scoped(route)) {
        const mine = await send(route, own, real);
        const refused = await send(route, who[ownAudience[0] as keyof typeof who], real);
        checkAnswer(mine, `${routeKey(route)} as the owner`);
        expect(fingerprint(mine)).not.toEqual(fingerprint(refused));
      }
      // The owner's write reaches the target and is refused, if at all, by a rule about it, changing nothing.
      // The writes that would change it are made at the end.
      if (ownerChecked(route) && !owners[routeKey(route)]?.last) await ownerWrite(route);
    });
  }

  describe('public routes', () => {
    it('are exactly these', () => {
      expect(routes.filter((r) => r.auth === 'public').map(routeKey)).toEqual([
        'GET /api/openapi.json',
        'POST /api/agency/links/lookup',
        'POST /api/agency/sessions',
        'POST /api/agency/sessions/verify',
        'DELETE /api/agency/sessions/current',
      ]);
    });

    it('the API description is the same for everyone and holds no data', async () => {
      const route = routeOf('GET', '/api/openapi.json');
      const answers = await Promise.all(Object.values(principals()).map((p) => http({ route, headers: p.headers })));
      for (const answer of answers) {
        checkAnswer(answer, 'openapi');
        expect(answer.status).toBe(200);
        expect(fingerprint(answer)).toEqual(fingerprint(answers[0]!));
        for (const id of [f.caseA.id, f.caseA.reference, f.requestX, f.agencyX.id, f.attachmentX]) {
          expect(answer.text).not.toContain(id);
        }
      }
    });

    it('a link of another agency in the case starts that agency’s own sign-in, telling nothing of the first', async () => {
      const route = routeOf('POST', '/api/agency/sessions');
      const start = (token: string, headers: Record<string, string> = {}) =>
        http({ route, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      // Signed in as X, Y's link is just Y's link: the answer names Y and the case, and no more.
      const started = await start(f.links.ay, sessionCookie(f.sessions.ax));
      checkAnswer(started, 'start with another agency’s link');
      expect(started.status).toBe(201);
      expect(started.json).toMatchObject({ agencyName: f.agencyY.name, caseReference: f.caseA.reference });
      for (const secret of [
        f.agencyX.name,
        f.agencyX.leadEmail,
        f.requestX,
        f.attachmentX,
        'Alfie',
        'Testchild',
        'Example Street',
      ]) {
        expect(started.text).not.toContain(secret);
      }
      expect(started.setCookies).toEqual([]);
      // An unknown link, and a well-formed one of another partnership's making, are refused alike.
      const unknown = await start(randomSecret());
      const garbage = await start('A'.repeat(43), bearer(f.tokens.llr));
      checkAnswer(unknown, 'unknown link');
      expect(unknown.status).toBe(404);
      expect(fingerprint(garbage)).toEqual(fingerprint(unknown));
    });

    it('a link says only who is asking, the partnership and its office: nothing of the case, child or agency', async () => {
      const route = routeOf('POST', '/api/agency/links/lookup');
      const lookup = (token: string, headers: Record<string, string> = {}) =>
        http({ route, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      const described = await lookup(f.links.ax);
      checkAnswer(described, 'link lookup');
      expect(described.status).toBe(200);
      expect(described.json).toEqual({
        partnershipName: 'Leicester Safeguarding Children Partnership Board',
        officeName: 'Leicester Safeguarding Boards Office',
        officeEmail: expect.stringContaining('@'),
      });
      for (const secret of [
        f.caseA.id,
        f.caseA.reference,
        f.agencyX.id,
        f.agencyX.name,
        f.agencyX.leadEmail,
        f.requestX,
        'Alfie',
        'Testchild',
        'Example Street',
      ]) {
        expect(described.text).not.toContain(secret);
      }
      expect(described.setCookies).toEqual([]);
      // It is the same whoever asks, and an unknown or foreign link is refused as startAgencySession refuses it.
      expect(fingerprint(await lookup(f.links.ax, sessionCookie(f.sessions.ay)))).toEqual(fingerprint(described));
      const unknown = await lookup(randomSecret());
      const garbage = await lookup('A'.repeat(43), bearer(f.tokens.llr));
      checkAnswer(unknown, 'unknown link');
      expect(unknown.status).toBe(404);
      expect(fingerprint(garbage)).toEqual(fingerprint(unknown));
    });

    it('someone else’s challenge with a wrong code is refused as an unknown challenge is', async () => {
      const route = routeOf('POST', '/api/agency/sessions/verify');
      const started = await http({
        route: routeOf('POST', '/api/agency/sessions'),
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: f.links.bx }),
      });
      expect(started.status).toBe(201);
      const verify = (challengeId: string, code: string) =>
        http({ route, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challengeId, code }) });
      // The guessed code: 000000, or 000001 should the real one be 000000 (one in a million).
      const theirs = await verify(started.json.challengeId, '000000');
      const theirsAgain = theirs.status === 200 ? await verify(started.json.challengeId, '000001') : theirs;
      const nobodys = await verify(UNKNOWN, '000000');
      const used = await verify(f.usedChallenge.challengeId, f.usedChallenge.code);
      for (const answer of [theirsAgain, nobodys, used]) {
        checkAnswer(answer, 'verify');
        expect(answer.status).toBe(400);
        expect(fingerprint(answer)).toEqual(fingerprint(nobodys));
      }
    });

    it('signing out with no session, or a session that does not exist, is the same', async () => {
      const route = routeOf('DELETE', '/api/agency/sessions/current');
      const none = await http({ route, headers: {} });
      const unknown = await http({ route, headers: sessionCookie(randomSecret()) });
      const malformed = await http({ route, headers: sessionCookie('../../x') });
      for (const answer of [none, unknown, malformed]) {
        checkAnswer(answer, 'sign out');
        expect(answer.status).toBe(204);
        expect(fingerprint(answer)).toEqual(fingerprint(none));
      }
    });
  });

  it('changed nothing of the target while refusing (reads by its owner are audited)', async () => {
    const diff = diffSnapshots(before, await targetItems());
    expect(diff.removed).toEqual([]);
    expect(diff.changed.map((c) => ({ key: c.key, fields: c.fields }))).toEqual([]);
    // Audited reads by the owner only.
    const added = diff.added.filter(
      (i) => !(i.entity === 'audit' && /[.-](viewed|downloaded|exported)$/.test(String(i.action))),
    );
    expect(added.map((i) => ({ SK: i.SK, entity: i.entity, action: i.action }))).toEqual([]);
    // Read by the owners, or by an agency lead listing its own requests: never by anyone refused above.
    const readers = diff.added.map((i) => {
      const actor = i.actor as { type: string; partnershipId?: string; agencyId?: string };
      const who =
        actor.type === 'staff'
          ? `staff of ${actor.partnershipId}`
          : actor.agencyId === f.agencyX.id
            ? 'agency X'
            : 'agency Y';
      return who === 'agency Y' && i.action === 'agency.case-viewed' ? 'agency Y, its own list' : who;
    });
    expect(
      [...new Set(readers)].filter((r) => !['staff of leicester', 'agency X', 'agency Y, its own list'].includes(r)),
    ).toEqual([]);
  });

  // Last, as they change the target: the owner's writes that no rule refuses once the target is found.
  it('the owner’s writes that change the target are done', async () => {
    // In the order listed: the file, the hold, the links, the case.
    for (const key of Object.keys(owners).filter((k) => owners[k]!.last)) {
      await ownerWrite(routes.find((r) => routeKey(r) === key)!);
    }
  });
});

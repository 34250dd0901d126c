import { ApiClient, codeFromEmail, waitForMail } from '../support/portal';
import { sentRequest, signInAgency } from '../support/scenario';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { linkKey, setOnItem, store, tableDump } from '../support/table';

/** The link is a capability, the code proves the mailbox, the session is an HttpOnly cookie (ADR 0004). */

async function requestCode(token: string) {
  const client = new ApiClient();
  return { client, response: await client.post('/agency/sessions', { token }) };
}

async function latestCode(reference: string, after: number) {
  const mails = await waitForMail(
    (e) => e.subject === `Your code for case ${reference}` && e.at * 1000 >= after - 1000,
  );
  return codeFromEmail(mails[mails.length - 1]!)!;
}

describe('agency links', () => {
  it('answer alike when unknown, expired or revoked', async () => {
    const expired = await sentRequest();
    const revoked = await sentRequest();
    await setOnItem(linkKey(expired.token), { expiresAt: new Date(Date.now() - 1000).toISOString() });
    await setOnItem(linkKey(revoked.token), { revokedAt: new Date().toISOString() });
    const unknownToken = 'A'.repeat(43);
    const answers = await Promise.all(
      [unknownToken, expired.token, revoked.token].map(async (t) => (await requestCode(t)).response),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(answers[0]!.body.error.code).toBe('link-not-valid');
  });

  it('reveal nothing about the child before the code is verified', async () => {
    const { token, record } = await sentRequest();
    const { response } = await requestCode(token);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ caseReference: record.reference, agencyName: 'Leicestershire Police' });
    expect(JSON.stringify(response.body)).not.toMatch(/Alfie|Testchild|Bella|Example Street|2019-04-02/);
    expect((await response.body.sentTo) as string[]).toEqual([
      's•••@leicestershire-police.example.org',
      's•••@leicestershire-police.example.org',
    ]);
  });

  it('are stored only as hashes, as are codes and sessions', async () => {
    const { token, record } = await sentRequest();
    const started = Date.now();
    const { client, response } = await requestCode(token);
    const code = await latestCode(record.reference, started);
    await client.post('/agency/sessions/verify', { challengeId: response.body.challengeId, code });
    const session = client.cookies.get('__Host-agency-session') as string;
    expect(session).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const dump = await tableDump();
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(session);
    expect(dump).not.toMatch(new RegExp(`"${code}"`));
  });
});

describe('one-time codes', () => {
  it('go to the agency lead and deputy only, and work once', async () => {
    const { token, record, agency } = await sentRequest();
    const started = Date.now();
    const { client, response } = await requestCode(token);
    const mails = await waitForMail(
      (e) => e.subject === `Your code for case ${record.reference}` && e.at * 1000 >= started - 1000,
      2,
    );
    expect(mails.map((m) => m.destination.to[0]).sort()).toEqual([agency.deputyEmail, agency.leadEmail].sort());
    const code = codeFromEmail(mails[0]!)!;
    const first = await client.post('/agency/sessions/verify', { challengeId: response.body.challengeId, code });
    expect(first.status).toBe(200);
    const cookie = first.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(
      /^__Host-agency-session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=\d+; Secure; HttpOnly; SameSite=Strict$/,
    );
    const replay = await new ApiClient().post('/agency/sessions/verify', {
      challengeId: response.body.challengeId,
      code,
    });
    expect(replay.status).toBe(400);
    expect(replay.body.error.code).toBe('wrong-code');
  });

  it('expire after ten minutes', async () => {
    const { token, record } = await sentRequest();
    const started = Date.now();
    const { client, response } = await requestCode(token);
    const code = await latestCode(record.reference, started);
    await setOnItem(keys.challenge(response.body.challengeId), { expiresAt: new Date(Date.now() - 1).toISOString() });
    const late = await client.post('/agency/sessions/verify', { challengeId: response.body.challengeId, code });
    expect(late.status).toBe(400);
  });

  it('lock the link for the code lifetime after five wrong codes', async () => {
    const { token, record } = await sentRequest();
    const started = Date.now();
    const { client, response } = await requestCode(token);
    const code = await latestCode(record.reference, started);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) {
      const attempt = await client.post('/agency/sessions/verify', {
        challengeId: response.body.challengeId,
        code: wrong,
      });
      expect(attempt.status).toBe(400);
    }
    const right = await client.post('/agency/sessions/verify', { challengeId: response.body.challengeId, code });
    expect(right.status).toBe(429);
    expect((await requestCode(token)).response.status).toBe(429);
    // When the window has passed, the link works again.
    await setOnItem(linkKey(token), { failureWindowStart: new Date(Date.now() - 11 * 60_000).toISOString() });
    expect((await requestCode(token)).response.status).toBe(201);
  });

  it('count guesses atomically: parallel wrong guesses cannot exceed the limit', async () => {
    const { token, record } = await sentRequest();
    const started = Date.now();
    const { response } = await requestCode(token);
    const code = await latestCode(record.reference, started);
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + i + 1) % 1_000_000).padStart(6, '0'));
    const results = await Promise.all(
      guesses.map((g) =>
        new ApiClient().post('/agency/sessions/verify', { challengeId: response.body.challengeId, code: g }),
      ),
    );
    expect(results.every((r) => r.status === 400 || r.status === 429)).toBe(true);
    expect(
      (await new ApiClient().post('/agency/sessions/verify', { challengeId: response.body.challengeId, code })).status,
    ).not.toBe(200);
  });

  it('may be requested five times per window', async () => {
    const { token } = await sentRequest();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await requestCode(token)).response.status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
  });
});

describe('agency sessions', () => {
  it('are required, and end when the link is revoked', async () => {
    // No cookie: nobody was signed in, which the pages word differently from a session that ended.
    const none = await new ApiClient().get('/agency/requests');
    expect({ status: none.status, code: none.body.error.code }).toEqual({ status: 401, code: 'not-signed-in' });
    expect(none.body.error.message).not.toMatch(/ended|30 minutes/);
    const forged = new ApiClient();
    forged.cookies.set('__Host-agency-session', 'x'.repeat(43));
    const stale = await forged.get('/agency/requests');
    expect({ status: stale.status, code: stale.body.error.code }).toEqual({ status: 401, code: 'session-ended' });

    const { token, record } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    expect((await agency.get('/agency/requests')).status).toBe(200);
    await setOnItem(linkKey(token), { revokedAt: new Date().toISOString() });
    const after = await agency.get('/agency/requests');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('session-ended');
  });

  it('end when idle for half an hour', async () => {
    const { token, record } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const secret = agency.cookies.get('__Host-agency-session') as string;
    const { sha256Hex } = await import('../../functions/domain/secrets');
    await setOnItem(keys.session(sha256Hex(secret)), { lastSeenAt: new Date(Date.now() - 31 * 60_000).toISOString() });
    expect((await agency.get('/agency/requests')).status).toBe(401);
  });

  it('stay signed in when asked: the idle timer restarts, never past the 8-hour end, and not once ended', async () => {
    const { token, record } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const { sha256Hex } = await import('../../functions/domain/secrets');
    const key = keys.session(sha256Hex(agency.cookies.get('__Host-agency-session') as string));
    // 25 minutes without activity (a lead writing a long section): "Stay signed in" restarts the timer.
    const idleSince = new Date(Date.now() - 25 * 60_000).toISOString();
    await setOnItem(key, { lastSeenAt: idleSince });
    const stayed = await agency.post('/agency/sessions/current/extend');
    expect(stayed.status).toBe(200);
    expect(stayed.body).toMatchObject({ idleTimeoutSeconds: 1800, idleExpiresInSeconds: 1800 });
    expect(stayed.body.expiresInSeconds).toBeLessThanOrEqual(8 * 60 * 60);
    expect((await store().sessions.get(key.PK.slice('SESSION#'.length)))!.lastSeenAt > idleSince).toBe(true);
    // Ten minutes before the absolute end, the idle timer cannot reach past it.
    await setOnItem(key, { expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() });
    const capped = await agency.post('/agency/sessions/current/extend');
    expect(capped.body.idleExpiresInSeconds).toBe(capped.body.expiresInSeconds);
    expect(capped.body.expiresInSeconds).toBeLessThanOrEqual(600);
    // A session already ended is not revived.
    await setOnItem(key, {
      lastSeenAt: new Date(Date.now() - 31 * 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 60 * 60_000).toISOString(),
    });
    const late = await agency.post('/agency/sessions/current/extend');
    expect({ status: late.status, code: late.body.error.code }).toEqual({ status: 401, code: 'session-ended' });
    expect((await agency.get('/agency/requests')).status).toBe(401);
    const none = await new ApiClient().post('/agency/sessions/current/extend');
    expect({ status: none.status, code: none.body.error.code }).toEqual({ status: 401, code: 'not-signed-in' });
  });

  it('cannot stay signed in once their link is revoked, and asking changes nothing', async () => {
    const { token, record } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const { sha256Hex } = await import('../../functions/domain/secrets');
    const hash = sha256Hex(agency.cookies.get('__Host-agency-session') as string);
    const idleSince = new Date(Date.now() - 5 * 60_000).toISOString();
    await setOnItem(keys.session(hash), { lastSeenAt: idleSince });
    await setOnItem(linkKey(token), { revokedAt: new Date().toISOString() });
    const refused = await agency.post('/agency/sessions/current/extend');
    expect({ status: refused.status, code: refused.body.error.code }).toEqual({ status: 401, code: 'session-ended' });
    expect((await store().sessions.get(hash))!.lastSeenAt).toBe(idleSince);
  });

  it('see only their own agency’s requests in their own case', async () => {
    const first = await sentRequest('leicester', 'Leicestershire Police');
    const second = await sentRequest('leicester', 'Leicestershire Police');
    const agencyInFirst = await signInAgency(first.token, first.record.reference);
    expect((await agencyInFirst.get(`/agency/requests/${second.requestId}`)).status).toBe(404);
    expect((await agencyInFirst.post(`/agency/requests/${second.requestId}/submit`, { content: {} })).status).toBe(400);

    // Another agency in the same case cannot reach the police request.
    const health = await first.staff.post(`/cases/${first.record.id}/requests`, {
      agencyId: (await first.staff.get('/agencies')).body.agencies.find(
        (a: { name: string }) => a.name === 'LLR Integrated Care Board',
      ).id,
      returnType: 'information-request-reply',
    });
    await first.staff.post(`/cases/${first.record.id}/requests/${health.body.id}/send`);
    const healthMail = await waitForMail(
      (e) =>
        e.subject.includes(first.record.reference) && e.destination.to[0] === 'designated.nurse@llr-icb.example.org',
    );
    const healthToken = /#token=([A-Za-z0-9_-]{43})/.exec(healthMail[0]!.body.text ?? '')![1]!;
    const healthAgency = await signInAgency(healthToken, first.record.reference);
    const healthList = await healthAgency.get('/agency/requests');
    expect(healthList.body.requests.map((r: { id: string }) => r.id)).toEqual([health.body.id]);
    expect((await healthAgency.get(`/agency/requests/${first.requestId}`)).status).toBe(404);
    expect((await healthAgency.put(`/agency/requests/${first.requestId}/draft`, { content: {} })).status).toBe(404);
  });

  it('sign out by deleting the session', async () => {
    const { token, record } = await sentRequest();
    const agency = await signInAgency(token, record.reference);
    const secret = agency.cookies.get('__Host-agency-session') as string;
    expect((await agency.request('DELETE', '/agency/sessions/current')).status).toBe(204);
    const stolen = new ApiClient();
    stolen.cookies.set('__Host-agency-session', secret);
    expect((await stolen.get('/agency/requests')).status).toBe(401);
  });
});

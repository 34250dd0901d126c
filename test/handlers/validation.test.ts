import { handler as createCase } from '../../functions/create-case/handler';
import { handler as getCase } from '../../functions/get-case/handler';
import { handler as getReturn } from '../../functions/get-return/handler';
import { handler as startSession } from '../../functions/start-agency-session/handler';
import { staffToken } from '../support/portal';
import { apiEvent, invoke } from '../support/events';

/** The handlers parse and authorise before anything else, and map every failure to a clear 4xx. */
describe('handlers', () => {
  let bearer: string;
  beforeAll(async () => {
    bearer = `Bearer ${await staffToken('leicester')}`;
  });

  const postCase = (body: string | null, headers: Record<string, string> = {}) =>
    invoke(
      createCase,
      apiEvent({
        method: 'POST',
        resource: '/api/cases',
        headers: { Authorization: bearer, 'Content-Type': 'application/json', ...headers },
        body,
      }),
    );

  const valid = {
    route: 'rapid-review',
    day0: '2026-11-02',
    subject: { name: 'A Child', dateOfBirth: '2020-02-02' },
  };

  it('create a case from a valid body', async () => {
    const result = await postCase(JSON.stringify(valid));
    expect(result.statusCode).toBe(201);
    expect(result.json.milestones).toHaveLength(4);
    expect(result.headers).toMatchObject({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  });

  it('read a body API Gateway passes base64-encoded (binary media types are on for file downloads)', async () => {
    const event = apiEvent({
      method: 'POST',
      resource: '/api/cases',
      headers: { Authorization: bearer, 'Content-Type': 'application/json' },
      body: Buffer.from(JSON.stringify(valid)).toString('base64'),
    });
    const result = await invoke(createCase, { ...event, isBase64Encoded: true });
    expect(result.statusCode).toBe(201);
  });

  it('refuse unknown fields, saying which', async () => {
    const result = await postCase(JSON.stringify({ ...valid, partnershipId: 'leicestershire-rutland' }));
    expect(result.statusCode).toBe(400);
    expect(result.json.error.code).toBe('invalid-request');
    expect(result.json.error.issues).toEqual([
      { path: 'partnershipId', message: 'Unknown field "partnershipId": remove it' },
    ]);
  });

  it('say where a nested field is wrong', async () => {
    const result = await postCase(
      JSON.stringify({ ...valid, subject: { ...valid.subject, dateOfBirth: '2020-02-30' } }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.json.error.issues).toEqual([
      { path: 'subject.dateOfBirth', message: 'Enter a real date in the format YYYY-MM-DD' },
    ]);
  });

  it('refuse oversize text and control characters', async () => {
    const long = await postCase(JSON.stringify({ ...valid, subject: { ...valid.subject, name: 'x'.repeat(201) } }));
    expect(long.statusCode).toBe(400);
    const control = await postCase(JSON.stringify({ ...valid, subject: { ...valid.subject, name: 'A\u0000Child' } }));
    expect(control.statusCode).toBe(400);
    const blank = await postCase(JSON.stringify({ ...valid, subject: { ...valid.subject, name: '   ' } }));
    expect(blank.statusCode).toBe(400);
  });

  it('refuse a body that is too large with 413, as the document says and API Gateway does over 10 MB', async () => {
    const result = await postCase(JSON.stringify({ ...valid, padding: 'x'.repeat(3 * 1024 * 1024) }));
    expect(result.statusCode).toBe(413);
    expect(result.json.error).toEqual({ code: 'body-too-large', message: 'The body is larger than 2 MB.' });
  });

  it('refuse malformed JSON and other content types', async () => {
    expect((await postCase('{"route":')).statusCode).toBe(400);
    expect((await postCase(JSON.stringify(valid), { 'Content-Type': 'text/plain' })).statusCode).toBe(415);
    expect((await postCase(null)).statusCode).toBe(400);
  });

  it('refuse a future day 0 or date of birth', async () => {
    const nextYear = `${new Date().getUTCFullYear() + 1}-01-01`;
    const result = await postCase(
      JSON.stringify({ ...valid, day0: nextYear, subject: { ...valid.subject, dateOfBirth: nextYear } }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['day0', 'subject.dateOfBirth']);
  });

  it('refuse a day 0 the calendar cannot count from, as the schema states, without a 500', async () => {
    for (const day0 of ['1999-12-31', '1990-01-01', '1900-01-01', '0001-01-01', '2099-01-01']) {
      const result = await postCase(JSON.stringify({ ...valid, day0 }));
      expect({ day0, status: result.statusCode, issues: result.json.error.issues }).toEqual({
        day0,
        status: 400,
        issues: [{ path: 'day0', message: 'Enter a date from 1 January 2000 to 31 December 2059' }],
      });
    }
  });

  it('refuse a malformed return version with a 400 before looking anything up; a well-formed one is looked up', async () => {
    const resource = '/api/cases/{caseId}/requests/{requestId}/return';
    const pathParameters = { caseId: '01M8E33TZQBYCG5AJF4ZKJMR4H', requestId: '01M8E33TZQBYCG5AJF4ZKJMR4J' };
    const withVersion = (version: string) =>
      invoke(getReturn, {
        ...apiEvent({ method: 'GET', resource, pathParameters, headers: { Authorization: bearer } }),
        queryStringParameters: { version },
      });
    for (const version of ['abc', '0', '1.5', '10000', '01', '-1', '+1', ' 1', '1e3', '']) {
      const result = await withVersion(version);
      expect({ version, status: result.statusCode, error: result.json.error }).toEqual({
        version,
        status: 400,
        error: {
          code: 'invalid-request',
          message: 'Check the request: some fields are missing or not valid.',
          issues: [{ path: 'version', message: 'Use a whole number from 1 to 9999, like version=2' }],
        },
      });
    }
    for (const version of ['1', '9999']) {
      // Well-formed: the case is looked up, and this one does not exist.
      expect((await withVersion(version)).statusCode).toBe(404);
    }
  });

  it('authenticate before reading anything', async () => {
    const result = await invoke(
      createCase,
      apiEvent({ method: 'POST', resource: '/api/cases', headers: { 'Content-Type': 'application/json' }, body: '{' }),
    );
    expect(result.statusCode).toBe(401);
    expect(result.headers?.['WWW-Authenticate']).toBe('Bearer');
  });

  it('refuse forged, expired and foreign tokens', async () => {
    const expired = await staffToken('leicester', { exp: Math.floor(Date.now() / 1000) - 60 });
    const otherClient = await staffToken('leicester', { client_id: 'someone-else' });
    const idToken = await staffToken('leicester', { token_use: 'id' });
    const noGroup = await staffToken('leicester', { 'cognito:groups': [] });
    const twoGroups = await staffToken('leicester', {
      'cognito:groups': ['partnership-leicester', 'partnership-leicestershire-rutland'],
    });
    const [header, payload] = (await staffToken('leicester')).split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload!, 'base64url').toString()),
        'cognito:groups': ['partnership-leicestershire-rutland'],
      }),
    ).toString('base64url');
    const forged = `${header}.${forgedPayload}.${'A'.repeat(342)}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    const statuses = await Promise.all(
      [expired, otherClient, idToken, forged, unsigned, 'not-a-jwt'].map(
        async (token) => (await postCase(JSON.stringify(valid), { Authorization: `Bearer ${token}` })).statusCode,
      ),
    );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    expect((await postCase(JSON.stringify(valid), { Authorization: `Bearer ${noGroup}` })).statusCode).toBe(403);
    expect((await postCase(JSON.stringify(valid), { Authorization: `Bearer ${twoGroups}` })).statusCode).toBe(403);
  });

  it('say a token is missing only when none was sent, and that any other is not valid, without why', async () => {
    const codes = async (authorization: string) => {
      const result = await postCase(JSON.stringify(valid), { Authorization: authorization });
      return [result.statusCode, result.json.error.code, result.json.error.message];
    };
    const missing = [401, 'missing-token', 'Sign in to continue.'];
    const invalid = [401, 'invalid-token', 'Your sign-in is not valid or has expired. Sign in again.'];
    const [, payload] = (await staffToken('leicester')).split('.');
    expect(await codes('')).toEqual(missing);
    expect(await codes('Bearer')).toEqual(missing);
    expect(await codes('Bearer ')).toEqual(missing);
    for (const garbage of ['Bearer garbage', 'Bearer a.b', 'Basic b2ZmaWNlcjpwYXNzd29yZA==', 'garbage']) {
      expect([garbage, ...(await codes(garbage))]).toEqual([garbage, ...invalid]);
    }
    // A well-formed token that fails verification answers exactly as garbage does.
    expect(await codes(`Bearer x.${payload}.y`)).toEqual(invalid);
  });

  it('answer 400 for an identifier outside its declared pattern, naming the parameter but not echoing it', async () => {
    const read = (caseId: string) =>
      invoke(
        getCase,
        apiEvent({
          method: 'GET',
          resource: '/api/cases/{caseId}',
          pathParameters: { caseId },
          headers: { Authorization: bearer },
        }),
      );
    for (const caseId of ['..%2F..%2Fetc', 'x', '01M8E33TZQBYCG5AJF4ZKJMR4H#AUDIT', '01M8E33TZQBYCG5AJF4ZKJMR4U']) {
      const result = await read(caseId);
      expect([caseId, result.statusCode, result.json.error.code, result.json.error.issues]).toEqual([
        caseId,
        400,
        'malformed-id',
        [{ path: 'caseId', message: 'Not a valid identifier: 26 capital letters and digits, as the API gives them' }],
      ]);
      expect(result.body).not.toContain(caseId);
    }
    // One of the right shape that names nothing is not found.
    expect((await read('01M8E33TZQBYCG5AJF4ZKJMR4H')).statusCode).toBe(404);
  });

  it('never show a stack trace or internal detail', async () => {
    const result = await invoke(
      startSession,
      apiEvent({
        method: 'POST',
        resource: '/api/agency/sessions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'short' }),
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(result.body).not.toMatch(/at .*\.ts|Error:|stack|Dynamo/);
  });
});

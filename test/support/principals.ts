import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { AGENCY_SESSION_COOKIE } from '../../functions/http/api-handler';
import type { Store } from '../../functions/domain/ports';
import { sha256Hex } from '../../functions/domain/secrets';
import { makePdf } from '../fixtures/files/generate';
import { codeFromEmail, staffToken, tokenFromEmail, waitForMail, type PartnershipId } from './portal';
import { unique, today } from './scenario';
import { routeOf, type Answer, type Caller } from './wire';

/**
 * Real principals of both audiences, built through the API as a business office and agency leads would
 * (over HTTP or in-process, whichever caller is given), and forged or stale credentials of every kind.
 */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
export const sessionCookie = (secret: string) => ({ cookie: `${AGENCY_SESSION_COOKIE}=${secret}` });
export const randomSecret = () => randomBytes(32).toString('base64url');

export interface AgencyRef {
  id: string;
  name: string;
  leadEmail: string;
}

/**
 * Leicester's case A with a chronology request to agency X and a reply request to agency Y; case B with a
 * request to X. Each agency lead is signed in, X has attached a file (checked and released), and X's
 * one-time code has been used (so it can be replayed).
 */
export interface PortalFixture {
  tokens: { leicester: string; llr: string };
  caseA: { id: string; reference: string };
  caseB: { id: string; reference: string };
  agencyX: AgencyRef;
  agencyY: AgencyRef;
  /** An agency of the other partnership. */
  llrAgency: AgencyRef;
  requestX: string;
  requestY: string;
  requestBX: string;
  attachmentX: string;
  links: { ax: string; ay: string; bx: string };
  sessions: { ax: string; ay: string; bx: string };
  usedChallenge: { challengeId: string; code: string };
}

export const expectStatus = (answer: Answer, status: number, what: string) => {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer.json;
};

async function agencies(call: Caller, token: string): Promise<AgencyRef[]> {
  const answer = await call({ route: routeOf('GET', '/api/agencies'), headers: bearer(token) });
  return expectStatus(answer, 200, 'list agencies').agencies;
}

export async function openCase(call: Caller, token: string, prefix = 'ACC') {
  const reference = unique(prefix);
  const answer = await call({
    route: routeOf('POST', '/api/cases'),
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({
      route: 'rapid-review',
      day0: today(),
      reference,
      subject: { name: 'Alfie Testchild', dateOfBirth: '2019-04-02', address: '1 Example Street, Leicester' },
    }),
  });
  return { id: expectStatus(answer, 201, 'open case').id as string, reference };
}

export async function sendRequestTo(
  call: Caller,
  token: string,
  caseRef: { id: string; reference: string },
  agency: AgencyRef,
  returnType: string,
) {
  const created = await call({
    route: routeOf('POST', '/api/cases/{caseId}/requests'),
    params: { caseId: caseRef.id },
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({
      agencyId: agency.id,
      returnType,
      ...(returnType === 'chronology' ? { analysisColumns: true } : {}),
    }),
  });
  const requestId = expectStatus(created, 201, 'create request').id as string;
  const started = Date.now();
  const sent = await call({
    route: routeOf('POST', '/api/cases/{caseId}/requests/{requestId}/send'),
    params: { caseId: caseRef.id, requestId },
    headers: bearer(token),
  });
  expectStatus(sent, 200, 'send request');
  const [mail] = await waitForMail(
    (e) =>
      e.subject.startsWith(`Information request for case ${caseRef.reference} `) &&
      e.destination.to[0] === agency.leadEmail &&
      e.at * 1000 >= started - 2000,
  );
  const link = tokenFromEmail(mail!);
  if (!link) throw new Error('no link in the e-mail');
  return { requestId, link };
}

/** Follows a link: asks for a code, reads it from the mail to this lead only, verifies it. */
export async function signInWith(call: Caller, link: string, reference: string, leadEmail: string) {
  const started = Date.now();
  const challenge = await call({
    route: routeOf('POST', '/api/agency/sessions'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: link }),
  });
  const challengeId = expectStatus(challenge, 201, 'start session').challengeId as string;
  const mails = await waitForMail(
    (e) =>
      e.subject === `Your code for case ${reference}` &&
      e.destination.to[0] === leadEmail &&
      e.at * 1000 >= started - 2000,
  );
  const code = codeFromEmail(mails[mails.length - 1]!)!;
  const verified = await call({
    route: routeOf('POST', '/api/agency/sessions/verify'),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ challengeId, code }),
  });
  expectStatus(verified, 200, 'verify session');
  const cookie = verified.setCookies.find((c) => c.startsWith(`${AGENCY_SESSION_COOKIE}=`));
  const secret = /^[^=]+=([^;]*)/.exec(cookie ?? '')?.[1];
  if (!secret) throw new Error('no session cookie');
  return { secret, challengeId, code };
}

/** Attaches a real PDF: a presigned POST into quarantine, then the check that releases it. */
async function attach(call: Caller, session: string, requestId: string): Promise<string> {
  const pdf = await makePdf();
  const started = await call({
    route: routeOf('POST', '/api/agency/requests/{requestId}/attachments'),
    params: { requestId },
    headers: { ...sessionCookie(session), 'content-type': 'application/json' },
    body: JSON.stringify({
      fileName: 'Strategy meeting minutes.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    }),
  });
  const { attachment, upload } = expectStatus(started, 201, 'start upload');
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields as Record<string, string>)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'minutes.pdf');
  const posted = await fetch(upload.url, { method: 'POST', body: form });
  if (posted.status >= 300) throw new Error(`upload: ${posted.status}`);
  const completed = await call({
    route: routeOf('POST', '/api/agency/requests/{requestId}/attachments/{attachmentId}/complete'),
    params: { requestId, attachmentId: attachment.id },
    headers: sessionCookie(session),
  });
  if (expectStatus(completed, 200, 'complete upload').status !== 'available') throw new Error('file not released');
  return attachment.id as string;
}

export async function buildPortalFixture(call: Caller): Promise<PortalFixture> {
  const tokens = { leicester: await staffToken('leicester'), llr: await staffToken('leicestershire-rutland') };
  const leicesterAgencies = await agencies(call, tokens.leicester);
  const named = (name: string) => {
    const agency = leicesterAgencies.find((a) => a.name === name);
    if (!agency) throw new Error(`no agency ${name}`);
    return agency;
  };
  const agencyX = named('Leicestershire Police');
  const agencyY = named('LLR Integrated Care Board');
  const llrAgency = (await agencies(call, tokens.llr))[0]!;
  const caseA = await openCase(call, tokens.leicester);
  const caseB = await openCase(call, tokens.leicester);
  const [ax, ay, bx] = await Promise.all([
    sendRequestTo(call, tokens.leicester, caseA, agencyX, 'chronology'),
    sendRequestTo(call, tokens.leicester, caseA, agencyY, 'information-request-reply'),
    sendRequestTo(call, tokens.leicester, caseB, agencyX, 'information-request-reply'),
  ]);
  const [sessionAx, sessionAy, sessionBx] = await Promise.all([
    signInWith(call, ax!.link, caseA.reference, agencyX.leadEmail),
    signInWith(call, ay!.link, caseA.reference, agencyY.leadEmail),
    signInWith(call, bx!.link, caseB.reference, agencyX.leadEmail),
  ]);
  const attachmentX = await attach(call, sessionAx!.secret, ax!.requestId);
  return {
    tokens,
    caseA,
    caseB,
    agencyX,
    agencyY,
    llrAgency,
    requestX: ax!.requestId,
    requestY: ay!.requestId,
    requestBX: bx!.requestId,
    attachmentX,
    links: { ax: ax!.link, ay: ay!.link, bx: bx!.link },
    sessions: { ax: sessionAx!.secret, ay: sessionAy!.secret, bx: sessionBx!.secret },
    usedChallenge: { challengeId: sessionAx!.challengeId, code: sessionAx!.code },
  };
}

/**
 * A session written straight into a table, for states the API reaches only with time: past its absolute
 * end, idle too long, or on a revoked link. Returns the cookie secret.
 */
export async function mintSession(
  store: Store,
  scope: { partnershipId: string; caseId: string; agencyId: string },
  state: 'live' | 'expired' | 'idle' | 'revoked-link',
): Promise<string> {
  const secret = randomSecret();
  const tokenHash = sha256Hex(randomSecret());
  const now = Date.now();
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  await store.links.put({
    ...scope,
    tokenHash,
    issuedAt: iso(-3_600_000),
    expiresAt: iso(7 * 86_400_000),
    ...(state === 'revoked-link' ? { revokedAt: iso(-60_000) } : {}),
  });
  await store.sessions.put({
    ...scope,
    sessionHash: sha256Hex(secret),
    tokenHash,
    createdAt: iso(-3_600_000),
    lastSeenAt: state === 'idle' ? iso(-31 * 60_000) : iso(-1000),
    expiresAt: state === 'expired' ? iso(-1000) : iso(3_600_000),
  });
  return secret;
}

export type ForgedKind =
  | 'alg-none'
  | 'wrong-key'
  | 'unknown-kid'
  | 'hs256'
  | 'tampered'
  | 'wrong-issuer'
  | 'expired'
  | 'not-yet-valid'
  | 'other-client'
  | 'id-token'
  | 'no-subject'
  | 'no-group'
  | 'two-groups'
  | 'unknown-group';

/** Forged, stale and foreign staff tokens; all but the group ones are refused with 401, those with 403. */
export async function forgedStaffTokens(
  partnershipId: PartnershipId = 'leicester',
): Promise<Record<ForgedKind, string>> {
  const real = await staffToken(partnershipId);
  const [header, payload] = real.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const { kid } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string };
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const signWith = (alg: string, key: Parameters<SignJWT['sign']>[0], extra: Record<string, unknown> = {}, k = kid) =>
    new SignJWT({ ...claims, ...extra }).setProtectedHeader({ alg, kid: k, typ: 'JWT' }).sign(key);
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const publicPem = (await import('jose')).exportSPKI(publicKey);
  return {
    'alg-none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'wrong-key': await signWith('RS256', privateKey),
    'unknown-kid': await signWith('RS256', privateKey, {}, 'not-a-known-key'),
    hs256: await signWith('HS256', new TextEncoder().encode(await publicPem)),
    tampered: `${header}.${b64({ ...claims, 'cognito:groups': ['partnership-leicestershire-rutland'] })}.${real.split('.')[2]}`,
    'wrong-issuer': await staffToken(partnershipId, { iss: 'https://issuer.example.org' }),
    expired: await staffToken(partnershipId, { exp: now - 60, iat: now - 3660 }),
    'not-yet-valid': await staffToken(partnershipId, { nbf: now + 3600 }),
    'other-client': await staffToken(partnershipId, { client_id: 'someone-else' }),
    'id-token': await staffToken(partnershipId, { token_use: 'id' }),
    'no-subject': await staffToken(partnershipId, { sub: undefined }),
    'no-group': await staffToken(partnershipId, { 'cognito:groups': [] }),
    'two-groups': await staffToken(partnershipId, {
      'cognito:groups': ['partnership-leicester', 'partnership-leicestershire-rutland'],
    }),
    'unknown-group': await staffToken(partnershipId, { 'cognito:groups': ['admins'] }),
  };
}

import { oneTimeCodeEmail } from '../emails';
import { invalid, linkNotValid, tooManyRequests, unauthenticated, unavailable } from '../errors';
import { newId } from '../ids';
import type { AgencySession, LinkGrant } from '../model';
import { canApply, statusAfter } from '../request-status';
import type { PortalDeps } from '../ports';
import { hashCode, maskEmail, newOneTimeCode, newSalt, newSessionSecret, sameHash, sha256Hex } from '../secrets';
import { agencyActor, auditEvent, requireCase, requirePartnership } from './context';

/**
 * How an agency lead gets in: the emailed link is a capability scoped to one case × agency ×
 * partnership; it is exchanged (by POST, never GET) for a one-time code e-mailed to the agency's
 * recorded addresses, and the code for a session (ADR 0004).
 */
export const CODE_LIFETIME_SECONDS = 600;
export const MAX_CODE_ATTEMPTS = 5;
/** Wrong codes allowed per link within one code lifetime before the link is locked for that window. */
export const MAX_FAILURES_PER_WINDOW = 5;
/** Codes that may be requested per link per window. */
export const MAX_CODES_PER_WINDOW = 5;
export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60;

function liveGrant(grant: LinkGrant | undefined, now: Date): grant is LinkGrant {
  return grant !== undefined && grant.revokedAt === undefined && Date.parse(grant.expiresAt) > now.getTime();
}

/** Wrong codes entered for a link within the current window (the window is the code lifetime). */
export function failuresInWindow(grant: LinkGrant, now: Date): number {
  if (grant.failures === undefined || grant.failureWindowStart === undefined) return 0;
  return Date.parse(grant.failureWindowStart) + CODE_LIFETIME_SECONDS * 1000 > now.getTime() ? grant.failures : 0;
}

export interface ChallengeIssued {
  challengeId: string;
  sentTo: string[];
  partnershipName: string;
  agencyName: string;
  caseReference: string;
  expiresAt: string;
}

/** Who is asking: what the page a link opens may say before the code. */
export interface LinkDescription {
  partnershipName: string;
  officeName: string;
  officeEmail: string;
}

/**
 * The partnership and its business office behind a live link, for the page the link opens, before any
 * code (the e-mail names them too): nothing of the case, the child or the agency. Reading it changes
 * nothing, so a mail scanner that follows the link does no harm. A link that is not live is refused as
 * startAgencySession refuses it.
 */
export async function describeLink(deps: PortalDeps, token: string): Promise<LinkDescription> {
  const grant = await deps.store.links.get(sha256Hex(token));
  if (!liveGrant(grant, deps.clock.now())) throw linkNotValid();
  const [partnership, record] = await Promise.all([
    requirePartnership(deps, grant.partnershipId),
    requireCase(deps, grant.partnershipId, grant.caseId),
  ]);
  if (record.status !== 'open') throw linkNotValid();
  return {
    partnershipName: partnership.name,
    officeName: partnership.officeName,
    officeEmail: partnership.officeEmail,
  };
}

export async function startAgencySession(deps: PortalDeps, token: string): Promise<ChallengeIssued> {
  const now = deps.clock.now();
  const tokenHash = sha256Hex(token);
  const grant = await deps.store.links.get(tokenHash);
  if (!liveGrant(grant, now)) throw linkNotValid();
  if (failuresInWindow(grant, now) >= MAX_FAILURES_PER_WINDOW) {
    throw tooManyRequests('Too many wrong codes were entered. Wait 10 minutes, then ask for a new code.', 'locked');
  }
  if (!(await deps.store.links.countCodeRequest(tokenHash, now, CODE_LIFETIME_SECONDS, MAX_CODES_PER_WINDOW))) {
    throw tooManyRequests('Too many codes were requested. Wait 10 minutes, then try again.', 'too-many-codes');
  }
  const [partnership, record, agency] = await Promise.all([
    requirePartnership(deps, grant.partnershipId),
    requireCase(deps, grant.partnershipId, grant.caseId),
    deps.store.agencies.get(grant.partnershipId, grant.agencyId),
  ]);
  if (!agency || record.status !== 'open') throw linkNotValid();

  const code = newOneTimeCode();
  const salt = newSalt();
  const challenge = {
    id: newId(now.getTime()),
    tokenHash,
    partnershipId: grant.partnershipId,
    caseId: grant.caseId,
    agencyId: grant.agencyId,
    codeHash: hashCode(salt, code),
    salt,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + CODE_LIFETIME_SECONDS * 1000).toISOString(),
    attempts: 0,
  };
  await deps.store.challenges.put(challenge);
  const to = [agency.leadEmail, ...(agency.deputyEmail ? [agency.deputyEmail] : [])];
  const rendered = oneTimeCodeEmail({
    partnershipName: partnership.name,
    caseReference: record.reference,
    code,
    validMinutes: CODE_LIFETIME_SECONDS / 60,
  });
  // The code is sent directly, not through the outbox: it must never be stored in a readable form.
  const results = await Promise.allSettled(
    to.map((recipient) => deps.mailer.send({ from: deps.settings.mailFrom, to: recipient, ...rendered })),
  );
  if (!results.some((result) => result.status === 'fulfilled')) {
    throw unavailable('We could not send your code just now. Try again in a few minutes.', 'code-not-sent');
  }
  return {
    challengeId: challenge.id,
    sentTo: to.map(maskEmail),
    partnershipName: partnership.name,
    agencyName: agency.name,
    caseReference: record.reference,
    expiresAt: challenge.expiresAt,
  };
}

export interface SessionStarted {
  /** The raw session secret, for the cookie only: it is stored hashed. */
  sessionSecret: string;
  maxAgeSeconds: number;
}

const wrongCode = () =>
  invalid(
    'The code is not right, or it has expired. Check the e-mail or ask for a new code.',
    [{ path: 'code', message: 'Enter the 6-digit code from the most recent e-mail' }],
    'wrong-code',
  );

export async function verifyAgencySession(
  deps: PortalDeps,
  challengeId: string,
  code: string,
): Promise<SessionStarted> {
  const now = deps.clock.now();
  const challenge = await deps.store.challenges.get(challengeId);
  if (!challenge) throw wrongCode();
  const grant = await deps.store.links.get(challenge.tokenHash);
  if (!liveGrant(grant, now)) throw linkNotValid();
  if (failuresInWindow(grant, now) >= MAX_FAILURES_PER_WINDOW) {
    throw tooManyRequests('Too many wrong codes were entered. Wait 10 minutes, then ask for a new code.', 'locked');
  }
  // The guess is counted before it is checked, so parallel guesses cannot exceed the limit.
  if (!(await deps.store.challenges.takeAttempt(challengeId, now, MAX_CODE_ATTEMPTS))) throw wrongCode();
  if (!sameHash(hashCode(challenge.salt, code), challenge.codeHash)) {
    await deps.store.links.countFailure(challenge.tokenHash, now, CODE_LIFETIME_SECONDS);
    throw wrongCode();
  }
  if (!(await deps.store.challenges.markUsed(challengeId, now))) throw wrongCode();

  const sessionSecret = newSessionSecret();
  const session: AgencySession = {
    sessionHash: sha256Hex(sessionSecret),
    tokenHash: challenge.tokenHash,
    partnershipId: challenge.partnershipId,
    caseId: challenge.caseId,
    agencyId: challenge.agencyId,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS * 1000).toISOString(),
  };
  await deps.store.sessions.put(session);
  await markRequestsOpened(deps, session);
  await deps.store.audit.append(
    auditEvent(deps, agencyActor(session), session.partnershipId, session.caseId, 'agency.signed-in', {
      agencyId: session.agencyId,
    }),
  );
  return { sessionSecret, maxAgeSeconds: SESSION_ABSOLUTE_SECONDS };
}

async function markRequestsOpened(deps: PortalDeps, session: AgencySession): Promise<void> {
  const requests = await deps.store.requests.listForCase(session.partnershipId, session.caseId);
  const openedAt = deps.clock.now().toISOString();
  for (const request of requests) {
    if (request.agencyId !== session.agencyId || !canApply('open', request.status)) continue;
    // A concurrent change wins: opening is informational and must not undo a draft or a submission.
    await deps.store.requests.update(request, { status: statusAfter('open', request.status), openedAt }, {});
  }
}

/** Resolves a session cookie; sessions end when idle, at their absolute limit, or when the link is revoked. */
export async function resolveAgencySession(
  deps: PortalDeps,
  sessionSecret: string | undefined,
): Promise<AgencySession> {
  const expired = () =>
    unauthenticated(
      'Your session has ended. To carry on, open the link in the most recent e-mail from the business office.',
      'session-ended',
    );
  // No cookie at all: never signed in on this browser, signed out, or the cookie outlived (8 hours). The
  // page words that differently from a session that ended under the lead (ADR 0004).
  if (!sessionSecret) {
    throw unauthenticated(
      'You are not signed in. To respond, open the link in the most recent e-mail from the business office.',
      'not-signed-in',
    );
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(sessionSecret)) throw expired();
  const now = deps.clock.now();
  const session = await deps.store.sessions.get(sha256Hex(sessionSecret));
  if (!session) throw expired();
  const idleSince = Date.parse(session.lastSeenAt);
  if (Date.parse(session.expiresAt) <= now.getTime() || idleSince + SESSION_IDLE_SECONDS * 1000 <= now.getTime()) {
    throw expired();
  }
  if (!liveGrant(await deps.store.links.get(session.tokenHash), now)) throw expired();
  // Writes are limited to one a minute per session: enough for an idle timeout of half an hour.
  if (now.getTime() - idleSince > 60_000) await deps.store.sessions.touch(session.sessionHash, now.toISOString());
  return session;
}

/** When a session ends unless there is activity, and whatever the activity, counted from `now`. */
export interface SessionTimes {
  idleTimeoutSeconds: number;
  idleExpiresInSeconds: number;
  expiresInSeconds: number;
}

/**
 * "Stay signed in" and the page's occasional keep-alive while the lead types (ADR 0004): the idle timer
 * restarts now, never past the session's absolute end, which no activity moves.
 */
export async function extendAgencySession(deps: PortalDeps, session: AgencySession): Promise<SessionTimes> {
  const now = deps.clock.now();
  await deps.store.sessions.touch(session.sessionHash, now.toISOString());
  const expiresInSeconds = Math.max(0, Math.floor((Date.parse(session.expiresAt) - now.getTime()) / 1000));
  return {
    idleTimeoutSeconds: SESSION_IDLE_SECONDS,
    idleExpiresInSeconds: Math.min(SESSION_IDLE_SECONDS, expiresInSeconds),
    expiresInSeconds,
  };
}

export async function endAgencySession(deps: PortalDeps, sessionSecret: string | undefined): Promise<void> {
  if (sessionSecret && /^[A-Za-z0-9_-]{43}$/.test(sessionSecret)) {
    await deps.store.sessions.delete(sha256Hex(sessionSecret));
  }
}

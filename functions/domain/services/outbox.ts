import { addDays } from '../calendar';
import {
  agencyReminderEmail,
  caseAlertEmail,
  escalationEmail,
  dueDateChangedEmail,
  moreInformationEmail,
  requestStoppedEmail,
  requestLinkEmail,
  safetyConcernEmail,
  type RenderedEmail,
} from '../emails';
import { levelOf, type CaseAlertKind, type LadderAction } from '../chasing';
import type { Case, Partnership, ReturnRequest } from '../model';
import { RETURN_TYPE_LABELS } from '../model';
import { MailDeliveryError, type OutboxEmail, type PortalDeps } from '../ports';
import { newLinkToken, sha256Hex } from '../secrets';
import { holdsWhileOwed, staleBecause, type DropReason } from '../stale-email';
import { auditEvent, requireCase, requirePartnership } from './context';

/** How long a worker may hold an e-mail before another may try it. */
const LEASE_SECONDS = 120;
/** Attempts before an e-mail is marked failed and shown on its request. */
export const MAX_EMAIL_ATTEMPTS = 8;

/**
 * What became of an e-mail: sent, queued for a retry, failed for good, or dropped unsent because it was
 * found no longer true before it went (after a wait; or, in a rare race, by another worker that took it
 * first just as its request changed).
 */
export type DispatchOutcome =
  | { status: 'sent' }
  | { status: 'queued'; nextAttemptAt?: string }
  | { status: 'failed' }
  | { status: 'dropped'; reason: DropReason };

export interface DispatchOptions {
  /**
   * The caller wrote the e-mail a moment ago, in the transaction that checked its request's state (a step
   * taken, an action applied): it is true, and reading the request again would cost a read per e-mail.
   */
  justQueued?: boolean;
}

/** Backoff: 5, 10, 20 … minutes, never under SES's advised wait after throttling, capped at 6 hours. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(5 * 2 ** Math.max(0, attempts - 1), 360);
}

/** Mints a link for an agency, valid until its due date plus the partnership's grace days. */
async function mintLink(deps: PortalDeps, partnership: Partnership, email: OutboxEmail, dueOn: string) {
  const token = newLinkToken();
  const lastDay = addDays(dueOn, partnership.linkGraceDays);
  await deps.store.links.put({
    tokenHash: sha256Hex(token),
    partnershipId: partnership.id,
    caseId: email.caseId,
    agencyId: email.agencyId,
    issuedAt: deps.clock.now().toISOString(),
    expiresAt: `${addDays(lastDay, 1)}T00:00:00.000Z`,
  });
  // The token travels in the fragment: browsers never send it to a server or in a Referer.
  return { link: `${deps.settings.webBaseUrl}/respond#token=${token}`, linkExpiresOn: lastDay };
}

/** Scheduled e-mails carry their recipients and values, fixed when the step was taken: no reads here. */
async function composeScheduled(deps: PortalDeps, partnership: Partnership, email: OutboxEmail) {
  const p = email.params ?? {};
  const text = (name: string) => String(p[name] ?? '');
  const portalLink = `${deps.settings.webBaseUrl}/cases/${email.caseId}`;
  if (email.template === 'case-alert') {
    return caseAlertEmail(text('kind') as CaseAlertKind, {
      partnershipName: partnership.name,
      caseReference: text('caseReference'),
      portalLink,
      outstanding: Number(p.outstanding ?? 0),
      deadline: text('deadline'),
      ...(p.windowFrom ? { windowFrom: text('windowFrom') } : {}),
      ...(p.checkedOn ? { checkedOn: text('checkedOn') } : {}),
      ...(p.repliesDue ? { repliesDue: text('repliesDue') } : {}),
      ...(p.meetingDecision === 'recorded' || p.meetingDecision === 'not-recorded'
        ? { meetingDecision: p.meetingDecision }
        : {}),
    });
  }
  const action = text('action') as LadderAction;
  const reminder = {
    partnershipName: partnership.name,
    officeName: partnership.officeName,
    officeEmail: partnership.officeEmail,
    caseReference: text('caseReference'),
    agencyName: text('agencyName'),
    returnLabel: text('returnLabel'),
    dueOn: text('dueOn'),
    daysOverdue: Number(p.daysOverdue ?? 0),
  };
  if (action === 'escalate-crg' || action === 'escalate-partners')
    // E-mails queued before these were recorded claim no reminders or referral they cannot vouch for.
    return escalationEmail(action, {
      ...reminder,
      portalLink,
      remindersSent: Number(p.remindersSent ?? 0),
      referredToCrg: Number(p.referredToCrg ?? 0) > 0,
      alsoTold: text('alsoTold').split(',').filter(Boolean),
    });
  const escalatedTo = text('escalatedTo');
  return agencyReminderEmail(action, {
    ...reminder,
    ...(escalatedTo === 'case-review-group' || escalatedTo === 'safeguarding-partners' ? { escalatedTo } : {}),
    ...(await mintLink(deps, partnership, email, reminder.dueOn)),
  });
}

/** What the staleness check read, so that composing does not read it again. */
interface Known {
  record?: Case;
  request?: ReturnRequest;
}

/** Renders the e-mail. A request link is minted here, at sending time, so no raw token is ever stored. */
async function compose(
  deps: PortalDeps,
  email: OutboxEmail,
  known: Known = {},
): Promise<{ to: string[]; rendered: RenderedEmail }> {
  const partnership = await requirePartnership(deps, email.partnershipId);
  if (email.template === 'reminder' || email.template === 'case-alert') {
    return { to: email.recipients ?? [], rendered: await composeScheduled(deps, partnership, email) };
  }
  const record = known.record ?? (await requireCase(deps, email.partnershipId, email.caseId));
  const agency = await deps.store.agencies.get(email.partnershipId, email.agencyId);
  if (!agency) throw new Error('agency of outbox e-mail missing');

  if (email.template === 'safety-concern') {
    return {
      to: [partnership.officeEmail],
      rendered: safetyConcernEmail({
        partnershipName: partnership.name,
        caseReference: record.reference,
        agencyName: agency.name,
        portalLink: `${deps.settings.webBaseUrl}/cases/${record.id}`,
      }),
    };
  }

  const request = known.request ?? (await deps.store.requests.get(email.partnershipId, email.caseId, email.requestId));
  if (!request) throw new Error('request of outbox e-mail missing');
  const to = [agency.leadEmail, ...(agency.deputyEmail ? [agency.deputyEmail] : [])];
  const about = {
    partnershipName: partnership.name,
    officeName: partnership.officeName,
    officeEmail: partnership.officeEmail,
    caseReference: record.reference,
    agencyName: agency.name,
    returnLabel: RETURN_TYPE_LABELS[request.returnType],
  };
  if (email.template === 'request-stopped') {
    // A request still owed when its case closed was stopped by the closing, not on its own.
    const why =
      request.status === 'not-involved'
        ? 'not-involved'
        : request.status !== 'withdrawn' && record.status === 'closed'
          ? 'case-closed'
          : 'withdrawn';
    return { to, rendered: requestStoppedEmail({ ...about, why }) };
  }
  const { link, linkExpiresOn } = await mintLink(deps, partnership, email, request.dueOn);
  const template =
    email.template === 'more-info'
      ? moreInformationEmail
      : email.template === 'due-date-changed'
        ? dueDateChangedEmail
        : requestLinkEmail;
  return { to, rendered: template({ ...about, dueOn: request.dueOn, linkExpiresOn, link }) };
}

/**
 * Sends one outbox e-mail under a lease, one message per recipient, and records each delivery, so a
 * retry after a partial failure never sends to a recipient twice. The outcome is sent, queued for a
 * later attempt with backoff, failed for good (shown on the request), or dropped: an e-mail that waited
 * (SES down, a run that died) is checked against its request first, and one no longer true never goes.
 */
export async function dispatchEmail(
  deps: PortalDeps,
  id: string,
  options: DispatchOptions = {},
): Promise<DispatchOutcome> {
  const outcome = await attemptEmail(deps, id, options);
  const email = outcome.email;
  // A dropped e-mail has been recorded as such (dropEmail); it was never sent.
  if (outcome.result.status === 'dropped') return outcome.result;
  const status = outcome.result.status;
  // Link e-mails and reminders show their delivery on the request.
  if (email && email.template !== 'safety-concern' && email.template !== 'case-alert') {
    await deps.store.requests.setEmailStatus(email.partnershipId, email.caseId, email.requestId, status);
  }
  if (email?.reminder && status === 'sent') {
    // attemptEmail has recorded the step's delivery. A request is escalated once its escalation has gone,
    // not when the step was queued: one dropped unsent (the return came in, the date moved) or failed for
    // good has told no one, and the ladder of a new due date must not pass over it as if it had.
    const level = levelOf(String(email.params?.action ?? '') as LadderAction);
    if (level) await deps.store.requests.raiseEscalation(email.partnershipId, email.caseId, email.requestId, level);
  }
  return outcome.result;
}

/** Reads what an e-mail about a request depends on, and says why it would no longer be true, if it would not. */
async function staleness(deps: PortalDeps, email: OutboxEmail): Promise<{ reason?: DropReason; known: Known }> {
  if (!holdsWhileOwed(email.template)) return { known: {} };
  const [record, request] = await Promise.all([
    deps.store.cases.get(email.partnershipId, email.caseId),
    deps.store.requests.get(email.partnershipId, email.caseId, email.requestId),
  ]);
  const known: Known = { ...(record ? { record } : {}), ...(request ? { request } : {}) };
  const reason = staleBecause(email, request, record);
  return reason ? { reason, known } : { known };
}

const SENDER = { type: 'system' as const, name: 'outbox' };

/**
 * Ends an e-mail without sending it, and records why where the office looks: the audit trail, the ladder
 * step it carried, and the outbox item (last, so that a crash before it leaves the e-mail to be checked
 * and dropped again, never sent).
 */
async function dropEmail(deps: PortalDeps, email: OutboxEmail, reason: DropReason, request?: ReturnRequest) {
  const at = deps.clock.now().toISOString();
  await deps.store.audit.append(
    auditEvent(deps, SENDER, email.partnershipId, email.caseId, 'email.dropped', {
      requestId: email.requestId,
      agencyId: email.agencyId,
      detail: {
        template: email.template,
        reason,
        ...(email.reminder ? { step: email.reminder.step, dueOn: email.reminder.dueOn } : {}),
        ...(email.params?.action ? { action: String(email.params.action) } : {}),
      },
    }),
  );
  if (email.reminder) {
    await deps.store.chase.markReminderDropped(
      email.partnershipId,
      email.caseId,
      email.requestId,
      email.reminder,
      at,
      reason,
    );
  }
  // "Waiting to be sent" would stay on a request whose return came in. Withdrawing, marking not involved,
  // closing the case and extending each queued an e-mail of their own, which sets the status itself.
  if (request?.emailStatus === 'queued' && RETURNED.has(reason)) {
    await deps.store.requests.setEmailStatus(email.partnershipId, email.caseId, email.requestId, null);
  }
  await deps.store.outbox.markDropped(email.id, at, reason);
}

const RETURNED: ReadonlySet<DropReason> = new Set(['submitted', 'nil-return', 'accepted']);

/**
 * A reminder's outcome is written before its e-mail leaves the `sending` state: should the write fail, the
 * e-mail is claimed again once its lease ends (sending to nobody twice) and the outcome written then, so a
 * reminder that went always says when.
 */
async function recordReminder(deps: PortalDeps, email: OutboxEmail, outcome: 'sent' | 'failed'): Promise<void> {
  if (!email.reminder) return;
  const at = deps.clock.now().toISOString();
  const { partnershipId, caseId, requestId, reminder } = email;
  await retrying(() =>
    outcome === 'sent'
      ? deps.store.chase.markReminderSent(partnershipId, caseId, requestId, reminder, at)
      : deps.store.chase.markReminderFailed(partnershipId, caseId, requestId, reminder, at),
  );
}

async function attemptEmail(
  deps: PortalDeps,
  id: string,
  options: DispatchOptions,
): Promise<{ result: DispatchOutcome; email?: OutboxEmail }> {
  const now = deps.clock.now();
  const claimed = await deps.store.outbox.claim(id, now, LEASE_SECONDS);
  if (!claimed) {
    const current = await deps.store.outbox.get(id);
    if (current?.status === 'sent') return { result: { status: 'sent' } };
    if (current?.status === 'failed') return { result: { status: 'failed' } };
    if (current?.status === 'dropped' && current.dropReason) {
      return { result: { status: 'dropped', reason: current.dropReason } };
    }
    return { result: { status: 'queued', ...(current ? { nextAttemptAt: current.nextAttemptAt } : {}) } };
  }
  const delivered = new Set(claimed.deliveredTo ?? []);
  try {
    const { reason, known } = options.justQueued ? { known: {} } : await staleness(deps, claimed);
    if (reason) {
      await dropEmail(deps, claimed, reason, known.request);
      return { result: { status: 'dropped', reason }, email: claimed };
    }
    const { to, rendered } = await compose(deps, claimed, known);
    for (const recipient of to) {
      if (delivered.has(recipient)) continue;
      const { messageId } = await deps.mailer.send({ from: deps.settings.mailFrom, to: recipient, ...rendered });
      // SES has accepted it: recording that must not be mistaken for a failed send.
      await retrying(() => deps.store.outbox.markDelivered(id, recipient, messageId));
    }
  } catch (error) {
    const reason = error instanceof MailDeliveryError ? error.message : 'internal error';
    const retryable = !(error instanceof MailDeliveryError) || error.retryable;
    if (!retryable || claimed.attempts >= MAX_EMAIL_ATTEMPTS) {
      await recordReminder(deps, claimed, 'failed');
      await deps.store.outbox.markFailed(id, reason);
      return { result: { status: 'failed' }, email: claimed };
    }
    const nextAttemptAt = new Date(now.getTime() + retryDelayMinutes(claimed.attempts) * 60_000).toISOString();
    await deps.store.outbox.markRetry(id, nextAttemptAt, reason);
    return { result: { status: 'queued', nextAttemptAt }, email: claimed };
  }
  await recordReminder(deps, claimed, 'sent');
  await retrying(() => deps.store.outbox.markSent(id, deps.clock.now().toISOString()));
  return { result: { status: 'sent' }, email: claimed };
}

async function retrying(write: () => Promise<void>, attempts = 3): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

/** Dispatches every e-mail whose next attempt is due (the scheduled run calls this). */
export async function dispatchDueEmails(
  deps: PortalDeps,
  limit = 100,
): Promise<Record<DispatchOutcome['status'], number>> {
  const due = await deps.store.outbox.listDue(deps.clock.now(), limit);
  const counts = { sent: 0, queued: 0, failed: 0, dropped: 0 };
  for (const email of due) counts[(await dispatchEmail(deps, email.id)).status] += 1;
  return counts;
}

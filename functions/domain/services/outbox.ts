import { addDays } from '../calendar';
import {
  agencyChaseEmail,
  caseAlertEmail,
  dueDateChangedEmail,
  escalationListEmail,
  moreInformationEmail,
  requestStoppedEmail,
  requestLinkEmail,
  safetyConcernEmail,
  type ChaseProgress,
  type EscalationItem,
  type RenderedEmail,
} from '../emails';
import { isEscalation, levelOf, type CaseAlertKind, type LadderAction } from '../chasing';
import type { Case, Partnership, RequestStatus, ReturnRequest } from '../model';
import { RETURN_TYPE_LABELS } from '../model';
import { MailDeliveryError, type ChaseEntry, type OutboxEmail, type PortalDeps } from '../ports';
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

/** One message of an e-mail: each recipient gets their own, and a retry sends only to those not yet reached. */
interface Message {
  to: string;
  rendered: RenderedEmail;
}

const everyone = (to: string[], rendered: RenderedEmail): Message[] =>
  to.map((recipient) => ({ to: recipient, rendered }));

/**
 * The ladder steps a chasing e-mail carries: its entries, or, for one queued before they existed, the one step
 * its `params` and `reminder` describe.
 */
export function entriesOf(email: OutboxEmail): ChaseEntry[] {
  if (email.entries?.length) return email.entries;
  if (email.template !== 'reminder' || !email.reminder) return [];
  const p = email.params ?? {};
  const text = (name: string) => String(p[name] ?? '');
  const escalatedTo = text('escalatedTo');
  return [
    {
      requestId: email.requestId,
      reminder: email.reminder,
      action: text('action') as LadderAction,
      returnLabel: text('returnLabel'),
      dueOn: text('dueOn'),
      daysOverdue: Number(p.daysOverdue ?? 0),
      to: email.recipients ?? [],
      // E-mails queued before these were recorded claim no reminders or referral they cannot vouch for.
      remindersSent: Number(p.remindersSent ?? 0),
      referredToCrg: Number(p.referredToCrg ?? 0) > 0,
      ...(escalatedTo === 'case-review-group' || escalatedTo === 'safeguarding-partners' ? { escalatedTo } : {}),
      alsoTold: text('alsoTold').split(',').filter(Boolean) as LadderAction[],
    },
  ];
}

const PROGRESS: Partial<Record<RequestStatus, ChaseProgress>> = {
  sent: 'not-opened',
  opened: 'opened',
  'in-progress': 'draft',
};

const reopened = (entry: ChaseEntry) => entry.status === 'more-info-requested';

/**
 * A day's chasing e-mail about one agency in one case (ADR 0010): to the agency, one message with one fresh
 * link listing each return; an escalation, to each recipient the returns they are told of. Values were fixed
 * when the steps were taken: nothing is read here.
 */
async function composeChase(
  deps: PortalDeps,
  partnership: Partnership,
  email: OutboxEmail,
  entries: ChaseEntry[],
): Promise<Message[]> {
  const p = email.params ?? {};
  const about = {
    partnershipName: partnership.name,
    officeName: partnership.officeName,
    officeEmail: partnership.officeEmail,
    caseReference: String(p.caseReference ?? ''),
    agencyName: String(p.agencyName ?? ''),
  };
  const recipients = email.recipients ?? [];
  const escalations = entries.filter((e) => isEscalation(e.action));
  if (escalations.length) {
    const portalLink = `${deps.settings.webBaseUrl}/cases/${email.caseId}`;
    const rendered = new Map<string, RenderedEmail>();
    const messages: Message[] = [];
    for (const to of recipients) {
      // The Case Review Group hears of what is referred to it; the office and strategic lead of everything.
      const told = escalations.filter((e) => e.to.includes(to));
      if (!told.length) continue;
      const key = told.map((e) => e.requestId).join(',');
      let message = rendered.get(key);
      if (!message) {
        const items: EscalationItem[] = told.map((e) => ({
          level: e.action as EscalationItem['level'],
          returnLabel: e.returnLabel,
          dueOn: e.dueOn,
          daysOverdue: e.daysOverdue,
          remindersSent: e.remindersSent ?? 0,
          referredToCrg: e.referredToCrg ?? false,
          ...(e.alsoTold?.length ? { alsoTold: e.alsoTold } : {}),
          ...(reopened(e) ? { reopened: true } : {}),
          ...(e.status && PROGRESS[e.status] ? { progress: PROGRESS[e.status] } : {}),
        }));
        message = escalationListEmail(items, { ...about, portalLink });
        rendered.set(key, message);
      }
      messages.push({ to, rendered: message });
    }
    return messages;
  }
  // One link opens every request of the agency in the case: it lasts as long as the latest of them needs.
  const latest = entries.map((e) => e.dueOn).sort()[entries.length - 1] ?? '';
  const rendered = agencyChaseEmail(
    entries.map((e) => ({
      action: e.action as 'remind' | 'due-today' | 'chase',
      returnLabel: e.returnLabel,
      dueOn: e.dueOn,
      daysOverdue: e.daysOverdue,
      ...(reopened(e) ? { reopened: true } : {}),
      ...(e.escalatedTo ? { escalatedTo: e.escalatedTo } : {}),
    })),
    { ...about, ...(await mintLink(deps, partnership, email, latest)) },
  );
  return everyone(recipients, rendered);
}

/** Statutory-risk alerts carry their recipients and values, fixed when the check was made: no reads here. */
function composeCaseAlert(deps: PortalDeps, partnership: Partnership, email: OutboxEmail): RenderedEmail {
  const p = email.params ?? {};
  const text = (name: string) => String(p[name] ?? '');
  return caseAlertEmail(text('kind') as CaseAlertKind, {
    partnershipName: partnership.name,
    caseReference: text('caseReference'),
    portalLink: `${deps.settings.webBaseUrl}/cases/${email.caseId}`,
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

/** What the staleness check read, so that composing does not read it again. */
interface Known {
  record?: Case;
  request?: ReturnRequest;
}

/**
 * Renders the e-mail, one message per recipient. A link is minted here, at sending time, so no raw token is
 * ever stored. A chasing e-mail renders only its `entries` still true (all of them unless checked).
 */
async function compose(
  deps: PortalDeps,
  email: OutboxEmail,
  known: Known = {},
  entries: ChaseEntry[] = entriesOf(email),
): Promise<Message[]> {
  const partnership = await requirePartnership(deps, email.partnershipId);
  if (email.template === 'reminder') return composeChase(deps, partnership, email, entries);
  if (email.template === 'case-alert')
    return everyone(email.recipients ?? [], composeCaseAlert(deps, partnership, email));
  const record = known.record ?? (await requireCase(deps, email.partnershipId, email.caseId));
  const agency = await deps.store.agencies.get(email.partnershipId, email.agencyId);
  if (!agency) throw new Error('agency of outbox e-mail missing');

  if (email.template === 'safety-concern') {
    return everyone(
      [partnership.officeEmail],
      safetyConcernEmail({
        partnershipName: partnership.name,
        caseReference: record.reference,
        agencyName: agency.name,
        portalLink: `${deps.settings.webBaseUrl}/cases/${record.id}`,
      }),
    );
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
    return everyone(to, requestStoppedEmail({ ...about, why }));
  }
  const { link, linkExpiresOn } = await mintLink(deps, partnership, email, request.dueOn);
  const template =
    email.template === 'more-info'
      ? moreInformationEmail
      : email.template === 'due-date-changed'
        ? dueDateChangedEmail
        : requestLinkEmail;
  return everyone(to, template({ ...about, dueOn: request.dueOn, linkExpiresOn, link }));
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
  if (outcome.result.status === 'dropped' || !email) return outcome.result;
  const status = outcome.result.status;
  const entries = outcome.entries ?? entriesOf(email);
  // Link e-mails and reminders show their delivery on each request they are about.
  if (email.template !== 'safety-concern' && email.template !== 'case-alert') {
    const requestIds = entries.length ? [...new Set(entries.map((e) => e.requestId))] : [email.requestId];
    for (const requestId of requestIds) {
      await deps.store.requests.setEmailStatus(email.partnershipId, email.caseId, requestId, status);
    }
  }
  if (status !== 'sent') return outcome.result;
  // attemptEmail has recorded each step's delivery. A request is escalated once its escalation has gone, not
  // when the step was queued: one dropped unsent (the return came in, the date moved) or failed for good has
  // told no one, and the ladder of a new due date must not pass over it as if it had.
  for (const entry of entries) {
    const level = levelOf(entry.action);
    if (level) await deps.store.requests.raiseEscalation(email.partnershipId, email.caseId, entry.requestId, level);
  }
  // Steps of this e-mail found no longer true before it went were left out of it: recorded now it has gone.
  for (const stale of outcome.stale ?? []) await recordDrop(deps, email, stale);
  return outcome.result;
}

/** A step of a chasing e-mail found no longer true, or the e-mail itself (no entry), with why. */
interface Stale {
  entry?: ChaseEntry;
  reason: DropReason;
  request?: ReturnRequest;
}

/** What the staleness check found: the e-mail's reason to be dropped whole, or the steps still true in it. */
interface Checked {
  reason?: DropReason;
  known: Known;
  live?: ChaseEntry[];
  stale?: Stale[];
}

/**
 * Reads what an e-mail about a request depends on, and says why it would no longer be true, if it would not. A
 * chasing e-mail is checked step by step: it goes with the steps still true, and is dropped when none is.
 */
async function staleness(deps: PortalDeps, email: OutboxEmail): Promise<Checked> {
  if (!holdsWhileOwed(email.template)) return { known: {} };
  const entries = entriesOf(email);
  const ids = entries.length ? [...new Set(entries.map((e) => e.requestId))] : [email.requestId];
  const [record, ...requests] = await Promise.all([
    deps.store.cases.get(email.partnershipId, email.caseId),
    ...ids.map((requestId) => deps.store.requests.get(email.partnershipId, email.caseId, requestId)),
  ]);
  const byId = new Map(ids.map((requestId, i) => [requestId, requests[i]]));
  if (!entries.length) {
    const request = byId.get(email.requestId);
    const known: Known = { ...(record ? { record } : {}), ...(request ? { request } : {}) };
    const reason = staleBecause(email, request, record);
    return reason ? { reason, known, stale: [{ reason, ...(request ? { request } : {}) }] } : { known };
  }
  const stale: Stale[] = [];
  const live: ChaseEntry[] = [];
  for (const entry of entries) {
    const request = byId.get(entry.requestId);
    const reason = staleBecause(
      { template: email.template, reminder: entry.reminder, createdAt: email.createdAt },
      request,
      record,
    );
    if (reason) stale.push({ entry, reason, ...(request ? { request } : {}) });
    else live.push(entry);
  }
  const known: Known = record ? { record } : {};
  return live.length ? { known, live, stale } : { reason: stale[0]?.reason ?? 'request-missing', known, stale };
}

const SENDER = { type: 'system' as const, name: 'outbox' };

/** Records where the office looks that a step (or an e-mail) was not sent, and why: the audit trail and the step. */
async function recordDrop(deps: PortalDeps, email: OutboxEmail, stale: Stale) {
  const at = deps.clock.now().toISOString();
  const requestId = stale.entry?.requestId ?? email.requestId;
  const reminder = stale.entry?.reminder ?? email.reminder;
  const action = stale.entry?.action ?? email.params?.action;
  await deps.store.audit.append(
    auditEvent(deps, SENDER, email.partnershipId, email.caseId, 'email.dropped', {
      requestId,
      agencyId: email.agencyId,
      detail: {
        template: email.template,
        reason: stale.reason,
        ...(reminder ? { step: reminder.step, dueOn: reminder.dueOn } : {}),
        ...(action ? { action: String(action) } : {}),
      },
    }),
  );
  if (reminder) {
    await deps.store.chase.markReminderDropped(
      email.partnershipId,
      email.caseId,
      requestId,
      reminder,
      at,
      stale.reason,
    );
  }
  // "Waiting to be sent" would stay on a request whose return came in. Withdrawing, marking not involved,
  // closing the case and extending each queued an e-mail of their own, which sets the status itself.
  if (stale.request?.emailStatus === 'queued' && RETURNED.has(stale.reason)) {
    await deps.store.requests.setEmailStatus(email.partnershipId, email.caseId, requestId, null);
  }
}

/**
 * Ends an e-mail without sending it, and records why where the office looks: the audit trail, the ladder
 * steps it carried, and the outbox item (last, so that a crash before it leaves the e-mail to be checked
 * and dropped again, never sent).
 */
async function dropEmail(deps: PortalDeps, email: OutboxEmail, reason: DropReason, stale: Stale[]) {
  for (const each of stale.length ? stale : [{ reason }]) await recordDrop(deps, email, each);
  await deps.store.outbox.markDropped(email.id, deps.clock.now().toISOString(), reason);
}

const RETURNED: ReadonlySet<DropReason> = new Set(['submitted', 'nil-return', 'accepted']);

/**
 * The outcome of each ladder step an e-mail carries is written before the e-mail leaves the `sending` state:
 * should a write fail, the e-mail is claimed again once its lease ends (sending to nobody twice) and the
 * outcome written then, so a reminder that went always says when.
 */
async function recordReminders(
  deps: PortalDeps,
  email: OutboxEmail,
  entries: ChaseEntry[],
  outcome: 'sent' | 'failed',
): Promise<void> {
  const at = deps.clock.now().toISOString();
  const { partnershipId, caseId } = email;
  for (const { requestId, reminder } of entries) {
    await retrying(() =>
      outcome === 'sent'
        ? deps.store.chase.markReminderSent(partnershipId, caseId, requestId, reminder, at)
        : deps.store.chase.markReminderFailed(partnershipId, caseId, requestId, reminder, at),
    );
  }
}

async function attemptEmail(
  deps: PortalDeps,
  id: string,
  options: DispatchOptions,
): Promise<{ result: DispatchOutcome; email?: OutboxEmail; entries?: ChaseEntry[]; stale?: Stale[] }> {
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
  let checked: Checked | undefined;
  try {
    checked = options.justQueued ? { known: {} } : await staleness(deps, claimed);
    if (checked.reason) {
      await dropEmail(deps, claimed, checked.reason, checked.stale ?? []);
      return { result: { status: 'dropped', reason: checked.reason }, email: claimed };
    }
    const messages = await compose(deps, claimed, checked.known, checked.live);
    for (const { to, rendered } of messages) {
      if (delivered.has(to)) continue;
      const { messageId } = await deps.mailer.send({ from: deps.settings.mailFrom, to, ...rendered });
      // SES has accepted it: recording that must not be mistaken for a failed send.
      await retrying(() => deps.store.outbox.markDelivered(id, to, messageId));
    }
  } catch (error) {
    const reason = error instanceof MailDeliveryError ? error.message : 'internal error';
    const retryable = !(error instanceof MailDeliveryError) || error.retryable;
    if (!retryable || claimed.attempts >= MAX_EMAIL_ATTEMPTS) {
      await recordReminders(deps, claimed, checked?.live ?? entriesOf(claimed), 'failed');
      await deps.store.outbox.markFailed(id, reason);
      return { result: { status: 'failed' }, email: claimed };
    }
    const nextAttemptAt = new Date(now.getTime() + retryDelayMinutes(claimed.attempts) * 60_000).toISOString();
    await deps.store.outbox.markRetry(id, nextAttemptAt, reason);
    return { result: { status: 'queued', nextAttemptAt }, email: claimed };
  }
  await recordReminders(deps, claimed, checked?.live ?? entriesOf(claimed), 'sent');
  await retrying(() => deps.store.outbox.markSent(id, deps.clock.now().toISOString()));
  return {
    result: { status: 'sent' },
    email: claimed,
    ...(checked?.live ? { entries: checked.live } : {}),
    ...(checked?.live && checked.stale?.length ? { stale: checked.stale } : {}),
  };
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

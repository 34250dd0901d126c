import { londonDate } from '../calendar';
import { levelOf, planChase, repliesMissingCheckDay, type CaseAlertKind, type LadderAction } from '../chasing';
import { newId } from '../ids';
import { RETURN_TYPE_LABELS, type Case, type Partnership, type ReturnRequest } from '../model';
import type { AgencyContacts, OutboxEmail, PortalDeps } from '../ports';
import { AWAITING_AGENCY } from '../request-status';
import { applyRetention } from './case-lifecycle';
import { withMilestones } from './cases';
import { remergeCase } from './chronology';
import { auditEvent } from './context';
import { decisions } from './meeting-decisions';
import { dispatchDueEmails, dispatchEmail } from './outbox';

/**
 * The scheduled run of every day (08:00 Europe/London): on working days takes the chasing ladder's steps
 * that have fallen due and raises statutory risks; every day re-merges chronologies, applies retention and
 * delivers queued e-mails. Each step is recorded exactly once, so a repeated run, a retry or a run resuming
 * after a crash sends nothing twice (ADR 0010). Between runs, `retryEmails` delivers the outbox's retries.
 */
export interface SweepReport {
  day: string;
  workingDay: boolean;
  requestsDue: number;
  stepsTaken: number;
  stepsAlreadyTaken: number;
  stepsSkipped: number;
  casesChecked: number;
  alertsRaised: number;
  chronologiesMerged: number;
  casesDeleted: number;
  casesHeld: number;
  /** E-mails sent, waiting for a retry, failed for good, and dropped unsent as no longer true. */
  emails: { sent: number; queued: number; failed: number; dropped: number };
}

const SYSTEM = { type: 'system' as const, name: 'daily-run' };

/** Who a ladder step goes to (§2.1.7): the agency first, then the Case Review Group, then the Partners. */
export function chaseRecipients(action: LadderAction, partnership: Partnership, agency: AgencyContacts): string[] {
  const agencyContacts = [agency.leadEmail, ...(agency.deputyEmail ? [agency.deputyEmail] : [])];
  const strategic = agency.strategicLeadEmail ? [agency.strategicLeadEmail] : [];
  const recipients =
    action === 'escalate-crg'
      ? [partnership.officeEmail, ...strategic, ...partnership.escalation.caseReviewGroup]
      : action === 'escalate-partners'
        ? [partnership.officeEmail, ...strategic, ...partnership.escalation.safeguardingPartners]
        : agencyContacts;
  return [...new Set(recipients.map((r) => r.toLowerCase()))];
}

class RunCache {
  private readonly partnerships = new Map<string, Promise<Partnership | undefined>>();
  private readonly agencies = new Map<string, Promise<Map<string, AgencyContacts>>>();

  constructor(private readonly deps: PortalDeps) {}

  partnership(id: string) {
    let hit = this.partnerships.get(id);
    if (!hit) this.partnerships.set(id, (hit = this.deps.store.partnerships.get(id)));
    return hit;
  }

  /** One read per partnership for its whole contact directory, rather than one per due request. */
  async agency(partnershipId: string, agencyId: string) {
    let hit = this.agencies.get(partnershipId);
    if (!hit) this.agencies.set(partnershipId, (hit = this.deps.store.agencies.contacts(partnershipId)));
    return (await hit).get(agencyId);
  }
}

/** Steps that e-mail the agency itself: an escalation may say "despite reminders" only after one of these. */
const AGENCY_ACTIONS: ReadonlySet<string> = new Set<LadderAction>(['remind', 'due-today', 'chase']);

/**
 * What an escalation may say happened before it, from the steps actually sent. A run catching up after
 * missed days records the earlier steps as skipped without sending them, so an escalation cannot assume
 * the agency was reminded (of its current due date), nor the Partners that the Case Review Group was asked
 * first (for this due date or an earlier one: an extension does not undo a referral).
 */
async function sentBefore(deps: PortalDeps, request: ReturnRequest, dueOn: string) {
  const reminders = await deps.store.chase.listReminders(request.partnershipId, request.caseId);
  const sent = reminders.filter((r) => r.requestId === request.id && r.sentAt);
  return {
    remindersSent: sent.filter((r) => r.dueOn === dueOn && AGENCY_ACTIONS.has(r.action)).length,
    referredToCrg: sent.some((r) => r.action === 'escalate-crg') ? 1 : 0,
  };
}

async function chaseRequest(
  deps: PortalDeps,
  cache: RunCache,
  request: ReturnRequest,
  today: string,
  report: SweepReport,
) {
  const partnership = await cache.partnership(request.partnershipId);
  const agency = await cache.agency(request.partnershipId, request.agencyId);
  if (!partnership || !agency || !request.chase) return;
  const now = deps.clock.now().toISOString();
  const ladder = partnership.chasing.ladders[request.route];
  const plan = planChase(deps.calendar, ladder, request.chase.dueOn, request.chase, today, request.escalationStep);
  const take = plan.take;
  if (!take) {
    // The queue date was ahead of the ladder (its configuration changed): only move the request.
    await deps.store.chase.recordStep(
      request,
      { position: plan.after },
      undefined,
      undefined,
      auditEvent(deps, SYSTEM, request.partnershipId, request.caseId, 'chase.rescheduled', { requestId: request.id }),
    );
    return;
  }
  // A run catching up past an escalation still tells its people, with the escalation it sends (ADR 0010).
  const alsoEscalate = plan.alsoEscalate ?? [];
  const to = [...new Set([take, ...alsoEscalate].flatMap((step) => chaseRecipients(step.action, partnership, agency)))];
  const escalation = levelOf(take.action);
  const history = escalation ? await sentBefore(deps, request, request.chase.dueOn) : undefined;
  const outbox: OutboxEmail = {
    id: newId(),
    template: 'reminder',
    partnershipId: request.partnershipId,
    caseId: request.caseId,
    requestId: request.id,
    agencyId: request.agencyId,
    status: 'pending',
    attempts: 0,
    createdAt: now,
    nextAttemptAt: now,
    recipients: to,
    params: {
      action: take.action,
      caseReference: request.caseReference,
      agencyName: agency.name,
      returnLabel: RETURN_TYPE_LABELS[request.returnType],
      dueOn: request.dueOn,
      daysOverdue: -deps.calendar.workingDaysLeft(today, request.dueOn),
      ...(history ?? {}),
      // A chaser tells the agency what comes next, which depends on how far it was already escalated.
      ...(take.action === 'chase' && request.escalationStep ? { escalatedTo: request.escalationStep } : {}),
      ...(alsoEscalate.length ? { alsoTold: alsoEscalate.map((s) => s.action).join(',') } : {}),
    },
    reminder: { dueOn: request.chase.dueOn, step: take.key },
  };
  const taken = await deps.store.chase.recordStep(
    request,
    {
      position: plan.after,
      lastReminder: { step: take.key, at: now },
    },
    { requestId: request.id, dueOn: request.chase.dueOn, step: take.key, action: take.action, recordedAt: now, to },
    outbox,
    auditEvent(
      deps,
      SYSTEM,
      request.partnershipId,
      request.caseId,
      escalation ? 'request.escalated' : 'request.reminded',
      {
        requestId: request.id,
        agencyId: request.agencyId,
        detail: {
          step: take.key,
          action: take.action,
          to,
          ...(plan.skipped.length ? { skipped: plan.skipped.map((s) => s.key) } : {}),
          ...(alsoEscalate.length ? { alsoFor: alsoEscalate.map((s) => s.key) } : {}),
        },
      },
    ),
  );
  if (taken) {
    report.stepsTaken += 1;
    report.stepsSkipped += plan.skipped.length;
    report.emails[(await dispatchEmail(deps, outbox.id, { justQueued: true })).status] += 1;
  } else {
    report.stepsAlreadyTaken += 1;
  }
}

/**
 * The returns a statutory risk is about that the agencies still owe. A Rapid Review's risks are about the
 * Information Request Replies its meeting and Combined Summary need (§4.3, §4.5): a chronology asked for
 * with a later date does not threaten the meeting or day 15.
 */
function outstandingFor(kind: CaseAlertKind, requests: ReturnRequest[]): number {
  return requests.filter(
    (r) =>
      AWAITING_AGENCY.has(r.status) &&
      (kind === 'cspr-six-months-near' || r.returnType === 'information-request-reply'),
  ).length;
}

/**
 * Whether a risk checked today is real. Day 15 is the sending of the National Panel documents (§4.2.2,
 * §4.8.1), which report the meeting's decision: it is at risk while the decision is not recorded or replies
 * are still owed. A CSPR is always reminded of §3.1.3.
 */
function riskOf(kind: CaseAlertKind, outstanding: number, decisionRecorded: boolean): boolean {
  if (kind === 'cspr-six-months-near') return true;
  if (kind === 'national-panel-at-risk') return outstanding > 0 || !decisionRecorded;
  // Replies missing for the meeting: moot once the meeting has been held and its decision recorded.
  return outstanding > 0 && !decisionRecorded;
}

async function checkCase(deps: PortalDeps, cache: RunCache, record: Case, today: string, report: SweepReport) {
  const partnership = await cache.partnership(record.partnershipId);
  const schedule = record.alertSchedule ?? [];
  if (!partnership) return;
  report.casesChecked += 1;
  const milestones = withMilestones(deps, partnership, record).milestones;
  const requests = await deps.store.requests.listForCase(record.partnershipId, record.id);
  const repliesDue = milestones.find((m) => m.key === 'replies-due')?.due;
  let decided: Promise<boolean> | undefined;
  // Only a Rapid Review's checks need the meeting's decision: one read per case, when first needed.
  const decisionRecorded = () =>
    (decided ??= decisions(deps)
      .get(record.partnershipId, record.id)
      .then((d) => d !== undefined));
  let current = record;
  for (let index = record.nextAlertIndex ?? 0; index < schedule.length; index += 1) {
    const planned = schedule[index];
    if (!planned || planned.on > today) break;
    const checkDay =
      planned.kind === 'replies-missing-at-meeting' && repliesDue && repliesMissingCheckDay(deps.calendar, repliesDue);
    if (checkDay && checkDay > today) {
      // A schedule stored before this rule checks on the window's first day, the replies' due date itself:
      // the check waits until the replies are late, and the case waits in the queue until then.
      await deps.store.chase.recordAlert(
        current,
        index,
        checkDay,
        undefined,
        undefined,
        auditEvent(deps, SYSTEM, record.partnershipId, record.id, 'case.risk-deferred', {
          detail: { kind: planned.kind, until: checkDay },
        }),
      );
      return;
    }
    const outstanding = outstandingFor(planned.kind, requests);
    const rapidReview = planned.kind !== 'cspr-six-months-near';
    const decision = rapidReview && (await decisionRecorded());
    const raise = riskOf(planned.kind, outstanding, decision);
    const decisionParam: { meetingDecision?: 'recorded' | 'not-recorded' } = rapidReview
      ? { meetingDecision: decision ? 'recorded' : 'not-recorded' }
      : {};
    const now = deps.clock.now().toISOString();
    const milestone = milestones.find(
      (m) =>
        m.key ===
        {
          'replies-missing-at-meeting': 'meeting',
          'national-panel-at-risk': 'national-panel',
          'cspr-six-months-near': 'review-complete',
        }[planned.kind],
    );
    const next = schedule[index + 1];
    const outbox: OutboxEmail | undefined = raise
      ? {
          id: newId(),
          template: 'case-alert',
          partnershipId: record.partnershipId,
          caseId: record.id,
          requestId: '-',
          agencyId: '-',
          status: 'pending',
          attempts: 0,
          createdAt: now,
          nextAttemptAt: now,
          recipients: [partnership.officeEmail],
          params: {
            kind: planned.kind,
            caseReference: record.reference,
            outstanding,
            deadline: milestone?.due ?? planned.on,
            // A run catching up after missed days may check after the date: the e-mail then says it passed.
            checkedOn: today,
            ...(milestone?.from ? { windowFrom: milestone.from } : {}),
            ...(planned.kind === 'replies-missing-at-meeting' && repliesDue ? { repliesDue } : {}),
            ...decisionParam,
          },
        }
      : undefined;
    const recorded = await deps.store.chase.recordAlert(
      current,
      index + 1,
      next?.on ?? null,
      raise
        ? {
            caseId: record.id,
            kind: planned.kind,
            recordedAt: now,
            to: [partnership.officeEmail],
            outstanding,
            ...decisionParam,
          }
        : undefined,
      outbox,
      auditEvent(deps, SYSTEM, record.partnershipId, record.id, raise ? 'case.risk-raised' : 'case.risk-checked', {
        detail: { kind: planned.kind, outstanding, ...decisionParam },
      }),
    );
    if (!recorded) return;
    if (raise) report.alertsRaised += 1;
    if (outbox) report.emails[(await dispatchEmail(deps, outbox.id, { justQueued: true })).status] += 1;
    current = { ...current, nextAlertIndex: index + 1 };
  }
}

export async function runDailySweep(deps: PortalDeps, options: { emailLimit?: number } = {}): Promise<SweepReport> {
  const today = londonDate(deps.clock.now());
  const report: SweepReport = {
    day: today,
    workingDay: deps.calendar.isWorkingDay(today),
    requestsDue: 0,
    stepsTaken: 0,
    stepsAlreadyTaken: 0,
    stepsSkipped: 0,
    casesChecked: 0,
    alertsRaised: 0,
    chronologiesMerged: 0,
    casesDeleted: 0,
    casesHeld: 0,
    emails: { sent: 0, queued: 0, failed: 0, dropped: 0 },
  };
  // The ladder and the statutory-risk checks count working days: on a weekend or bank holiday they wait.
  if (report.workingDay) {
    const cache = new RunCache(deps);
    for await (const request of deps.store.chase.dueRequests(today)) {
      report.requestsDue += 1;
      await chaseRequest(deps, cache, request, today, report);
    }
    for await (const record of deps.store.chase.dueCases(today)) await checkCase(deps, cache, record, today, report);
  }
  // The rest is not chasing and goes on every day. Above all the outbox: a safety-concern alert or a link
  // that SES refused on a Friday evening must not wait for Tuesday after a bank-holiday weekend.
  // Cases whose chronologies changed and were not merged at the time (the merge is idempotent).
  for await (const changed of deps.store.chronologies.changed()) {
    await remergeCase(deps, changed.partnershipId, changed.caseId);
    report.chronologiesMerged += 1;
  }
  const retention = await applyRetention(deps, today);
  report.casesDeleted = retention.purged;
  report.casesHeld = retention.held;
  // New e-mails went out as their steps were taken; now those waiting for a retry.
  const retried = await dispatchDueEmails(deps, options.emailLimit ?? 1000);
  for (const status of ['sent', 'queued', 'failed', 'dropped'] as const) report.emails[status] += retried[status];
  return report;
}

export interface OutboxReport {
  at: string;
  emails: { sent: number; queued: number; failed: number; dropped: number };
}

/**
 * The outbox alone, every few minutes (ADR 0005): retries fall due 5, 10, 20 … minutes after a failure,
 * and an alert to the office or a request's link must not wait for the next morning's run.
 */
export async function retryEmails(deps: PortalDeps, options: { emailLimit?: number } = {}): Promise<OutboxReport> {
  const at = deps.clock.now().toISOString();
  return { at, emails: await dispatchDueEmails(deps, options.emailLimit ?? 200) };
}

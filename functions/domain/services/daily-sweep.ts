import { londonDate } from '../calendar';
import {
  isEscalation,
  levelOf,
  planChase,
  repliesMissingCheckDay,
  type CaseAlertKind,
  type ChasePlan,
  type LadderAction,
  type LadderStep,
} from '../chasing';
import { newId } from '../ids';
import { RETURN_TYPE_LABELS, type Case, type Partnership, type ReminderRecord, type ReturnRequest } from '../model';
import {
  MAX_STEPS_TOGETHER,
  type AgencyContacts,
  type ChaseEntry,
  type ChaseStepWrite,
  type OutboxEmail,
  type PortalDeps,
} from '../ports';
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
function sentBefore(reminders: ReminderRecord[], request: ReturnRequest, dueOn: string) {
  const sent = reminders.filter((r) => r.requestId === request.id && r.sentAt);
  return {
    remindersSent: sent.filter((r) => r.dueOn === dueOn && AGENCY_ACTIONS.has(r.action)).length,
    referredToCrg: sent.some((r) => r.action === 'escalate-crg'),
  };
}

/** A request whose step falls due today, with the plan for it. */
interface Due {
  request: ReturnRequest & { chase: NonNullable<ReturnRequest['chase']> };
  plan: ChasePlan & { take: LadderStep };
}

/** What the run knows of one agency in one case while taking its steps. */
interface Group {
  partnership: Partnership;
  agency: AgencyContacts;
  /** The case's reminders, read once and only when an escalation needs to say what went before it. */
  history: () => Promise<ReminderRecord[]>;
}

/** One request's step, as it is recorded and as its e-mail tells of it. */
async function stepOf(deps: PortalDeps, group: Group, { request, plan }: Due, today: string, now: string) {
  const take = plan.take;
  // A run catching up past an escalation still tells its people, with the escalation it sends (ADR 0010).
  const alsoEscalate = plan.alsoEscalate ?? [];
  const to = [
    ...new Set(
      [take, ...alsoEscalate].flatMap((step) => chaseRecipients(step.action, group.partnership, group.agency)),
    ),
  ];
  const escalation = levelOf(take.action);
  const history = escalation ? sentBefore(await group.history(), request, request.chase.dueOn) : undefined;
  const entry: ChaseEntry = {
    requestId: request.id,
    reminder: { dueOn: request.chase.dueOn, step: take.key },
    action: take.action,
    returnLabel: RETURN_TYPE_LABELS[request.returnType],
    status: request.status,
    dueOn: request.dueOn,
    daysOverdue: -deps.calendar.workingDaysLeft(today, request.dueOn),
    to,
    ...(history ?? {}),
    // A chaser tells the agency what comes next, which depends on how far it was already escalated.
    ...(take.action === 'chase' && request.escalationStep ? { escalatedTo: request.escalationStep } : {}),
    ...(alsoEscalate.length ? { alsoTold: alsoEscalate.map((s) => s.action) } : {}),
  };
  const write: ChaseStepWrite = {
    request,
    next: { position: plan.after, lastReminder: { step: take.key, at: now } },
    reminder: {
      requestId: request.id,
      dueOn: request.chase.dueOn,
      step: take.key,
      action: take.action,
      recordedAt: now,
      to,
    },
    audit: auditEvent(
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
  };
  return { entry, write, skipped: plan.skipped.length };
}

/**
 * The day's e-mails for one agency in one case: one to the agency for its reminders and chasers (one link for
 * every return), and one escalation whose recipients each hear of the returns escalated to them. A chair with
 * two late returns of one agency gets one e-mail listing both, not two alike.
 */
function emailsOf(first: ReturnRequest, agency: AgencyContacts, entries: ChaseEntry[], now: string): OutboxEmail[] {
  const email = (list: ChaseEntry[]): OutboxEmail[] =>
    list.length
      ? [
          {
            id: newId(),
            template: 'reminder',
            partnershipId: first.partnershipId,
            caseId: first.caseId,
            requestId: list[0]?.requestId ?? first.id,
            agencyId: first.agencyId,
            status: 'pending',
            attempts: 0,
            createdAt: now,
            nextAttemptAt: now,
            recipients: [...new Set(list.flatMap((e) => e.to))],
            params: { caseReference: first.caseReference, agencyName: agency.name },
            entries: list,
          },
        ]
      : [];
  return [
    ...email(entries.filter((e) => !isEscalation(e.action))),
    ...email(entries.filter((e) => isEscalation(e.action))),
  ];
}

/**
 * Takes the due steps of one agency's requests in one case together: one transaction records every step and
 * the e-mails that carry them, so a repeated or concurrent run sends nothing twice and a run that dies leaves
 * the e-mails in the outbox. A step already taken or a request that moved on meanwhile is left out and the
 * rest taken again; a refusal that names no step has each step tried alone.
 */
async function takeTogether(deps: PortalDeps, group: Group, due: Due[], today: string, report: SweepReport) {
  let remaining = due;
  while (remaining.length) {
    const now = deps.clock.now().toISOString();
    const steps = [];
    for (const each of remaining) steps.push(await stepOf(deps, group, each, today, now));
    const first = remaining[0]?.request as ReturnRequest;
    const outbox = emailsOf(
      first,
      group.agency,
      steps.map((s) => s.entry),
      now,
    );
    const result = await deps.store.chase.recordSteps(
      steps.map((s) => s.write),
      outbox,
    );
    if (result.taken) {
      report.stepsTaken += steps.length;
      report.stepsSkipped += steps.reduce((n, s) => n + s.skipped, 0);
      for (const email of outbox)
        report.emails[(await dispatchEmail(deps, email.id, { justQueued: true })).status] += 1;
      return;
    }
    if (!result.refused.length) {
      if (remaining.length === 1) {
        report.stepsAlreadyTaken += 1;
        return;
      }
      for (const each of remaining) await takeTogether(deps, group, [each], today, report);
      return;
    }
    const refused = new Set(result.refused);
    report.stepsAlreadyTaken += remaining.filter((d) => refused.has(d.request.id)).length;
    remaining = remaining.filter((d) => !refused.has(d.request.id));
  }
}

/** The due requests of one agency in one case: each planned, then their steps taken together. */
async function chaseGroup(
  deps: PortalDeps,
  cache: RunCache,
  requests: ReturnRequest[],
  today: string,
  report: SweepReport,
) {
  const [first] = requests;
  if (!first) return;
  const partnership = await cache.partnership(first.partnershipId);
  const agency = await cache.agency(first.partnershipId, first.agencyId);
  if (!partnership || !agency) return;
  let reminders: Promise<ReminderRecord[]> | undefined;
  const group: Group = {
    partnership,
    agency,
    history: () => (reminders ??= deps.store.chase.listReminders(first.partnershipId, first.caseId)),
  };
  const due: Due[] = [];
  for (const request of requests) {
    if (!request.chase) continue;
    const ladder = partnership.chasing.ladders[request.route];
    const plan = planChase(deps.calendar, ladder, request.chase.dueOn, request.chase, today, request.escalationStep);
    if (plan.take) {
      due.push({ request: request as Due['request'], plan: plan as Due['plan'] });
      continue;
    }
    // The queue date was ahead of the ladder (its configuration changed): only move the request.
    await deps.store.chase.recordStep(
      request,
      { position: plan.after },
      undefined,
      undefined,
      auditEvent(deps, SYSTEM, request.partnershipId, request.caseId, 'chase.rescheduled', { requestId: request.id }),
    );
  }
  for (let i = 0; i < due.length; i += MAX_STEPS_TOGETHER) {
    await takeTogether(deps, group, due.slice(i, i + MAX_STEPS_TOGETHER), today, report);
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
    // A day's steps are taken per agency in each case, so that each person gets one e-mail about it (the queue
    // is read whole first: it holds only what is due, and the grouping costs no read).
    const groups = new Map<string, ReturnRequest[]>();
    for await (const request of deps.store.chase.dueRequests(today)) {
      report.requestsDue += 1;
      const key = `${request.partnershipId}#${request.caseId}#${request.agencyId}`;
      groups.set(key, [...(groups.get(key) ?? []), request]);
    }
    for (const requests of groups.values()) await chaseGroup(deps, cache, requests, today, report);
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

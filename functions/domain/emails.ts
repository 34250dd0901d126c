import { parseIsoDate, type IsoDate } from './calendar';

/**
 * E-mail templates. E-mail is not a secure channel (§2.1.6), so by construction a template receives
 * only a case reference, names of organisations, dates and a link: never a child's or family's details.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** What every e-mail about one agency's request names: who asks, the case, the agency and the return. */
export interface AgencyRequestParams {
  partnershipName: string;
  officeName: string;
  officeEmail: string;
  caseReference: string;
  agencyName: string;
  returnLabel: string;
}

export interface RequestLinkParams extends AgencyRequestParams {
  dueOn: IsoDate;
  linkExpiresOn: IsoDate;
  link: string;
}

export interface CodeParams {
  partnershipName: string;
  caseReference: string;
  code: string;
  validMinutes: number;
}

export interface SafetyConcernParams {
  partnershipName: string;
  caseReference: string;
  agencyName: string;
  portalLink: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "Wednesday 6 January 2027", the GOV.UK style for dates in words. */
export function longDate(date: IsoDate): string {
  const d = parseIsoDate(date);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** A paragraph, or a list (bullets in HTML, "- " lines in the text). */
type Block = string | readonly string[];

const textBlock = (block: Block) => (typeof block === 'string' ? block : block.map((item) => `- ${item}`).join('\n'));
const htmlBlock = (block: Block) =>
  typeof block === 'string'
    ? `<p>${escapeHtml(block)}</p>`
    : `<ul>${block.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;

/** The link goes after the first `linkAfter` blocks (after the opening sentence, or after a list of returns). */
function render(
  subject: string,
  paragraphs: Block[],
  link?: { href: string; label: string },
  linkAfter = 1,
): RenderedEmail {
  const texts = paragraphs.map(textBlock);
  const text = [...texts.slice(0, linkAfter), ...(link ? [link.href] : []), ...texts.slice(linkAfter)].join('\n\n');
  const htmlParagraphs = paragraphs.map(htmlBlock);
  if (link) {
    htmlParagraphs.splice(linkAfter, 0, `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`);
  }
  const html = `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5">${htmlParagraphs.join('')}</body></html>`;
  return { subject, text, html };
}

export function requestLinkEmail(p: RequestLinkParams): RenderedEmail {
  return render(
    `Information request for case ${p.caseReference} from ${p.partnershipName}: ${p.returnLabel}`,
    [
      `${p.partnershipName} asks ${p.agencyName} for information for case ${p.caseReference}: ${p.returnLabel}. Open this link to see the request and respond:`,
      `Please respond by ${longDate(p.dueOn)}. The link works until ${longDate(p.linkExpiresOn)}. When you open it we will e-mail you a code to confirm it is you.`,
      'For your security this e-mail holds no details of the child or family: you will see them after entering the code. Do not forward this e-mail; if it should go to someone else in your agency, tell the business office.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Open the request for case ${p.caseReference}` },
  );
}

export function moreInformationEmail(p: RequestLinkParams): RenderedEmail {
  return render(
    `More information requested for case ${p.caseReference} from ${p.partnershipName}: ${p.returnLabel}`,
    [
      `${p.partnershipName} has read the ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference} and asks for more information. Open this link to see what is asked and respond:`,
      `Please respond by ${longDate(p.dueOn)}. The link works until ${longDate(p.linkExpiresOn)}. When you open it we will e-mail you a code to confirm it is you.`,
      'For your security this e-mail holds no details of the child or family. Links in earlier e-mails about this case still work until the date each gives.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Open the request for case ${p.caseReference}` },
  );
}

export function dueDateChangedEmail(p: RequestLinkParams): RenderedEmail {
  return render(
    `New due date for case ${p.caseReference} from ${p.partnershipName}: ${p.returnLabel}`,
    [
      `${p.partnershipName} has given ${p.agencyName} until ${longDate(p.dueOn)} for the ${p.returnLabel} for case ${p.caseReference}. Open this link to see the request and respond:`,
      `The link works until ${longDate(p.linkExpiresOn)}. When you open it we will e-mail you a code to confirm it is you.`,
      'For your security this e-mail holds no details of the child or family. Links in earlier e-mails about this case still work until the date each gives.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Open the request for case ${p.caseReference}` },
  );
}

export interface RequestStoppedParams extends AgencyRequestParams {
  /** Withdrawn by the business office, recorded by it that the agency was not involved, or its case closed. */
  why: 'withdrawn' | 'not-involved' | 'case-closed';
}

/** Tells the agency a return is no longer wanted, so nobody keeps working on it; it carries no link. */
export function requestStoppedEmail(p: RequestStoppedParams): RenderedEmail {
  const reason =
    p.why === 'withdrawn'
      ? `has withdrawn its request to ${p.agencyName} for the ${p.returnLabel} for case ${p.caseReference}.`
      : p.why === 'case-closed'
        ? `has closed case ${p.caseReference}, so the ${p.returnLabel} asked of ${p.agencyName} is no longer needed.`
        : `has recorded that ${p.agencyName} was not involved with case ${p.caseReference}, so the ${p.returnLabel} is no longer needed.`;
  return render(`No longer needed: ${p.returnLabel} for case ${p.caseReference}`, [
    `${p.partnershipName} ${reason} You do not need to send it, and you will get no reminders for it.`,
    p.why === 'case-closed'
      ? 'The links to this case no longer work. If you think this is a mistake, contact the business office.'
      : 'Any other request for this case still stands. If you think this is a mistake, contact the business office.',
    'For your security this e-mail holds no details of the child or family.',
    `${p.officeName}, ${p.officeEmail}`,
  ]);
}

export function oneTimeCodeEmail(p: CodeParams): RenderedEmail {
  return render(`Your code for case ${p.caseReference}`, [
    `Your code to open the information request from ${p.partnershipName} for case ${p.caseReference} is ${p.code}.`,
    `It works once, for ${p.validMinutes} minutes. If you did not ask for it, you can ignore this e-mail.`,
  ]);
}

export function safetyConcernEmail(p: SafetyConcernParams): RenderedEmail {
  return render(
    `Immediate safety concern reported for case ${p.caseReference}`,
    [
      `${p.agencyName} has reported an immediate safety concern in its return for case ${p.caseReference}. Read it in the portal now:`,
      `This alert was sent by the ${p.partnershipName} returns portal. It holds no details of the child or family by design.`,
    ],
    { href: p.portalLink, label: `Open case ${p.caseReference}` },
  );
}

export interface ReminderParams extends AgencyRequestParams {
  dueOn: IsoDate;
  /** Working days from the due date to today: negative before it. */
  daysOverdue: number;
  /**
   * The agency returned it and the office asked for more (`more-info-requested`): what is owed is the further
   * information, not the return, and an e-mail saying it "has not returned" the return would be untrue.
   */
  reopened?: boolean;
}

const overdueWords = (days: number) => (days === 1 ? '1 working day' : `${days} working days`);

type EscalationLevelWords = 'case-review-group' | 'safeguarding-partners';

/** Reminders and chasers to the agency's lead and deputy, each with a fresh link. */
export function agencyReminderEmail(
  action: 'remind' | 'due-today' | 'chase',
  p: ReminderParams & {
    link: string;
    linkExpiresOn: IsoDate;
    /** How far the request was already escalated (before an extension): a chaser names the next level only. */
    escalatedTo?: EscalationLevelWords;
  },
): RenderedEmail {
  const next =
    p.escalatedTo === 'safeguarding-partners'
      ? 'The Safeguarding Partners have already been told that this return was late (guidance §2.1.7).'
      : p.escalatedTo === 'case-review-group'
        ? 'The Case Review Group has already been told that this return was late; continued failure to return is escalated to the Safeguarding Partners (guidance §2.1.7).'
        : 'Continued failure to return is referred to the Case Review Group (guidance §2.1.7).';
  // Reopened for more information, the return is in: what is owed is what the office asked for.
  const what = p.reopened ? `further information on the ${p.returnLabel}` : p.returnLabel;
  const owed = p.reopened
    ? `The further information ${p.agencyName} was asked for on its ${p.returnLabel} for case ${p.caseReference}`
    : `The ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference}`;
  const subject = {
    remind: `Reminder: ${what} for case ${p.caseReference} is due on ${longDate(p.dueOn)}`,
    'due-today': `Due today: ${what} for case ${p.caseReference}`,
    chase: `Overdue: ${what} for case ${p.caseReference} was due on ${longDate(p.dueOn)}`,
  }[action];
  const opening = {
    remind: p.reopened
      ? `${p.partnershipName} is waiting for ${p.agencyName} to send the further information asked for on its ${p.returnLabel} for case ${p.caseReference}, due on ${longDate(p.dueOn)}. Open this link to respond:`
      : `${p.partnershipName} is waiting for the ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference}, due on ${longDate(p.dueOn)}. Open this link to respond:`,
    'due-today': `${owed} is due today. Open this link to respond:`,
    chase: `${owed} was due on ${longDate(p.dueOn)} and is ${overdueWords(p.daysOverdue)} overdue. ${next} Open this link to respond:`,
  }[action];
  return render(
    subject,
    [
      opening,
      `The link works until ${longDate(p.linkExpiresOn)}. If your agency holds no records, you can make a nil return in a minute. If you need more time, contact the business office.`,
      'For your security this e-mail holds no details of the child or family.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Respond for case ${p.caseReference}` },
  );
}

/** One return in a day's chasing e-mail to an agency. */
export interface AgencyChaseItem {
  action: 'remind' | 'due-today' | 'chase';
  returnLabel: string;
  dueOn: IsoDate;
  daysOverdue: number;
  reopened?: boolean;
  escalatedTo?: EscalationLevelWords;
}

/** "due on …", "due today", "was due on …, 2 working days overdue": where a return stands against its date. */
function dueWords(dueOn: IsoDate, daysOverdue: number): string {
  if (daysOverdue > 0) return `was due on ${longDate(dueOn)}, ${overdueWords(daysOverdue)} overdue`;
  return daysOverdue === 0 ? `due today, ${longDate(dueOn)}` : `due on ${longDate(dueOn)}`;
}

/**
 * A day's reminders and chasers to one agency for one case, in one e-mail with one fresh link (a link opens
 * every request of the agency in the case): one return is worded as before, several are listed, each with its
 * due date and where it stands against it.
 */
export function agencyChaseEmail(
  items: readonly AgencyChaseItem[],
  p: Omit<AgencyRequestParams, 'returnLabel'> & { link: string; linkExpiresOn: IsoDate },
): RenderedEmail {
  const [only] = items;
  if (only && items.length === 1) return agencyReminderEmail(only.action, { ...p, ...only });
  const most = items.some((i) => i.action === 'chase')
    ? 'Overdue'
    : items.some((i) => i.action === 'due-today')
      ? 'Due today'
      : 'Reminder';
  const lines = items.map((i) => {
    const what = i.reopened ? `Further information on the ${i.returnLabel}` : i.returnLabel;
    const told =
      i.action !== 'chase'
        ? ''
        : i.escalatedTo === 'safeguarding-partners'
          ? '; the Safeguarding Partners have already been told it was late'
          : i.escalatedTo === 'case-review-group'
            ? '; the Case Review Group has already been told it was late'
            : '';
    return `${what}: ${dueWords(i.dueOn, i.daysOverdue)}${told}`;
  });
  return render(
    `${most}: ${items.length} returns for case ${p.caseReference}`,
    [
      `${p.partnershipName} is waiting for ${items.length} returns from ${p.agencyName} for case ${p.caseReference}:`,
      lines,
      'Open this link to respond to each of them:',
      ...(items.some((i) => i.action === 'chase')
        ? [
            'Continued failure to return is referred to the Case Review Group, then escalated to the Safeguarding Partners (guidance §2.1.7).',
          ]
        : []),
      `The link works until ${longDate(p.linkExpiresOn)}. If your agency holds no records, you can make a nil return in a minute. If you need more time, contact the business office.`,
      'For your security this e-mail holds no details of the child or family.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Respond for case ${p.caseReference}` },
    3,
  );
}

/** How far the agency had got with a request when it was escalated: never its content. */
export type ChaseProgress = 'not-opened' | 'opened' | 'draft';

const PROGRESS_SENTENCE: Record<ChaseProgress, string> = {
  'not-opened': 'The agency has not opened the request.',
  opened: 'The agency has opened the request but has not saved a draft.',
  draft: 'The agency has saved a draft but has not submitted it.',
};

const PROGRESS_WORDS: Record<ChaseProgress, string> = {
  'not-opened': 'not opened',
  opened: 'opened, no draft saved',
  draft: 'draft saved, not submitted',
};

export interface EscalationParams extends ReminderParams {
  portalLink: string;
  /** Reminders or chasers actually sent to the agency for this due date: a missed run may have sent none. */
  remindersSent: number;
  /** Whether the Case Review Group was actually referred to before (a missed run may go straight to the Partners). */
  referredToCrg: boolean;
  /** Escalations a missed run skipped, whose people this e-mail also goes to (ADR 0010). */
  alsoTold?: readonly string[];
  /** Where the agency had got to (absent for a return reopened for more information, which the wording says). */
  progress?: ChaseProgress;
}

const isEscalationAction = (a: string): a is 'escalate-crg' | 'escalate-partners' =>
  a === 'escalate-crg' || a === 'escalate-partners';
const group = (a: string) => (a === 'escalate-crg' ? 'the Case Review Group' : 'the Safeguarding Partners');
const CRG_ASKED =
  "Under the partnership's practice guidance (§2.1.7) the Case Review Group is asked to resolve this with the agency's strategic safeguarding lead.";
const PARTNERS_AFTER_CRG =
  'A prompt resolution has not been found: under the practice guidance (§2.1.7) the matter is escalated to the Safeguarding Partners for formal action.';
const PARTNERS =
  'Under the practice guidance (§2.1.7) the matter is escalated to the Safeguarding Partners for formal action.';
const alsoSentence = (a: string) =>
  `This e-mail also goes to ${group(a)}: the ${a === 'escalate-crg' ? 'referral to it' : 'escalation to them'} fell due earlier but was not sent at the time.`;
const footer = (p: { partnershipName: string }) =>
  `This e-mail was sent by the ${p.partnershipName} returns portal. It holds no details of the child or family by design.`;

/** Escalation of a late return (§2.1.7): to the Case Review Group and strategic lead, then the Partners. */
export function escalationEmail(level: 'escalate-crg' | 'escalate-partners', p: EscalationParams): RenderedEmail {
  const crg = level === 'escalate-crg';
  // Say only what happened: "despite reminders" when the agency was reminded, "not resolved" after a referral.
  const despite = p.remindersSent > 0 ? ' despite reminders' : '';
  // A missed run sends one escalation to everyone it skipped too: say so, so nobody wonders why they have it.
  const also = (p.alsoTold ?? []).filter((a) => a !== level && isEscalationAction(a));
  const to = [group(level), ...also.map(group)].join(' and ');
  const owed = p.reopened
    ? `has not sent the further information asked for on its ${p.returnLabel} for case ${p.caseReference}`
    : `has not returned the ${p.returnLabel} for case ${p.caseReference}`;
  const progress = p.progress && !p.reopened ? ` ${PROGRESS_SENTENCE[p.progress]}` : '';
  return render(`Escalation to ${to}: case ${p.caseReference}, ${p.agencyName}`, [
    `${p.agencyName} ${owed}. It was due on ${longDate(p.dueOn)} and is ${overdueWords(p.daysOverdue)} overdue${despite}.${progress}`,
    crg ? CRG_ASKED : p.referredToCrg ? PARTNERS_AFTER_CRG : PARTNERS,
    ...also.map(alsoSentence),
    `The business office can see the request${p.remindersSent > 0 ? ' and its reminders' : ''} in the portal: ${p.portalLink}`,
    footer(p),
  ]);
}

/** One late return in a day's escalation e-mail about an agency. */
export interface EscalationItem extends Omit<EscalationParams, keyof AgencyRequestParams | 'portalLink'> {
  level: 'escalate-crg' | 'escalate-partners';
  returnLabel: string;
}

/**
 * A day's escalations about one agency in one case, to one recipient: one return is worded as before, several
 * are listed, each with its due date and where the agency had got to; the levels are those this recipient is
 * told of (the office and the strategic lead may be told of both).
 */
export function escalationListEmail(
  items: readonly EscalationItem[],
  p: Omit<AgencyRequestParams, 'returnLabel'> & { portalLink: string },
): RenderedEmail {
  const [only] = items;
  if (only && items.length === 1) return escalationEmail(only.level, { ...p, ...only });
  const levels = [...new Set(items.map((i) => i.level))].sort();
  const also = [...new Set(items.flatMap((i) => i.alsoTold ?? []))]
    .filter(isEscalationAction)
    .filter((a) => !levels.includes(a))
    .sort();
  const to = [...levels, ...also].map(group).join(' and ');
  const lines = items.map((i) => {
    const what = i.reopened ? `The further information asked for on its ${i.returnLabel}` : `The ${i.returnLabel}`;
    const despite = i.remindersSent > 0 ? ' despite reminders' : '';
    const progress = i.progress && !i.reopened ? ` (${PROGRESS_WORDS[i.progress]})` : '';
    const level =
      levels.length > 1
        ? i.level === 'escalate-crg'
          ? ' — referred to the Case Review Group'
          : ' — escalated to the Safeguarding Partners'
        : '';
    return `${what}: due on ${longDate(i.dueOn)}, ${overdueWords(i.daysOverdue)} overdue${despite}${progress}${level}`;
  });
  const partners = items.filter((i) => i.level === 'escalate-partners');
  return render(`Escalation to ${to}: case ${p.caseReference}, ${p.agencyName}`, [
    `${p.agencyName} has not sent ${items.length} returns for case ${p.caseReference}:`,
    lines,
    ...(levels.includes('escalate-crg') ? [CRG_ASKED] : []),
    ...(partners.length ? [partners.every((i) => i.referredToCrg) ? PARTNERS_AFTER_CRG : PARTNERS] : []),
    ...also.map(alsoSentence),
    `The business office can see the requests${items.some((i) => i.remindersSent > 0) ? ' and their reminders' : ''} in the portal: ${p.portalLink}`,
    footer(p),
  ]);
}

export interface CaseAlertParams {
  partnershipName: string;
  caseReference: string;
  portalLink: string;
  outstanding: number;
  /** The statutory date at risk. */
  deadline: IsoDate;
  windowFrom?: IsoDate;
  /** The day the risk was checked; a run catching up after missed days may check after the date has passed. */
  checkedOn?: IsoDate;
  /**
   * National Panel alerts: whether the meeting's decision was recorded when the risk was checked, and
   * `outstanding` counts the Information Request Replies still owed. Absent in alerts queued before the
   * check looked at the decision (they counted every outstanding return, and say so).
   */
  meetingDecision?: 'recorded' | 'not-recorded';
  /**
   * Replies-missing alerts: the day the Information Request Replies were due (checked the working day after).
   * Absent in alerts queued before, which were checked on the window's first day.
   */
  repliesDue?: IsoDate;
}

/** Information Request Replies late for the meeting: checked the working day after they were due. */
function repliesLate(p: CaseAlertParams & { repliesDue: IsoDate }, passed: boolean) {
  const replies =
    p.outstanding === 1
      ? '1 Information Request Reply is still outstanding'
      : `${p.outstanding} Information Request Replies are still outstanding`;
  const from = p.windowFrom ?? p.deadline;
  const window = `${longDate(from)} to ${longDate(p.deadline)}`;
  const late = `${replies} for case ${p.caseReference}: replies were due by ${longDate(p.repliesDue)}.`;
  if (passed)
    return {
      subject: `Rapid Review ${p.caseReference}: replies still missing after the meeting window closed`,
      text: `${late} The Rapid Review meeting window (${window}) has passed.`,
    };
  const open = p.checkedOn !== undefined && p.checkedOn >= from;
  return open
    ? {
        subject: `Rapid Review ${p.caseReference}: replies overdue in the meeting window`,
        text: `${late} The Rapid Review meeting window is open (${window}).`,
      }
    : {
        subject: `Rapid Review ${p.caseReference}: replies overdue before the meeting window opens`,
        text: `${late} The Rapid Review meeting is to be held from ${window}.`,
      };
}

/**
 * What threatens day 15 (§4.2.2, §4.8.1): the National Panel documents report the meeting's decision, so
 * they cannot be made until it is recorded; and the Combined Summary collates the Information Request Replies.
 */
function nationalPanelRisk(p: CaseAlertParams, passed: boolean): { subject: string; text: string } {
  const deadline = `${longDate(p.deadline)} (working day 15)`;
  if (p.meetingDecision === undefined) {
    const returns = p.outstanding === 1 ? '1 return is' : `${p.outstanding} returns are`;
    return passed
      ? {
          subject: `Rapid Review ${p.caseReference}: National Panel deadline passed`,
          text: `The Combined Summary for case ${p.caseReference} was due at the National Panel by ${deadline}. That date has passed and ${returns} still outstanding.`,
        }
      : {
          subject: `Rapid Review ${p.caseReference}: National Panel deadline at risk`,
          text: `The Combined Summary for case ${p.caseReference} must reach the National Panel by ${deadline} and ${returns} still outstanding.`,
        };
  }
  const replies =
    p.outstanding === 1
      ? '1 Information Request Reply is still outstanding'
      : `${p.outstanding} Information Request Replies are still outstanding`;
  const noDecision = "the Rapid Review meeting's decision is not recorded yet";
  const risks = [
    ...(p.meetingDecision === 'not-recorded' ? [noDecision] : []),
    ...(p.outstanding > 0 ? [replies] : []),
  ];
  const what = risks.join(', and ');
  const documents = `The Combined Summary for the National Panel and its covering letter for case ${p.caseReference}`;
  const todo =
    p.meetingDecision === 'not-recorded'
      ? " The two documents report the meeting's decision: record it in the portal to make them."
      : '';
  return passed
    ? {
        subject: `Rapid Review ${p.caseReference}: National Panel deadline passed`,
        text: `${documents} were due at the National Panel by ${deadline}. That date has passed, and ${what}.${todo}`,
      }
    : {
        subject: `Rapid Review ${p.caseReference}: National Panel deadline at risk`,
        text: `${documents} must reach the National Panel by ${deadline}, and ${what}.${todo}`,
      };
}

/** Statutory risks, to the business office only. A date already passed is reported as passed, not as coming. */
export function caseAlertEmail(
  kind: 'replies-missing-at-meeting' | 'national-panel-at-risk' | 'cspr-six-months-near',
  p: CaseAlertParams,
): RenderedEmail {
  const returns = p.outstanding === 1 ? '1 return is' : `${p.outstanding} returns are`;
  const passed = p.checkedOn !== undefined && p.checkedOn > p.deadline;
  const windowFrom = p.windowFrom ?? p.deadline;
  const window = `${longDate(windowFrom)} to ${longDate(p.deadline)}`;
  const content = {
    'replies-missing-at-meeting': p.repliesDue
      ? repliesLate({ ...p, repliesDue: p.repliesDue }, passed)
      : passed
        ? {
            subject: `Rapid Review ${p.caseReference}: replies still missing after the meeting window closed`,
            text: `${returns} still outstanding for case ${p.caseReference}. The Rapid Review meeting window (${window}) has passed.`,
          }
        : p.checkedOn !== undefined && p.checkedOn > windowFrom
          ? {
              subject: `Rapid Review ${p.caseReference}: replies missing in the meeting window`,
              text: `${returns} still outstanding for case ${p.caseReference} and the Rapid Review meeting window is open (${window}).`,
            }
          : {
              subject: `Rapid Review ${p.caseReference}: replies missing as the meeting window opens`,
              text: `${returns} still outstanding for case ${p.caseReference} as the Rapid Review meeting window opens (${window}).`,
            },
    'national-panel-at-risk': nationalPanelRisk(p, passed),
    'cspr-six-months-near': passed
      ? {
          subject: `CSPR ${p.caseReference}: six-month completion date passed`,
          text: `The Child Safeguarding Practice Review for case ${p.caseReference} was due to be completed by ${longDate(p.deadline)} (six months from the decision, §3.1.2). If it is not complete, the National Panel and the Secretary of State must be told, with the reason for the delay (§3.1.3).`,
        }
      : {
          subject: `CSPR ${p.caseReference}: six-month completion date approaching`,
          text: `The Child Safeguarding Practice Review for case ${p.caseReference} should be completed by ${longDate(p.deadline)} (six months from the decision, §3.1.2). If it will be late, the National Panel and the Secretary of State must be told, with the reason for the delay (§3.1.3).`,
        },
  }[kind];
  return render(content.subject, [
    content.text,
    `Open the case: ${p.portalLink}`,
    `This alert was sent by the ${p.partnershipName} returns portal. It holds no details of the child or family by design.`,
  ]);
}

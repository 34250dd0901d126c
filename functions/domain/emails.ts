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

function render(subject: string, paragraphs: string[], link?: { href: string; label: string }): RenderedEmail {
  const text = [...paragraphs.slice(0, 1), ...(link ? [link.href] : []), ...paragraphs.slice(1)].join('\n\n');
  const htmlParagraphs = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (link) htmlParagraphs.splice(1, 0, `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>`);
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
}

const overdueWords = (days: number) => (days === 1 ? '1 working day' : `${days} working days`);

/** Reminders and chasers to the agency's lead and deputy, each with a fresh link. */
export function agencyReminderEmail(
  action: 'remind' | 'due-today' | 'chase',
  p: ReminderParams & {
    link: string;
    linkExpiresOn: IsoDate;
    /** How far the request was already escalated (before an extension): a chaser names the next level only. */
    escalatedTo?: 'case-review-group' | 'safeguarding-partners';
  },
): RenderedEmail {
  const next =
    p.escalatedTo === 'safeguarding-partners'
      ? 'The Safeguarding Partners have already been told that this return was late (guidance §2.1.7).'
      : p.escalatedTo === 'case-review-group'
        ? 'The Case Review Group has already been told that this return was late; continued failure to return is escalated to the Safeguarding Partners (guidance §2.1.7).'
        : 'Continued failure to return is referred to the Case Review Group (guidance §2.1.7).';
  const subject = {
    remind: `Reminder: ${p.returnLabel} for case ${p.caseReference} is due on ${longDate(p.dueOn)}`,
    'due-today': `Due today: ${p.returnLabel} for case ${p.caseReference}`,
    chase: `Overdue: ${p.returnLabel} for case ${p.caseReference} was due on ${longDate(p.dueOn)}`,
  }[action];
  const opening = {
    remind: `${p.partnershipName} is waiting for the ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference}, due on ${longDate(p.dueOn)}. Open this link to respond:`,
    'due-today': `The ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference} is due today. Open this link to respond:`,
    chase: `The ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference} was due on ${longDate(p.dueOn)} and is ${overdueWords(p.daysOverdue)} overdue. ${next} Open this link to respond:`,
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

export interface EscalationParams extends ReminderParams {
  portalLink: string;
  /** Reminders or chasers actually sent to the agency for this due date: a missed run may have sent none. */
  remindersSent: number;
  /** Whether the Case Review Group was actually referred to before (a missed run may go straight to the Partners). */
  referredToCrg: boolean;
  /** Escalations a missed run skipped, whose people this e-mail also goes to (ADR 0010). */
  alsoTold?: readonly string[];
}

/** Escalation of a late return (§2.1.7): to the Case Review Group and strategic lead, then the Partners. */
export function escalationEmail(level: 'escalate-crg' | 'escalate-partners', p: EscalationParams): RenderedEmail {
  const crg = level === 'escalate-crg';
  // Say only what happened: "despite reminders" when the agency was reminded, "not resolved" after a referral.
  const despite = p.remindersSent > 0 ? ' despite reminders' : '';
  // A missed run sends one escalation to everyone it skipped too: say so, so nobody wonders why they have it.
  const also = (p.alsoTold ?? []).filter((a) => a !== level && (a === 'escalate-crg' || a === 'escalate-partners'));
  const group = (a: string) => (a === 'escalate-crg' ? 'the Case Review Group' : 'the Safeguarding Partners');
  const to = [crg ? 'the Case Review Group' : 'the Safeguarding Partners', ...also.map(group)].join(' and ');
  return render(`Escalation to ${to}: case ${p.caseReference}, ${p.agencyName}`, [
    `${p.agencyName} has not returned the ${p.returnLabel} for case ${p.caseReference}. It was due on ${longDate(p.dueOn)} and is ${overdueWords(p.daysOverdue)} overdue${despite}.`,
    crg
      ? "Under the partnership's practice guidance (§2.1.7) the Case Review Group is asked to resolve this with the agency's strategic safeguarding lead."
      : p.referredToCrg
        ? 'A prompt resolution has not been found: under the practice guidance (§2.1.7) the matter is escalated to the Safeguarding Partners for formal action.'
        : 'Under the practice guidance (§2.1.7) the matter is escalated to the Safeguarding Partners for formal action.',
    ...also.map(
      (a) =>
        `This e-mail also goes to ${group(a)}: the ${a === 'escalate-crg' ? 'referral to it' : 'escalation to them'} fell due earlier but was not sent at the time.`,
    ),
    `The business office can see the request${p.remindersSent > 0 ? ' and its reminders' : ''} in the portal: ${p.portalLink}`,
    `This e-mail was sent by the ${p.partnershipName} returns portal. It holds no details of the child or family by design.`,
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
    'replies-missing-at-meeting': passed
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
    'national-panel-at-risk': passed
      ? {
          subject: `Rapid Review ${p.caseReference}: National Panel deadline passed`,
          text: `The Combined Summary for case ${p.caseReference} was due at the National Panel by ${longDate(p.deadline)} (working day 15). That date has passed and ${returns} still outstanding.`,
        }
      : {
          subject: `Rapid Review ${p.caseReference}: National Panel deadline at risk`,
          text: `The Combined Summary for case ${p.caseReference} must reach the National Panel by ${longDate(p.deadline)} (working day 15) and ${returns} still outstanding.`,
        },
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

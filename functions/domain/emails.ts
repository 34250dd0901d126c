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

export interface RequestLinkParams {
  partnershipName: string;
  officeName: string;
  officeEmail: string;
  caseReference: string;
  agencyName: string;
  returnLabel: string;
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
    `Information request for case ${p.caseReference} from ${p.partnershipName}`,
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
    `More information requested for case ${p.caseReference} from ${p.partnershipName}`,
    [
      `${p.partnershipName} has read the ${p.returnLabel} from ${p.agencyName} for case ${p.caseReference} and asks for more information. Open this link to see what is asked and respond:`,
      `Please respond by ${longDate(p.dueOn)}. The link works until ${longDate(p.linkExpiresOn)}. When you open it we will e-mail you a code to confirm it is you.`,
      'For your security this e-mail holds no details of the child or family. Earlier links for this case no longer work.',
      `${p.officeName}, ${p.officeEmail}`,
    ],
    { href: p.link, label: `Open the request for case ${p.caseReference}` },
  );
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

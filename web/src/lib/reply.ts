import type { InformationRequestReply } from '../../../functions/contract/returns';
import { replyDate } from '../../../functions/domain/returns';
import {
  dateProblemMessage,
  draftOfParts,
  EMPTY_DATE,
  isIsoDate,
  isoFromParts,
  partsFromDraft,
  type DateParts,
} from './dates';
import {
  DATE_EXAMPLES,
  endsBeforeStart,
  fuzzyDateOf,
  fuzzyDateText,
  namedDateProblem,
  readFuzzyDate,
  type FuzzyDate,
} from './fuzzy';
import type { DeclarationForm } from './declaration';
import { fieldIdFor, type FieldError } from './issues';
import {
  checkPractitioners,
  emptyPractitioner,
  practitionerFromContent,
  practitionersContent,
  practitionersDraft,
  type PractitionerRow,
} from './practitioners';

/**
 * The Information Request Reply as the agency lead edits it: text as typed. Its dates are typed as words
 * ("May 2024", "about 3/9/2026") and keep their precision, as a chronology's do; the declaration's date is
 * the three boxes of a GOV.UK date input. Pure functions turn it into a draft (anything typed so far) or a
 * complete reply (checked), and name their problems with the same field ids the API's issue paths map to.
 */
export interface KeyEventRow {
  /** As typed: read with the API's own date parser. */
  dateText: string;
  description: string;
}
export interface FamilyRow {
  name: string;
  relationship: string;
  notes: string;
}

export type YesNo = '' | 'yes' | 'no';

export interface ReplyForm {
  involvement: '' | 'involved' | 'no-records';
  notes: string;
  /** As typed, like a key event's date. */
  periodFrom: string;
  periodTo: string;
  /** One service a line. */
  services: string;
  keyEvents: KeyEventRow[];
  safetyRaised: YesNo;
  safetyDetails: string;
  family: FamilyRow[];
  practitioners: PractitionerRow[];
  recordsStatus: '' | 'secured' | 'not-yet-secured' | 'not-required';
  recordsDetails: string;
  sharingBasis: '' | 'consent' | 'without-consent';
  sharingReason: string;
  earlyLearning: string;
  declarationName: string;
  declarationRole: string;
  declarationDate: DateParts;
  factsFromOpinion: boolean;
  conflict: YesNo;
  conflictDetails: string;
}

export const SECTIONS = [
  { slug: 'involvement', title: 'Involvement' },
  { slug: 'period', title: 'Dates and services' },
  { slug: 'key-events', title: 'Key events' },
  { slug: 'safety', title: 'Immediate safety concern' },
  { slug: 'people', title: 'Family members and practitioners' },
  { slug: 'records', title: 'Records and information sharing' },
  { slug: 'learning', title: 'Early learning' },
  { slug: 'declaration', title: 'Declaration' },
] as const;

export type SectionSlug = (typeof SECTIONS)[number]['slug'];

export const sectionTitle = (slug: SectionSlug): string => SECTIONS.find((s) => s.slug === slug)?.title ?? slug;

/** The pages a reply goes through: a nil return needs only its first question and the declaration. */
export function sectionsFor(involvement: ReplyForm['involvement']): SectionSlug[] {
  if (involvement === 'no-records') return ['involvement', 'declaration'];
  if (involvement === 'involved') return SECTIONS.map((s) => s.slug);
  return ['involvement'];
}

/**
 * "Page 3 of 4": where a page stands among every page of the reply, the documents and check your answers
 * included; undefined until the first answer says which pages there are.
 */
export function replyPageOf(
  involvement: ReplyForm['involvement'],
  page: SectionSlug | 'attachments' | 'check',
): string | undefined {
  if (!involvement) return undefined;
  const pages: string[] = [...sectionsFor(involvement), 'attachments', 'check'];
  const position = pages.indexOf(page);
  return position < 0 ? undefined : `Page ${position + 1} of ${pages.length}`;
}

/**
 * Where "Start" or "Continue" takes the lead: the first page with something left to answer. Asked for more
 * (the request reopened), the declaration is always to give again, so it is not where the change is
 * needed: the lead starts on the first page of the reply's content with something to answer, or else its
 * first content page, where the office's request is shown.
 */
export function startSection(form: ReplyForm, today: string, reopened: boolean): SectionSlug | 'check' {
  const pages = sectionsFor(form.involvement);
  if (!reopened) return pages.find((slug) => checkSection(form, slug, today).length) ?? 'check';
  // The first question (records held) is answered; a nil return's notes are on its page.
  const content = pages.filter((slug) => slug !== 'declaration' && (slug !== 'involvement' || pages.length === 2));
  return content.find((slug) => checkSection(form, slug, today).length) ?? content[0] ?? 'involvement';
}

export function nextSection(form: ReplyForm, current: SectionSlug): SectionSlug | 'check' {
  const order = sectionsFor(form.involvement);
  const index = order.indexOf(current);
  return order[index + 1] ?? 'check';
}

const SECTION_OF_FIELD: Record<string, SectionSlug> = {
  involvement: 'involvement',
  notes: 'involvement',
  periodFrom: 'period',
  periodTo: 'period',
  services: 'period',
  keyEvents: 'key-events',
  immediateSafetyConcern: 'safety',
  familyMembersKnown: 'people',
  practitioners: 'people',
  recordsSecured: 'records',
  informationSharing: 'records',
  earlyLearning: 'learning',
  declaration: 'declaration',
};

/** The page that asks the question an API issue path is about. */
export function sectionOfPath(path: string): SectionSlug | undefined {
  const head = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  return SECTION_OF_FIELD[head];
}

export function emptyForm(): ReplyForm {
  return {
    involvement: '',
    notes: '',
    periodFrom: '',
    periodTo: '',
    services: '',
    keyEvents: [],
    safetyRaised: '',
    safetyDetails: '',
    family: [],
    practitioners: [],
    recordsStatus: '',
    recordsDetails: '',
    sharingBasis: '',
    sharingReason: '',
    earlyLearning: '',
    declarationName: '',
    declarationRole: '',
    declarationDate: { ...EMPTY_DATE },
    factsFromOpinion: false,
    conflict: '',
    conflictDetails: '',
  };
}

export const emptyKeyEvent = (): KeyEventRow => ({ dateText: '', description: '' });
export const emptyFamily = (): FamilyRow => ({ name: '', relationship: '', notes: '' });
export { emptyPractitioner, type PractitionerRow };

// ---------- from a saved draft or return ----------

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const arr = (value: unknown): Loose[] => (Array.isArray(value) ? value.map(obj) : []);
const oneOf = <T extends string>(value: unknown, options: readonly T[]): T | '' =>
  options.includes(value as T) ? (value as T) : '';
const yesNo = (value: unknown): YesNo => (value === true ? 'yes' : value === false ? 'no' : '');

/**
 * A reply's date as the lead would type it again: a FuzzyDate, or v1's exact day ('YYYY-MM-DD', with the
 * key event's `approximate`), in the words every page uses ("about 3 September 2026"); a draft's words
 * that could not be read yet, exactly as typed.
 */
function replyDateText(value: unknown, approximate = false): string {
  if (typeof value === 'string') return isIsoDate(value) ? fuzzyDateText(replyDate(value, approximate)) : value;
  const date = fuzzyDateOf(value);
  return date ? fuzzyDateText(replyDate(date, approximate)) : '';
}

/** Reads a draft or a submitted reply (or anything else) into the form; unknown parts are left empty. */
export function formFromContent(content: unknown): ReplyForm {
  const c = obj(content);
  const safety = obj(c.immediateSafetyConcern);
  const records = obj(c.recordsSecured);
  const sharing = obj(c.informationSharing);
  const declaration = obj(c.declaration);
  const conflict = obj(declaration.conflictOfInterest);
  return {
    involvement: oneOf(c.involvement, ['involved', 'no-records'] as const),
    notes: str(c.notes),
    periodFrom: replyDateText(c.periodFrom),
    periodTo: replyDateText(c.periodTo),
    services: Array.isArray(c.services) ? c.services.filter((s) => typeof s === 'string').join('\n') : '',
    keyEvents: arr(c.keyEvents).map((e) => ({
      dateText: replyDateText(e.date, e.approximate === true),
      description: str(e.description),
    })),
    safetyRaised: yesNo(safety.raised),
    safetyDetails: str(safety.details),
    family: arr(c.familyMembersKnown).map((f) => ({
      name: str(f.name),
      relationship: str(f.relationship),
      notes: str(f.notes),
    })),
    practitioners: arr(c.practitioners).map(practitionerFromContent),
    recordsStatus: oneOf(records.status, ['secured', 'not-yet-secured', 'not-required'] as const),
    recordsDetails: str(records.details),
    sharingBasis: oneOf(sharing.basis, ['consent', 'without-consent'] as const),
    sharingReason: str(sharing.reason),
    earlyLearning: str(c.earlyLearning),
    declarationName: str(declaration.name),
    declarationRole: str(declaration.role),
    declarationDate: partsFromDraft(declaration.date),
    factsFromOpinion: declaration.factsDistinguishedFromOpinion === true,
    conflict: yesNo(conflict.declared),
    conflictDetails: str(conflict.details),
  };
}

/** The reply's declaration questions, kept flat in its form, as the shared declaration fields take them. */
export const declarationOf = (form: ReplyForm): DeclarationForm => ({
  name: form.declarationName,
  role: form.declarationRole,
  date: form.declarationDate,
  factsFromOpinion: form.factsFromOpinion,
  conflict: form.conflict,
  conflictDetails: form.conflictDetails,
});

/**
 * The form for a new version, from the submitted reply: a new version is declared afresh, so the lead
 * keeps their name and role but gives the date and the confirmation again (§1.5.8).
 */
export function formFromSubmitted(content: unknown): ReplyForm {
  return { ...formFromContent(content), declarationDate: { ...EMPTY_DATE }, factsFromOpinion: false };
}

// ---------- checks ----------

export class Problems {
  readonly list: FieldError[] = [];
  add(path: string, message: string) {
    const fieldId = fieldIdFor(path);
    if (!this.list.some((e) => e.fieldId === fieldId)) this.list.push({ path, fieldId, message });
  }
  /** Required text, one line or several, within the API's limits. */
  text(path: string, value: string, what: string, max: number, required = true) {
    if (!value.trim()) {
      if (required) this.add(path, `Enter ${what}`);
    } else if (value.length > max) {
      this.add(
        path,
        `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`,
      );
    }
  }
  /** A date: required, real, and not after today. */
  date(path: string, parts: DateParts, what: string, today: string, required = true): string | undefined {
    const read = isoFromParts(parts);
    if ('problem' in read) {
      if (read.problem !== 'missing' || required) this.add(path, dateProblemMessage(read.problem, what));
      return undefined;
    }
    if (read.iso > today) {
      this.add(path, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be today or in the past`);
      return undefined;
    }
    return read.iso;
  }
  /** A date with its precision, typed as words ("May 2019", "about 2018"): required, readable, not in the future. */
  fuzzyDate(path: string, text: string, what: string, today: string, required = true): FuzzyDate | undefined {
    const read = readFuzzyDate(text, today);
    if ('date' in read) return read.date;
    if ('problem' in read) this.add(path, namedDateProblem(read.problem, what));
    else if (required) this.add(path, `Enter ${what}, ${DATE_EXAMPLES}`);
    return undefined;
  }
}

const blankEvent = (e: KeyEventRow) => !e.dateText.trim() && !e.description.trim();
const blankFamily = (f: FamilyRow) => !f.name.trim() && !f.relationship.trim() && !f.notes.trim();

export const serviceList = (services: string): string[] =>
  services
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** The questions of one page, checked as they must be for submission. */
export function checkSection(form: ReplyForm, slug: SectionSlug, today: string): FieldError[] {
  const p = new Problems();
  switch (slug) {
    case 'involvement':
      if (!form.involvement) p.add('involvement', 'Select whether your agency holds records of the child or family');
      if (form.involvement === 'no-records') p.text('notes', form.notes, 'notes', 2000, false);
      break;
    case 'period': {
      const from = p.fuzzyDate('periodFrom', form.periodFrom, 'the date of first contact', today);
      const to = p.fuzzyDate('periodTo', form.periodTo, 'the date of last contact', today);
      if (from && to && endsBeforeStart(from, to))
        p.add('periodTo', 'The date of last contact must be the same as or after the first');
      const services = serviceList(form.services);
      if (!services.length) p.add('services', 'Enter at least one service that was involved');
      if (services.length > 30) p.add('services', 'Enter 30 services or fewer');
      if (services.some((s) => s.length > 200)) p.add('services', 'Each service must be 200 characters or fewer');
      break;
    }
    case 'key-events':
      form.keyEvents.forEach((event, i) => {
        if (blankEvent(event)) return;
        p.fuzzyDate(`keyEvents[${i}].date`, event.dateText, `the date of event ${i + 1}`, today);
        p.text(`keyEvents[${i}].description`, event.description, `what happened at event ${i + 1}`, 4000);
      });
      break;
    case 'safety':
      if (!form.safetyRaised)
        p.add('immediateSafetyConcern.raised', 'Select whether you have an immediate safety concern');
      if (form.safetyRaised === 'yes')
        p.text('immediateSafetyConcern.details', form.safetyDetails, 'the safety concern', 4000);
      break;
    case 'people':
      form.family.forEach((f, i) => {
        if (blankFamily(f)) return;
        p.text(`familyMembersKnown[${i}].name`, f.name, `the name of family member ${i + 1}`, 200);
        p.text(
          `familyMembersKnown[${i}].relationship`,
          f.relationship,
          `the relationship of family member ${i + 1}`,
          100,
        );
        p.text(`familyMembersKnown[${i}].notes`, f.notes, `notes on family member ${i + 1}`, 1000, false);
      });
      checkPractitioners(p, form.practitioners);
      break;
    case 'records':
      if (!form.recordsStatus) p.add('recordsSecured.status', 'Select whether your records have been secured');
      p.text('recordsSecured.details', form.recordsDetails, 'details of the records', 2000, false);
      if (!form.sharingBasis)
        p.add('informationSharing.basis', 'Select whether you are sharing with consent or without consent');
      p.text('informationSharing.reason', form.sharingReason, 'the reason for your information-sharing decision', 2000);
      break;
    case 'learning':
      p.text('earlyLearning', form.earlyLearning, 'the learning identified so far, or "None identified yet"', 10000);
      break;
    case 'declaration':
      p.text('declaration.name', form.declarationName, 'your full name', 200);
      p.text('declaration.role', form.declarationRole, 'your role', 200);
      p.date('declaration.date', form.declarationDate, 'the date of the declaration', today);
      if (!form.factsFromOpinion)
        p.add(
          'declaration.factsDistinguishedFromOpinion',
          'Confirm that the return distinguishes facts from professional opinion',
        );
      if (!form.conflict)
        p.add('declaration.conflictOfInterest.declared', 'Select whether you have a conflict of interest');
      if (form.conflict === 'yes')
        p.text('declaration.conflictOfInterest.details', form.conflictDetails, 'the conflict of interest', 2000);
      break;
  }
  return p.list;
}

/** Every page's problems, in the order of the pages. */
export function checkAll(form: ReplyForm, today: string): FieldError[] {
  return sectionsFor(form.involvement).flatMap((slug) => checkSection(form, slug, today));
}

const iso = (parts: DateParts): string | undefined => {
  const read = isoFromParts(parts);
  return 'iso' in read ? read.iso : undefined;
};
const opt = (value: string) => (value.trim() ? value.trim() : undefined);
const fuzzyOf = (text: string): FuzzyDate => {
  const read = readFuzzyDate(text);
  return (read as { date: FuzzyDate }).date;
};

/** A complete reply, or the problems that stop it. */
export function buildReply(form: ReplyForm, today: string): { reply?: InformationRequestReply; errors: FieldError[] } {
  const errors = checkAll(form, today);
  if (errors.length) return { errors };
  const declaration = {
    name: form.declarationName.trim(),
    role: form.declarationRole.trim(),
    date: iso(form.declarationDate) as string,
    factsDistinguishedFromOpinion: true as const,
    conflictOfInterest:
      form.conflict === 'yes'
        ? { declared: true as const, details: form.conflictDetails.trim() }
        : { declared: false as const },
  };
  if (form.involvement === 'no-records') {
    const notes = opt(form.notes);
    return { reply: { involvement: 'no-records', ...(notes ? { notes } : {}), declaration }, errors };
  }
  const recordsDetails = opt(form.recordsDetails);
  return {
    errors,
    reply: {
      involvement: 'involved',
      periodFrom: fuzzyOf(form.periodFrom),
      periodTo: fuzzyOf(form.periodTo),
      services: serviceList(form.services),
      keyEvents: form.keyEvents
        .filter((e) => !blankEvent(e))
        .map((e) => ({ date: fuzzyOf(e.dateText), description: e.description.trim() })),
      immediateSafetyConcern:
        form.safetyRaised === 'yes' ? { raised: true, details: form.safetyDetails.trim() } : { raised: false },
      familyMembersKnown: form.family
        .filter((f) => !blankFamily(f))
        .map((f) => {
          const notes = opt(f.notes);
          return { name: f.name.trim(), relationship: f.relationship.trim(), ...(notes ? { notes } : {}) };
        }),
      recordsSecured: {
        status: form.recordsStatus as 'secured' | 'not-yet-secured' | 'not-required',
        ...(recordsDetails ? { details: recordsDetails } : {}),
      },
      practitioners: practitionersContent(form.practitioners),
      earlyLearning: form.earlyLearning.trim(),
      informationSharing: {
        basis: form.sharingBasis as 'consent' | 'without-consent',
        reason: form.sharingReason.trim(),
      },
      declaration,
    },
  };
}

/**
 * Whatever has been typed, exactly, as the API's draft keeps it: a date that cannot be read yet is kept
 * as typed (the words, or the date input's boxes). `errors` are those dates' problems, to show on the page
 * once saved: saving never waits for them; submitting and "Save and continue" do.
 */
export function draftContent(form: ReplyForm): { content: Record<string, unknown>; errors: FieldError[] } {
  const p = new Problems();
  const fuzzyDate = (path: string, text: string, what: string) => {
    const read = readFuzzyDate(text);
    if ('date' in read) return read.date;
    if ('problem' in read) p.add(path, namedDateProblem(read.problem, what));
    return text.trim() ? text : undefined;
  };
  const put = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value === undefined || value === '' || (typeof value === 'object' && value && !Object.keys(value).length))
      return;
    target[key] = value;
  };
  const content: Record<string, unknown> = {};
  put(content, 'involvement', form.involvement || undefined);
  put(content, 'notes', form.notes);
  put(content, 'periodFrom', fuzzyDate('periodFrom', form.periodFrom, 'the date of first contact'));
  put(content, 'periodTo', fuzzyDate('periodTo', form.periodTo, 'the date of last contact'));
  const services = serviceList(form.services);
  if (services.length) content.services = services;
  const events = form.keyEvents
    .map((e, i) => {
      const row: Record<string, unknown> = {};
      put(row, 'date', fuzzyDate(`keyEvents[${i}].date`, e.dateText, `the date of event ${i + 1}`));
      put(row, 'description', e.description);
      return row;
    })
    .filter((row) => Object.keys(row).length);
  if (events.length) content.keyEvents = events;
  const safety: Record<string, unknown> = {};
  if (form.safetyRaised) safety.raised = form.safetyRaised === 'yes';
  put(safety, 'details', form.safetyRaised === 'yes' ? form.safetyDetails : '');
  put(content, 'immediateSafetyConcern', safety);
  const family = form.family
    .filter((f) => !blankFamily(f))
    .map((f) => {
      const row: Record<string, unknown> = {};
      put(row, 'name', f.name);
      put(row, 'relationship', f.relationship);
      put(row, 'notes', f.notes);
      return row;
    });
  if (family.length) content.familyMembersKnown = family;
  const practitioners = practitionersDraft(form.practitioners);
  if (practitioners.length) content.practitioners = practitioners;
  const records: Record<string, unknown> = {};
  put(records, 'status', form.recordsStatus || undefined);
  put(records, 'details', form.recordsDetails);
  put(content, 'recordsSecured', records);
  const sharing: Record<string, unknown> = {};
  put(sharing, 'basis', form.sharingBasis || undefined);
  put(sharing, 'reason', form.sharingReason);
  put(content, 'informationSharing', sharing);
  put(content, 'earlyLearning', form.earlyLearning);
  const declaration: Record<string, unknown> = {};
  put(declaration, 'name', form.declarationName);
  put(declaration, 'role', form.declarationRole);
  const declared = draftOfParts(form.declarationDate);
  put(declaration, 'date', declared);
  if (typeof declared === 'object') {
    const read = isoFromParts(form.declarationDate);
    if ('problem' in read) p.add('declaration.date', dateProblemMessage(read.problem, 'the date of the declaration'));
  }
  if (form.factsFromOpinion) declaration.factsDistinguishedFromOpinion = true;
  const conflict: Record<string, unknown> = {};
  if (form.conflict) conflict.declared = form.conflict === 'yes';
  put(conflict, 'details', form.conflict === 'yes' ? form.conflictDetails : '');
  put(declaration, 'conflictOfInterest', conflict);
  put(content, 'declaration', declaration);
  return { content, errors: p.list };
}

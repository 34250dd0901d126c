import { declarationDateProblem, type DeclarationWindow } from '../../../functions/domain/returns';
import {
  draftOfParts,
  EMPTY_DATE,
  isBlankDate,
  isoFromParts,
  partsFromDraft,
  partsFromIso,
  type DateParts,
} from './dates';
import { Problems, type YesNo } from './reply';

export type { DeclarationWindow };

/**
 * The declaration every return carries (§1.5.8): who completed it, their role, the date, that facts are
 * told apart from opinion, and any conflict of interest. The same for every kind of return.
 */
export interface DeclarationForm {
  name: string;
  role: string;
  date: DateParts;
  factsFromOpinion: boolean;
  conflict: YesNo;
  conflictDetails: string;
}

export const emptyDeclaration = (): DeclarationForm => ({
  name: '',
  role: '',
  date: { ...EMPTY_DATE },
  factsFromOpinion: false,
  conflict: '',
  conflictDetails: '',
});

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function declarationFromContent(value: unknown): DeclarationForm {
  const d = obj(value);
  const conflict = obj(d.conflictOfInterest);
  return {
    name: str(d.name),
    role: str(d.role),
    date: partsFromDraft(d.date),
    factsFromOpinion: d.factsDistinguishedFromOpinion === true,
    conflict: conflict.declared === true ? 'yes' : conflict.declared === false ? 'no' : '',
    conflictDetails: str(conflict.details),
  };
}

/**
 * A new version is declared afresh: starting from the submitted return, the lead keeps their name and
 * role but gives the date and the confirmation again (§1.5.8).
 */
export const renewedDeclaration = (form: DeclarationForm): DeclarationForm => ({
  ...form,
  date: { ...EMPTY_DATE },
  factsFromOpinion: false,
});

/**
 * The declaration as the lead finds it on its page: a blank name and role are those of the agency's latest
 * declaration in the case, and a blank date is today (Europe/London), all still editable; the confirmation
 * is never given for them. Unchanged (the same object) when there is nothing to fill.
 */
export function prefilledDeclaration(
  form: DeclarationForm,
  defaults: { name: string; role: string } | undefined,
  today: string,
): DeclarationForm {
  const name = !form.name.trim() && defaults?.name ? defaults.name : undefined;
  const role = !form.role.trim() && defaults?.role ? defaults.role : undefined;
  const date = isBlankDate(form.date) ? partsFromIso(today) : undefined;
  if (name === undefined && role === undefined && date === undefined) return form;
  return { ...form, ...(name ? { name } : {}), ...(role ? { role } : {}), ...(date ? { date } : {}) };
}

/**
 * The declaration's problems, with paths under `declaration.` as the API names them. Given what the form
 * knows of its request, the date is held to the API's own rule (it may not predate the request or, for a
 * new version, the previous one).
 */
export function checkDeclaration(p: Problems, form: DeclarationForm, today: string, request?: DeclarationWindow): void {
  p.text('declaration.name', form.name, 'your full name', 200);
  p.text('declaration.role', form.role, 'your role', 200);
  const date = p.date('declaration.date', form.date, 'the date of the declaration', today);
  const problem = date && request ? declarationDateProblem(date, today, request) : undefined;
  if (problem) p.add('declaration.date', problem);
  if (!form.factsFromOpinion)
    p.add(
      'declaration.factsDistinguishedFromOpinion',
      'Confirm that the return distinguishes facts from professional opinion',
    );
  if (!form.conflict)
    p.add('declaration.conflictOfInterest.declared', 'Select whether you have a conflict of interest');
  if (form.conflict === 'yes')
    p.text('declaration.conflictOfInterest.details', form.conflictDetails, 'the conflict of interest', 2000);
}

/** The declaration of a complete return; call only once checkDeclaration found nothing. */
export function declarationContent(form: DeclarationForm) {
  const read = isoFromParts(form.date);
  return {
    name: form.name.trim(),
    role: form.role.trim(),
    date: 'iso' in read ? read.iso : '',
    factsDistinguishedFromOpinion: true as const,
    conflictOfInterest:
      form.conflict === 'yes'
        ? { declared: true as const, details: form.conflictDetails.trim() }
        : { declared: false as const },
  };
}

/**
 * Whatever has been typed of the declaration, as a draft keeps it: a date typed only in part is kept as
 * typed, and its problem reported to show beside it (saving does not wait for it).
 */
export function declarationDraft(form: DeclarationForm, p: Problems): Loose | undefined {
  const draft: Loose = {};
  if (form.name.trim()) draft.name = form.name;
  if (form.role.trim()) draft.role = form.role;
  const date = draftOfParts(form.date);
  if (date !== undefined) draft.date = date;
  if (typeof date === 'object') p.date('declaration.date', form.date, 'the date of the declaration', '9999-12-31');
  if (form.factsFromOpinion) draft.factsDistinguishedFromOpinion = true;
  if (form.conflict) {
    draft.conflictOfInterest = {
      declared: form.conflict === 'yes',
      ...(form.conflict === 'yes' && form.conflictDetails.trim() ? { details: form.conflictDetails } : {}),
    };
  }
  return Object.keys(draft).length ? draft : undefined;
}

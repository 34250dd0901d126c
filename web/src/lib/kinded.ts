import {
  checkRows,
  newRowId,
  rowContent,
  rowDraft,
  rowFromContent,
  rowIssueError,
  rowOfPath,
  type ChronRow,
} from './chronology';
import {
  dateProblemMessage,
  draftOfParts,
  EMPTY_DATE,
  isBlankDate,
  isoFromParts,
  partsFromDraft,
  type DateParts,
} from './dates';
import {
  checkDeclaration,
  declarationContent,
  declarationDraft,
  declarationFromContent,
  emptyDeclaration,
  renewedDeclaration,
  type DeclarationForm,
  type DeclarationWindow,
} from './declaration';
import { fuzzyDateOf, fuzzyDateText, namedDateProblem, readFuzzyDate } from './fuzzy';
import { errorsFromIssues, type ApiIssue, type FieldError } from './issues';
import {
  checkPractitioners,
  practitionerFromContent,
  practitionersContent,
  practitionersDraft,
  type PractitionerRow,
} from './practitioners';
import { Problems } from './reply';

export { namedDateProblem };

/**
 * The returns other than the Information Request Reply (§8.4–§8.6), and the nil return any request may
 * have: one form the lead moves through page by page. Pure functions say which pages there are, check
 * each page as the API will, and turn the form into a draft (anything typed so far) or a complete return.
 */
export type KindedType = 'chronology' | 'organisational-chronology' | 'information-report' | 'factual-summary';
export const KINDED_TYPES: readonly KindedType[] = [
  'chronology',
  'organisational-chronology',
  'information-report',
  'factual-summary',
];
export const isKindedType = (type: string): type is KindedType => KINDED_TYPES.includes(type as KindedType);

export interface OrgRow {
  rowId: string;
  /** As typed: read with the API's own date parser when the page is saved. */
  dateText: string;
  change: string;
  impact: string;
  sourceRecord: string;
}
export interface ThemeRow {
  theme: string;
  analysis: string;
}
export type ActionStatus = '' | 'completed' | 'in-progress' | 'planned';
export interface ActionRow {
  action: string;
  status: ActionStatus;
  completedOn: DateParts;
}
export interface ContactRow {
  dateText: string;
  description: string;
}

export interface KindedForm {
  type: KindedType;
  /** Does the agency hold records? "no" is a nil return. */
  records: '' | 'yes' | 'no';
  searched: string;
  rows: ChronRow[];
  orgRows: OrgRow[];
  involvementSummary: string;
  themes: ThemeRow[];
  learningForAgency: string;
  learningForMultiAgency: string;
  actions: ActionRow[];
  summary: string;
  contacts: ContactRow[];
  /** With a chronology or an Information Report (§8.10.1). */
  practitioners: PractitionerRow[];
  declaration: DeclarationForm;
}

export const ACTION_STATUS_LABELS: Record<Exclude<ActionStatus, ''>, string> = {
  completed: 'Completed',
  'in-progress': 'In progress',
  planned: 'Planned',
};

// ---------- pages ----------

/** The first page's question: is there a return to give, or a nil return? */
export interface RecordsQuestion {
  legend: string;
  yes: string;
  /** What the "yes" answer leads to; undefined: the return's own name says it. */
  yesHint?: string;
  no: string;
  /** The error when it is not answered. */
  error: string;
}

/**
 * Asked for the return's type. A nil return means "we hold no records of the child or family" wherever it
 * is read (the Combined Summary lists the agency as holding none, and flags it when its other returns show
 * involvement), so an organisational chronology asks about involvement, and "no changes in the period" is
 * an organisational chronology with no changes, never a nil return.
 */
export function recordsQuestion(type: KindedType): RecordsQuestion {
  if (type === 'organisational-chronology')
    return {
      legend: 'Was your agency involved with the child or their family during the period of the review?',
      yes: 'Yes, we were involved',
      yesHint:
        'You will be asked for the changes in your agency during the period that may have shaped frontline practice. If there were none, you can say so.',
      no: 'No, we hold no records of the child or family (nil return)',
      error: 'Select whether your agency was involved with the child or family during the period of the review',
    };
  return {
    legend: 'Does your agency hold records of the child or their family?',
    yes: 'Yes, we hold records',
    no: 'No, we hold no records (nil return)',
    error: 'Select whether your agency holds records of the child or family',
  };
}

export type KindedSlug =
  | 'records'
  | 'nil'
  | 'rows'
  | 'changes'
  | 'involvement'
  | 'themes'
  | 'learning'
  | 'actions'
  | 'summary'
  | 'practitioners'
  | 'declaration'
  | 'attachments';

export const KINDED_TITLES: Record<KindedSlug, string> = {
  records: 'Records held',
  nil: 'Nil return',
  rows: 'Events',
  changes: 'Organisational changes',
  involvement: 'Your involvement',
  themes: 'Key themes',
  learning: 'Learning',
  actions: 'Actions taken',
  summary: 'Contact with the child or family',
  practitioners: 'Practitioners',
  declaration: 'Declaration',
  attachments: 'Attach documents',
};

/** Practitioners and their line managers are asked with a chronology and an Information Report (§8.10.1). */
const TYPE_PAGES: Record<KindedType, KindedSlug[]> = {
  chronology: ['rows', 'practitioners'],
  'organisational-chronology': ['changes'],
  'information-report': ['involvement', 'themes', 'learning', 'actions', 'practitioners'],
  'factual-summary': ['summary'],
};

/** The pages of this return: a nil return needs only what was searched and the declaration. */
export function kindedSections(form: Pick<KindedForm, 'type' | 'records'>): KindedSlug[] {
  if (form.records === 'no') return ['records', 'nil', 'declaration', 'attachments'];
  if (form.records === 'yes') return ['records', ...TYPE_PAGES[form.type], 'declaration', 'attachments'];
  return ['records'];
}

/**
 * "Page 3 of 5": where a page stands among every page of the return, check your answers included;
 * undefined until "Records held" is answered, which says which pages there are.
 */
export function kindedPageOf(
  form: Pick<KindedForm, 'type' | 'records'>,
  page: KindedSlug | 'check',
): string | undefined {
  if (!form.records) return undefined;
  const pages: string[] = [...kindedSections(form), 'check'];
  const position = pages.indexOf(page);
  return position < 0 ? undefined : `Page ${position + 1} of ${pages.length}`;
}

/**
 * Where "Start" or "Continue" takes the lead: the first page with something left to answer. Asked for more
 * (the request reopened), the declaration is always to give again, so it is not where the change is
 * needed: the lead starts on the first content page with something to answer, or else the first content
 * page (the events, the changes, the summary; a nil return's search), where the office's request is shown.
 */
export function startKindedSection(form: KindedForm, options: KindedOptions, reopened: boolean): KindedSlug | 'check' {
  const pages = kindedSections(form).filter((slug) => slug !== 'attachments');
  if (!reopened) return pages.find((slug) => checkKindedSection(form, slug, options).length) ?? 'check';
  const content = pages.filter((slug) => slug !== 'records' && slug !== 'declaration');
  return content.find((slug) => checkKindedSection(form, slug, options).length) ?? content[0] ?? 'records';
}

export function nextKindedSection(form: KindedForm, current: KindedSlug): KindedSlug | 'check' {
  const order = kindedSections(form);
  return order[order.indexOf(current) + 1] ?? 'check';
}

const PAGE_OF_FIELD: Record<string, KindedSlug> = {
  kind: 'records',
  searched: 'nil',
  involvementSummary: 'involvement',
  themes: 'themes',
  learningForAgency: 'learning',
  learningForMultiAgency: 'learning',
  actionsTaken: 'actions',
  summary: 'summary',
  contacts: 'summary',
  practitioners: 'practitioners',
  declaration: 'declaration',
};

/**
 * Where the question an error is about is asked, under the return's base path: a chronology row's
 * problems are fixed in that row's own form (`rows/<rowId>?from=…`). `from` says which error summary
 * links there (check your answers, or the events table): the row form shows the row's errors on arrival,
 * as the page a summary link lands on must, and goes back there.
 */
export function pageOfPath(form: KindedForm, path: string, from: RowErrorsFrom = 'check'): string | undefined {
  const bare = path.replace(/^content\./, '');
  const head = /^[A-Za-z]+/.exec(bare)?.[0] ?? '';
  if (head === 'rows') {
    if (form.type === 'organisational-chronology') return 'changes';
    const at = rowOfPath(bare);
    const row = at ? form.rows[at.index] : undefined;
    return row ? `rows/${row.rowId}?from=${from}` : 'rows';
  }
  return PAGE_OF_FIELD[head];
}

/** The error summaries that link to a chronology row's form. */
export type RowErrorsFrom = 'check' | 'rows';

/** Whether a row form was reached from an error summary (its `from`), so shows the row's errors at once. */
export const rowErrorsFrom = (search: string): RowErrorsFrom | undefined => {
  const from = new URLSearchParams(search).get('from');
  return from === 'check' || from === 'rows' ? from : undefined;
};

// ---------- from a draft or a return ----------

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose => (value && typeof value === 'object' ? (value as Loose) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export function emptyKindedForm(type: KindedType): KindedForm {
  return {
    type,
    records: '',
    searched: '',
    rows: [],
    orgRows: [],
    involvementSummary: '',
    themes: [],
    learningForAgency: '',
    learningForMultiAgency: '',
    actions: [],
    summary: '',
    contacts: [],
    practitioners: [],
    declaration: emptyDeclaration(),
  };
}

export const emptyOrgRow = (): OrgRow => ({
  rowId: newRowId(),
  dateText: '',
  change: '',
  impact: '',
  sourceRecord: '',
});
export const emptyTheme = (): ThemeRow => ({ theme: '', analysis: '' });
export const emptyAction = (): ActionRow => ({ action: '', status: '', completedOn: { ...EMPTY_DATE } });
export const emptyContact = (): ContactRow => ({ dateText: '', description: '' });

/** A date as the lead would type it again; a draft's words that could not be read yet, exactly as typed. */
const draftDateText = (value: unknown): string =>
  typeof value === 'string' ? value : fuzzyDateText(fuzzyDateOf(value));

/** Reads a draft or a submitted return of this type (or a nil return) into the form. */
export function kindedFromContent(type: KindedType, content: unknown): KindedForm {
  const c = obj(content);
  const form = emptyKindedForm(type);
  form.records = c.kind === 'nil-return' ? 'no' : c.kind === type ? 'yes' : '';
  form.searched = str(c.searched);
  if (type === 'chronology') form.rows = arr(c.rows).map(rowFromContent);
  if (type === 'organisational-chronology')
    form.orgRows = arr(c.rows).map((value) => {
      const r = obj(value);
      return {
        rowId: typeof r.rowId === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(r.rowId) ? r.rowId : newRowId(),
        dateText: draftDateText(r.date),
        change: str(r.change),
        impact: str(r.impactOnPractice),
        sourceRecord: str(r.sourceRecord),
      };
    });
  form.involvementSummary = str(c.involvementSummary);
  form.themes = arr(c.themes).map((t) => ({ theme: str(obj(t).theme), analysis: str(obj(t).analysis) }));
  form.learningForAgency = str(c.learningForAgency);
  form.learningForMultiAgency = str(c.learningForMultiAgency);
  form.actions = arr(c.actionsTaken).map((value) => {
    const a = obj(value);
    const status = a.status === 'completed' || a.status === 'in-progress' || a.status === 'planned' ? a.status : '';
    return { action: str(a.action), status, completedOn: partsFromDraft(a.completedOn) };
  });
  form.summary = str(c.summary);
  form.contacts = arr(c.contacts).map((value) => {
    const x = obj(value);
    return { dateText: draftDateText(x.date), description: str(x.description) };
  });
  form.practitioners = arr(c.practitioners).map(practitionerFromContent);
  form.declaration = declarationFromContent(c.declaration);
  return form;
}

/** The form for a new version, from the submitted return: everything but the declaration's date and confirmation. */
export function kindedFromSubmitted(type: KindedType, content: unknown): KindedForm {
  const form = kindedFromContent(type, content);
  return { ...form, declaration: renewedDeclaration(form.declaration) };
}

// ---------- checks ----------

const blankOrg = (r: OrgRow) => !r.dateText.trim() && !r.change.trim() && !r.impact.trim() && !r.sourceRecord.trim();
const blankTheme = (t: ThemeRow) => !t.theme.trim() && !t.analysis.trim();
const blankAction = (a: ActionRow) => !a.action.trim() && !a.status && isBlankDate(a.completedOn);
const blankContact = (c: ContactRow) => !c.dateText.trim() && !c.description.trim();

export interface KindedOptions {
  today: string;
  /** The request asks for the chronology's analysis columns. */
  analysisColumns: boolean;
  /** What bounds the declaration's date, as the API checks it. */
  request?: DeclarationWindow;
}

/** The questions of one page, checked as they must be for submission. */
export function checkKindedSection(form: KindedForm, slug: KindedSlug, options: KindedOptions): FieldError[] {
  const { today } = options;
  const p = new Problems();
  switch (slug) {
    case 'records':
      if (!form.records) p.add('kind', recordsQuestion(form.type).error);
      break;
    case 'nil':
      p.text('searched', form.searched, 'what you searched', 2000, false);
      break;
    case 'rows':
      if (!form.rows.length) p.add('rows', 'Add at least one event, or go back and make a nil return');
      if (form.rows.length > 1000) p.add('rows', 'A chronology can have up to 1,000 events');
      return [...p.list, ...checkRows(form.rows, options)];
    case 'changes':
      form.orgRows.forEach((row, i) => {
        if (blankOrg(row)) return;
        p.fuzzyDate(`rows[${i}].date`, row.dateText, `the date of change ${i + 1}`, today);
        p.text(`rows[${i}].change`, row.change, `what changed (change ${i + 1})`, 4000);
        p.text(`rows[${i}].impactOnPractice`, row.impact, `the impact on practice (change ${i + 1})`, 4000, false);
        p.text(`rows[${i}].sourceRecord`, row.sourceRecord, `the source record (change ${i + 1})`, 200, false);
      });
      break;
    case 'involvement':
      p.text('involvementSummary', form.involvementSummary, "a summary of your agency's involvement", 20000);
      break;
    case 'themes': {
      const themes = form.themes.filter((t) => !blankTheme(t));
      if (!themes.length) p.add('themes', 'Add at least one key theme with your analysis');
      form.themes.forEach((t, i) => {
        if (blankTheme(t)) return;
        p.text(`themes[${i}].theme`, t.theme, `the name of theme ${i + 1}`, 200);
        p.text(`themes[${i}].analysis`, t.analysis, `your analysis of theme ${i + 1}`, 20000);
      });
      break;
    }
    case 'learning':
      p.text('learningForAgency', form.learningForAgency, 'the learning for your agency', 20000);
      p.text('learningForMultiAgency', form.learningForMultiAgency, 'the learning for multi-agency working', 20000);
      break;
    case 'actions':
      form.actions.forEach((a, i) => {
        if (blankAction(a)) return;
        p.text(`actionsTaken[${i}].action`, a.action, `action ${i + 1}`, 4000);
        if (!a.status) p.add(`actionsTaken[${i}].status`, `Select the status of action ${i + 1}`);
        if (a.status === 'completed')
          p.date(`actionsTaken[${i}].completedOn`, a.completedOn, `the date action ${i + 1} was completed`, today);
        else {
          // Planned or under way: the date it is expected by, if there is one, which may well be ahead.
          const read = isoFromParts(a.completedOn);
          if ('problem' in read && read.problem !== 'missing')
            p.add(
              `actionsTaken[${i}].completedOn`,
              dateProblemMessage(read.problem, `the date action ${i + 1} is expected to be completed`),
            );
        }
      });
      break;
    case 'summary':
      p.text('summary', form.summary, 'a summary of the contact your agency had', 20000);
      form.contacts.forEach((c, i) => {
        if (blankContact(c)) return;
        p.fuzzyDate(`contacts[${i}].date`, c.dateText, `the date of contact ${i + 1}`, today);
        p.text(`contacts[${i}].description`, c.description, `what happened at contact ${i + 1}`, 4000);
      });
      break;
    case 'practitioners':
      checkPractitioners(p, form.practitioners);
      break;
    case 'declaration':
      checkDeclaration(p, form.declaration, today, options.request);
      break;
    case 'attachments':
      break;
  }
  return p.list;
}

export function checkKindedAll(form: KindedForm, options: KindedOptions): FieldError[] {
  return kindedSections(form).flatMap((slug) => checkKindedSection(form, slug, options));
}

/** The API's issues as field errors: rows named by row and column, other fields by their question. */
export function kindedErrorsFromIssues(issues: readonly ApiIssue[]): FieldError[] {
  const rows: FieldError[] = [];
  const rowPaths = new Set<string>(); // a 1,000-row chronology can bring thousands of issues
  const others: ApiIssue[] = [];
  for (const issue of issues) {
    const bare = { ...issue, path: issue.path.replace(/^content\./, '') };
    const error = rowIssueError(bare);
    if (error && !rowPaths.has(error.path)) {
      rowPaths.add(error.path);
      rows.push(error);
    } else if (!error) others.push(bare);
  }
  return [...errorsFromIssues(others), ...rows];
}

// ---------- a complete return ----------

const fuzzyOf = (text: string, today: string) => {
  const read = readFuzzyDate(text, today);
  return 'date' in read ? read.date : undefined;
};
const iso = (parts: DateParts) => {
  const read = isoFromParts(parts);
  return 'iso' in read ? read.iso : undefined;
};
const opt = (value: string) => (value.trim() ? value.trim() : undefined);

/** The return to submit, or the problems that stop it. */
export function buildKinded(
  form: KindedForm,
  options: KindedOptions,
): { content?: Record<string, unknown>; errors: FieldError[] } {
  const errors = checkKindedAll(form, options);
  if (errors.length || !form.records) return { errors };
  const declaration = declarationContent(form.declaration);
  if (form.records === 'no') {
    const searched = opt(form.searched);
    return { errors, content: { kind: 'nil-return', ...(searched ? { searched } : {}), declaration } };
  }
  const { today } = options;
  const practitioners = practitionersContent(form.practitioners);
  const named = practitioners.length ? { practitioners } : {};
  switch (form.type) {
    case 'chronology':
      return {
        errors,
        content: {
          kind: 'chronology',
          rows: form.rows.map((row) => rowContent(row, options.analysisColumns)),
          ...named,
          declaration,
        },
      };
    case 'organisational-chronology':
      return {
        errors,
        content: {
          kind: 'organisational-chronology',
          rows: form.orgRows
            .filter((r) => !blankOrg(r))
            .map((r) => {
              const impact = opt(r.impact);
              const source = opt(r.sourceRecord);
              return {
                rowId: r.rowId,
                date: fuzzyOf(r.dateText, today),
                change: r.change.trim(),
                ...(impact ? { impactOnPractice: impact } : {}),
                ...(source ? { sourceRecord: source } : {}),
              };
            }),
          declaration,
        },
      };
    case 'information-report':
      return {
        errors,
        content: {
          kind: 'information-report',
          involvementSummary: form.involvementSummary.trim(),
          themes: form.themes
            .filter((t) => !blankTheme(t))
            .map((t) => ({ theme: t.theme.trim(), analysis: t.analysis.trim() })),
          learningForAgency: form.learningForAgency.trim(),
          learningForMultiAgency: form.learningForMultiAgency.trim(),
          actionsTaken: form.actions
            .filter((a) => !blankAction(a))
            .map((a) => {
              const completedOn = iso(a.completedOn);
              return { action: a.action.trim(), status: a.status, ...(completedOn ? { completedOn } : {}) };
            }),
          ...named,
          declaration,
        },
      };
    case 'factual-summary':
      return {
        errors,
        content: {
          kind: 'factual-summary',
          summary: form.summary.trim(),
          contacts: form.contacts
            .filter((c) => !blankContact(c))
            .map((c) => ({ date: fuzzyOf(c.dateText, today), description: c.description.trim() })),
          declaration,
        },
      };
  }
}

// ---------- a draft ----------

/**
 * Whatever has been typed, exactly, as the API's draft keeps it. Everything of every page is kept, so a
 * lead who tries a nil return and changes their mind loses nothing; `kind` says which answer they chose.
 * A date that cannot be read yet is kept as typed; `errors` are its problems, to show once saved (saving
 * never waits for them; submitting and "Save and continue" do).
 */
export function kindedDraft(form: KindedForm): { content: Loose; errors: FieldError[] } {
  const p = new Problems();
  const content: Loose = {};
  const put = (key: string, value: string) => {
    if (value.trim()) content[key] = value;
  };
  const draftDate = (path: string, text: string, what: string) => {
    if (!text.trim()) return undefined;
    const read = readFuzzyDate(text);
    if ('date' in read) return read.date;
    if ('problem' in read) p.add(path, namedDateProblem(read.problem, what));
    return text;
  };
  if (form.records) content.kind = form.records === 'no' ? 'nil-return' : form.type;
  put('searched', form.searched);
  if (form.type === 'chronology' && form.rows.length) content.rows = form.rows.map(rowDraft);
  if (form.type === 'organisational-chronology') {
    const rows = form.orgRows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => !blankOrg(r))
      .map(({ r, i }) => {
        const row: Loose = { rowId: r.rowId };
        const date = draftDate(`rows[${i}].date`, r.dateText, `the date of change ${i + 1}`);
        if (date) row.date = date;
        if (r.change.trim()) row.change = r.change;
        if (r.impact.trim()) row.impactOnPractice = r.impact;
        if (r.sourceRecord.trim()) row.sourceRecord = r.sourceRecord;
        return row;
      });
    if (rows.length) content.rows = rows;
  }
  put('involvementSummary', form.involvementSummary);
  const themes = form.themes
    .filter((t) => !blankTheme(t))
    .map((t) => ({
      ...(t.theme.trim() ? { theme: t.theme } : {}),
      ...(t.analysis.trim() ? { analysis: t.analysis } : {}),
    }));
  if (themes.length) content.themes = themes;
  put('learningForAgency', form.learningForAgency);
  put('learningForMultiAgency', form.learningForMultiAgency);
  const actions = form.actions
    .map((a, i) => ({ a, i }))
    .filter(({ a }) => !blankAction(a))
    .map(({ a, i }) => {
      const row: Loose = {};
      if (a.action.trim()) row.action = a.action;
      if (a.status) row.status = a.status;
      const completedOn = draftOfParts(a.completedOn);
      if (completedOn !== undefined) row.completedOn = completedOn;
      const read = isoFromParts(a.completedOn);
      if ('problem' in read && read.problem !== 'missing')
        p.add(
          `actionsTaken[${i}].completedOn`,
          dateProblemMessage(read.problem, `the date action ${i + 1} was completed`),
        );
      return row;
    });
  if (actions.length) content.actionsTaken = actions;
  put('summary', form.summary);
  const contacts = form.contacts
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => !blankContact(c))
    .map(({ c, i }) => {
      const row: Loose = {};
      const date = draftDate(`contacts[${i}].date`, c.dateText, `the date of contact ${i + 1}`);
      if (date) row.date = date;
      if (c.description.trim()) row.description = c.description;
      return row;
    });
  if (contacts.length) content.contacts = contacts;
  const practitioners = practitionersDraft(form.practitioners);
  if (practitioners.length) content.practitioners = practitioners;
  const declaration = declarationDraft(form.declaration, p);
  if (declaration) content.declaration = declaration;
  return { content, errors: p.list };
}

/**
 * Connects the API's validation issues to the fields on the page: an issue path such as
 * `subject.dateOfBirth` or `keyEvents[2].date` names the field whose id the error summary links to.
 */
export interface ApiIssue {
  path: string;
  message: string;
}

/** One line of an error summary and the message beside its field. */
export interface FieldError {
  /** The id of the element the summary link moves focus to. */
  fieldId: string;
  message: string;
  /** The API path or form key the error belongs to. */
  path: string;
}

/**
 * Dates are GOV.UK date inputs: the summary links to the day field (paths with indices as `[]`). `date` is
 * the planned meeting's, `meetingDate` the meeting decision's.
 */
const DATE_FIELDS = new Set([
  'day0',
  'dueOn',
  'date',
  'meetingDate',
  'subject.dateOfBirth',
  'declaration.date',
  'actionsTaken[].completedOn',
]);

/**
 * Lists the page edits in one field (services, key themes, one a line): an issue on any item is an issue on
 * the field.
 */
const LIST_FIELDS = ['services', 'keyThemes'];

/** `keyEvents[2].date` → `keyEvents[].date`. */
export const normalisePath = (path: string): string => path.replace(/\[\d+\]/g, '[]');

/** `declaration.date` → `declaration-date-day`. Radio groups use the group's id on their first option. */
export function fieldIdFor(rawPath: string): string {
  // A date kept with its precision is one field: `rows[2].date.value` is about `rows[2].date`.
  const path = rawPath.replace(/^((?:.*\.)?(?:date|periodFrom|periodTo))\.(value|precision|approximate)$/, '$1');
  const list = LIST_FIELDS.find((name) => path === name || path.startsWith(`${name}[`));
  if (list) return list;
  const id = path
    .replace(/\[(\d+)\]/g, '-$1')
    .replace(/\./g, '-')
    .replace(/[^A-Za-z0-9-]/g, '');
  return DATE_FIELDS.has(normalisePath(path)) ? `${id}-day` : id;
}

/** API messages are written for developers when they come from the schema; say something useful instead. */
export function readable(message: string, label: string | undefined): string {
  if (/^Invalid (input|option)|expected/i.test(message)) return label ? `Enter ${label}` : 'Check this answer';
  return message;
}

/**
 * Turns API issues into field errors, one per field, in the order given. `labels` names fields by
 * their normalised path (`keyEvents[].date`) for friendlier messages.
 */
export function errorsFromIssues(issues: readonly ApiIssue[], labels: Record<string, string> = {}): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const fieldId = issue.path === '(body)' ? 'main-content' : fieldIdFor(issue.path);
    if (seen.has(fieldId)) continue;
    seen.add(fieldId);
    errors.push({ fieldId, path: issue.path, message: readable(issue.message, labels[normalisePath(issue.path)]) });
  }
  return errors;
}

/** The message to show beside one field, if any. */
export const errorFor = (errors: readonly FieldError[], fieldId: string): string | undefined =>
  errors.find((e) => e.fieldId === fieldId || e.fieldId === `${fieldId}-day`)?.message;

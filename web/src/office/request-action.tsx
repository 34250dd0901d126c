import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, DateInput, TextArea } from '../components/fields';
import { BackLink, Loading, PageHeading, ProblemPage, problemTitle, usePageTitle } from '../components/page';
import { ApiError, isMissingRoute, staffApi } from '../lib/api';
import {
  dateProblemMessage,
  EMPTY_DATE,
  formatDate,
  isoFromParts,
  londonToday,
  typedDate,
  type DateParts,
} from '../lib/dates';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { returnTypeLabel } from '../lib/labels';
import { navigate, setFlash } from '../lib/router';
import type { CaseView, RequestView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { DateWarnings } from './date-warnings';
import { dueDateWarnings, factsOf } from './milestones';

interface ActionSpec {
  title: string;
  /** Path under the request in the API. */
  endpoint: string;
  intro: (r: RequestView) => string;
  reason?: { label: string; hint: string };
  /** Asks for a new due date. */
  date?: { legend: string; hint: string };
  button: string;
  warning?: boolean;
  done: (r: RequestView) => string;
}

/** While an agency's links are stopped it is e-mailed no link, so these actions tell it nothing (ADR 0004). */
const HELD =
  ' Its links to this case are stopped, so it is not e-mailed: send the link again when it should hear, and the e-mail gives the new date.';
const NOT_TOLD = '. The agency was not told: its links are stopped. Send the link again when it should hear.';

/** The office's actions on one request that need a reason, a date or a confirmation. */
export const REQUEST_ACTIONS: Record<string, ActionSpec> = {
  resend: {
    title: 'Send the link again',
    endpoint: 'resend',
    intro: (r) =>
      r.linksStopped
        ? `${r.agencyName}'s links to this case were stopped. A new link goes to the lead and deputy recorded in the agency directory, and reminders restart: steps that fell due while the links were stopped are not sent.`
        : `${r.agencyName}'s lead gets a new link by e-mail. Every earlier link of this agency in this case stops working, so send it again only if the e-mail was lost or went to the wrong person.`,
    button: 'Send a new link',
    done: (r) => `A new link was sent to ${r.agencyName}`,
  },
  extend: {
    title: 'Extend the due date',
    endpoint: 'extend',
    intro: (r) => `${r.agencyName} is due to return this by ${formatDate(r.dueOn)}.${r.linksStopped ? HELD : ''}`,
    date: { legend: 'New due date', hint: 'A working day after the current due date. For example, 14 1 2027' },
    reason: {
      label: 'Why is the due date being extended?',
      hint: 'This is recorded in the audit trail. The statutory timescales still apply to the case (§2.1.7).',
    },
    button: 'Extend the due date',
    done: (r) => `Due date of ${r.agencyName}'s return extended${r.linksStopped ? NOT_TOLD : ''}`,
  },
  // A draft's date: the agency has not been asked yet, so it is told nothing (the API e-mails no one).
  'due-date': {
    title: 'Change the due date',
    endpoint: 'extend',
    intro: (r) =>
      `This request to ${r.agencyName} has not been sent, and is due by ${formatDate(r.dueOn)}. Nobody is told of the change: ${r.agencyName} sees the new date when you send the request.`,
    date: { legend: 'New due date', hint: 'A working day, today or later. For example, 14 1 2027' },
    reason: {
      label: 'Why is the due date being changed?',
      hint: 'This is recorded in the audit trail. The statutory timescales still apply to the case (§2.1.7).',
    },
    button: 'Change the due date',
    done: (r) => `Due date of the request to ${r.agencyName} changed`,
  },
  'more-info': {
    title: 'Ask for more information',
    endpoint: 'request-more',
    intro: (r) =>
      `The return goes back to ${r.agencyName} to add to. The version they submitted is kept, and they submit a new one.${r.linksStopped ? HELD : ''}`,
    reason: {
      label: 'What more do you need?',
      hint: 'The agency sees this. Be specific: which events, which period, which questions.',
    },
    date: { legend: 'New due date', hint: 'A working day. For example, 14 1 2027' },
    button: 'Ask for more information',
    done: (r) =>
      r.linksStopped
        ? `The return was reopened for more information${NOT_TOLD}`
        : `${r.agencyName} was asked for more information`,
  },
  'not-involved': {
    title: 'Mark the agency as not involved',
    endpoint: 'not-involved',
    intro: (r) =>
      `Use this when ${r.agencyName} tells you they had no involvement and a nil return is not needed. The request is closed and its links stop working.`,
    reason: { label: 'How do you know the agency was not involved?', hint: 'This is recorded in the audit trail.' },
    button: 'Mark as not involved',
    done: (r) => `${r.agencyName} marked as not involved`,
  },
  withdraw: {
    title: 'Withdraw the request',
    endpoint: 'withdraw',
    intro: (r) =>
      r.status === 'draft'
        ? `This request has not been sent, so ${r.agencyName} is not told: the request is simply not sent.`
        : `${r.agencyName} will no longer be asked for this return and will get no more reminders.`,
    reason: { label: 'Why is the request being withdrawn?', hint: 'This is recorded in the audit trail.' },
    button: 'Withdraw the request',
    warning: true,
    done: (r) => `Request to ${r.agencyName} withdrawn`,
  },
};

async function load(caseId: string, requestId: string) {
  const [record, { requests }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
  ]);
  const request = requests.find((r) => r.id === requestId);
  if (!request) throw new ApiError(404, 'not-found', 'The request was not found.');
  return { record, request };
}

export function RequestAction(props: { caseId: string; requestId: string; action: keyof typeof REQUEST_ACTIONS }) {
  const { caseId, requestId } = props;
  const spec = REQUEST_ACTIONS[props.action] as ActionSpec;
  const { data, error } = useResource(() => load(caseId, requestId), [caseId, requestId]);
  const [reason, setReason] = useState('');
  const [due, setDue] = useState<DateParts>(EMPTY_DATE);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  usePageTitle(error ? problemTitle(error) : spec.title, errors.length > 0);
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading />;
  const { record, request } = data;
  const back = `/cases/${caseId}/requests/${requestId}`;
  // Said before submitting: a new date after a statutory date the return is needed for (the meeting, day 15,
  // six months). Advice, not an error: the office may have agreed it.
  const typed = spec.date ? typedDate(due) : undefined;
  const warnings = typed ? dueDateWarnings(record.milestones, factsOf(record), typed, londonToday()) : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    let dueOn: string | undefined;
    if (spec.date) {
      const read = isoFromParts(due);
      if ('problem' in read)
        found.push({
          path: 'dueOn',
          fieldId: 'dueOn-day',
          message: dateProblemMessage(read.problem, 'the new due date'),
        });
      else if (read.iso < londonToday())
        found.push({ path: 'dueOn', fieldId: 'dueOn-day', message: 'The new due date must be today or in the future' });
      else dueOn = read.iso;
    }
    if (spec.reason && !reason.trim()) found.push({ path: 'reason', fieldId: 'reason', message: 'Enter a reason' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      await staffApi.post(`/cases/${caseId}/requests/${requestId}/${spec.endpoint}`, {
        ...(spec.reason ? { reason: reason.trim() } : {}),
        ...(dueOn ? { dueOn } : {}),
      });
      setFlash(spec.done(request));
      navigate(back);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length) setErrors(errorsFromIssues(failure.issues));
      else
        setErrors([
          {
            path: '',
            fieldId: spec.date ? 'dueOn-day' : spec.reason ? 'reason' : 'main-content',
            message: isMissingRoute(failure)
              ? 'The portal cannot do this yet. Try again later.'
              : failure instanceof ApiError
                ? failure.message
                : 'Something went wrong. Try again.',
          },
        ]);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={back}>Back to the request</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading
          caption={`Case ${record.reference}: ${request.agencyName}, ${returnTypeLabel(request.returnType)}`}
        >
          {spec.title}
        </PageHeading>
        <p class="govuk-body">{spec.intro(request)}</p>
        <form noValidate onSubmit={submit}>
          {spec.date && (
            <>
              <DateInput
                id="dueOn"
                legend={spec.date.legend}
                legendClass="govuk-fieldset__legend--m"
                hint={spec.date.hint}
                error={errorFor(errors, 'dueOn')}
                value={due}
                onChange={setDue}
              />
              <DateWarnings id="dueOn-warnings" warnings={warnings} />
            </>
          )}
          {spec.reason && (
            <TextArea
              id="reason"
              label={spec.reason.label}
              labelClass="govuk-label--m"
              hint={spec.reason.hint}
              error={errorFor(errors, 'reason')}
              value={reason}
              onInput={setReason}
              maxLength={2000}
            />
          )}
          <div class="govuk-button-group">
            <Button warning={spec.warning} disabled={busy}>
              {spec.button}
            </Button>
            <a class="govuk-link" href={back}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}

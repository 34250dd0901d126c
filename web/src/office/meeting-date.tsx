import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, DateInput, TextArea } from '../components/fields';
import { BackLink, Loading, PageHeading, ProblemOnly, usePageTitle } from '../components/page';
import { ApiError, staffApi } from '../lib/api';
import {
  dateProblemMessage,
  formatDate,
  isoFromParts,
  londonToday,
  partsFromIso,
  typedDate,
  type DateParts,
} from '../lib/dates';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { navigate, setFlash } from '../lib/router';
import type { CaseView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { DateWarnings } from './date-warnings';
import { meetingDateWarnings } from './milestones';

function MeetingDateForm({ record }: { record: CaseView }) {
  const [date, setDate] = useState<DateParts>(partsFromIso(record.plannedMeeting?.date));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const changing = record.plannedMeeting !== undefined;
  const title = changing ? 'Change the Rapid Review meeting date' : 'Set the Rapid Review meeting date';
  usePageTitle(title, errors.length > 0);
  const meeting = record.milestones.find((m) => m.key === 'meeting');
  const typed = typedDate(date);
  const warnings = typed ? meetingDateWarnings(record.milestones, typed) : [];
  const back = `/cases/${record.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const read = isoFromParts(date);
    const found: FieldError[] = [];
    if ('problem' in read) {
      found.push({ path: 'date', fieldId: 'date-day', message: dateProblemMessage(read.problem, 'the meeting date') });
    } else if (read.iso < londonToday()) {
      found.push({ path: 'date', fieldId: 'date-day', message: 'The meeting date must be today or in the future' });
    }
    setErrors(found);
    if (found.length || 'problem' in read) return;
    setBusy(true);
    try {
      await staffApi.put(`/cases/${record.id}/meeting-date`, {
        date: read.iso,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setFlash(`Rapid Review meeting date set for ${formatDate(read.iso)}`);
      navigate(back);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length) {
        setErrors(errorsFromIssues(failure.issues));
      } else {
        setErrors([
          {
            path: '',
            fieldId: 'date-day',
            message: failure instanceof Error ? failure.message : 'Something went wrong. Try again.',
          },
        ]);
      }
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={back}>Back to case {record.reference}</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading caption={`Case ${record.reference}`}>{title}</PageHeading>
        <p class="govuk-body">
          The meeting date is set with the requests, within 2 working days of day 0 (§4.3.3).
          {meeting?.from &&
            ` The meeting is held between ${formatDate(meeting.from)} and ${formatDate(meeting.due)}: the partnership's window.`}
        </p>
        <form noValidate onSubmit={submit}>
          <DateInput
            id="date"
            legend="Date of the meeting"
            legendClass="govuk-fieldset__legend--m"
            hint="A working day. For example, 14 1 2027"
            error={errorFor(errors, 'date')}
            value={date}
            onChange={setDate}
          />
          <DateWarnings id="date-warnings" warnings={warnings} />
          <TextArea
            id="reason"
            label={changing ? 'Why is the date changing? (optional)' : 'Anything to note? (optional)'}
            labelClass="govuk-label--s"
            hint="This is recorded in the audit trail."
            error={errorFor(errors, 'reason')}
            value={reason}
            onInput={setReason}
            maxLength={2000}
          />
          <div class="govuk-button-group">
            <Button disabled={busy}>{changing ? 'Change the date' : 'Set the date'}</Button>
            <a class="govuk-link" href={back}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}

export function MeetingDatePage({ caseId }: { caseId: string }) {
  const { data, error } = useResource(() => staffApi.get<CaseView>(`/cases/${caseId}`), [caseId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  return <MeetingDateForm record={data} />;
}

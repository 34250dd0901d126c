import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, DateInput, Radios, TextArea } from '../components/fields';
import { BackLink, Loading, PageHeading, ProblemOnly, usePageTitle } from '../components/page';
import { ApiError, staffApi } from '../lib/api';
import { dateProblemMessage, isoFromParts, partsFromIso, typedDate, type DateParts } from '../lib/dates';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { navigate, setFlash } from '../lib/router';
import type { CaseView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { DateWarnings } from './date-warnings';
import { meetingDateWarnings } from './milestones';

/** The decision the Rapid Review or Case Review Group meeting recorded (§4.6.2), as the API returns it. */
export interface MeetingDecisionView {
  meetingDate: string;
  decision: 'cspr' | 'alternative-learning-review' | 'no-further-review';
  decisionLabel: string;
  rationale: string;
  learningIdentified: string;
  immediateActions?: string;
  recordedAt: string;
}

export const DECISION_CHOICES = [
  {
    value: 'cspr',
    label: 'The criteria for a Child Safeguarding Practice Review are met: a review will be carried out',
  },
  {
    value: 'alternative-learning-review',
    label: 'Not to proceed with a Child Safeguarding Practice Review: an alternative form of learning review',
  },
  {
    value: 'no-further-review',
    label: 'Not to proceed with a Child Safeguarding Practice Review: no further review',
    hint: 'For example, the immediate learning has been shared and removes the need for a review.',
  },
];

async function load(caseId: string) {
  const [record, { decision }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ decision: MeetingDecisionView | null }>(`/cases/${caseId}/meeting-decision`),
  ]);
  return { record, decision };
}

function DecisionForm({ record, decision }: { record: CaseView; decision: MeetingDecisionView | null }) {
  const [date, setDate] = useState<DateParts>(partsFromIso(decision?.meetingDate));
  const [choice, setChoice] = useState<string>(decision?.decision ?? '');
  const [rationale, setRationale] = useState(decision?.rationale ?? '');
  const [learning, setLearning] = useState(decision?.learningIdentified ?? '');
  const [actions, setActions] = useState(decision?.immediateActions ?? '');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const meeting = record.route === 'rapid-review' ? 'Rapid Review meeting' : 'Case Review Group meeting';
  const title = `Record the ${meeting}'s decision`;
  usePageTitle(title, errors.length > 0);
  // A Rapid Review meeting outside its window is recorded, but said first (the Case Review Group's has none).
  const typed = typedDate(date);
  const warnings = typed && record.route === 'rapid-review' ? meetingDateWarnings(record.milestones, typed) : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    const read = isoFromParts(date);
    if ('problem' in read) {
      found.push({
        path: 'meetingDate',
        fieldId: 'meetingDate-day',
        message: dateProblemMessage(read.problem, 'the date of the meeting'),
      });
    }
    if (!choice) found.push({ path: 'decision', fieldId: 'decision', message: 'Select the decision' });
    if (!rationale.trim()) found.push({ path: 'rationale', fieldId: 'rationale', message: 'Enter the rationale' });
    if (!learning.trim()) {
      found.push({
        path: 'learningIdentified',
        fieldId: 'learningIdentified',
        message: 'Enter the learning identified',
      });
    }
    setErrors(found);
    if (found.length || 'problem' in read) return;
    setBusy(true);
    try {
      await staffApi.put(`/cases/${record.id}/meeting-decision`, {
        meetingDate: read.iso,
        decision: choice,
        rationale: rationale.trim(),
        learningIdentified: learning.trim(),
        ...(actions.trim() ? { immediateActions: actions.trim() } : {}),
      });
      setFlash(`The ${meeting}'s decision is recorded`);
      navigate(`/cases/${record.id}#documents-heading`);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length) {
        setErrors(errorsFromIssues(failure.issues));
      } else {
        setErrors([
          {
            path: '(body)',
            fieldId: 'main-content',
            message: failure instanceof Error ? failure.message : 'Something went wrong. Try again.',
          },
        ]);
      }
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`/cases/${record.id}`}>Back to case {record.reference}</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading caption={`Case ${record.reference}`}>{title}</PageHeading>
        <p class="govuk-body">
          The decision goes into the Combined Summary for the National Panel and its covering letter (§4.8.1). The
          Combined Summary for the meeting keeps its sections 2 and 3 blank, to be completed at the meeting.
        </p>
        <form noValidate onSubmit={submit}>
          <DateInput
            id="meetingDate"
            legend="Date of the meeting"
            legendClass="govuk-fieldset__legend--m"
            hint="For example, 17 11 2026"
            error={errorFor(errors, 'meetingDate-day')}
            value={date}
            onChange={setDate}
          />
          <DateWarnings id="meetingDate-warnings" warnings={warnings} />
          <Radios
            id="decision"
            legend="Decision"
            legendClass="govuk-fieldset__legend--m"
            error={errorFor(errors, 'decision')}
            choices={DECISION_CHOICES}
            value={choice}
            onChange={setChoice}
          />
          <TextArea
            id="rationale"
            label="Rationale for the decision"
            labelClass="govuk-label--m"
            error={errorFor(errors, 'rationale')}
            value={rationale}
            onInput={setRationale}
            maxLength={10000}
          />
          <TextArea
            id="learningIdentified"
            label="Learning identified"
            labelClass="govuk-label--m"
            error={errorFor(errors, 'learningIdentified')}
            value={learning}
            onInput={setLearning}
            maxLength={10000}
          />
          <TextArea
            id="immediateActions"
            label="Immediate actions (optional)"
            labelClass="govuk-label--m"
            hint="Action agreed to ensure the child's and any other vulnerable person's safety."
            error={errorFor(errors, 'immediateActions')}
            value={actions}
            onInput={setActions}
            maxLength={10000}
          />
          <div class="govuk-button-group">
            <Button disabled={busy}>Record the decision</Button>
            <a class="govuk-link" href={`/cases/${record.id}`}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}

export function MeetingDecisionPage({ caseId }: { caseId: string }) {
  const { data, error } = useResource(() => load(caseId), [caseId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  return <DecisionForm record={data.record} decision={data.decision} />;
}

import { useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, Checkbox, Checkboxes, DateInput, Radios } from '../components/fields';
import { BackLink, Loading, PageHeading, ProblemPage, problemTitle, usePageTitle } from '../components/page';
import { ApiError, isMissingRoute, staffApi } from '../lib/api';
import { dateProblemMessage, EMPTY_DATE, isoFromParts, londonToday, typedDate, type DateParts } from '../lib/dates';
import { errorFor, errorsFromIssues, type FieldError } from '../lib/issues';
import { kindLabel, RETURN_TYPES, returnTypeLabel } from '../lib/labels';
import { navigate, setFlash } from '../lib/router';
import type { Agency, CaseView, RequestView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { DateWarnings } from './date-warnings';
import { dueDateWarnings, factsOf } from './milestones';
import { defaultReturnTypes, dueDateHint } from './route-offers';

async function load(caseId: string) {
  const [record, { agencies }, { requests }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ agencies: Agency[] }>('/agencies'),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
  ]);
  return { record, agencies, requests };
}

/** Creates the requests one by one: used only while the API has no batch route. */
async function createOneByOne(
  caseId: string,
  body: { agencyIds: string[]; returnTypes: string[]; dueOn?: string; send: boolean; analysisColumns?: boolean },
) {
  for (const agencyId of body.agencyIds) {
    for (const returnType of body.returnTypes) {
      const created = await staffApi.post<RequestView>(`/cases/${caseId}/requests`, {
        agencyId,
        returnType,
        ...(body.dueOn ? { dueOn: body.dueOn } : {}),
        ...(body.analysisColumns && returnType === 'chronology' ? { analysisColumns: true } : {}),
      });
      if (body.send) await staffApi.post(`/cases/${caseId}/requests/${created.id}/send`);
    }
  }
}

/** Several agencies × several returns at once: every chosen agency is asked for every chosen return. */
export function AddRequests({ caseId }: { caseId: string }) {
  const { data, error, reload } = useResource(() => load(caseId), [caseId]);
  const [agencyIds, setAgencyIds] = useState<string[]>([]);
  /** Undefined until the officer changes them: the route's defaults are ticked. */
  const [chosenTypes, setTypes] = useState<string[]>();
  const [due, setDue] = useState<DateParts>(EMPTY_DATE);
  const [send, setSend] = useState('');
  const [analysis, setAnalysis] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  // Set at once, unlike `busy`, which a second submit event before the next render would not yet see.
  const inFlight = useRef(false);
  usePageTitle(error ? problemTitle(error) : 'Add agencies and requests', errors.length > 0);
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading />;
  const { record, agencies, requests } = data;
  const types = chosenTypes ?? defaultReturnTypes(record.route);
  // A chosen date after a statutory date the returns are needed for is said before the requests are made.
  const typed = typedDate(due);
  const warnings = typed
    ? dueDateWarnings(record.milestones, factsOf(record), typed, londonToday(), { replyDate: true })
    : [];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy || inFlight.current) return;
    const found: FieldError[] = [];
    if (!agencyIds.length)
      found.push({ path: 'agencyIds', fieldId: 'agencyIds', message: 'Select at least one agency' });
    if (!types.length)
      found.push({ path: 'returnTypes', fieldId: 'returnTypes', message: 'Select at least one return' });
    const read = isoFromParts(due);
    let dueOn: string | undefined;
    if ('iso' in read) {
      if (read.iso < londonToday())
        found.push({ path: 'dueOn', fieldId: 'dueOn-day', message: 'The due date must be today or in the future' });
      else dueOn = read.iso;
    } else if (read.problem !== 'missing') {
      found.push({ path: 'dueOn', fieldId: 'dueOn-day', message: dateProblemMessage(read.problem, 'the due date') });
    }
    if (!send) found.push({ path: 'send', fieldId: 'send', message: 'Select whether to send the requests now' });
    setErrors(found);
    if (found.length) return;
    inFlight.current = true;
    setBusy(true);
    const asksAnalysis = analysis && types.includes('chronology');
    const body = {
      agencyIds,
      returnTypes: types,
      ...(dueOn ? { dueOn } : {}),
      send: send === 'yes',
      ...(asksAnalysis ? { analysisColumns: true } : {}),
    };
    try {
      try {
        await staffApi.post(`/cases/${caseId}/requests/batch`, body);
      } catch (failure) {
        if (!isMissingRoute(failure)) throw failure;
        await createOneByOne(caseId, body);
      }
      const n = agencyIds.length * types.length;
      setFlash(
        `${n} ${n === 1 ? 'request' : 'requests'} ${send === 'yes' ? 'created and sent' : 'created, not sent yet'}`,
      );
      navigate(`/cases/${caseId}`);
    } catch (failure) {
      inFlight.current = false;
      setBusy(false);
      if (failure instanceof ApiError && failure.code === 'already-requested') {
        // Nothing was created: name every agency and return already asked for, and refresh the hints.
        setErrors(
          (failure.issues.length ? failure.issues : [{ path: 'agencyIds', message: failure.message }]).map((issue) => ({
            path: issue.path,
            fieldId: 'agencyIds',
            message: issue.message,
          })),
        );
        reload();
      } else if (failure instanceof ApiError && failure.issues.length) setErrors(errorsFromIssues(failure.issues));
      else
        setErrors([
          {
            path: '',
            fieldId: 'agencyIds',
            message: failure instanceof ApiError ? failure.message : 'The requests were not created',
          },
        ]);
    }
  };

  const asked = (agencyId: string) =>
    requests
      // As the API: a request withdrawn or marked not involved may be asked for again.
      .filter((r) => r.agencyId === agencyId && r.status !== 'withdrawn' && r.status !== 'not-involved')
      .map((r) => returnTypeLabel(r.returnType));
  const count = agencyIds.length * types.length;

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={`/cases/${caseId}`}>Back to case {record.reference}</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading caption={`Case ${record.reference}`}>Add agencies and requests</PageHeading>
        {agencies.length === 0 ? (
          <p class="govuk-body">
            There are no agencies in the directory yet. <a href="/agencies/new">Add an agency</a> first.
          </p>
        ) : (
          <form noValidate onSubmit={submit}>
            <Checkboxes
              id="agencyIds"
              legend="Which agencies do you want to ask?"
              legendClass="govuk-fieldset__legend--m"
              hint="Select all that apply. Each agency's safeguarding lead gets the link by e-mail."
              error={errorFor(errors, 'agencyIds')}
              values={agencyIds}
              onChange={setAgencyIds}
              choices={agencies.map((a) => {
                const already = asked(a.id);
                return {
                  value: a.id,
                  label: a.name,
                  hint: `${kindLabel(a.kind)}. Lead: ${a.leadName}.${already.length ? ` Already asked for: ${already.join(', ')}.` : ''}`,
                };
              })}
            />
            <Checkboxes
              id="returnTypes"
              legend="Which returns do you want?"
              legendClass="govuk-fieldset__legend--m"
              hint="Every agency you selected is asked for every return you select."
              error={errorFor(errors, 'returnTypes')}
              values={types}
              onChange={setTypes}
              choices={RETURN_TYPES.map((t) => ({ value: t, label: returnTypeLabel(t) }))}
            />
            {types.includes('chronology') && (
              <div class="govuk-inset-text">
                <Checkbox
                  id="analysisColumns"
                  label="Ask for the analysis columns in the chronology"
                  hint={`When the Terms of Reference ask for it: for each event, "Was this expected practice?" and a comment (§8.4).`}
                  checked={analysis}
                  onChange={setAnalysis}
                />
              </div>
            )}
            <DateInput
              id="dueOn"
              legend="Due date (optional)"
              legendClass="govuk-fieldset__legend--m"
              hint={dueDateHint(record.route)}
              error={errorFor(errors, 'dueOn')}
              value={due}
              onChange={setDue}
            />
            <DateWarnings id="dueOn-warnings" warnings={warnings} />
            <Radios
              id="send"
              legend="Send the requests now?"
              legendClass="govuk-fieldset__legend--m"
              error={errorFor(errors, 'send')}
              value={send}
              onChange={setSend}
              choices={[
                { value: 'yes', label: 'Yes, e-mail the links now' },
                { value: 'no', label: 'No, keep them to send later' },
              ]}
            />
            {count > 0 && (
              <p class="govuk-body" role="status">
                This makes {count} {count === 1 ? 'request' : 'requests'}.
              </p>
            )}
            <div class="govuk-button-group">
              <Button disabled={busy}>Add requests</Button>
              <a class="govuk-link" href={`/cases/${caseId}`}>
                Cancel
              </a>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}

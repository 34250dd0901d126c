import { Loading, ProblemOnly } from '../components/page';
import { ApiError, staffApi } from '../lib/api';
import { formatDateTime } from '../lib/dates';
import { returnTypeLabel } from '../lib/labels';
import { navigate, setFlash } from '../lib/router';
import type { CaseView, RequestView, ReturnView, SafetyConcernAcknowledgement } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { ReasonForm } from './reason-form';

/** The concern as the agency worded it, from an Information Request Reply (the only return that raises one). */
export function concernDetails(view: ReturnView | undefined): string | undefined {
  const content = view?.content as { immediateSafetyConcern?: { raised?: boolean; details?: unknown } } | undefined;
  const concern = content?.immediateSafetyConcern;
  return concern?.raised && typeof concern.details === 'string' ? concern.details : undefined;
}

/** "Recorded by officer.leicester on 3 December 2026 at 10:15": who acknowledged a concern, and when. */
export const acknowledgedText = (ack: SafetyConcernAcknowledgement): string =>
  `Recorded by ${ack.acknowledgedBy} on ${formatDateTime(ack.acknowledgedAt)}`;

/** What the office did about a concern: the action as typed (text, never markup), by whom and when. */
export function ConcernAcknowledged({ ack, agencyName }: { ack: SafetyConcernAcknowledgement; agencyName?: string }) {
  return (
    <div class="govuk-inset-text app-concern-acknowledged">
      <p class="govuk-body govuk-!-margin-bottom-1">
        <strong>
          {agencyName
            ? `${agencyName}'s immediate safety concern acknowledged`
            : 'Immediate safety concern acknowledged'}
        </strong>
      </p>
      <p class="govuk-body govuk-!-margin-bottom-1">
        Action taken: <span class="app-pre-wrap">{ack.action}</span>
      </p>
      <p class="govuk-body-s govuk-!-margin-bottom-0">{acknowledgedText(ack)}</p>
    </div>
  );
}

async function load(caseId: string, requestId: string) {
  const [record, { requests }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ requests: RequestView[] }>(`/cases/${caseId}/requests`),
  ]);
  const request = requests.find((r) => r.id === requestId);
  if (!request) throw new ApiError(404, 'not-found', 'The request was not found.');
  // Reading the return is audited: the officer reads the concern they are recording action on.
  const view = request.immediateSafetyConcern
    ? await staffApi.get<ReturnView>(`/cases/${caseId}/requests/${requestId}/return`)
    : undefined;
  return { record, request, details: concernDetails(view) };
}

/** Records what the office did about an immediate safety concern: required, audited, shown with the concern. */
export function AcknowledgeSafetyConcern({ caseId, requestId }: { caseId: string; requestId: string }) {
  const { data, error } = useResource(() => load(caseId, requestId), [caseId, requestId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  const { record, request, details } = data;
  const back = `/cases/${caseId}/requests/${requestId}`;
  return (
    <ReasonForm
      title="Record what was done about the safety concern"
      caption={`Case ${record.reference}: ${request.agencyName}, ${returnTypeLabel(request.returnType)}`}
      back={{ href: back, label: 'Back to the request' }}
      label="What was done about the concern?"
      hint="For example, discussed with MASH; police welfare check made 3 Dec. This is recorded in the audit trail and shown with the concern."
      button="Record as acknowledged"
      missing="Enter what was done about the concern"
      onSubmit={async (action) => {
        await staffApi.post(`/cases/${caseId}/requests/${requestId}/safety-concern/acknowledge`, { action });
        setFlash(`${request.agencyName}'s immediate safety concern acknowledged`);
        navigate(`/cases/${caseId}`);
      }}
    >
      {request.safetyConcernAcknowledgement ? (
        <ConcernAcknowledged ack={request.safetyConcernAcknowledgement} />
      ) : (
        <>
          <p class="govuk-body">
            {request.agencyName} raised an immediate safety concern for the child or others (§4.2.1). Once you record
            what was done, the concern stays on the case and in the Combined Summary, but no longer makes the case need
            action. A later version of the return that raises a concern again will need acknowledging again.
          </p>
          {details && (
            <div class="app-safety-concern">
              <h2 class="govuk-heading-s">The concern, as {request.agencyName} gave it</h2>
              <p class="govuk-body app-pre-wrap govuk-!-margin-bottom-0">{details}</p>
            </div>
          )}
        </>
      )}
    </ReasonForm>
  );
}

import { Loading, ProblemOnly } from '../components/page';
import { staffApi } from '../lib/api';
import { navigate, setFlash } from '../lib/router';
import type { CaseView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { ReasonForm } from './reason-form';

/** Closing a case revokes every link to it; the reason goes in the audit trail. */
export function CloseCase({ caseId }: { caseId: string }) {
  const { data, error } = useResource(() => staffApi.get<CaseView>(`/cases/${caseId}`), [caseId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  return (
    <ReasonForm
      title={`Close case ${data.reference}`}
      caption="Close the case"
      back={{ href: `/cases/${caseId}`, label: `Back to case ${data.reference}` }}
      label="Why is the case being closed?"
      hint="For example, the Rapid Review is complete and the Combined Summary has gone to the National Panel."
      button="Close the case"
      warning
      onSubmit={async (reason) => {
        await staffApi.post(`/cases/${caseId}/close`, { reason });
        setFlash(`Case ${data.reference} closed`);
        navigate('/');
      }}
    >
      <div class="govuk-warning-text">
        <span class="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong class="govuk-warning-text__text">
          <span class="govuk-visually-hidden">Warning</span>
          Every agency link to this case stops working, and outstanding requests get no more reminders: each agency
          still to send a return is e-mailed that it is no longer needed. Returns already received are kept.
        </strong>
      </div>
    </ReasonForm>
  );
}

import { Loading, ProblemOnly } from '../components/page';
import { staffApi } from '../lib/api';
import { navigate, setFlash } from '../lib/router';
import type { Agency, CaseView } from '../lib/types';
import { useResource } from '../lib/use-resource';
import { ReasonForm } from './reason-form';

async function load(caseId: string, agencyId: string) {
  const [record, { agencies }] = await Promise.all([
    staffApi.get<CaseView>(`/cases/${caseId}`),
    staffApi.get<{ agencies: Agency[] }>('/agencies'),
  ]);
  return { record, agency: agencies.find((a) => a.id === agencyId) };
}

/** Ends every link (and so every session) an agency has to a case: a lost device, a wrong recipient. */
export function RevokeLinks({ caseId, agencyId }: { caseId: string; agencyId: string }) {
  const { data, error } = useResource(() => load(caseId, agencyId), [caseId, agencyId]);
  if (error) return <ProblemOnly error={error} />;
  if (!data) return <Loading />;
  const name = data.agency?.name ?? 'the agency';
  return (
    <ReasonForm
      title={`Stop ${name}'s links`}
      caption={`Case ${data.record.reference}`}
      back={{ href: `/cases/${caseId}`, label: `Back to case ${data.record.reference}` }}
      label="Why are the links being stopped?"
      hint="For example, the e-mail went to the wrong person. This is recorded in the audit trail."
      button="Stop the links"
      warning
      onSubmit={async (reason) => {
        const result = await staffApi.post<{ revoked: number; paused?: number }>(
          `/cases/${caseId}/agencies/${agencyId}/revoke-links`,
          { reason },
        );
        setFlash(
          `${result.revoked} ${result.revoked === 1 ? 'link' : 'links'} stopped. Reminders and escalations of ${name}'s requests wait until you send the link again.`,
        );
        navigate(`/cases/${caseId}`);
      }}
    >
      <p class="govuk-body">
        Every link {name} has to this case stops working at once, and anyone signed in with one is signed out. Their
        drafts and returns are kept.
      </p>
      <p class="govuk-body">
        Until you send the link again, {name} gets no reminders, nobody is sent an escalation about its returns, and
        nothing e-mailed to it carries a link. Correct its contacts in the agency directory if they are wrong, then send
        the link again from one of its requests: reminders restart from then.
      </p>
    </ReasonForm>
  );
}

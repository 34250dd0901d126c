import { useEffect, useState } from 'preact/hooks';
import { Layout } from '../components/layout';
import { Loading, PageHeading, ProblemOnly, ProblemPage, usePageTitle } from '../components/page';
import { Button } from '../components/fields';
import { isMissingRoute, staffApi } from '../lib/api';
import { completeSignIn, onStaffStateChange, signOut, startSignIn, staffState } from '../lib/auth';
import { matchPath, navigate, type Location } from '../lib/router';
import type { Me } from '../lib/types';
import { AddRequests } from './add-requests';
import { AgencyForm } from './agency-form';
import { AgencyList } from './agency-list';
import { CaseList } from './case-list';
import { CasePage } from './case-page';
import { ChronologyPage } from './chronology-page';
import { CloseCase } from './close-case';
import { LegalHold } from './legal-hold';
import { MeetingDecisionPage } from './meeting-decision';
import { NewCase } from './new-case';
import { RequestAction, REQUEST_ACTIONS } from './request-action';
import { RequestPage } from './request-page';
import { RevokeLinks } from './revoke-links';
import { AcknowledgeSafetyConcern } from './safety-concern';
import { MeetingDatePage } from './meeting-date';

/** The business office's pages; every one but sign-in needs a live staff session. */
function useStaffState() {
  const [state, setState] = useState(staffState);
  useEffect(() => onStaffStateChange(() => setState(staffState())), []);
  return state;
}

function SignIn({ ended, returnTo }: { ended: boolean; returnTo: string }) {
  const title = ended ? 'Your session has ended' : 'Sign in to the Safeguarding returns portal';
  usePageTitle(title);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>{title}</PageHeading>
        {ended ? (
          <p class="govuk-body">
            For your security, you are signed out after a time. Nothing you had saved is lost. Sign in again to carry
            on.
          </p>
        ) : (
          <>
            <p class="govuk-body">
              This service is for the business offices of Safeguarding Children Partnerships. Use it to open a case, ask
              agencies for their returns and follow them to the statutory deadlines.
            </p>
            <p class="govuk-body">You will need your username, password and the code from your authenticator app.</p>
          </>
        )}
        <Button class="govuk-button--start" type="button" onClick={() => void startSignIn(returnTo)}>
          Sign in
        </Button>
        <p class="govuk-body">
          If you were sent a link to respond for your agency, open that link instead: you do not need an account.
        </p>
      </div>
    </div>
  );
}

function Callback({ search }: { search: string }) {
  const [error, setError] = useState<unknown>();
  usePageTitle(error ? 'You are not signed in' : 'Signing in');
  useEffect(() => {
    completeSignIn(search).then(
      (to) => navigate(to, { replace: true }),
      (failure: unknown) => setError(failure),
    );
  }, []);
  if (error)
    return (
      <>
        <ProblemPage error={error} title="You are not signed in" />
        <p class="govuk-body">{error instanceof Error ? error.message : ''}</p>
        <Button type="button" onClick={() => void startSignIn('/')}>
          Sign in
        </Button>
      </>
    );
  return <Loading what="sign-in" />;
}

function SignedOut() {
  usePageTitle('You have signed out');
  return (
    <>
      <PageHeading>You have signed out</PageHeading>
      <p class="govuk-body">Close this tab if you are using a shared computer.</p>
      <Button type="button" onClick={() => void startSignIn('/')}>
        Sign in again
      </Button>
    </>
  );
}

function NotFound() {
  return <ProblemOnly error={{ status: 404 }} />;
}

function route(path: string) {
  const m = (pattern: string) => matchPath(pattern, path);
  let p: Record<string, string> | undefined;
  if (path === '/' || path === '/cases') return <CaseList />;
  if (m('/cases/new')) return <NewCase />;
  if ((p = m('/cases/:caseId'))) return <CasePage caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/close'))) return <CloseCase caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/legal-hold'))) return <LegalHold caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/meeting-decision'))) return <MeetingDecisionPage caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/meeting-date'))) return <MeetingDatePage caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/chronology'))) return <ChronologyPage caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/requests/new'))) return <AddRequests caseId={p.caseId as string} />;
  if ((p = m('/cases/:caseId/requests/:requestId')))
    return <RequestPage caseId={p.caseId as string} requestId={p.requestId as string} />;
  if ((p = m('/cases/:caseId/requests/:requestId/safety-concern')))
    return <AcknowledgeSafetyConcern caseId={p.caseId as string} requestId={p.requestId as string} />;
  if ((p = m('/cases/:caseId/requests/:requestId/:action')) && p.action && p.action in REQUEST_ACTIONS)
    return (
      <RequestAction
        caseId={p.caseId as string}
        requestId={p.requestId as string}
        action={p.action as keyof typeof REQUEST_ACTIONS}
      />
    );
  if ((p = m('/cases/:caseId/agencies/:agencyId/revoke')))
    return <RevokeLinks caseId={p.caseId as string} agencyId={p.agencyId as string} />;
  if (m('/agencies')) return <AgencyList />;
  if (m('/agencies/new')) return <AgencyForm />;
  if ((p = m('/agencies/:agencyId/edit'))) return <AgencyForm agencyId={p.agencyId as string} />;
  return <NotFound />;
}

export function OfficeApp({ where }: { where: Location }) {
  const state = useStaffState();
  const [me, setMe] = useState<Me>();
  useEffect(() => {
    if (state !== 'signed-in' || me) return;
    // GET /api/me names the partnership in the header; until it exists the header shows the service only.
    staffApi.get<Me>('/me').then(setMe, (error: unknown) => {
      if (!isMissingRoute(error)) setMe(undefined);
    });
  }, [state]);

  const signedIn = state === 'signed-in';
  let page;
  if (where.path === '/auth/callback') page = <Callback search={where.search} />;
  else if (where.path === '/signed-out' && !signedIn) page = <SignedOut />;
  else if (!signedIn) page = <SignIn ended={state === 'ended'} returnTo={where.path} />;
  else page = route(where.path);

  const section = where.path.startsWith('/agencies') ? 'agencies' : 'cases';
  return (
    <Layout
      home="/"
      wide
      who={signedIn ? me?.partnership.name : undefined}
      nav={
        signedIn
          ? [
              { href: '/', label: 'Cases', current: section === 'cases' },
              { href: '/agencies', label: 'Agencies', current: section === 'agencies' },
            ]
          : undefined
      }
      onSignOut={signedIn ? signOut : undefined}
    >
      {page}
    </Layout>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { Loading, messageOf, PageHeading, usePageTitle } from '../components/page';
import { agencyApi, ApiError } from '../lib/api';
import { navigate } from '../lib/router';
import type { AgencyLink, Challenge } from '../lib/types';
import { linkToken, setChallenge } from './link-state';
import { linkNotValidText } from './messages';

/** Shown for a link that is unknown, expired or replaced: the API does not say which, nor do we. */
export function LinkNotValid({ message, ownTitle = true }: { message?: string | undefined; ownTitle?: boolean }) {
  usePageTitle('This link is not valid', false, ownTitle);
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>This link is not valid</PageHeading>
        <p class="govuk-body">{linkNotValidText(message)}</p>
      </div>
    </div>
  );
}

function NoLink() {
  usePageTitle('Open the link in your e-mail');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>Open the link in your e-mail</PageHeading>
        <p class="govuk-body">
          To respond to an information request, open the link in the e-mail from the Safeguarding Children Partnership's
          business office. Each link is for one agency and one case.
        </p>
      </div>
    </div>
  );
}

/**
 * The page the e-mailed link opens. It shows no personal data and does nothing by itself (mail
 * scanners open links too): the lead asks for a code, which goes to the agency's recorded addresses.
 */
export function Landing() {
  const token = linkToken();
  const [probing, setProbing] = useState(token === undefined);
  useEffect(() => {
    if (token !== undefined) return;
    // Without a link, someone already signed in (a reload, the back button) goes straight to their requests.
    agencyApi.probe('/agency/requests').then(
      () => navigate('/respond/requests', { replace: true }),
      () => setProbing(false),
    );
  }, []);
  if (token === undefined) return probing ? <Loading /> : <NoLink />;
  if (token === '') return <LinkNotValid />;
  return <AskForCode token={token} />;
}

function AskForCode({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ invalid?: boolean; message: string }>();
  // Who is asking (the partnership and its office, as the e-mail says); undefined while asking the API,
  // null if it could not say, when the page speaks of the partnership in general.
  const [asking, setAsking] = useState<AgencyLink | null>();
  useEffect(() => {
    agencyApi.post<AgencyLink>('/agency/links/lookup', { token }).then(setAsking, (error) => {
      if (error instanceof ApiError && error.status === 404) setProblem({ invalid: true, message: error.message });
      setAsking(null);
    });
  }, [token]);
  usePageTitle(
    problem?.invalid ? 'This link is not valid' : 'Respond to an information request',
    Boolean(problem && !problem.invalid),
  );
  if (problem?.invalid) return <LinkNotValid message={problem.message} ownTitle={false} />;
  if (asking === undefined) return <Loading />;

  const sendCode = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const challenge = await agencyApi.post<Challenge>('/agency/sessions', { token });
      setChallenge(challenge);
      navigate('/respond/code');
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 404) setProblem({ invalid: true, message: error.message });
      else setProblem({ message: messageOf(error) });
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        {problem && (
          <div class="govuk-error-summary" role="alert" tabIndex={-1}>
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body">
              <p class="govuk-body">{problem.message}</p>
            </div>
          </div>
        )}
        <PageHeading>Respond to an information request</PageHeading>
        <p class="govuk-body" id="who-is-asking">
          {asking ? asking.partnershipName : 'A Safeguarding Children Partnership'} is reviewing what happened to a
          child. When a child dies or is seriously harmed and abuse or neglect is known or suspected, the partnership
          brings together what each agency knew, to learn how children can be better protected.
        </p>
        <p class="govuk-body">
          {asking ? `${asking.officeName}, the partnership's business office, has` : 'The business office has'} asked
          your agency for information. This link lets your agency's safeguarding lead see the request and respond
          securely.
        </p>
        <h2 class="govuk-heading-m">Confirm it is you</h2>
        <p class="govuk-body">
          We will e-mail a 6-digit code to the safeguarding lead's address the partnership holds for your agency. The
          code works for 10 minutes. You will see the details of the case after entering it.
        </p>
        <Button type="button" disabled={busy} onClick={() => void sendCode()}>
          Send me a code
        </Button>
        <p class="govuk-body">
          If this e-mail reached you by mistake, do not forward it: tell the business office that sent it
          {asking && (
            <>
              , {asking.officeName}, at{' '}
              <a class="govuk-link" href={`mailto:${asking.officeEmail}`}>
                {asking.officeEmail}
              </a>
            </>
          )}
          .
        </p>
      </div>
    </div>
  );
}

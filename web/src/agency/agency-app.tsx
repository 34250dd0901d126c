import { useEffect, useRef, useState } from 'preact/hooks';
import { Layout } from '../components/layout';
import { PageHeading, ProblemOnly, usePageTitle } from '../components/page';
import { agencyApi, onAgencySessionEnded } from '../lib/api';
import { matchPath, navigate, type Location } from '../lib/router';
import { CodePage } from './code-page';
import { HeaderContext } from './header-context';
import { Landing } from './landing';
import { forgetLink } from './link-state';
import { ReplyShell } from './reply/reply-shell';
import { RequestsPage } from './requests-page';
import { forgetSessionClock, SessionTimeout, type TimeoutReason } from './timeout-warning';
import { saveUnsavedWork, type SaveOutcome } from './unsaved-work';

function SessionEnded() {
  usePageTitle('Your session has ended');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>Your session has ended</PageHeading>
        {/* The API gives one answer for every reason a session ends, so each reason is explained here. */}
        <p class="govuk-body">For your security, you are signed out:</p>
        <ul class="govuk-list govuk-list--bullet">
          <li>after 30 minutes without activity, and after 8 hours in any case</li>
          <li>
            when the business office sends your agency the link again (the links in its earlier e-mails then stop
            working), stops your agency's links, or closes the case
          </li>
        </ul>
        <p class="govuk-body">Anything you saved is kept.</p>
        <p class="govuk-body">
          To carry on, open the link in the most recent e-mail the business office sent you about this case. We will
          send you a new code.
        </p>
        <p class="govuk-body">
          If that link says it is not valid, it no longer works (your agency's links may have been stopped, or the case
          closed): contact the business office that sent it.
        </p>
      </div>
    </div>
  );
}

/** The page signed the lead out before the session timed out, having saved what was typed. */
function TimedOut({ reason, saved }: { reason: TimeoutReason; saved: SaveOutcome | undefined }) {
  usePageTitle('You have been signed out');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>You have been signed out</PageHeading>
        <p class="govuk-body">
          {reason === 'idle'
            ? 'For your security, we signed you out because there was no activity for 30 minutes.'
            : 'For your security, we signed you out because sessions last 8 hours at most.'}
        </p>
        {saved === undefined ? (
          <p class="govuk-body">Saving what you typed…</p>
        ) : saved === 'failed' ? (
          <p class="govuk-body">
            We could not save what you typed since you last saved. Anything you saved before then is kept.
          </p>
        ) : (
          <p class="govuk-body">
            {saved === 'saved'
              ? 'We saved what you had typed as a draft: nothing is lost.'
              : 'Anything you saved is kept.'}
          </p>
        )}
        <p class="govuk-body">
          To carry on, open the link in the most recent e-mail the business office sent you about this case. We will
          send you a new code.
        </p>
      </div>
    </div>
  );
}

/** A page that needs a session, opened without one: nothing ended, there was none to end. */
function NotSignedIn() {
  usePageTitle('You are not signed in');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>You are not signed in</PageHeading>
        <p class="govuk-body">
          To respond to an information request, open the link in the most recent e-mail from the Safeguarding Children
          Partnership's business office. We will e-mail a code to your agency's safeguarding lead to confirm it is you.
        </p>
      </div>
    </div>
  );
}

function SignedOut() {
  usePageTitle('You have signed out');
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <PageHeading>You have signed out</PageHeading>
        <p class="govuk-body">Anything you saved is kept. To come back, open the link in the e-mail again.</p>
      </div>
    </div>
  );
}

/** The agency lead's pages, under /respond. The session is an HttpOnly cookie the page never sees. */
export function AgencyApp({ where }: { where: Location }) {
  // 'ended': a session ended (here, or before a reload); 'none': there was no session to end; 'timed-out':
  // the page signed the lead out before the session's time was up.
  const [ended, setEnded] = useState<false | 'ended' | 'none' | 'timed-out'>(false);
  const [timedOutAs, setTimedOutAs] = useState<{ reason: TimeoutReason; saved?: SaveOutcome }>();
  const [who, setWho] = useState<string>();
  const signedIn = who !== undefined && !ended;
  // A page named the agency, so this page had a session: whatever the API says now, it has ended.
  const hadSession = useRef(false);
  if (who !== undefined) hadSession.current = true;
  useEffect(
    () =>
      onAgencySessionEnded((code) => {
        forgetSessionClock();
        // Signing out after a timeout: the page says so, not that the session ended.
        setEnded((was) =>
          was === 'timed-out' ? was : code === 'not-signed-in' && !hadSession.current ? 'none' : 'ended',
        );
      }),
    [],
  );
  useEffect(() => {
    // A new code page or landing starts over: the previous session's end is no longer news.
    if (where.path === '/respond' || where.path === '/respond/code') setEnded(false);
  }, [where.path]);

  /** Just before the session would time out: what was typed is saved as a draft, then the session ended. */
  const timedOut = async (reason: TimeoutReason) => {
    // Started before the page changes: each open return's save is taken while its page is still there.
    const saving = saveUnsavedWork();
    setTimedOutAs({ reason });
    setEnded('timed-out');
    const saved = await saving;
    setTimedOutAs({ reason, saved });
    try {
      await agencyApi.delete('/agency/sessions/current');
    } catch {
      // The session ends by itself within seconds anyway.
    }
    forgetSessionClock();
    setWho(undefined);
  };

  const signOut = async () => {
    try {
      await agencyApi.delete('/agency/sessions/current');
    } finally {
      forgetSessionClock();
      forgetLink();
      hadSession.current = false;
      setWho(undefined);
      navigate('/respond/signed-out', { replace: true });
    }
  };

  const path = where.path;
  let page;
  let p: Record<string, string> | undefined;
  if (path === '/respond/signed-out') page = <SignedOut />;
  else if (ended === 'timed-out' && timedOutAs) page = <TimedOut reason={timedOutAs.reason} saved={timedOutAs.saved} />;
  else if (ended === 'none') page = <NotSignedIn />;
  else if (ended) page = <SessionEnded />;
  else if (path === '/respond' || path === '/respond/') page = <Landing />;
  else if (path === '/respond/code') page = <CodePage />;
  else if (path === '/respond/requests') page = <RequestsPage />;
  else if (
    (p = matchPath('/respond/requests/:requestId/:step/:item', path)) ||
    (p = matchPath('/respond/requests/:requestId/:step', path)) ||
    (p = matchPath('/respond/requests/:requestId', path))
  )
    page = <ReplyShell requestId={p.requestId as string} step={p.step ?? ''} item={p.item} search={where.search} />;
  else page = <ProblemOnly error={{ status: 404 }} />;

  return (
    <HeaderContext.Provider value={setWho}>
      <SessionTimeout
        enabled={signedIn}
        onTimedOut={(reason) => void timedOut(reason)}
        onSignOut={() => void signOut()}
      >
        <Layout
          home={signedIn ? '/respond/requests' : '/respond'}
          who={ended ? undefined : who}
          onSignOut={signedIn ? () => void signOut() : undefined}
        >
          {page}
        </Layout>
      </SessionTimeout>
    </HeaderContext.Provider>
  );
}

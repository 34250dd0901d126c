import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, TextInput } from '../components/fields';
import { PageHeading, usePageTitle } from '../components/page';
import { agencyApi, ApiError } from '../lib/api';
import { codeRecipients } from '../lib/code-recipients';
import { formatTime } from '../lib/dates';
import type { FieldError } from '../lib/issues';
import { navigate } from '../lib/router';
import { noteSignedIn } from './timeout-warning';
import type { Challenge } from '../lib/types';
import { LinkNotValid } from './landing';
import { currentChallenge, linkToken, setChallenge, signedIn } from './link-state';

const codeError = (message: string): FieldError[] => [{ path: 'code', fieldId: 'code', message }];

/** The code the lead was e-mailed: masked addresses, one field, a way to get a new code. */
export function CodePage() {
  const [challenge, setLocalChallenge] = useState<Challenge | undefined>(currentChallenge);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [invalidLink, setInvalidLink] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const title =
    invalidLink !== undefined ? 'This link is not valid' : challenge ? 'Check your e-mail' : 'Open the link again';
  usePageTitle(title, errors.length > 0);

  if (invalidLink !== undefined) return <LinkNotValid message={invalidLink} ownTitle={false} />;
  if (!challenge) {
    // No sign-in is pending in this tab (the page was opened on its own, or the code was asked for in another
    // tab): the link must be opened again.
    return (
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <PageHeading>Open the link again</PageHeading>
          <p class="govuk-body">
            To get a code, open the link in the most recent e-mail from the business office again. For your security
            this page keeps the link only in this browser tab, until you have signed in.
          </p>
        </div>
      </div>
    );
  }

  const verify = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const digits = code.replace(/[\s-]/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setErrors(codeError(digits ? 'The code must be 6 digits' : 'Enter the 6-digit code from the e-mail'));
      return;
    }
    setBusy(true);
    try {
      const session = await agencyApi.post<{ expiresInSeconds: number }>('/agency/sessions/verify', {
        challengeId: challenge.challengeId,
        code: digits,
      });
      noteSignedIn(session.expiresInSeconds);
      signedIn();
      navigate('/respond/requests', { replace: true });
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiError && error.status === 404) setInvalidLink(error.message);
      else if (error instanceof ApiError && error.status === 429)
        setErrors(codeError('Too many wrong codes were entered. Wait 10 minutes, then ask for a new code.'));
      else if (error instanceof ApiError && error.code === 'wrong-code')
        setErrors(
          codeError('The code is not right, or it has expired. Check the latest e-mail or ask for a new code.'),
        );
      else setErrors(codeError(error instanceof ApiError ? error.message : 'Something went wrong. Try again.'));
    }
  };

  const newCode = async () => {
    const token = linkToken();
    if (!token || busy) return;
    setBusy(true);
    setNotice(undefined);
    try {
      const next = await agencyApi.post<Challenge>('/agency/sessions', { token });
      setChallenge(next);
      setLocalChallenge(next);
      setCode('');
      setErrors([]);
      setNotice(`We sent a new code at ${formatTime(new Date().toISOString())}. Codes sent earlier no longer work.`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setInvalidLink(error.message);
      else setErrors(codeError(error instanceof ApiError ? error.message : 'We could not send a new code. Try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <PageHeading caption={`${challenge.agencyName}, case ${challenge.caseReference}`}>
          Check your e-mail
        </PageHeading>
        {challenge.sentTo.length ? (
          <>
            <p class="govuk-body">We have sent a code to:</p>
            <ul class="govuk-list govuk-list--bullet">
              {codeRecipients(challenge.sentTo).map((recipient, i) => (
                <li key={i}>{recipient}</li>
              ))}
            </ul>
          </>
        ) : (
          // After a reload: the addresses are not kept in the browser, so they are described instead.
          <p class="govuk-body">
            We have sent a code to the e-mail addresses the partnership holds for your agency's safeguarding lead and
            deputy.
          </p>
        )}
        <p class="govuk-body">
          The e-mail is from {challenge.partnershipName}. The code works for 10 minutes, until{' '}
          {formatTime(challenge.expiresAt)}.
        </p>
        <div role="status" class="govuk-body">
          {notice && <div class="govuk-inset-text">{notice}</div>}
        </div>
        <form noValidate onSubmit={verify}>
          <TextInput
            id="code"
            label="Code"
            labelClass="govuk-label--s"
            hint="The 6 digits in the e-mail, for example 123456"
            width="govuk-input--width-5"
            inputMode="numeric"
            autocomplete="one-time-code"
            error={errors[0]?.message}
            value={code}
            onInput={setCode}
          />
          <Button disabled={busy}>Continue</Button>
        </form>
        <h2 class="govuk-heading-s">Not received the code?</h2>
        <p class="govuk-body">
          It can take a few minutes to arrive. Check your junk folder. If it has not arrived, or the code has expired,{' '}
          <button type="button" class="app-link-button app-link-button--dark" onClick={() => void newCode()}>
            send a new code
          </button>
          .
        </p>
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button } from '../../components/fields';
import { PageHeading, usePageTitle } from '../../components/page';
import { formatTime, londonToday } from '../../lib/dates';
import type { FieldError } from '../../lib/issues';
import {
  checkSection,
  nextSection,
  sectionsFor,
  sectionTitle,
  type ReplyForm,
  type SectionSlug,
} from '../../lib/reply';
import { navigate } from '../../lib/router';
import { MoreInfoBanner } from '../more-info';
import { useReply } from './reply-context';
import { SectionFields } from './section-fields';

/**
 * One page of the reply. "Save and continue" checks this page's answers, saves the draft and moves
 * on; "Save and come back later" saves whatever is there. The saved time is announced politely.
 */
export function SectionPage({ slug, fromCheck }: { slug: SectionSlug; fromCheck: boolean }) {
  const reply = useReply();
  const { form, setForm, base, overview, detail } = reply;
  // Sent here from "check your answers" to fix something: show what is missing straight away.
  const [errors, setErrors] = useState<FieldError[]>(() => (fromCheck ? checkSection(form, slug, londonToday()) : []));
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>();
  const order = sectionsFor(form.involvement);
  const position = order.indexOf(slug);
  const title = sectionTitle(slug);
  usePageTitle(`${title} – ${detail.request.returnLabel}`, errors.length > 0);

  const update = (change: Partial<ReplyForm>) => {
    setForm({ ...form, ...change });
    setStatus(undefined);
  };

  const saveAndContinue = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problems = checkSection(form, slug, londonToday());
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    const result = await reply.save(form);
    setBusy(false);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    const next = nextSection(form, slug);
    // After the last question: the documents, then check your answers.
    navigate(fromCheck ? `${base}/check` : next === 'check' ? `${base}/attachments` : `${base}/${next}`);
  };

  const saveForLater = async () => {
    if (busy) return;
    setBusy(true);
    setStatus('Saving…');
    const result = await reply.save(form);
    setBusy(false);
    if (!result.ok) {
      setStatus(undefined);
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    setStatus(`Saved at ${formatTime(result.savedAt)}`);
  };

  const previous = position > 0 ? `${base}/${order[position - 1]}` : '/respond/requests';
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={fromCheck ? `${base}/check` : previous}>
          Back
        </a>
        <ErrorSummary errors={errors} />
        <MoreInfoBanner detail={detail} onRestart={() => void reply.restart()} />
        <PageHeading caption={`${detail.request.returnLabel}, case ${overview.case.reference}`}>{title}</PageHeading>
        {position >= 0 && form.involvement && (
          <p class="govuk-body-s">
            Page {position + 1} of {order.length}
          </p>
        )}
        <form noValidate onSubmit={saveAndContinue}>
          <SectionFields slug={slug} form={form} update={update} errors={errors} />
          <div class="govuk-button-group">
            <Button>Save and continue</Button>
            <Button type="button" secondary onClick={() => void saveForLater()}>
              Save and come back later
            </Button>
          </div>
        </form>
        <div role="status" aria-live="polite" class="govuk-body" id="save-status">
          {status && (
            <>
              <strong>{status}</strong>
              {status.startsWith('Saved') && (
                <>
                  . You can close this page and come back with the link in the e-mail until the due date; you will need
                  a new code.
                </>
              )}
            </>
          )}
          {!status && reply.savedAt && <span class="govuk-hint">Last saved {formatTime(reply.savedAt)}</span>}
        </div>
      </div>
    </div>
  );
}

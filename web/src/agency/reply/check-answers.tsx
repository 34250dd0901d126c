import { useMemo, useRef, useState } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button } from '../../components/fields';
import { PageHeading, usePageTitle } from '../../components/page';
import { ReplySummary } from '../../components/reply-summary';
import { agencyApi, ApiError } from '../../lib/api';
import { londonToday } from '../../lib/dates';
import { errorsFromIssues, type FieldError } from '../../lib/issues';
import { buildReply, checkAll, sectionOfPath } from '../../lib/reply';
import { navigate } from '../../lib/router';
import type { SubmissionReceipt } from '../../lib/types';
import { AttachmentsCard, filesPendingError } from '../attachments-page';
import { setReceipt } from '../link-state';
import { MoreInfoBanner } from '../more-info';
import { useReply } from './reply-context';

/**
 * Check your answers, then submit. The submission id is made once per content, so a double click or
 * a retry after a lost answer is the same submission, never a second one.
 */
export function CheckAnswers() {
  const reply = useReply();
  const { form, base, overview, detail } = reply;
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submission = useRef<{ content: string; id: string } | undefined>(undefined);
  const missing = useMemo(() => checkAll(form, londonToday()), [form]);
  const errors = serverErrors.length ? serverErrors : missing;
  usePageTitle(`Check your answers – ${detail.request.returnLabel}`, errors.length > 0);
  const pageOf = (error: FieldError) => {
    if (error.path === 'attachments') return `${base}/attachments`;
    const section = sectionOfPath(error.path);
    return section ? `${base}/${section}?from=check` : undefined;
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const built = buildReply(form, londonToday());
    if (!built.reply) return;
    const content = JSON.stringify(built.reply);
    if (submission.current?.content !== content) submission.current = { content, id: crypto.randomUUID() };
    setBusy(true);
    try {
      const receipt = await agencyApi.post<SubmissionReceipt>(`/agency/requests/${reply.requestId}/submit`, {
        submissionId: submission.current.id,
        content: built.reply,
      });
      setReceipt(receipt);
      navigate(`${base}/confirmation`, { replace: true });
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.issues.length)
        setServerErrors(
          errorsFromIssues(failure.issues.map((i) => ({ ...i, path: i.path.replace(/^content\./, '') }))),
        );
      else if (failure instanceof ApiError && failure.code === 'files-pending')
        setServerErrors([filesPendingError(failure.message)]);
      else
        setServerErrors([
          {
            path: '',
            fieldId: 'submit',
            message: failure instanceof ApiError ? failure.message : 'Your return was not submitted. Try again.',
          },
        ]);
    }
  };

  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <a class="govuk-back-link" href={`${base}/attachments`}>
          Back
        </a>
        <ErrorSummary errors={errors} pageOf={pageOf} />
        <PageHeading caption={`${detail.request.returnLabel}, case ${overview.case.reference}`}>
          Check your answers before submitting
        </PageHeading>
        <MoreInfoBanner detail={detail} />
        <ReplySummary form={form} changeHref={(slug) => `${base}/${slug}?from=check`} />
        <AttachmentsCard requestId={reply.requestId} changeHref={`${base}/attachments`} />
        {missing.length === 0 && (
          <form noValidate onSubmit={submit}>
            <h2 class="govuk-heading-m">Now submit your return</h2>
            <p class="govuk-body">
              By submitting you confirm that, to the best of your knowledge, the information is correct and that you are
              authorised to share it for this review. {overview.partnership.officeName} will see it at once.
            </p>
            <Button id="submit">Submit return</Button>
          </form>
        )}
      </div>
    </div>
  );
}

import { useMemo } from 'preact/hooks';
import { ErrorSummary } from '../../components/error-summary';
import { Button } from '../../components/fields';
import { PageHeading, usePageTitle } from '../../components/page';
import { ReplySummary } from '../../components/reply-summary';
import { londonToday } from '../../lib/dates';
import { errorsFromIssues, type FieldError } from '../../lib/issues';
import { buildReply, checkAll, replyPageOf, sectionOfPath } from '../../lib/reply';
import { AttachmentsCard } from '../attachments-page';
import { MoreInfoBanner } from '../more-info';
import { useSubmitReturn } from '../submit-return';
import { useReply } from './reply-context';

/**
 * Check your answers, then submit. useSubmitReturn makes one submission id per content, so a double click
 * or a retry after a lost answer is the same submission, never a second one.
 */
export function CheckAnswers() {
  const reply = useReply();
  const { form, base, overview, detail } = reply;
  const { serverErrors, submit: send } = useSubmitReturn(reply.requestId, base, (issues) =>
    errorsFromIssues(issues.map((i) => ({ ...i, path: i.path.replace(/^content\./, '') }))),
  );
  const missing = useMemo(() => checkAll(form, londonToday()), [form]);
  const errors = serverErrors.length ? serverErrors : missing;
  const progress = replyPageOf(form.involvement, 'check');
  usePageTitle(`Check your answers – ${detail.request.returnLabel}`, errors.length > 0);
  const pageOf = (error: FieldError) => {
    if (error.path === 'attachments') return `${base}/attachments`;
    const section = sectionOfPath(error.path);
    return section ? `${base}/${section}?from=check` : undefined;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const built = buildReply(form, londonToday());
    if (built.reply) void send(built.reply);
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
        {progress && <p class="govuk-body-s">{progress}</p>}
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

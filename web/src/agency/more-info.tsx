import { Button } from '../components/fields';
import { ImportantBanner } from '../components/page';
import { formatDateTime } from '../lib/dates';
import type { AgencyRequestDetail } from '../lib/types';

/**
 * When the business office has asked for more (§8.7): what they asked, first, on every page of the
 * return; and the choice to start again from the return as it was submitted.
 */
export function MoreInfoBanner(props: { detail: AgencyRequestDetail; onRestart?: (() => void) | undefined }) {
  const { detail, onRestart } = props;
  if (detail.request.status !== 'more-info-requested') return null;
  const submitted = detail.submitted;
  return (
    <ImportantBanner title="More information asked for">
      <p class="govuk-notification-banner__heading">The business office has asked for more information.</p>
      {detail.request.moreInformationAsked && (
        <div class="govuk-inset-text app-pre-wrap" id="more-information-asked">
          {detail.request.moreInformationAsked}
        </div>
      )}
      {submitted && (
        <p class="govuk-body">
          {detail.draft
            ? `You have been changing the return since you submitted it on ${formatDateTime(submitted.submittedAt)}.`
            : `Your answers from the return you submitted on ${formatDateTime(submitted.submittedAt)} are filled in: add what is asked for, then submit again.`}
        </p>
      )}
      {submitted && detail.draft && onRestart && (
        <Button type="button" secondary onClick={onRestart}>
          Start again from the return you submitted
        </Button>
      )}
    </ImportantBanner>
  );
}

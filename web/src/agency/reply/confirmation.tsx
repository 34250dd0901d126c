import { PageHeading, usePageTitle } from '../../components/page';
import { formatDateTime } from '../../lib/dates';
import type { AgencyOverview, AgencyRequestDetail } from '../../lib/types';
import { lastReceipt } from '../link-state';

/** The GOV.UK confirmation panel with the receipt reference the lead can quote. */
export function Confirmation({ overview, detail }: { overview: AgencyOverview; detail: AgencyRequestDetail }) {
  usePageTitle('Return submitted');
  const receipt = lastReceipt();
  const mine = receipt && receipt.requestId === detail.request.id ? receipt : undefined;
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <div class="govuk-panel govuk-panel--confirmation">
          <PageHeading className="govuk-panel__title">Return submitted</PageHeading>
          <div class="govuk-panel__body">
            {mine ? (
              <>
                Your reference
                <br />
                <strong id="receipt">{mine.receipt}</strong>
              </>
            ) : (
              'Your return has been received'
            )}
          </div>
        </div>
        {mine && (
          <p class="govuk-body">
            Received {formatDateTime(mine.submittedAt)}. Keep the reference: quote it if you contact the business office
            about this return.
          </p>
        )}
        <h2 class="govuk-heading-m">What happens next</h2>
        <p class="govuk-body">
          {overview.partnership.officeName} will check your {detail.request.returnLabel}. They may accept it or ask you
          for more information; if they ask, you will get a new e-mail with a link.
        </p>
        <p class="govuk-body">
          Contact them at{' '}
          <a class="govuk-link" href={`mailto:${overview.partnership.officeEmail}`}>
            {overview.partnership.officeEmail}
          </a>{' '}
          if anything changes, for example if you find more records.
        </p>
        <p class="govuk-body">
          <a class="govuk-link" href="/respond/requests">
            Back to your requests
          </a>
        </p>
      </div>
    </div>
  );
}

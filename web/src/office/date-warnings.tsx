/**
 * Warnings about a date as it is typed (a statutory milestone it passes, a meeting outside its window): advice,
 * not errors, so the form still submits. A live region that is always in the page, so that a screen reader
 * announces a warning when it appears.
 */
export function DateWarnings({ id, warnings }: { id: string; warnings: readonly string[] }) {
  return (
    <div id={id} aria-live="polite">
      {warnings.length > 0 && (
        <div class="govuk-warning-text">
          <span class="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <div class="govuk-warning-text__text">
            <span class="govuk-visually-hidden">Warning</span>
            {warnings.map((warning) => (
              <p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" key={warning}>
                {warning}
              </p>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

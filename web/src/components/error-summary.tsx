import { useEffect, useRef } from 'preact/hooks';
import type { FieldError } from '../lib/issues';
import { navigate } from '../lib/router';

interface Props {
  errors: readonly FieldError[];
  /** Links to fields on another page (check your answers → the question): path of that page per error. */
  pageOf?: (error: FieldError) => string | undefined;
}

/** Moves focus to a field and brings its question into view, as GOV.UK Frontend's summary does. */
export function focusField(id: string): void {
  const field = document.getElementById(id);
  if (!field) return;
  const legendOrLabel =
    field.closest('fieldset')?.querySelector('legend') ?? document.querySelector(`label[for="${id}"]`);
  field.focus({ preventScroll: true });
  (legendOrLabel ?? field).scrollIntoView({ block: 'start' });
}

/**
 * The GOV.UK error summary: focused when it appears (so screen readers read it first), one link per
 * problem that moves focus to the field.
 */
export function ErrorSummary({ errors, pageOf }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [errors]);
  if (!errors.length) return null;
  return (
    <div class="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 class="govuk-error-summary__title">There is a problem</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {errors.map((error) => {
              const page = pageOf?.(error);
              return (
                <li key={`${error.fieldId}-${error.message}`}>
                  <a
                    href={`${page ?? ''}#${error.fieldId}`}
                    onClick={(event) => {
                      event.preventDefault();
                      if (page) navigate(page, { focus: error.fieldId });
                      else focusField(error.fieldId);
                    }}
                  >
                    {error.message}
                  </a>
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </div>
  );
}

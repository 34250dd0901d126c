import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/error-summary';
import { Button, TextArea } from '../components/fields';
import { BackLink, PageHeading, usePageTitle } from '../components/page';
import { ApiError, isMissingRoute } from '../lib/api';
import { errorFor, type FieldError } from '../lib/issues';

/** A confirmation page that asks why: revoking links, closing a case. */
export function ReasonForm(props: {
  title: string;
  caption: string;
  back: { href: string; label: string };
  children: ComponentChildren;
  label: string;
  hint: string;
  button: string;
  warning?: boolean;
  /** The error when the box is left empty; "Enter a reason" unless the question asks for something else. */
  missing?: string;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  usePageTitle(props.title, errors.length > 0);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!reason.trim()) {
      setErrors([{ path: 'reason', fieldId: 'reason', message: props.missing ?? 'Enter a reason' }]);
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      await props.onSubmit(reason.trim());
    } catch (failure) {
      setBusy(false);
      const message = isMissingRoute(failure)
        ? 'The portal cannot do this yet. Try again later.'
        : failure instanceof ApiError
          ? (failure.issues[0]?.message ?? failure.message)
          : 'Something went wrong. Try again.';
      setErrors([{ path: 'reason', fieldId: 'reason', message }]);
    }
  };
  return (
    <div class="govuk-grid-row">
      <div class="govuk-grid-column-two-thirds">
        <BackLink href={props.back.href}>{props.back.label}</BackLink>
        <ErrorSummary errors={errors} />
        <PageHeading caption={props.caption}>{props.title}</PageHeading>
        {props.children}
        <form noValidate onSubmit={submit}>
          <TextArea
            id="reason"
            label={props.label}
            labelClass="govuk-label--m"
            hint={props.hint}
            error={errorFor(errors, 'reason')}
            value={reason}
            onInput={setReason}
            maxLength={2000}
          />
          <div class="govuk-button-group">
            <Button warning={props.warning} disabled={busy}>
              {props.button}
            </Button>
            <a class="govuk-link" href={props.back.href}>
              Cancel
            </a>
          </div>
        </form>
      </div>
    </div>
  );
}

import { useState } from 'preact/hooks';
import { londonToday } from '../lib/dates';
import { FUZZY_DATE_HINT, understoodText } from '../lib/fuzzy';
import { ErrorMessage } from './fields';

/**
 * A date typed as text ("12/05/2019", "May 2019", "about 2018"), for chronologies and the Information
 * Request Reply. When the lead leaves the field, the page says what it understood ("about May 2019"), or
 * that the date is in the future, politely, so a screen reader hears it too; the precision is what was
 * typed, never guessed.
 */
export function FuzzyDateInput(props: {
  id: string;
  label: string;
  labelClass?: string;
  /** Instead of the usual examples, for a question that needs its own. */
  hint?: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
}) {
  const { id, label, labelClass, hint, value, onInput, error } = props;
  const [read, setRead] = useState(value);
  const understood = understoodText(read, londonToday());
  return (
    <div class={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <label class={`govuk-label ${labelClass ?? ''}`} for={id}>
        {label}
      </label>
      <div id={`${id}-hint`} class="govuk-hint">
        {hint ?? FUZZY_DATE_HINT}
      </div>
      <ErrorMessage id={`${id}-error`} message={error} />
      <input
        class={`govuk-input govuk-input--width-20${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={id}
        type="text"
        autocomplete="off"
        spellcheck={false}
        maxLength={200}
        value={value}
        aria-describedby={[`${id}-hint`, error ? `${id}-error` : '', `${id}-understood`].filter(Boolean).join(' ')}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
        onChange={(event) => setRead((event.currentTarget as HTMLInputElement).value)}
      />
      <p class="govuk-body-s app-understood" id={`${id}-understood`} aria-live="polite">
        {read === value ? understood : ''}
      </p>
    </div>
  );
}

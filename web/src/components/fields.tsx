import { Fragment, type ButtonHTMLAttributes, type ComponentChildren } from 'preact';
import type { DateParts } from '../lib/dates';

/**
 * GOV.UK form fields as Preact components: a real label or legend for each, the hint and error tied to
 * the control with aria-describedby, and the ids the error summary links to.
 */
interface Common {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  /** Label size class, e.g. 'govuk-label--m'; with `isPageHeading` the label is the page's h1. */
  labelClass?: string;
}

const describedBy = (id: string, hint: unknown, error: unknown, extra?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : '', extra ?? ''].filter(Boolean).join(' ') || undefined;

export function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <div id={id} class="govuk-hint">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} class="govuk-error-message">
      <span class="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

/** What comes before a text control: its label, then its hint and error, which the control is described by. */
function LabelHintError({ id, label, hint, error, labelClass }: Common) {
  return (
    <>
      <label class={`govuk-label ${labelClass ?? ''}`} for={id}>
        {label}
      </label>
      {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
      <ErrorMessage id={`${id}-error`} message={error} />
    </>
  );
}

const group = (error: unknown, extra = '') => `govuk-form-group${error ? ' govuk-form-group--error' : ''}${extra}`;

interface TextInputProps extends Common {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email';
  width?: string;
  autocomplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  spellcheck?: boolean;
  name?: string;
}

export function TextInput(props: TextInputProps) {
  const { id, label, hint, error, labelClass, value, onInput, type = 'text', width, autocomplete, inputMode } = props;
  return (
    <div class={group(error)}>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <input
        class={`govuk-input ${width ?? ''}${error ? ' govuk-input--error' : ''}`}
        id={id}
        name={props.name ?? id}
        type={type as 'text'}
        value={value}
        autocomplete={autocomplete ?? 'off'}
        inputMode={inputMode}
        spellcheck={props.spellcheck ?? false}
        aria-describedby={describedBy(id, hint, error)}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}

interface TextAreaProps extends Common {
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  /** Shows how many characters are left, as the GOV.UK character count does. */
  maxLength?: number;
}

export function TextArea({ id, label, hint, error, labelClass, value, onInput, rows = 5, maxLength }: TextAreaProps) {
  const left = maxLength === undefined ? undefined : maxLength - value.length;
  const field = (
    <div class={group(error)}>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <textarea
        class={`govuk-textarea${error || (left !== undefined && left < 0) ? ' govuk-textarea--error' : ''}`}
        id={id}
        name={id}
        rows={rows}
        value={value}
        aria-describedby={describedBy(id, hint, error, maxLength !== undefined ? `${id}-info` : undefined)}
        onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}
      />
    </div>
  );
  if (maxLength === undefined || left === undefined) return field;
  return (
    <div class="govuk-character-count">
      {field}
      <div id={`${id}-info`} class="govuk-hint govuk-character-count__message">
        You can enter up to {maxLength.toLocaleString('en-GB')} characters.{' '}
        <span class={left < 0 ? 'govuk-error-message' : ''} aria-hidden="true">
          {left < 0
            ? `You have ${(-left).toLocaleString('en-GB')} characters too many`
            : `${left.toLocaleString('en-GB')} left`}
        </span>
      </div>
    </div>
  );
}

export interface Choice {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** Shown under the option while it is chosen (GOV.UK conditional reveal). */
  conditional?: ComponentChildren;
}

interface FieldsetProps {
  id: string;
  legend: ComponentChildren;
  legendClass?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  children: ComponentChildren;
  role?: 'group';
}

export function Fieldset({ id, legend, legendClass, hint, error, children, role }: FieldsetProps) {
  return (
    <div class={group(error)}>
      <fieldset class="govuk-fieldset" role={role} aria-describedby={describedBy(id, hint, error)}>
        <legend class={`govuk-fieldset__legend ${legendClass ?? 'govuk-fieldset__legend--s'}`}>{legend}</legend>
        {hint && <Hint id={`${id}-hint`}>{hint}</Hint>}
        <ErrorMessage id={`${id}-error`} message={error} />
        {children}
      </fieldset>
    </div>
  );
}

interface RadiosProps {
  /** The group's id: the first option has it, the others `${id}-2`, `${id}-3`… (GOV.UK convention). */
  id: string;
  legend: ComponentChildren;
  legendClass?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  choices: Choice[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
}

export const optionId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

export function Radios({ id, legend, legendClass, hint, error, choices, value, onChange, inline }: RadiosProps) {
  return (
    <Fieldset id={id} legend={legend} legendClass={legendClass} hint={hint} error={error}>
      <div class={`govuk-radios${inline ? ' govuk-radios--inline' : ''}`}>
        {choices.map((choice, index) => {
          const inputId = optionId(id, index);
          return (
            <Fragment key={choice.value}>
              <div class="govuk-radios__item">
                <input
                  class="govuk-radios__input"
                  id={inputId}
                  name={id}
                  type="radio"
                  value={choice.value}
                  checked={value === choice.value}
                  aria-describedby={choice.hint ? `${inputId}-item-hint` : undefined}
                  onChange={() => onChange(choice.value)}
                />
                <label class="govuk-label govuk-radios__label" for={inputId}>
                  {choice.label}
                </label>
                {choice.hint && (
                  <div id={`${inputId}-item-hint`} class="govuk-hint govuk-radios__hint">
                    {choice.hint}
                  </div>
                )}
              </div>
              {choice.conditional && value === choice.value && (
                <div class="govuk-radios__conditional" id={`conditional-${inputId}`}>
                  {choice.conditional}
                </div>
              )}
            </Fragment>
          );
        })}
      </div>
    </Fieldset>
  );
}

interface CheckboxesProps {
  id: string;
  legend: ComponentChildren;
  legendClass?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  choices: Choice[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  small?: boolean;
}

export function Checkboxes({
  id,
  legend,
  legendClass,
  hint,
  error,
  choices,
  values,
  onChange,
  small,
}: CheckboxesProps) {
  return (
    <Fieldset id={id} legend={legend} legendClass={legendClass} hint={hint} error={error}>
      <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
        {choices.map((choice, index) => {
          const inputId = optionId(id, index);
          const checked = values.includes(choice.value);
          return (
            <div class="govuk-checkboxes__item" key={choice.value}>
              <input
                class="govuk-checkboxes__input"
                id={inputId}
                name={id}
                type="checkbox"
                value={choice.value}
                checked={checked}
                aria-describedby={choice.hint ? `${inputId}-item-hint` : undefined}
                onChange={(event) => {
                  const on = (event.currentTarget as HTMLInputElement).checked;
                  onChange(on ? [...values, choice.value] : values.filter((v) => v !== choice.value));
                }}
              />
              <label class="govuk-label govuk-checkboxes__label" for={inputId}>
                {choice.label}
              </label>
              {choice.hint && (
                <div id={`${inputId}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                  {choice.hint}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** One checkbox that stands alone (a declaration, "approximate date"). */
export function Checkbox(props: {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  small?: boolean;
}) {
  const { id, label, hint, checked, onChange, error, small } = props;
  return (
    <div class={group(error)}>
      <ErrorMessage id={`${id}-error`} message={error} />
      <div class={`govuk-checkboxes${small ? ' govuk-checkboxes--small' : ''}`}>
        <div class="govuk-checkboxes__item">
          <input
            class="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            aria-describedby={describedBy(id, hint, error)}
            onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
          />
          <label class="govuk-label govuk-checkboxes__label" for={id}>
            {label}
          </label>
          {hint && (
            <div id={`${id}-hint`} class="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}

interface DateInputProps {
  /** Inputs get `${id}-day`, `${id}-month`, `${id}-year`. */
  id: string;
  legend: ComponentChildren;
  legendClass?: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
}

export function DateInput({ id, legend, legendClass, hint, error, value, onChange }: DateInputProps) {
  const part = (key: keyof DateParts, label: string, width: string) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${key}`}>
          {label}
        </label>
        <input
          class={`govuk-input govuk-date-input__input ${width}${error ? ' govuk-input--error' : ''}`}
          id={`${id}-${key}`}
          name={`${id}-${key}`}
          type="text"
          inputMode="numeric"
          autocomplete="off"
          spellcheck={false}
          maxLength={20}
          value={value[key]}
          onInput={(event) => onChange({ ...value, [key]: (event.currentTarget as HTMLInputElement).value })}
        />
      </div>
    </div>
  );
  return (
    <Fieldset id={id} legend={legend} legendClass={legendClass} hint={hint} error={error} role="group">
      <div class="govuk-date-input" id={id}>
        {part('day', 'Day', 'govuk-input--width-2')}
        {part('month', 'Month', 'govuk-input--width-2')}
        {part('year', 'Year', 'govuk-input--width-4')}
      </div>
    </Fieldset>
  );
}

interface SelectProps extends Common {
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}

export function Select({ id, label, hint, error, labelClass, value, onChange, options }: SelectProps) {
  return (
    <div class={group(error)}>
      <LabelHintError id={id} label={label} hint={hint} error={error} labelClass={labelClass} />
      <select
        class={`govuk-select${error ? ' govuk-select--error' : ''}`}
        id={id}
        name={id}
        value={value}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        {options.map((option) => (
          <option value={option.value} key={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { secondary?: boolean; warning?: boolean };

export function Button({ secondary, warning, children, class: extra, ...rest }: ButtonProps) {
  const variant = secondary ? ' govuk-button--secondary' : warning ? ' govuk-button--warning' : '';
  return (
    <button type="submit" class={`govuk-button${variant} ${extra ?? ''}`} data-module="govuk-button" {...rest}>
      {children}
    </button>
  );
}

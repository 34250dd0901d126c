import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isNotFound } from '../lib/api';
import { claimPageFocus, takeFlash } from '../lib/router';
import { documentTitle } from '../lib/title';

export { SERVICE_NAME } from '../lib/title';

/** Every page has its own title; "Error: " comes first while the page shows errors (GOV.UK pattern). */
export function usePageTitle(title: string, hasErrors = false, enabled = true): void {
  useEffect(() => {
    if (enabled) document.title = documentTitle(title, hasErrors);
  }, [title, hasErrors, enabled]);
}

interface HeadingProps {
  children: ComponentChildren;
  caption?: ComponentChildren;
  size?: 'xl' | 'l' | 'm';
  /** Replaces the heading class, e.g. for the confirmation panel's title. */
  className?: string;
}

/** The page's h1: focusable by script only, it takes focus when the page was reached by navigation. */
export function PageHeading({ children, caption, size = 'l', className }: HeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => claimPageFocus(ref.current));
  return (
    <>
      {caption && <span class={`govuk-caption-${size}`}>{caption}</span>}
      <h1 class={className ?? `govuk-heading-${size}`} tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </>
  );
}

export function Loading({ what = 'page' }: { what?: string }) {
  return (
    <p class="govuk-body" role="status">
      Loading the {what}…
    </p>
  );
}

export const messageOf = (error: unknown): string =>
  error instanceof ApiError ? error.message : 'Something went wrong. Try again later.';

/** The title of a page that could not load; the page that renders ProblemPage sets it. */
export const problemTitle = (error: unknown, title = 'Sorry, there is a problem'): string =>
  isNotFound(error) ? 'Page not found' : title;

/**
 * A page that could not load: says what happened and what to do. A parent that sets its own title
 * passes `problemTitle(error)` to usePageTitle (a child's title would be overwritten by its parent's).
 */
export function ProblemPage({ error, title }: { error: unknown; title?: string }) {
  const heading = problemTitle(error, title);
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      <p class="govuk-body">{isNotFound(error) ? 'We could not find what you were looking for.' : messageOf(error)}</p>
    </>
  );
}

/** A page of its own that only reports a problem. */
export function ProblemOnly({ error, title }: { error: unknown; title?: string }) {
  usePageTitle(problemTitle(error, title));
  return <ProblemPage error={error} title={title} />;
}

export function BackLink({ href, children = 'Back' }: { href: string; children?: ComponentChildren }) {
  return (
    <a href={href} class="govuk-back-link">
      {children}
    </a>
  );
}

/** A success message carried over from the previous page (for example "Request sent"). */
export function useFlash(): string | undefined {
  const [message] = useState(takeFlash);
  return message;
}

export function SuccessBanner({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <div
      class="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="success-title"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="success-title">
          Success
        </h2>
      </div>
      <div class="govuk-notification-banner__content">
        <p class="govuk-notification-banner__heading">{message}</p>
      </div>
    </div>
  );
}

export function ImportantBanner({ title, children }: { title: string; children: ComponentChildren }) {
  return (
    <div class="govuk-notification-banner" role="region" aria-labelledby="important-title">
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="important-title">
          {title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{children}</div>
    </div>
  );
}

export function StatusTag({ label, tag }: { label: string; tag: string }) {
  return <strong class={`govuk-tag ${tag}`}>{label}</strong>;
}

export interface SummaryRow {
  key: ComponentChildren;
  value: ComponentChildren;
  change?: { href: string; hidden: string };
}

export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl class={`govuk-summary-list${noBorder ? ' govuk-summary-list--no-border' : ''}`}>
      {rows.map((row, i) => (
        <div class={`govuk-summary-list__row${row.change ? '' : ' govuk-summary-list__row--no-actions'}`} key={i}>
          <dt class="govuk-summary-list__key">{row.key}</dt>
          <dd class="govuk-summary-list__value">{row.value}</dd>
          {row.change && (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={row.change.href}>
                Change<span class="govuk-visually-hidden"> {row.change.hidden}</span>
              </a>
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

/** Multi-line text as the person wrote it. */
export const Prose = ({ text }: { text: string | undefined }) =>
  text ? <span class="app-pre-wrap">{text}</span> : <span class="govuk-hint">Not given</span>;

import type { ComponentChildren } from 'preact';
import { formatDate, isoFromParts } from '../lib/dates';
import type { DeclarationForm } from '../lib/declaration';
import { Prose, SummaryList } from './page';

/** A GOV.UK summary card: a titled box with an optional Change link that says what it changes. */
export function SummaryCard(props: {
  title: string;
  level: 2 | 3;
  changeHref?: string | undefined;
  changeLabel?: string;
  children: ComponentChildren;
}) {
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <Heading class="govuk-summary-card__title">{props.title}</Heading>
        {props.changeHref && (
          <ul class="govuk-summary-card__actions">
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={props.changeHref}>
                {props.changeLabel ?? 'Change'}
                <span class="govuk-visually-hidden"> {props.title.toLowerCase()}</span>
              </a>
            </li>
          </ul>
        )}
      </div>
      <div class="govuk-summary-card__content">{props.children}</div>
    </div>
  );
}

export const NotGiven = ({ text = 'Not given' }: { text?: string }) => <span class="govuk-hint">{text}</span>;

/** The declaration (§1.5.8) as a card: the same for every kind of return. */
export function DeclarationCard(props: {
  declaration: DeclarationForm;
  level: 2 | 3;
  changeHref?: string | undefined;
}) {
  const d = props.declaration;
  const date = isoFromParts(d.date);
  return (
    <SummaryCard title="Declaration" level={props.level} changeHref={props.changeHref}>
      <SummaryList
        rows={[
          { key: 'Name', value: d.name || <NotGiven /> },
          { key: 'Role', value: d.role || <NotGiven /> },
          { key: 'Date', value: 'iso' in date ? formatDate(date.iso) : <NotGiven /> },
          {
            key: 'Facts distinguished from opinion',
            value: d.factsFromOpinion ? 'Confirmed' : <NotGiven text="Not confirmed" />,
          },
          {
            key: 'Conflict of interest',
            value:
              d.conflict === 'yes' ? (
                <>
                  Yes: <Prose text={d.conflictDetails} />
                </>
              ) : d.conflict === 'no' ? (
                'None'
              ) : (
                <NotGiven text="Not answered" />
              ),
          },
        ]}
      />
    </SummaryCard>
  );
}

import type { ComponentChildren } from 'preact';
import { formatDate, isoFromParts, type DateParts } from '../lib/dates';
import { describeFuzzyDate, readFuzzyDate } from '../lib/fuzzy';
import { practitionerText } from '../lib/practitioners';
import {
  formFromContent,
  sectionsFor,
  sectionTitle,
  serviceList,
  type ReplyForm,
  type SectionSlug,
} from '../lib/reply';
import { Prose, SummaryList, type SummaryRow } from './page';

/**
 * An Information Request Reply as summary cards, one per section. An immediate safety concern comes
 * first and stands out; a nil return says so plainly. With `changeHref` it is the check-your-answers
 * page (each card has a Change link); without, the office's reading view.
 */
interface Props {
  /** A submitted return's content, or… */
  content?: unknown;
  /** …the answers being checked. */
  form?: ReplyForm;
  changeHref?: (slug: SectionSlug) => string;
  /** Heading level of the card titles. */
  headingLevel?: 2 | 3;
}

const dateText = (parts: DateParts) => {
  const read = isoFromParts(parts);
  return 'iso' in read ? formatDate(read.iso) : <span class="govuk-hint">Not given</span>;
};

/** A reply's date as precise as it was given ("about 3 September 2026", "May 2024"), as a chronology's reads. */
const fuzzyText = (text: string) => {
  const read = readFuzzyDate(text);
  if ('date' in read) return describeFuzzyDate(read.date);
  return text.trim() ? text : <span class="govuk-hint">Not given</span>;
};

function Card(props: {
  slug: SectionSlug;
  title?: string;
  changeHref?: ((slug: SectionSlug) => string) | undefined;
  level: 2 | 3;
  children: ComponentChildren;
}) {
  const title = props.title ?? sectionTitle(props.slug);
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <div class="govuk-summary-card">
      <div class="govuk-summary-card__title-wrapper">
        <Heading class="govuk-summary-card__title">{title}</Heading>
        {props.changeHref && (
          <ul class="govuk-summary-card__actions">
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={props.changeHref(props.slug)}>
                Change<span class="govuk-visually-hidden"> {title.toLowerCase()}</span>
              </a>
            </li>
          </ul>
        )}
      </div>
      <div class="govuk-summary-card__content">{props.children}</div>
    </div>
  );
}

const RECORDS: Record<string, string> = {
  secured: 'Secured',
  'not-yet-secured': 'Not yet secured',
  'not-required': 'Not required',
};
const SHARING: Record<string, string> = {
  consent: 'Shared with consent',
  'without-consent': 'Shared without consent',
};

export function ReplySummary({ content, form: given, changeHref, headingLevel = 2 }: Props) {
  const form = given ?? formFromContent(content);
  const level = headingLevel;
  const Sub = level === 2 ? 'h3' : 'h4';
  const declaration = (
    <Card slug="declaration" changeHref={changeHref} level={level}>
      <SummaryList
        rows={[
          { key: 'Name', value: form.declarationName || <span class="govuk-hint">Not given</span> },
          { key: 'Role', value: form.declarationRole || <span class="govuk-hint">Not given</span> },
          { key: 'Date', value: dateText(form.declarationDate) },
          {
            key: 'Facts distinguished from opinion',
            value: form.factsFromOpinion ? 'Confirmed' : <span class="govuk-hint">Not confirmed</span>,
          },
          {
            key: 'Conflict of interest',
            value:
              form.conflict === 'yes' ? (
                <>
                  Yes: <Prose text={form.conflictDetails} />
                </>
              ) : form.conflict === 'no' ? (
                'None'
              ) : (
                <span class="govuk-hint">Not answered</span>
              ),
          },
        ]}
      />
    </Card>
  );

  if (form.involvement === 'no-records') {
    return (
      <>
        <Card slug="involvement" title="Nil return" changeHref={changeHref} level={level}>
          <p class="govuk-body govuk-!-font-weight-bold">The agency holds no records of the child or family.</p>
          {form.notes && (
            <p class="govuk-body">
              <Prose text={form.notes} />
            </p>
          )}
        </Card>
        {declaration}
      </>
    );
  }

  const sections = new Set(sectionsFor(form.involvement));
  const services = serviceList(form.services);
  const safety: SummaryRow[] = [
    {
      key: 'Immediate safety concern',
      value:
        form.safetyRaised === 'yes' ? (
          'Yes'
        ) : form.safetyRaised === 'no' ? (
          'None raised'
        ) : (
          <span class="govuk-hint">Not answered</span>
        ),
    },
  ];
  return (
    <>
      {form.safetyRaised === 'yes' ? (
        <div class="app-safety-concern" role="region" aria-label="Immediate safety concern">
          <Card slug="safety" title="Immediate safety concern raised" changeHref={changeHref} level={level}>
            <p class="govuk-body">
              <Prose text={form.safetyDetails} />
            </p>
          </Card>
        </div>
      ) : (
        sections.has('safety') && (
          <Card slug="safety" changeHref={changeHref} level={level}>
            <SummaryList rows={safety} />
          </Card>
        )
      )}
      <Card slug="involvement" changeHref={changeHref} level={level}>
        <SummaryList
          rows={[
            {
              key: 'Records held',
              value:
                form.involvement === 'involved' ? (
                  'Yes, the agency was involved'
                ) : (
                  <span class="govuk-hint">Not answered</span>
                ),
            },
          ]}
        />
      </Card>
      {sections.has('period') && (
        <Card slug="period" changeHref={changeHref} level={level}>
          <SummaryList
            rows={[
              { key: 'First contact', value: fuzzyText(form.periodFrom) },
              { key: 'Last contact', value: fuzzyText(form.periodTo) },
              {
                key: 'Services involved',
                value: services.length ? (
                  <ul class="govuk-list">
                    {services.map((s, i) => (
                      <li key={i}>{s}</li>
                    ))}
                  </ul>
                ) : (
                  <span class="govuk-hint">Not given</span>
                ),
              },
            ]}
          />
        </Card>
      )}
      {sections.has('key-events') && (
        <Card slug="key-events" changeHref={changeHref} level={level}>
          {form.keyEvents.length ? (
            <table class="govuk-table">
              <caption class="govuk-visually-hidden">Key events in date order as given</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  <th scope="col" class="govuk-table__header">
                    Date
                  </th>
                  <th scope="col" class="govuk-table__header">
                    What happened
                  </th>
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {form.keyEvents.map((event, i) => (
                  <tr class="govuk-table__row" key={i}>
                    <td class="govuk-table__cell app-nowrap">{fuzzyText(event.dateText)}</td>
                    <td class="govuk-table__cell">
                      <Prose text={event.description} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">No key events given.</p>
          )}
        </Card>
      )}
      {sections.has('people') && (
        <Card slug="people" changeHref={changeHref} level={level}>
          <Sub class="govuk-heading-s">Family members known to the agency</Sub>
          {form.family.length ? (
            <ul class="govuk-list govuk-list--bullet">
              {form.family.map((f, i) => (
                <li key={i}>
                  {f.name} ({f.relationship}){f.notes && <>: {f.notes}</>}
                </li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">None given.</p>
          )}
          <Sub class="govuk-heading-s">Practitioners involved</Sub>
          {form.practitioners.length ? (
            <ul class="govuk-list govuk-list--bullet">
              {form.practitioners.map((p, i) => (
                <li key={i}>{practitionerText(p)}</li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">None given.</p>
          )}
        </Card>
      )}
      {sections.has('records') && (
        <Card slug="records" changeHref={changeHref} level={level}>
          <SummaryList
            rows={[
              {
                key: 'Records secured',
                value: (
                  <>
                    {RECORDS[form.recordsStatus] ?? <span class="govuk-hint">Not answered</span>}
                    {form.recordsDetails && (
                      <>
                        <br />
                        <Prose text={form.recordsDetails} />
                      </>
                    )}
                  </>
                ),
              },
              {
                key: 'Information sharing',
                value: SHARING[form.sharingBasis] ?? <span class="govuk-hint">Not answered</span>,
              },
              { key: 'Reason', value: <Prose text={form.sharingReason} /> },
            ]}
          />
        </Card>
      )}
      {sections.has('learning') && (
        <Card slug="learning" changeHref={changeHref} level={level}>
          <p class="govuk-body">
            <Prose text={form.earlyLearning} />
          </p>
        </Card>
      )}
      {sections.has('declaration') && declaration}
    </>
  );
}

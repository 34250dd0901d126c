import { useMemo } from 'preact/hooks';
import { COLUMN_LABELS, EXPECTED_PRACTICE_LABELS, type ChronRow } from '../lib/chronology';
import { formatDate, isoFromParts } from '../lib/dates';
import { describeFuzzyDate, parseFuzzyDate } from '../lib/fuzzy';
import { ACTION_STATUS_LABELS, KINDED_TITLES, type KindedForm, type KindedSlug } from '../lib/kinded';
import { practitionerText } from '../lib/practitioners';
import { Prose, SummaryList } from './page';
import { DeclarationCard, NotGiven, SummaryCard } from './summary-card';

/**
 * A chronology, organisational chronology, Information Report, Factual Summary or nil return as summary
 * cards. With `changeHref` it is the check-your-answers page; without, the office's reading view.
 */
interface Props {
  form: KindedForm;
  analysisColumns?: boolean | undefined;
  changeHref?: ((slug: KindedSlug) => string) | undefined;
  headingLevel?: 2 | 3;
}

const typedDate = (text: string) => {
  const parsed = text.trim() ? parseFuzzyDate(text) : undefined;
  return parsed?.ok ? describeFuzzyDate(parsed.date) : text || <NotGiven />;
};

export function ChronologyTable(props: { rows: readonly ChronRow[]; analysisColumns: boolean; caption: string }) {
  const { rows, analysisColumns, caption } = props;
  const keys = [
    'date',
    'time',
    'event',
    'actionOutcome',
    'sourceRecord',
    'practitionerRole',
    'factOrOpinion',
    ...(analysisColumns ? (['expectedPractice', 'analysisComment'] as const) : []),
  ] as const;
  // A wide table scrolls sideways: the region takes focus so it can be scrolled with the keyboard.
  return (
    <div class="app-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table class="govuk-table app-chronology-table">
        <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {keys.map((key) => (
              <th scope="col" class="govuk-table__header" key={key}>
                {COLUMN_LABELS[key]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((row) => (
            <tr class="govuk-table__row" key={row.rowId}>
              <td class="govuk-table__cell app-nowrap">{row.date ? describeFuzzyDate(row.date) : <NotGiven />}</td>
              <td class="govuk-table__cell">{row.time}</td>
              <td class="govuk-table__cell">
                <Prose text={row.event} />
              </td>
              <td class="govuk-table__cell">
                <Prose text={row.actionOutcome} />
              </td>
              <td class="govuk-table__cell">{row.sourceRecord}</td>
              <td class="govuk-table__cell">{row.practitionerRole}</td>
              <td class="govuk-table__cell">
                {row.factOrOpinion === 'fact' ? 'Fact' : row.factOrOpinion === 'opinion' ? 'Opinion' : <NotGiven />}
              </td>
              {analysisColumns && (
                <>
                  <td class="govuk-table__cell">
                    {row.expectedPractice ? EXPECTED_PRACTICE_LABELS[row.expectedPractice] : <NotGiven />}
                  </td>
                  <td class="govuk-table__cell">
                    <Prose text={row.analysisComment} />
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function KindedSummary({ form, analysisColumns = false, changeHref, headingLevel = 2 }: Props) {
  const level = headingLevel;
  // The same rows are not drawn again when the page around them changes (a submit button busy, an error):
  // an element kept from the last render is not rendered again.
  const rows = form.type === 'chronology' ? form.rows : undefined;
  const chronologyTable = useMemo(
    () =>
      rows?.length ? (
        <ChronologyTable
          rows={rows}
          analysisColumns={analysisColumns}
          caption={`${rows.length} ${rows.length === 1 ? 'event' : 'events'}, in the order given`}
        />
      ) : undefined,
    [rows, analysisColumns],
  );
  const href = (slug: KindedSlug) => changeHref?.(slug);
  const declaration = <DeclarationCard declaration={form.declaration} level={level} changeHref={href('declaration')} />;
  if (form.records === 'no')
    return (
      <>
        <SummaryCard title="Nil return" level={level} changeHref={href('records')}>
          <p class="govuk-body govuk-!-font-weight-bold">The agency holds no records of the child or family.</p>
          <SummaryList rows={[{ key: 'What was searched', value: <Prose text={form.searched} /> }]} />
        </SummaryCard>
        {declaration}
      </>
    );
  let body;
  switch (form.type) {
    case 'chronology':
      body = (
        <SummaryCard title={KINDED_TITLES.rows} level={level} changeHref={href('rows')}>
          {chronologyTable ?? <p class="govuk-body">No events given.</p>}
        </SummaryCard>
      );
      break;
    case 'organisational-chronology':
      body = (
        <SummaryCard title={KINDED_TITLES.changes} level={level} changeHref={href('changes')}>
          {form.orgRows.length ? (
            <table class="govuk-table">
              <caption class="govuk-visually-hidden">Changes in the agency, in the order given</caption>
              <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                  {['Date', 'What changed', 'Impact on practice', 'Source record'].map((h) => (
                    <th scope="col" class="govuk-table__header" key={h}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="govuk-table__body">
                {form.orgRows.map((r) => (
                  <tr class="govuk-table__row" key={r.rowId}>
                    <td class="govuk-table__cell app-nowrap">{typedDate(r.dateText)}</td>
                    <td class="govuk-table__cell">
                      <Prose text={r.change} />
                    </td>
                    <td class="govuk-table__cell">
                      <Prose text={r.impact} />
                    </td>
                    <td class="govuk-table__cell">{r.sourceRecord}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="govuk-body">No changes given.</p>
          )}
        </SummaryCard>
      );
      break;
    case 'information-report':
      body = (
        <>
          <SummaryCard title={KINDED_TITLES.involvement} level={level} changeHref={href('involvement')}>
            <p class="govuk-body">
              <Prose text={form.involvementSummary} />
            </p>
          </SummaryCard>
          <SummaryCard title={KINDED_TITLES.themes} level={level} changeHref={href('themes')}>
            {form.themes.length ? (
              <SummaryList
                rows={form.themes.map((t) => ({ key: t.theme || <NotGiven />, value: <Prose text={t.analysis} /> }))}
              />
            ) : (
              <p class="govuk-body">No themes given.</p>
            )}
          </SummaryCard>
          <SummaryCard title={KINDED_TITLES.learning} level={level} changeHref={href('learning')}>
            <SummaryList
              rows={[
                { key: 'For the agency', value: <Prose text={form.learningForAgency} /> },
                { key: 'For multi-agency working', value: <Prose text={form.learningForMultiAgency} /> },
              ]}
            />
          </SummaryCard>
          <SummaryCard title={KINDED_TITLES.actions} level={level} changeHref={href('actions')}>
            {form.actions.length ? (
              <SummaryList
                rows={form.actions.map((a) => {
                  const done = isoFromParts(a.completedOn);
                  return {
                    key: a.status ? ACTION_STATUS_LABELS[a.status] : <NotGiven text="No status" />,
                    value: (
                      <>
                        <Prose text={a.action} />
                        {'iso' in done && (
                          <>
                            <br />
                            <span class="govuk-body-s">
                              {a.status === 'completed' ? 'Completed' : 'Expected by'} {formatDate(done.iso)}
                            </span>
                          </>
                        )}
                      </>
                    ),
                  };
                })}
              />
            ) : (
              <p class="govuk-body">No actions given.</p>
            )}
          </SummaryCard>
        </>
      );
      break;
    case 'factual-summary':
      body = (
        <SummaryCard title={KINDED_TITLES.summary} level={level} changeHref={href('summary')}>
          <p class="govuk-body">
            <Prose text={form.summary} />
          </p>
          {form.contacts.length > 0 && (
            <table class="govuk-table">
              <caption class="govuk-table__caption govuk-table__caption--s">Contacts</caption>
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
                {form.contacts.map((c, i) => (
                  <tr class="govuk-table__row" key={i}>
                    <td class="govuk-table__cell app-nowrap">{typedDate(c.dateText)}</td>
                    <td class="govuk-table__cell">
                      <Prose text={c.description} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </SummaryCard>
      );
      break;
  }
  return (
    <>
      {changeHref && (
        <SummaryCard title={KINDED_TITLES.records} level={level} changeHref={href('records')}>
          <p class="govuk-body">
            {form.records === 'yes' ? 'Yes, the agency holds records' : <NotGiven text="Not answered" />}
          </p>
        </SummaryCard>
      )}
      {body}
      {(form.type === 'chronology' || form.type === 'information-report') && (
        <SummaryCard title={KINDED_TITLES.practitioners} level={level} changeHref={href('practitioners')}>
          {form.practitioners.length ? (
            <ul class="govuk-list govuk-list--bullet">
              {form.practitioners.map((p, i) => (
                <li key={i}>{practitionerText(p)}</li>
              ))}
            </ul>
          ) : (
            <p class="govuk-body">None given.</p>
          )}
        </SummaryCard>
      )}
      {declaration}
    </>
  );
}

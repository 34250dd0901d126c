import { useMemo, useRef, useState } from 'preact/hooks';
import { Button, Checkbox, Select, TextInput } from '../components/fields';
import {
  BackLink,
  Loading,
  messageOf,
  PageHeading,
  ProblemPage,
  problemTitle,
  Prose,
  StatusTag,
  usePageTitle,
} from '../components/page';
import { ApiError, staffApi } from '../lib/api';
import { formatDate, formatDateShort, formatDateTime } from '../lib/dates';
import { saveBlob } from '../lib/download';
import { formatFuzzyDate } from '../lib/fuzzy';
import { EXPECTED_PRACTICE_LABELS } from '../lib/chronology';
import {
  agenciesOf,
  dateOfDated,
  filterEntries,
  LABEL_X,
  layoutTimeline,
  markerOf,
  NO_FILTERS,
  readLimit,
  withGaps,
  type AgencyKey,
  type ChronologyFilters,
  type Marker,
  type TableItem,
} from '../lib/merged-chronology';
import type { CaseView, ChronologyEntry, MergedChronology } from '../lib/types';
import { useResource } from '../lib/use-resource';

async function load(caseId: string) {
  const record = await staffApi.get<CaseView>(`/cases/${caseId}`);
  try {
    return { record, chronology: await staffApi.get<MergedChronology>(`/cases/${caseId}/chronology`) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'no-chronology') return { record, chronology: undefined };
    throw error;
  }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A marker of its own shape per agency, so agencies are told apart without colour. */
function MarkerShape({
  shape,
  x,
  y,
  size = 7,
  class: cls,
}: {
  shape: Marker;
  x: number;
  y: number;
  size?: number;
  class: string;
}) {
  const s = size;
  switch (shape) {
    case 'circle':
      return <circle class={cls} cx={x} cy={y} r={s} />;
    case 'square':
      return <rect class={cls} x={x - s} y={y - s} width={s * 2} height={s * 2} />;
    case 'triangle':
      return <polygon class={cls} points={`${x},${y - s - 1} ${x + s + 1},${y + s} ${x - s - 1},${y + s}`} />;
    case 'diamond':
      return <polygon class={cls} points={`${x},${y - s - 2} ${x + s + 2},${y} ${x},${y + s + 2} ${x - s - 2},${y}`} />;
    case 'cross':
      return (
        <path
          class={cls}
          d={`M${x - s},${y - s / 3}h${(s * 2) / 3}v${(-s * 2) / 3}h${(s * 2) / 3}v${(s * 2) / 3}h${(s * 2) / 3}v${(s * 2) / 3}h${(-s * 2) / 3}v${(s * 2) / 3}h${(-s * 2) / 3}v${(-s * 2) / 3}h${(-s * 2) / 3}z`}
        />
      );
    case 'star': {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 ? s * 0.5 : s * 1.2;
        const a = (Math.PI / 5) * i - Math.PI / 2;
        return `${(x + r * Math.cos(a)).toFixed(1)},${(y + r * Math.sin(a)).toFixed(1)}`;
      });
      return <polygon class={cls} points={points.join(' ')} />;
    }
  }
}

/** The picture: one lane per agency, time across, joined marks for shared events, gaps shaded. */
function TimelinePicture(props: { chronology: MergedChronology; agencies: AgencyKey[]; reference: string }) {
  const { chronology, agencies, reference } = props;
  const layout = useMemo(() => layoutTimeline(chronology, agencies), [chronology, agencies]);
  const shared = chronology.entries.filter((e) => e.sources.length > 1).length;
  const description =
    `${plural(chronology.entries.length, 'event', 'events')} from ${formatDate(layout.from)} to ${formatDate(layout.to)}, ` +
    `recorded by ${plural(agencies.length, 'agency', 'agencies')}: ` +
    agencies.map((a) => `${a.agencyName} (${plural(a.events, 'row', 'rows')}, ${markerOf(a.index)} marks)`).join('; ') +
    `. ${plural(shared, 'event was', 'events were')} recorded by more than one agency. ` +
    (chronology.gaps.length
      ? `Periods with no agency contact: ${chronology.gaps
          .map((g) => `${plural(g.days, 'day', 'days')}, ${formatDate(g.from)} to ${formatDate(g.to)}`)
          .join('; ')}. `
      : 'There are no long periods without agency contact. ') +
    'The table below lists every event.';
  return (
    <figure class="app-mac">
      <svg
        class="app-mac__svg"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="img"
        aria-labelledby="mac-title mac-desc"
        focusable="false"
      >
        <title id="mac-title">Multi-agency chronology of case {reference}, as a timeline</title>
        <desc id="mac-desc">{description}</desc>
        {layout.gaps.map((g, i) => (
          <g key={`gap-${i}`}>
            <rect class="app-mac__gap" x={g.x1} y={8} width={Math.max(g.x2 - g.x1, 2)} height={layout.height - 48}>
              <title>No agency contact for {g.text}</title>
            </rect>
            {g.labelled && (
              <text class="app-mac__gap-label" x={(g.x1 + g.x2) / 2} y={layout.height - 44 + 14} text-anchor="middle">
                {g.text}
              </text>
            )}
          </g>
        ))}
        {layout.lanes.map((lane) => (
          <g key={lane.agencyIndex}>
            <line class="app-mac__lane" x1={layout.plotLeft} x2={layout.width - 24} y1={lane.y} y2={lane.y} />
            <MarkerShape
              shape={markerOf(lane.agencyIndex)}
              x={14}
              y={lane.y}
              size={6}
              class={`app-mac__mark app-mac__mark--${lane.agencyIndex % 6}`}
            />
            <text class="app-mac__lane-label" x={LABEL_X} y={lane.y + 5}>
              <title>{lane.name}</title>
              {lane.label}
            </text>
          </g>
        ))}
        {layout.ticks.map((t) => (
          <g key={t.label}>
            <line class="app-mac__tick" x1={t.x} x2={t.x} y1={8} y2={layout.height - 30} />
            {/* A label at either end of the axis runs inwards, so that it is not cut by the drawing's edge. */}
            <text
              class="app-mac__tick-label"
              x={t.x}
              y={layout.height - 12}
              text-anchor={t.x < layout.plotLeft + 40 ? 'start' : t.x > layout.width - 64 ? 'end' : 'middle'}
            >
              {t.label}
            </text>
          </g>
        ))}
        {layout.links.map((l) => (
          <line
            key={`link-${l.entryId}`}
            class={`app-mac__link${l.confirmed ? '' : ' app-mac__link--suggested'}`}
            x1={l.x}
            x2={l.x}
            y1={l.y1}
            y2={l.y2}
          />
        ))}
        {layout.marks.map((m, i) => (
          <g key={`mark-${i}`}>
            {m.approximate && m.x2 - m.x > 2 && <line class="app-mac__span" x1={m.x} x2={m.x2} y1={m.y} y2={m.y} />}
            <MarkerShape
              shape={markerOf(m.agencyIndex)}
              x={m.x}
              y={m.y}
              class={`app-mac__mark app-mac__mark--${m.agencyIndex % 6}${m.approximate ? ' app-mac__mark--approximate' : ''}`}
            />
          </g>
        ))}
      </svg>
      <figcaption class="govuk-body-s">
        Each agency has its own row and marker shape. Hollow markers with a line are dates known only to the month or
        year, or approximate. A vertical line joins an event several agencies recorded (dashed while only suggested).
        Shaded bands are periods with no agency contact.
      </figcaption>
    </figure>
  );
}

function Sources({ entry }: { entry: ChronologyEntry }) {
  return (
    <ul class="govuk-list app-sources">
      {entry.sources.map((s) => (
        <li key={s.entryId}>
          <strong>{s.agencyName}</strong>
          {s.sourceRecord && <>: {s.sourceRecord}</>}
          {s.practitionerRole && <span class="govuk-body-s"> ({s.practitionerRole})</span>}
          {entry.sources.length > 1 && (
            <>
              <br />
              <span class="govuk-body-s">
                {formatFuzzyDate(dateOfDated(s))}
                {s.time ? ` ${s.time}` : ''}: <Prose text={s.description} />
              </span>
            </>
          )}
          {s.actionOutcome && (
            <>
              <br />
              <span class="govuk-body-s">Action or outcome: {s.actionOutcome}</span>
            </>
          )}
          {(s.expectedPractice || s.analysisComment) && (
            <>
              <br />
              <span class="govuk-body-s">
                Expected practice? {s.expectedPractice ? EXPECTED_PRACTICE_LABELS[s.expectedPractice] : 'Not answered'}
                {s.analysisComment && <>. Comment: {s.analysisComment}</>}
              </span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

type Decide = (entry: ChronologyEntry, kind: 'confirm' | 'split') => void;

/**
 * Every event shown, with the gaps in their place. Its own component so that the page memoises it: a
 * filter typed half-way, a notice or a problem does not draw a thousand rows again.
 */
function EntriesTable({ items, busy, decide }: { items: readonly TableItem[]; busy: boolean; decide: Decide }) {
  return (
    <div class="app-table-wrap">
      <table class="govuk-table app-mac-table" id="chronology">
        <caption class="govuk-visually-hidden">Every event in date order, with its agencies and sources</caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            <th scope="col" class="govuk-table__header">
              Date
            </th>
            <th scope="col" class="govuk-table__header">
              Time
            </th>
            <th scope="col" class="govuk-table__header">
              What happened
            </th>
            <th scope="col" class="govuk-table__header">
              Agencies and sources
            </th>
            <th scope="col" class="govuk-table__header">
              Fact or opinion
            </th>
            <th scope="col" class="govuk-table__header">
              One event?
            </th>
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {items.map((item) =>
            item.kind === 'gap' ? (
              <tr class="govuk-table__row app-gap" key={`gap-${item.gap.from}`}>
                <td class="govuk-table__cell" colSpan={6}>
                  <strong>No agency contact for {plural(item.gap.days, 'day', 'days')}</strong>{' '}
                  <span class="govuk-body-s">
                    ({formatDateShort(item.gap.from)} to {formatDateShort(item.gap.to)})
                  </span>
                </td>
              </tr>
            ) : (
              <tr class="govuk-table__row" key={item.entry.id} data-entry={item.entry.id}>
                <td class="govuk-table__cell app-nowrap">
                  {formatFuzzyDate(dateOfDated(item.entry))}
                  {item.entry.approximate && (
                    <>
                      <br />
                      <StatusTag label="Approximate" tag="govuk-tag--grey" />
                    </>
                  )}
                </td>
                <td class="govuk-table__cell">{item.entry.time ?? ''}</td>
                <td class="govuk-table__cell">
                  <Prose text={item.entry.description} />
                </td>
                <td class="govuk-table__cell">
                  <Sources entry={item.entry} />
                </td>
                <td class="govuk-table__cell">
                  {[...new Set(item.entry.sources.map((s) => (s.factOrOpinion === 'fact' ? 'Fact' : 'Opinion')))].join(
                    ', ',
                  )}
                </td>
                <td class="govuk-table__cell">
                  {item.entry.grouping === 'single' ? (
                    <span class="govuk-body-s">One agency</span>
                  ) : (
                    <>
                      <StatusTag
                        label={item.entry.grouping === 'confirmed' ? 'Confirmed' : 'Suggested'}
                        tag={item.entry.grouping === 'confirmed' ? 'govuk-tag--green' : 'govuk-tag--yellow'}
                      />
                      <div class="app-actions govuk-!-margin-top-2">
                        {item.entry.grouping === 'suggested' && (
                          <Button
                            type="button"
                            secondary
                            class="govuk-!-margin-bottom-0"
                            disabled={busy}
                            onClick={() => decide(item.entry, 'confirm')}
                          >
                            Confirm
                            <span class="govuk-visually-hidden">
                              {' '}
                              {formatFuzzyDate(dateOfDated(item.entry))} as one event
                            </span>
                          </Button>
                        )}
                        <Button
                          type="button"
                          secondary
                          class="govuk-!-margin-bottom-0"
                          disabled={busy}
                          onClick={() => decide(item.entry, 'split')}
                        >
                          Split
                          <span class="govuk-visually-hidden">
                            {' '}
                            {formatFuzzyDate(dateOfDated(item.entry))} into separate events
                          </span>
                        </Button>
                      </div>
                    </>
                  )}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The multi-agency chronology of a case (§8.4.3): a picture of the whole, then every event in date order
 * with its agencies and sources, the gaps in place, filters, the office's decisions on suggested groups,
 * and exports to CSV and Excel.
 */
export function ChronologyPage({ caseId }: { caseId: string }) {
  const { data, error } = useResource(() => load(caseId), [caseId]);
  const [current, setCurrent] = useState<MergedChronology>();
  const [filters, setFilters] = useState<ChronologyFilters>(NO_FILTERS);
  const [notice, setNotice] = useState<string>();
  /** The event just split, so that the office can group it again at once. */
  const [splitJustNow, setSplitJustNow] = useState<ChronologyEntry>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const chronology = current ?? data?.chronology;
  const agencies = useMemo(() => (chronology ? agenciesOf(chronology) : []), [chronology]);
  // What the filters let through, worked out again only when a filter's meaning changes: "201", typed on
  // the way to "2019", is not a date yet and filters nothing, so the table stays as it is.
  const from = readLimit(filters.from, 'start');
  const to = readLimit(filters.to, 'end');
  const { agencyId, groupedOnly, factOrOpinion } = filters;
  const shown = useMemo(
    () => (chronology ? filterEntries(chronology.entries, filters) : []),
    [chronology, agencyId, groupedOnly, factOrOpinion, from.iso, to.iso],
  );
  const items = useMemo(
    () => (chronology ? withGaps(shown, chronology.gaps, filters) : []),
    [shown, chronology, agencyId, groupedOnly, factOrOpinion, from.iso, to.iso],
  );
  // The table and the picture are drawn again only when what they show changes (a component's element
  // kept from the last render is not rendered again); a decision reads the page's latest state.
  const decideLatest = useRef<Decide>(() => undefined);
  const decideStable = useMemo<Decide>(() => (entry, kind) => decideLatest.current(entry, kind), []);
  const table = useMemo(
    () => <EntriesTable items={items} busy={busy} decide={decideStable} />,
    [items, busy, decideStable],
  );
  const reference = data?.record.reference ?? '';
  const picture = useMemo(
    () => chronology && <TimelinePicture chronology={chronology} agencies={agencies} reference={reference} />,
    [chronology, agencies, reference],
  );
  usePageTitle(
    error
      ? problemTitle(error)
      : data
        ? `Multi-agency chronology – case ${data.record.reference}`
        : 'Multi-agency chronology',
  );
  if (error) return <ProblemPage error={error} />;
  if (!data) return <Loading what="chronology" />;
  const { record } = data;

  const decide = async (entry: ChronologyEntry, kind: 'confirm' | 'split') => {
    if (busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const next = await staffApi.post<MergedChronology>(`/cases/${caseId}/chronology/decisions`, {
        kind,
        entryIds: entry.sources.map((s) => s.entryId),
      });
      setCurrent(next);
      setSplitJustNow(kind === 'split' ? entry : undefined);
      setNotice(
        kind === 'confirm'
          ? `Confirmed: ${formatFuzzyDate(dateOfDated(entry))} is one event recorded by ${plural(entry.sources.length, 'agency', 'agencies')}`
          : `Split: ${formatFuzzyDate(dateOfDated(entry))} is now ${entry.sources.length} separate events`,
      );
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  decideLatest.current = (entry, kind) => void decide(entry, kind);

  const exportAs = async (format: 'csv' | 'xlsx') => {
    setProblem(undefined);
    try {
      const file = await staffApi.file(`/cases/${caseId}/chronology.${format}`, `multi-agency-chronology.${format}`);
      saveBlob(file.fileName, file.blob);
    } catch (failure) {
      setProblem(messageOf(failure));
    }
  };

  const heading = (
    <>
      <BackLink href={`/cases/${caseId}`}>Back to case {record.reference}</BackLink>
      <PageHeading caption={`Case ${record.reference}`}>Multi-agency chronology</PageHeading>
    </>
  );
  if (!chronology)
    return (
      <>
        {heading}
        <p class="govuk-body">
          No agency has submitted a chronology of key events yet. The multi-agency chronology is made as soon as one is
          submitted, and made again with each one after it.
        </p>
      </>
    );

  const fromProblem = from.problem;
  const toProblem = to.problem;
  const set = (change: Partial<ChronologyFilters>) => setFilters({ ...filters, ...change });
  const suggested = chronology.entries.filter((e) => e.grouping === 'suggested').length;

  return (
    <>
      {heading}
      <div role="status" aria-live="polite">
        {notice && (
          <div class="govuk-notification-banner govuk-notification-banner--success" aria-labelledby="decision-title">
            <div class="govuk-notification-banner__header">
              <h2 class="govuk-notification-banner__title" id="decision-title">
                Success
              </h2>
            </div>
            <div class="govuk-notification-banner__content">
              <p class="govuk-notification-banner__heading">{notice}</p>
              {splitJustNow && (
                <Button
                  type="button"
                  secondary
                  class="govuk-!-margin-bottom-0"
                  disabled={busy}
                  onClick={() => void decide(splitJustNow, 'confirm')}
                >
                  Undo: group them again as one event
                </Button>
              )}
            </div>
          </div>
        )}
      </div>
      {problem && (
        <div class="govuk-error-summary" role="alert">
          <h2 class="govuk-error-summary__title">There is a problem</h2>
          <div class="govuk-error-summary__body">
            <p class="govuk-body">{problem}</p>
          </div>
        </div>
      )}
      <p class="govuk-body">
        Version {chronology.version}, made {formatDateTime(chronology.generatedAt)} from the chronologies of{' '}
        {plural(agencies.length, 'agency', 'agencies')}. {plural(chronology.entries.length, 'event', 'events')}
        {chronology.gaps.length > 0 &&
          `, ${plural(chronology.gaps.length, 'period', 'periods')} with no agency contact`}
        .
        {suggested > 0 &&
          ` ${plural(suggested, 'event looks', 'events look')} the same in several agencies' records: confirm or split ${suggested === 1 ? 'it' : 'them'} below.`}
      </p>
      <div class="govuk-button-group">
        <Button type="button" secondary onClick={() => void exportAs('csv')}>
          Export as CSV
        </Button>
        <Button type="button" secondary onClick={() => void exportAs('xlsx')}>
          Export as Excel
        </Button>
      </div>

      <h2 class="govuk-heading-m">Timeline</h2>
      {picture}

      <h2 class="govuk-heading-m" id="events-heading">
        Events
      </h2>
      <div class="app-filters" role="search" aria-label="Filter events">
        <Select
          id="filter-agency"
          label="Agency"
          value={filters.agencyId}
          onChange={(agencyId) => set({ agencyId })}
          options={[
            { value: '', label: 'All agencies' },
            ...agencies.map((a) => ({ value: a.agencyId, label: a.agencyName })),
          ]}
        />
        <TextInput
          id="filter-from"
          label="From"
          hint="For example 2019 or May 2019"
          width="govuk-input--width-10"
          error={fromProblem}
          value={filters.from}
          onInput={(from) => set({ from })}
        />
        <TextInput
          id="filter-to"
          label="To"
          hint="For example 2024"
          width="govuk-input--width-10"
          error={toProblem}
          value={filters.to}
          onInput={(to) => set({ to })}
        />
        <Select
          id="filter-fact"
          label="Fact or opinion"
          value={filters.factOrOpinion}
          onChange={(value) => set({ factOrOpinion: value as ChronologyFilters['factOrOpinion'] })}
          options={[
            { value: '', label: 'Both' },
            { value: 'fact', label: 'Fact' },
            { value: 'opinion', label: 'Opinion' },
          ]}
        />
        <Checkbox
          id="filter-grouped"
          label="Only events several agencies recorded"
          checked={filters.groupedOnly}
          onChange={(groupedOnly) => set({ groupedOnly })}
          small
        />
      </div>
      <p class="govuk-body-s" role="status" id="events-count">
        Showing {shown.length} of {plural(chronology.entries.length, 'event', 'events')}
      </p>
      {table}
    </>
  );
}

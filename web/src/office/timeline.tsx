import { Fragment } from 'preact';
import { formatDateShort } from '../lib/dates';
import { MILESTONE_SHORT } from '../lib/labels';
import { layoutTimeline, TIMELINE } from '../lib/timeline-layout';
import type { Milestone } from '../lib/types';
import {
  isDone,
  milestoneCountdown,
  milestoneProgressText,
  todayIndex,
  type CaseFacts,
  type ReturnsProgress,
} from './milestones';

/**
 * The statutory timeline at a glance: day 0, each milestone (the meeting as a window) and today on
 * one line scaled in calendar days. The SVG is one image with a text alternative; the list beside it
 * carries the same facts for anyone who cannot see it, and for everyone who wants the detail.
 */
interface Props {
  reference: string;
  day0: string;
  milestones: readonly Milestone[];
  today: string;
  /** A closed case's clock has stopped: nothing counts down and there is no today. */
  closed?: boolean;
  /** The day it closed ("YYYY-MM-DD"), marked where today would be. */
  closedOn?: string;
  /** Where the returns stand and what the case records, so that milestones done show as done. */
  returns?: ReturnsProgress;
  facts?: CaseFacts;
}

const { width: WIDTH, left: LEFT, right: RIGHT } = TIMELINE;

export function Timeline({ reference, day0, milestones, today, closed = false, closedOn, returns, facts = {} }: Props) {
  // A closed case's line ends where its clock stopped, so an old case is not squeezed against day 0.
  const now = closedOn ?? today;
  const done = (m: Milestone) => isDone(m, returns, facts);
  const progress = (m: Milestone) => milestoneProgressText(m, returns, facts);
  // The meeting is drawn on its day once the case fixes one: held, or planned.
  const meetingOn = facts.meetingHeldOn
    ? { date: facts.meetingHeldOn, word: 'Held' }
    : facts.plannedMeeting
      ? { date: facts.plannedMeeting, word: 'Planned' }
      : undefined;
  const placed: (Milestone & { at?: { date: string; word: string } })[] = milestones.map((m) =>
    m.key === 'meeting' && meetingOn ? { ...m, at: meetingOn } : m,
  );
  const { x, points, axisY, height, labelY, dateY } = layoutTimeline({ day0, milestones: placed, now });
  const nowX = x(now < day0 ? day0 : now);
  const next = closed ? undefined : milestones.find((m) => m.due >= today && !done(m));
  const todayAt = todayIndex(milestones, today);
  const nowAnchor = nowX < LEFT + 40 ? 'start' : nowX > WIDTH - RIGHT - 40 ? 'end' : 'middle';

  const description =
    `Day 0 was ${formatDateShort(day0)}. ` +
    milestones
      .map((m) => {
        const when = m.from
          ? `${m.label}: between ${formatDateShort(m.from)} and ${formatDateShort(m.due)}`
          : `${m.label}: ${formatDateShort(m.due)}`;
        const said = progress(m);
        return `${when}${said ? ` (${said})` : ''}.`;
      })
      .join(' ') +
    (closed
      ? ` The case was closed${closedOn ? ` on ${formatDateShort(closedOn)}` : ''}.`
      : ` Today is ${formatDateShort(today)}.`) +
    (next ? ` Next: ${MILESTONE_SHORT[next.key] ?? next.label}, ${milestoneCountdown(next, today)}.` : '');

  return (
    <div class="app-timeline">
      <svg
        class="app-timeline__svg"
        viewBox={`0 0 ${WIDTH} ${height}`}
        role="img"
        aria-labelledby="timeline-title timeline-desc"
        focusable="false"
      >
        <title id="timeline-title">Statutory timeline of case {reference}</title>
        <desc id="timeline-desc">{description}</desc>
        <line class="app-timeline__axis" x1={LEFT} y1={axisY} x2={WIDTH - RIGHT} y2={axisY} />
        <line class="app-timeline__elapsed" x1={LEFT} y1={axisY} x2={nowX} y2={axisY} />
        {milestones
          .filter((m) => m.from)
          .map((m) => (
            <rect
              key={`${m.key}-window`}
              class="app-timeline__window"
              x={x(m.from as string)}
              y={axisY - 12}
              width={Math.max(x(m.due) - x(m.from as string), 6)}
              height={24}
              rx={4}
            />
          ))}
        {/* Under the labels, which have a white halo, so that the line does not cut through their letters.
            A closed case has no today: a quiet grey line marks where its clock stopped. */}
        {closed ? (
          closedOn && (
            <line class="app-timeline__axis" x1={nowX} y1={18} x2={nowX} y2={height - 28} stroke-dasharray="2 4" />
          )
        ) : (
          <line class="app-timeline__today" x1={nowX} y1={18} x2={nowX} y2={height - 28} stroke-dasharray="6 4" />
        )}
        <circle class="app-timeline__day0" cx={LEFT} cy={axisY} r={9} />
        {placed.map((m, i) => {
          const centre = points[i + 1]?.x ?? LEFT;
          const state = done(m)
            ? ' app-timeline__milestone--done'
            : m.due < now
              ? ' app-timeline__milestone--past'
              : '';
          // A window is drawn as its span; a day the case fixed in it (the meeting) as a marker on that day.
          return (
            (!m.from || m.at) && (
              <polygon
                key={m.key}
                class={`app-timeline__milestone${state}`}
                points={`${centre},${axisY - 10} ${centre + 10},${axisY} ${centre},${axisY + 10} ${centre - 10},${axisY}`}
              />
            )
          );
        })}
        {points.map((p) => (
          <g key={p.key}>
            <text class="app-timeline__label" x={p.x} y={labelY(p.labelAt.row)} text-anchor={p.labelAt.anchor}>
              {p.label}
            </text>
            <text class="app-timeline__date" x={p.x} y={dateY(p.dateAt.row)} text-anchor={p.dateAt.anchor}>
              {p.date}
            </text>
          </g>
        ))}
        {closed ? (
          closedOn && (
            <text class="app-timeline__date" x={nowX} y={height - 8} text-anchor={nowAnchor}>
              Closed
            </text>
          )
        ) : (
          <text class="app-timeline__today-label" x={nowX} y={height - 8} text-anchor={nowAnchor}>
            Today
          </text>
        )}
      </svg>
      <ul class="govuk-list govuk-list--bullet app-timeline__list" aria-label="Milestones">
        <li>
          <strong>Day 0</strong>: {formatDateShort(day0)}
        </li>
        {milestones.map((m, i) => {
          const said = progress(m);
          return (
            <Fragment key={m.key}>
              {/* Today in its place among the dates: the list is the whole timeline on a narrow screen. */}
              {!closed && i === todayAt && <TodayItem today={today} />}
              <li data-milestone={m.key} class={done(m) ? 'app-milestone--done' : undefined}>
                <strong>{m.label}</strong>:{' '}
                {m.from
                  ? `between ${formatDateShort(m.from)} and ${formatDateShort(m.due)}`
                  : `by ${formatDateShort(m.due)}`}
                {/* A closed case's clock has stopped: its dates stand as a record, with nothing left to count.
                  A milestone done no longer counts down either. */}
                {!closed && !done(m) && ` (${m.due < today ? 'passed' : milestoneCountdown(m, today)})`}
                {said && (
                  <>
                    {' '}
                    <span class={done(m) ? 'app-milestone__done' : 'govuk-body-s'}>({said})</span>
                  </>
                )}
              </li>
            </Fragment>
          );
        })}
        {!closed && todayAt === milestones.length && <TodayItem today={today} />}
      </ul>
    </div>
  );
}

function TodayItem({ today }: { today: string }) {
  return (
    <li class="app-timeline__today-item" data-milestone="today">
      Today: {formatDateShort(today)}
    </li>
  );
}

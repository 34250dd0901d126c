import { calendarDaysBetween, formatDateShort } from '../lib/dates';
import { MILESTONE_SHORT } from '../lib/labels';
import type { Milestone } from '../lib/types';
import { milestoneCountdown } from './milestones';

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
}

const WIDTH = 960;
const HEIGHT = 200;
const LEFT = 60;
const RIGHT = 60;
const AXIS_Y = 95;

export function Timeline({ reference, day0, milestones, today }: Props) {
  const last = milestones.reduce((max, m) => (m.due > max ? m.due : max), day0);
  const end = today > last ? today : last;
  const span = Math.max(calendarDaysBetween(day0, end), 1);
  const x = (date: string) => LEFT + (calendarDaysBetween(day0, date) / span) * (WIDTH - LEFT - RIGHT);
  const anchor = (px: number) => (px < LEFT + 40 ? 'start' : px > WIDTH - RIGHT - 40 ? 'end' : 'middle');
  const todayX = x(today < day0 ? day0 : today);
  const next = milestones.find((m) => m.due >= today);
  const description =
    `Day 0 was ${formatDateShort(day0)}. ` +
    milestones
      .map((m) =>
        m.from
          ? `${m.label}: between ${formatDateShort(m.from)} and ${formatDateShort(m.due)}.`
          : `${m.label}: ${formatDateShort(m.due)}.`,
      )
      .join(' ') +
    ` Today is ${formatDateShort(today)}.` +
    (next ? ` Next: ${MILESTONE_SHORT[next.key] ?? next.label}, ${milestoneCountdown(next, today)}.` : '');

  return (
    <div class="app-timeline">
      <svg
        class="app-timeline__svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="timeline-title timeline-desc"
        focusable="false"
      >
        <title id="timeline-title">Statutory timeline of case {reference}</title>
        <desc id="timeline-desc">{description}</desc>
        <line class="app-timeline__axis" x1={LEFT} y1={AXIS_Y} x2={WIDTH - RIGHT} y2={AXIS_Y} />
        <line class="app-timeline__elapsed" x1={LEFT} y1={AXIS_Y} x2={todayX} y2={AXIS_Y} />
        {milestones
          .filter((m) => m.from)
          .map((m) => (
            <rect
              key={`${m.key}-window`}
              class="app-timeline__window"
              x={x(m.from as string)}
              y={AXIS_Y - 12}
              width={Math.max(x(m.due) - x(m.from as string), 6)}
              height={24}
              rx={4}
            />
          ))}
        {/* Under the labels, which have a white halo, so that the line does not cut through their letters. */}
        <line class="app-timeline__today" x1={todayX} y1={18} x2={todayX} y2={HEIGHT - 28} stroke-dasharray="6 4" />
        <circle class="app-timeline__day0" cx={LEFT} cy={AXIS_Y} r={9} />
        <text class="app-timeline__label" x={LEFT} y={AXIS_Y - 62} text-anchor="start">
          Day 0
        </text>
        <text class="app-timeline__date" x={LEFT} y={AXIS_Y - 45} text-anchor="start">
          {formatDateShort(day0)}
        </text>
        {milestones.map((m, i) => {
          // Labels take turns on three rows above and below, so neighbours never overlap.
          const row = i % 3;
          const centre = m.from ? (x(m.from) + x(m.due)) / 2 : x(m.due);
          const past = m.due < today;
          return (
            <g key={m.key}>
              {!m.from && (
                <polygon
                  class={`app-timeline__milestone${past ? ' app-timeline__milestone--past' : ''}`}
                  points={`${centre},${AXIS_Y - 10} ${centre + 10},${AXIS_Y} ${centre},${AXIS_Y + 10} ${centre - 10},${AXIS_Y}`}
                />
              )}
              <text class="app-timeline__label" x={centre} y={AXIS_Y - 20 - row * 19} text-anchor={anchor(centre)}>
                {MILESTONE_SHORT[m.key] ?? m.label}
              </text>
              <text class="app-timeline__date" x={centre} y={AXIS_Y + 32 + row * 17} text-anchor={anchor(centre)}>
                {m.from ? `${formatDateShort(m.from)} – ${formatDateShort(m.due)}` : formatDateShort(m.due)}
              </text>
            </g>
          );
        })}
        <text class="app-timeline__today-label" x={todayX} y={HEIGHT - 8} text-anchor={anchor(todayX)}>
          Today
        </text>
      </svg>
      <ul class="govuk-list govuk-list--bullet" aria-label="Milestones">
        <li>
          <strong>Day 0</strong>: {formatDateShort(day0)}
        </li>
        {milestones.map((m) => (
          <li key={m.key}>
            <strong>{m.label}</strong>:{' '}
            {m.from
              ? `between ${formatDateShort(m.from)} and ${formatDateShort(m.due)}`
              : `by ${formatDateShort(m.due)}`}{' '}
            ({m.due < today ? 'passed' : milestoneCountdown(m, today)})
          </li>
        ))}
      </ul>
    </div>
  );
}

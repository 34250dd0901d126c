import {
  afterActivity,
  afterExtend,
  afterSignIn,
  announcedTimeLeft,
  describeTimeLeft,
  keepAliveDue,
  phaseAt,
} from '../../web/src/lib/session-timeout';

/** The agency page's view of its session, to warn before it times out (ADR 0004). Times in ms from 0. */
const MIN = 60_000;
const SEC = 1000;

describe('when the page expects the agency session to end', () => {
  test('29 minutes after the last answer: the API may have refreshed its idle timer up to a minute before it', () => {
    const clock = afterActivity(undefined, 0);
    expect(clock.endsAt).toBe(29 * MIN);
    expect(clock.absoluteEndsAt).toBeUndefined();
  });

  test('never past the 8 hours a session lasts, once signing in or "stay signed in" has said when that is', () => {
    const signedIn = afterSignIn(0, 8 * 60 * 60);
    expect(signedIn).toEqual({ endsAt: 29 * MIN, absoluteEndsAt: 480 * MIN });
    // Late in the session, activity cannot move its end.
    expect(afterActivity(signedIn, 470 * MIN)).toEqual({ endsAt: 480 * MIN, absoluteEndsAt: 480 * MIN });
  });

  test('"stay signed in" gives the exact times, counted from its answer', () => {
    expect(
      afterExtend(10 * MIN, { idleTimeoutSeconds: 1800, idleExpiresInSeconds: 1800, expiresInSeconds: 9000 }),
    ).toEqual({
      endsAt: 40 * MIN,
      absoluteEndsAt: 10 * MIN + 9000 * SEC,
    });
  });
});

describe('the warning', () => {
  const clock = { endsAt: 30 * MIN, absoluteEndsAt: 480 * MIN };

  test('comes two minutes before the page signs the lead out, which is 15 seconds before the end', () => {
    expect(phaseAt(clock, 27 * MIN)).toEqual({ kind: 'active' });
    expect(phaseAt(clock, 27 * MIN + 45 * SEC)).toEqual({ kind: 'warning', secondsLeft: 120, final: false });
    expect(phaseAt(clock, 29 * MIN + 44 * SEC)).toEqual({ kind: 'warning', secondsLeft: 1, final: false });
    expect(phaseAt(clock, 29 * MIN + 45 * SEC)).toEqual({ kind: 'timed-out' });
    expect(phaseAt(clock, 31 * MIN)).toEqual({ kind: 'timed-out' });
  });

  test('is final when the 8-hour end is what comes: staying signed in cannot put it off', () => {
    const late = { endsAt: 480 * MIN, absoluteEndsAt: 480 * MIN };
    expect(phaseAt(late, 479 * MIN)).toEqual({ kind: 'warning', secondsLeft: 45, final: true });
    // Not known (after a reload, before the page asked): an idle end, which staying signed in does put off.
    expect(phaseAt({ endsAt: 30 * MIN }, 29 * MIN)).toMatchObject({ kind: 'warning', final: false });
  });

  test('says the time left in words, and tells a screen reader only each minute, then every 20 seconds', () => {
    expect([120, 65, 60, 1].map(describeTimeLeft)).toEqual(['2 minutes', '1 minute 5 seconds', '1 minute', '1 second']);
    expect([120, 119, 61, 60, 59, 41, 40, 21, 1].map(announcedTimeLeft)).toEqual([
      '2 minutes',
      '2 minutes',
      '2 minutes',
      '1 minute',
      '1 minute',
      '1 minute',
      '40 seconds',
      '40 seconds',
      '20 seconds',
    ]);
  });
});

describe('keeping the session alive while the lead types', () => {
  test('only after typing that nothing has sent to the API for five minutes', () => {
    expect(keepAliveDue(0, undefined, 10 * MIN)).toBe(false); // nothing typed: the lead may have left
    expect(keepAliveDue(0, 1 * MIN, 4 * MIN)).toBe(false); // the API heard from the page recently
    expect(keepAliveDue(0, 1 * MIN, 5 * MIN)).toBe(true);
    expect(keepAliveDue(6 * MIN, 1 * MIN, 12 * MIN)).toBe(false); // typed before the last call, not since
  });
});

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '../components/fields';
import { agencyApi, ApiError, onAgencyActivity } from '../lib/api';
import {
  afterActivity,
  afterExtend,
  afterSignIn,
  announcedTimeLeft,
  describeTimeLeft,
  keepAliveDue,
  phaseAt,
  type SessionClock,
  type SessionPhase,
  type SessionTimes,
} from '../lib/session-timeout';

/**
 * The session as this page knows it, from every answer the API gave with it (lib/session-timeout.ts).
 * Kept outside the component: signing in and the first page's calls come before the header names the agency.
 */
let clock: SessionClock | undefined;
let lastCallAt = 0;
onAgencyActivity((at) => {
  clock = afterActivity(clock, at);
  lastCallAt = at;
});

/** The code was accepted: the session lasts this long at most. */
export const noteSignedIn = (expiresInSeconds: number) => {
  clock = afterSignIn(Date.now(), expiresInSeconds);
};

/** Signed out, timed out or ended: nothing is known of a next session until it starts. */
export const forgetSessionClock = () => {
  clock = undefined;
};

/** Why the page signed the lead out: 30 minutes without activity, or the 8 hours a session may last. */
export type TimeoutReason = 'idle' | 'eight-hours';

const EXTEND = '/agency/sessions/current/extend';

async function extend(): Promise<void> {
  const times = await agencyApi.post<SessionTimes>(EXTEND);
  clock = afterExtend(Date.now(), times);
}

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Warns the signed-in lead before the session times out (GOV.UK's timeout warning pattern; WCAG 2.2.1):
 * a modal dialog two minutes before, with "Stay signed in". Typing on a page keeps the session alive now and
 * then, as saving would. At the end, the page saves what was typed as a draft and signs the lead out
 * (`onTimedOut`), before the API would refuse the save.
 */
export function SessionTimeout(props: {
  enabled: boolean;
  onTimedOut: (reason: TimeoutReason) => void;
  onSignOut: () => void;
  children: ComponentChildren;
}) {
  const { enabled } = props;
  const [phase, setPhase] = useState<SessionPhase>({ kind: 'active' });
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const lastInput = useRef<number | undefined>(undefined);
  const returnFocus = useRef<HTMLElement | null>(null);
  const lastFocus = useRef<HTMLElement | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    if (!enabled) {
      setPhase({ kind: 'active' });
      setDismissed(false);
      return;
    }
    let keepingAlive = false;
    const keepAlive = () => {
      keepingAlive = true;
      // A failure here is told as any other: a 401 ends the page's session (lib/api.ts).
      extend()
        .catch(() => undefined)
        .finally(() => (keepingAlive = false));
    };
    // After a reload the 8-hour end is not known: one call learns it (the page's loading was activity already).
    if (clock?.absoluteEndsAt === undefined) keepAlive();
    const onInput = () => (lastInput.current = Date.now());
    // Where the lead was, for the focus to go back to: by the time the dialog opens, the page is inert.
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof HTMLElement && !dialog.current?.contains(event.target))
        lastFocus.current = event.target;
    };
    document.addEventListener('focusin', onFocus);
    let over = false;
    const tick = () => {
      if (over) return;
      const now = Date.now();
      if (!clock) clock = afterActivity(undefined, lastCallAt || now);
      const next = phaseAt(clock, now);
      if (next.kind === 'active' && !keepingAlive && keepAliveDue(lastCallAt, lastInput.current, now)) keepAlive();
      setPhase((was) =>
        was.kind === next.kind &&
        (was.kind !== 'warning' || next.kind !== 'warning' || was.secondsLeft === next.secondsLeft)
          ? was
          : next,
      );
      if (next.kind === 'active') setDismissed(false);
      if (next.kind === 'timed-out') {
        over = true;
        window.clearInterval(timer);
        latest.current.onTimedOut(
          clock.absoluteEndsAt !== undefined && clock.absoluteEndsAt <= clock.endsAt ? 'eight-hours' : 'idle',
        );
      }
    };
    const timer = window.setInterval(tick, 1000);
    // Background tabs run timers late: look again as soon as the page is seen.
    document.addEventListener('visibilitychange', tick);
    for (const type of ['keydown', 'input', 'pointerdown']) document.addEventListener(type, onInput, true);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
      document.removeEventListener('focusin', onFocus);
      for (const type of ['keydown', 'input', 'pointerdown']) document.removeEventListener(type, onInput, true);
    };
  }, [enabled]);

  const open = enabled && phase.kind === 'warning' && !dismissed;

  useEffect(() => {
    if (open) {
      returnFocus.current = lastFocus.current;
      dialog.current?.focus();
    } else if (returnFocus.current) {
      const target = returnFocus.current;
      returnFocus.current = null;
      if (target.isConnected) target.focus();
    }
  }, [open]);

  const close = () => {
    setProblem(undefined);
    setDismissed(true);
  };

  const stay = async () => {
    if (busy) return;
    if (phase.kind === 'warning' && phase.final) return close();
    setBusy(true);
    setProblem(undefined);
    try {
      await extend();
      const next = phaseAt(clock as SessionClock, Date.now());
      setPhase(next);
      // Only the 8-hour end still to come: the dialog stays, saying so.
      if (next.kind !== 'warning') setDismissed(false);
      else dialog.current?.focus();
    } catch (error) {
      // A session that already ended is the page's to say (lib/api.ts); anything else, here.
      if (!(error instanceof ApiError && error.status === 401))
        setProblem(error instanceof ApiError ? error.message : 'Something went wrong. Try again.');
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      void stay();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    // Focus stays in the dialog while it is open.
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === dialog.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <div inert={open}>{props.children}</div>
      {open && phase.kind === 'warning' && (
        <div class="app-timeout-overlay">
          <div
            ref={dialog}
            class="app-timeout-dialog"
            role="dialog"
            aria-modal="true"
            aria-labelledby="timeout-heading"
            aria-describedby="timeout-message"
            tabIndex={-1}
            onKeyDown={onKeyDown}
          >
            <h2 class="govuk-heading-m" id="timeout-heading">
              {phase.final ? 'Your session is about to end' : 'You will be signed out soon'}
            </h2>
            <div id="timeout-message">
              <p class="govuk-body">
                <span aria-hidden="true">
                  {phase.final ? 'Sessions last 8 hours at most: we' : 'To keep the information safe, we'} will sign you
                  out in <strong>{describeTimeLeft(phase.secondsLeft)}</strong>.
                </span>
                <span class="govuk-visually-hidden" aria-live="polite">
                  We will sign you out in {announcedTimeLeft(phase.secondsLeft)}.
                </span>
              </p>
              <p class="govuk-body">
                Anything you have typed will be saved as a draft first. To carry on afterwards, open the link in the
                most recent e-mail from the business office.
              </p>
            </div>
            {problem && (
              <p class="govuk-error-message" role="alert">
                <span class="govuk-visually-hidden">Error:</span> {problem}
              </p>
            )}
            <div class="govuk-button-group">
              <Button type="button" onClick={() => void stay()} disabled={busy}>
                {phase.final ? 'Continue' : 'Stay signed in'}
              </Button>
              <button type="button" class="govuk-link app-link-button app-link-button--dark" onClick={props.onSignOut}>
                Sign out
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

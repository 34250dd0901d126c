import { useEffect, useState } from 'preact/hooks';

/**
 * A small history-API router: links within the site change the page without a reload, the back
 * button works, and each change of page moves focus to its heading (pages announce themselves to
 * screen readers as a full page load would).
 */
const listeners = new Set<() => void>();

let focusOnNextHeading = false;
/** An element to focus instead of the heading on the next page (an error summary link elsewhere). */
let focusTargetOnNextPage: string | undefined;

export interface NavigateOptions {
  replace?: boolean;
  /** Id of an element to focus once the next page has rendered it. */
  focus?: string;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  focusOnNextHeading = true;
  focusTargetOnNextPage = options.focus;
  window.scrollTo(0, 0);
  listeners.forEach((listener) => listener());
}

/** Called by each page heading when it appears: takes focus if the page was reached by navigation. */
export function claimPageFocus(heading: HTMLElement | null): void {
  if (!focusOnNextHeading || !heading) return;
  const target = focusTargetOnNextPage ? document.getElementById(focusTargetOnNextPage) : null;
  if (focusTargetOnNextPage && !target) return; // the field is not rendered yet: wait for it
  focusOnNextHeading = false;
  focusTargetOnNextPage = undefined;
  (target ?? heading).focus();
  target?.scrollIntoView({ block: 'center' });
}

export interface Location {
  path: string;
  search: string;
}

const current = (): Location => ({ path: location.pathname, search: location.search });

export function useLocation(): Location {
  const [where, setWhere] = useState(current);
  useEffect(() => {
    const update = () => setWhere(current());
    listeners.add(update);
    const onPop = () => {
      focusOnNextHeading = true;
      update();
    };
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return where;
}

/** Matches `/cases/:caseId` against a path; returns the parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const regex = new RegExp(
    `^${pattern.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}/?$`,
  );
  const match = regex.exec(path);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
}

/** Same-origin links become router navigations; anything with a modifier, a target or a fragment does not. */
export function interceptLinks(): void {
  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest?.('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const href = anchor.getAttribute('href');
    if (!href || href.startsWith('#')) return;
    const url = new URL(anchor.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** One-off messages for the next page ("Request sent"): kept in memory, never in storage. */
let flash: string | undefined;
export const setFlash = (message: string) => {
  flash = message;
};
export const takeFlash = (): string | undefined => {
  const message = flash;
  flash = undefined;
  return message;
};

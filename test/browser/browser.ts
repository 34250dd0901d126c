import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { findUser, loadIssuerState, totpOf } from '../../scripts/local/auth-issuer';
import { DEMO_OFFICERS } from '../../scripts/local/demo-data';
import { stack, waitForMail, type SentEmail } from '../support/portal';

/** Helpers for the browser tests: one Chromium per file, a context per test, checks on every page. */

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });

export const web = (): string => stack().endpoints.web;

/** A page whose console errors and uncaught exceptions are collected, to assert none broke the CSP. */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  problems: string[];
}

export async function openPage(browser: Browser): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { context, page, problems };
}

/** Content Security Policy violations, as Chromium reports them on the console. */
export const cspViolations = (problems: string[]): string[] =>
  problems.filter((p) => /Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(p));

/** Uncaught exceptions in the page's own code. */
export const pageErrors = (problems: string[]): string[] => problems.filter((p) => p.startsWith('pageerror:'));

/**
 * Runs axe-core on the page as it is now; returns the serious and critical violations, described.
 * Legacy mode runs axe in the page itself: the portal has no iframes, and the default mode's extra
 * blank page to merge frame results doubles the time of every check.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The page's heading and title, once a page has settled on a given h1. */
export async function onPage(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(process.cwd(), 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the sign-in service's own page, with password and authenticator code. */
export async function signInOfficer(page: Page, partnershipId = 'leicester'): Promise<void> {
  const officer = DEMO_OFFICERS.find((o) => o.partnershipId === partnershipId);
  if (!officer) throw new Error(partnershipId);
  await page.goto(web());
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/oauth2\/authorize/);
  const state = await loadIssuerState(join(stack().dataDir, 'auth'), DEMO_OFFICERS);
  await page.fill('#username', officer.username);
  await page.fill('#password', officer.password);
  await page.fill('#totp', totpOf(findUser(state, officer.username)).generate());
  await page.click('button[type=submit]');
  await onPage(page, 'Cases');
}

export const linkFromEmail = (email: SentEmail): string | undefined =>
  /(https?:\/\/\S+\/respond#token=[A-Za-z0-9_-]{43})/.exec(email.body.text ?? '')?.[1];

export async function requestEmail(reference: string): Promise<SentEmail> {
  const [email] = await waitForMail(
    (e) => e.subject.includes(reference) && e.subject.startsWith('Information request'),
  );
  return email!;
}

/** The code most recently e-mailed for a case, sent after `since` (ms). */
export async function latestCode(reference: string, since: number): Promise<string> {
  const emails = await waitForMail(
    (e) => e.subject.includes(reference) && e.subject.startsWith('Your code') && e.at * 1000 >= since - 2000,
  );
  const code = /\bis (\d{6})\./.exec(emails[emails.length - 1]?.body.text ?? '')?.[1];
  if (!code) throw new Error('no code in the e-mail');
  return code;
}

/**
 * Presses Tab until the focused element matches `selector` (and holds `text`, if given), as a keyboard
 * user would; fails after `max` presses.
 */
export async function tabTo(page: Page, selector: string, text?: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const reached = await page.evaluate(
      ([sel, txt]) => {
        const el = document.activeElement;
        return !!el && el.matches(sel as string) && (!txt || (el.textContent ?? '').includes(txt));
      },
      [selector, text ?? ''],
    );
    if (reached) return;
  }
  throw new Error(`${selector} ${text ?? ''} was not reached with the Tab key`);
}

export const focusedId = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');

/** Waits (up to 10 s) for a condition on the page to hold; then fails with what was last seen. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, describe: (value: T) => string) {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(describe(value));
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
}

const textOf = async (locator: Locator) => ((await locator.count()) ? await locator.first().innerText() : '');
const matches = (text: string, expected: string | RegExp) =>
  typeof expected === 'string' ? text.includes(expected) : expected.test(text);

export const hasText = (locator: Locator, expected: string | RegExp) =>
  eventually(
    () => textOf(locator),
    (text) => matches(text, expected),
    (text) => `expected ${locator} to contain ${expected}, found: ${text.slice(0, 500)}`,
  );

export const lacksText = async (locator: Locator, unexpected: string) => {
  const text = await textOf(locator);
  if (text.includes(unexpected)) throw new Error(`${locator} should not contain ${unexpected}`);
};

export const hasValue = (locator: Locator, expected: string) =>
  eventually(
    () => locator.inputValue(),
    (value) => value === expected,
    (value) => `expected ${locator} to have the value ${JSON.stringify(expected)}, found ${JSON.stringify(value)}`,
  );

/** The title is set by an effect after the render, so it is awaited like any other text. */
export const hasTitle = (page: Page, expected: string | RegExp) =>
  eventually(
    () => page.title(),
    (title) => (typeof expected === 'string' ? title === expected : expected.test(title)),
    (title) => `expected the page title to be ${expected}, found ${JSON.stringify(title)}`,
  );

/** Focus moves in effects after a render; wait for it rather than read it once. */
export const becomes = <T>(read: () => Promise<T>, expected: T, what: string) =>
  eventually(
    read,
    (value) => value === expected,
    (value) => `expected ${what} to be ${JSON.stringify(expected)}, found ${JSON.stringify(value)}`,
  );

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findUser, loadIssuerState, signToken } from '../../scripts/local/auth-issuer';
import { DEMO_OFFICERS } from '../../scripts/local/demo-data';
import type { Endpoints } from '../../scripts/local/stack';

/** Access to the test run's local stack: endpoints, tokens, the mailbox, and an HTTP client. */
export interface StackInfo {
  endpoints: Endpoints;
  env: Record<string, string>;
  dataDir: string;
}

export function stack(): StackInfo {
  const file = process.env.PORTAL_TEST_STACK;
  if (!file) throw new Error('the test stack is not running (jest globalSetup)');
  return JSON.parse(readFileSync(file, 'utf8')) as StackInfo;
}

export type PartnershipId = 'leicester' | 'leicestershire-rutland';

export async function staffToken(
  partnershipId: PartnershipId,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const info = stack();
  const state = await loadIssuerState(join(info.dataDir, 'auth'), DEMO_OFFICERS);
  const officer = DEMO_OFFICERS.find((o) => o.partnershipId === partnershipId);
  if (!officer) throw new Error(partnershipId);
  return signToken(state, info.endpoints.auth, findUser(state, officer.username), 'access', overrides);
}

export interface ApiResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/** A small API client with a cookie jar, as a browser would keep the agency session. */
export class ApiClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly bearer?: string,
    private readonly base = stack().endpoints.api,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResult<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = (pair ?? '').split('=');
      if (!name) continue;
      if (/Max-Age=0/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value ?? '');
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  /** A file download: the raw bytes and headers. */
  async download(path: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const response = await fetch(`${this.base}${path}`, {
      headers: {
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...(this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {}),
      },
    });
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body: unknown) => this.request<T>('PUT', path, body);
}

export async function staffClient(partnershipId: PartnershipId = 'leicester'): Promise<ApiClient> {
  return new ApiClient(await staffToken(partnershipId));
}

export interface SentEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
}

export async function mailbox(): Promise<SentEmail[]> {
  const response = await fetch(`${stack().endpoints.mail}/store`);
  return ((await response.json()) as { emails: SentEmail[] }).emails;
}

/** Waits for e-mails matching `predicate` (other tests send mail to the same emulator meanwhile). */
export async function waitForMail(
  predicate: (email: SentEmail) => boolean,
  count = 1,
  timeoutMs = 10_000,
): Promise<SentEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailbox()).filter(predicate);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`expected ${count} e-mail(s), found ${found.length}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

export const tokenFromEmail = (email: SentEmail) => /#token=([A-Za-z0-9_-]{43})/.exec(email.body.text ?? '')?.[1];
export const codeFromEmail = (email: SentEmail) => /\bis (\d{6})\./.exec(email.body.text ?? '')?.[1];

import fc from 'fast-check';
import { ID_PATTERN } from '../../functions/contract/primitives';
import { AGENCY_SESSION_COOKIE, parseCookies } from '../../functions/http/api-handler';
import type { RouteSpec } from '../../functions/contract/routes';
import {
  bodyVerdict as judgeBody,
  checkAnswer,
  hostileBody,
  hostileId,
  hostileQuery,
  noiseHeaders,
  unknownId,
  type BodyCase,
  type BodyVerdict,
} from './hostile';
import type { PortalFixture } from './principals';
import { paramsFor, routeKey, validBodies } from './route-bodies';
import { paramNames, type Answer, type Caller } from './wire';

/**
 * The kinds of caller every route is fuzzed with, so that coverage can be counted: the fixture's owner,
 * someone real but foreign (the other partnership; for agency routes also agency X in another case and
 * agency Y in the same case), forged, malformed or stale credentials, none at all; and, on public
 * routes, anyone (those have no authentication to pass or fail).
 */
export const PRINCIPALS = {
  staff: ['owner', 'other partnership', 'forged or stale', 'no credentials'],
  agency: ['owner', 'other partnership', 'other case', 'other agency', 'forged or stale', 'no credentials'],
  public: ['anyone'],
} as const;
export type Principal = (typeof PRINCIPALS)[keyof typeof PRINCIPALS][number];

/**
 * The model behind the bad-input suite: who calls (a principal of either audience, or a forged or stale
 * one), with which path parameters, body and query; what the API must answer; and which calls could
 * legitimately change data (those are not sent, so the table can be compared before and after).
 */
export interface Who {
  kind: string;
  /** Which of the route audience's PRINCIPALS this caller is. */
  principal: Principal;
  headers: Record<string, string>;
  /** Passes the staff check: the status otherwise (401, or 403 for a token without one partnership). */
  staff: true | { status: number };
  /** Passes the agency session check. */
  agency: boolean;
  /** The fixture's owner: Leicester's business office, or agency X's lead in case A. */
  owner: boolean;
  /** Identifiers of the fixture this principal must never be shown. */
  hidden: string[];
}

export interface Probe {
  route: RouteSpec;
  who: Who;
  params: Record<string, string>;
  body: BodyCase;
  query: Record<string, string> | undefined;
  noise: Record<string, string>;
  contentTypeHeader: string;
}

/** Routes whose target is named by the path: someone else's identifiers there must get nowhere. */
export const isScoped = (route: RouteSpec) =>
  route.auth === 'staff'
    ? /\{(caseId|agencyId)\}/.test(route.path)
    : route.auth === 'agency' && route.path.includes('{requestId}');

const idShaped = (value: string) => ID_PATTERN.test(value);

/** A body's verdict, worked out once per generated body (parsing a 2 MB body twice a probe adds up). */
const verdicts = new WeakMap<BodyCase, Map<RouteSpec, BodyVerdict>>();
function bodyVerdict(route: RouteSpec, body: BodyCase): BodyVerdict {
  const byRoute = verdicts.get(body) ?? new Map<RouteSpec, BodyVerdict>();
  verdicts.set(body, byRoute);
  const verdict = byRoute.get(route) ?? judgeBody(route, body);
  byRoute.set(route, verdict);
  return verdict;
}

export function passesAuth(probe: Probe): boolean {
  if (probe.route.auth === 'staff') return probe.who.staff === true;
  if (probe.route.auth === 'agency') return probe.who.agency;
  return true;
}

/** Routes whose only write is the caller's own session's lastSeenAt. */
const SESSION_ACTIVITY_ONLY = new Set(['POST /api/agency/sessions/current/extend']);

/**
 * Could the call change data if the API did what it should? Reads may (they are audited); otherwise only
 * a call that passes authentication, names the fixture's own items and is well-formed could. Those are
 * not bad input, so the suite does not send them.
 */
export function couldChangeData(probe: Probe, real: Record<string, string>): boolean {
  const { route, who, params } = probe;
  if (route.method === 'GET' || !passesAuth(probe)) return false;
  // "Stay signed in" writes only the session's activity, which the table check allows, as for reads.
  if (SESSION_ACTIVITY_ONLY.has(routeKey(route))) return false;
  if (Object.values(params).some((v) => !idShaped(v))) return false;
  if (route.body && bodyVerdict(route, probe.body).refused) return false;
  // Public calls here carry unknown link tokens, a used challenge or no live session: nothing to change.
  if (route.auth === 'public') return false;
  if (isScoped(route) && !who.owner) return false; // refused for who it is: what the suite checks
  return Object.entries(params).every(([name, value]) => value === real[name]);
}

export interface Expected {
  status?: number;
  code?: string;
  /** Someone else's target: refused (400 for a malformed body is fine, the target is never looked at). */
  denied?: boolean;
  /** Refused, whatever the status. */
  refused?: boolean;
}

/** The answer the API must give, as far as it follows from the request alone. */
export function expected(probe: Probe): Expected {
  const { route, who, params } = probe;
  if (route.auth === 'staff' && who.staff !== true) return { status: who.staff.status };
  // Without the cookie there was no session to end; with one that is not a live session's, it ended.
  if (route.auth === 'agency' && !who.agency) {
    return {
      status: 401,
      code: parseCookies(who.headers.cookie)[AGENCY_SESSION_COOKIE] ? 'session-ended' : 'not-signed-in',
    };
  }
  if (Object.values(params).some((v) => !idShaped(v))) return { status: 400, code: 'malformed-id' };
  const verdict = bodyVerdict(route, probe.body);
  if (verdict.refused && verdict.status) return { status: verdict.status, code: verdict.code };
  if (verdict.refused) return { refused: true };
  if (route.auth !== 'public' && isScoped(route) && !who.owner) return { denied: true };
  return {};
}

export function paramsArb(route: RouteSpec, real: Record<string, string>): fc.Arbitrary<Record<string, string>> {
  const names = paramNames(route);
  return fc.record(
    Object.fromEntries(
      names.map((name) => {
        const id = real[name] ?? '01M8E33TZQBYCG5AJF4ZKJMR4H';
        return [
          name,
          fc.oneof(
            { weight: 5, arbitrary: fc.constant(id) },
            { weight: 2, arbitrary: unknownId },
            { weight: 3, arbitrary: hostileId(id) },
          ),
        ];
      }),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
}

const CONTENT_TYPE_NAMES = ['content-type', 'Content-Type', 'CONTENT-TYPE'];

/**
 * Probes of one route by one of the given callers (the route is fixed, so that a run can go over every
 * route and kind of caller in turn rather than hope a random draw reaches each).
 */
export function routeProbeArb(
  route: RouteSpec,
  who: readonly Who[],
  fixture: PortalFixture,
  bases: Record<string, unknown>,
): fc.Arbitrary<Probe> {
  if (!who.length) throw new Error(`no callers for ${routeKey(route)}`);
  const real = paramsFor(route, fixture);
  return fc
    .record({
      route: fc.constant(route),
      who: fc.constantFrom(...who),
      params: paramsArb(route, real),
      body: hostileBody(bases[routeKey(route)] ?? { note: 'a body where none belongs' }),
      query: hostileQuery,
      noise: noiseHeaders,
      contentTypeHeader: fc.constantFrom(...CONTENT_TYPE_NAMES),
    })
    .filter((probe) => !couldChangeData(probe, real));
}

/**
 * Counts the generated probes sent (only those: fixture set-up and fixed cases are not bad input drawn
 * by a generator), per route and kind of caller, to check afterwards that every route had each.
 */
export class ProbeTally {
  readonly cells = new Map<string, number>();
  total = 0;

  record(probe: Probe): void {
    const kinds: readonly Principal[] = PRINCIPALS[probe.route.auth];
    if (!kinds.includes(probe.who.principal)) {
      throw new Error(`${probe.who.kind} is not a caller of ${routeKey(probe.route)} (${probe.who.principal})`);
    }
    this.total += 1;
    const cell = `${routeKey(probe.route)} as ${probe.who.principal}`;
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + 1);
  }

  /** Every route × kind of caller that applies to it, with how many probes it had, where under `min`. */
  short(routes: readonly RouteSpec[], min: number): Record<string, number> {
    const short: Record<string, number> = {};
    for (const route of routes) {
      for (const principal of PRINCIPALS[route.auth]) {
        const cell = `${routeKey(route)} as ${principal}`;
        const count = this.cells.get(cell) ?? 0;
        if (count < min) short[cell] = count;
      }
    }
    return short;
  }
}

export function headersOf(probe: Probe): Record<string, string> {
  return {
    ...probe.noise,
    ...(probe.body.contentType === undefined ? {} : { [probe.contentTypeHeader]: probe.body.contentType }),
    ...probe.who.headers,
  };
}

export const describeProbe = (probe: Probe) =>
  JSON.stringify({
    route: routeKey(probe.route),
    who: probe.who.kind,
    params: Object.fromEntries(Object.entries(probe.params).map(([k, v]) => [k, v.slice(0, 60)])),
    body: probe.body.kind,
    contentType: probe.body.contentType,
    bodyStart: (Buffer.isBuffer(probe.body.body) ? probe.body.body.toString('base64') : (probe.body.body ?? '')).slice(
      0,
      160,
    ),
    query: probe.query && Object.keys(probe.query),
  });

/** Sends a probe and checks the answer against the oracle and the expectation. */
export async function sendProbe(call: Caller, probe: Probe): Promise<Answer> {
  const answer = await call({
    route: probe.route,
    params: probe.params,
    headers: headersOf(probe),
    body: probe.body.body,
    ...(probe.query ? { query: probe.query } : {}),
  });
  const where = describeProbe(probe);
  checkAnswer(answer, where);
  const want = expected(probe);
  const fail = (why: string) => {
    throw new Error(`${where}: ${why}; got ${answer.status} ${answer.text.slice(0, 300)}`);
  };
  if (want.status !== undefined && answer.status !== want.status) fail(`expected ${want.status}`);
  if (want.code !== undefined && answer.json?.error?.code !== want.code) fail(`expected code ${want.code}`);
  if (want.denied && answer.status !== 404 && answer.status !== 400) fail('expected a refusal (404, or 400)');
  if (want.refused && answer.status < 400) fail('expected a refusal');
  if (answer.status < 300) {
    for (const id of probe.who.hidden) if (answer.text.includes(id)) fail(`shows ${id}, which is not theirs`);
  }
  return answer;
}

/** Bodies to break: the valid ones, with a canary in their text, and a session start with an unknown token. */
export function baseBodies(fixture: PortalFixture, canary: string): Record<string, unknown> {
  return {
    ...validBodies(fixture, canary),
    // The real link would start a real sign-in; an unknown one of the right shape is refused after lookup.
    'POST /api/agency/sessions': { token: 'Q'.repeat(43) },
  };
}

/** fast-check's report, without a 2 MB counterexample in it (a probe, or a batch of probes). */
export function compactReport<T extends Probe | Probe[]>(out: fc.RunDetails<[T]>): void {
  if (!out.failed) return;
  const example = out.counterexample?.[0];
  const described = example ? ([example] as (Probe | Probe[])[]).flat().map(describeProbe).join('\n') : 'none';
  throw new Error(
    `Property failed after ${out.numRuns} runs (seed ${out.seed}, path "${out.counterexamplePath}", ${out.numShrinks} shrinks)\n` +
      `counterexample: ${described}\n${String(out.errorInstance)}`,
  );
}

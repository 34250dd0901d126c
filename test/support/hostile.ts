import fc from 'fast-check';
import { ErrorView } from '../../functions/contract/schemas';
import type { RouteSpec } from '../../functions/contract/routes';
import { MAX_BODY_BYTES } from '../../functions/http/api-handler';
import type { Answer } from './wire';

/**
 * Hostile input for the bad-input suite, and the oracle every answer to it must satisfy. Generators are
 * fast-check arbitraries, so runs are reproducible from a seed and failures shrink.
 */

/** What an answer must never show: stack frames, source positions, exception names, the database or cloud. */
export const LEAK = /at \S+ \(|\.ts:\d+|Error:|Exception|DynamoDB|ConditionalCheck|AWS|stack/i;

/** Headers that would say what runs behind the API. */
const TELLING_HEADERS = ['x-powered-by', 'server', 'x-amz-apigw-id', 'x-amzn-errortype', 'x-aspnet-version'];

/** Every answer: no 5xx, nothing internal, errors in the one documented shape, the security headers. */
export function checkAnswer(answer: Answer, where: string): void {
  const fail = (why: string) => {
    throw new Error(`${where}: ${why}\n${answer.status} ${answer.text.slice(0, 500)}`);
  };
  if (answer.status >= 500 || answer.status < 200) fail('status out of range');
  for (const name of TELLING_HEADERS) if (answer.headers[name]) fail(`header ${name} present`);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (LEAK.test(`${name}: ${value}`) && name !== 'content-security-policy') fail(`header ${name} leaks`);
  }
  if (answer.headers['cache-control'] !== 'no-store' && !answer.headers['cache-control']?.startsWith('public')) {
    fail('no Cache-Control: no-store');
  }
  if (answer.headers['x-content-type-options'] !== 'nosniff') fail('no X-Content-Type-Options: nosniff');
  if (answer.status >= 400) {
    if (LEAK.test(answer.text)) fail(`body leaks ${LEAK.exec(answer.text)?.[0]}`);
    const shape = ErrorView.strict().safeParse(answer.json);
    if (!shape.success) fail('error body not {error:{code,message,issues?}}');
    if (Object.keys(answer.json.error).some((k) => !['code', 'message', 'issues'].includes(k))) {
      fail('error body has extra fields');
    }
  } else if (/at \S+ \(|\.ts:\d+/.test(answer.text)) {
    fail('a success shows a stack frame');
  }
}

// ---------- strings ----------

const CONTROLS = [...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)), '\u007f', '\u0085'];

/** Text a form could be sent: traversal, injection, control and invisible characters, lookalikes, broken UTF-16. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '   ',
  '\t',
  '\n',
  '\r\n',
  '\u0000',
  'a\u0000b',
  '\u001b[31mred\u001b[0m',
  '\u007f',
  '\u0085',
  '\u2028\u2029',
  '\u202eevil\u202c',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  'a\ud800',
  '\udc00b',
  'lone \ud83d emoji half',
  '😀',
  '\u{10ffff}',
  '../',
  '..\\',
  '../../../../etc/passwd',
  '%2e%2e%2f',
  '%252e%252e%252f',
  '..%2F..%2F',
  '..;/',
  '%00',
  '#',
  '#AUDIT',
  '?',
  '&',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE cases; --",
  '${jndi:ldap://example.org/a}',
  '{{7*7}}',
  '$where',
  '__proto__',
  'constructor',
  'prototype',
  'NaN',
  'Infinity',
  'null',
  'undefined',
  'ＣＡＳＥ',
  'P#leicestershire-rutland#CASE#',
  'CASE#',
  'REQ#',
  'SESSION#',
  'LINK#',
  '０１２３',
  'Ⅷ',
  'İ',
  'ﬀ',
  'e\u0301',
  '\u0430dmin',
  '=cmd|" /C calc"!A0',
  '+SUM(1)',
  'x'.repeat(201),
  'x'.repeat(4001),
  'x'.repeat(20_001),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...CONTROLS), minLength: 1, maxLength: 6 }) },
  { weight: 1, arbitrary: fc.integer({ min: 201, max: 120_000 }).map((n) => 'ü'.repeat(n)) },
);

/** Keys an attacker would add; never ones the answer could echo as a leak. */
export const hostileKey: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'partnershipId', 'PK'),
    fc.constantFrom('status', 'submissionId', 'revision', 'agencyId', 'caseId', 'admin', 'isAdmin', 'role', '$set'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
    fc.constantFrom('x'.repeat(5000), '\u0000', '\ud800', '../'),
  )
  .filter((key) => !LEAK.test(key));

/** Deeply nested arrays or objects, as text (JSON.stringify of them could itself overflow the stack). */
export const deepJson = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** A value of any JSON type, many of them wrong for whatever field they land in. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom<unknown>(0, -1, -0, 1.5, 1e308, -1e308, 2 ** 53 + 1, 25 * 1024 * 1024 + 1, true, false),
  },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, [], {}, [null], [[]], { '': '' }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, hostileString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1001, max: 150_000 }).map((n) => Array.from({ length: n }, () => 'x')) },
  { weight: 1, arbitrary: fc.integer({ min: 1001, max: 30_000 }).map((n) => Array.from({ length: n }, () => ({}))) },
);

// ---------- bodies ----------

/** Every path into a JSON value (object keys and array indices), the value's root first. */
export function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (value && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  }
  return here;
}

export function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (!path.length) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const copy = { ...(value as Record<string, unknown>) };
  Object.defineProperty(copy, head as string, {
    value: setAt(copy[head as string], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** Adds a key (defineProperty, so "__proto__" becomes an own key, as JSON.parse makes it). */
function addKey(value: unknown, path: (string | number)[], key: string, extra: unknown): unknown {
  const target = path.reduce<unknown>((v, p) => (v as Record<string | number, unknown>)?.[p], value);
  if (!target || typeof target !== 'object' || Array.isArray(target)) return value;
  const copy = { ...(target as Record<string, unknown>) };
  Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
  return setAt(value, path, copy);
}

export interface BodyCase {
  kind: string;
  contentType?: string;
  body: string | Buffer | null;
}

const JSON_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  ' application/json ;x=1',
];
const WRONG_TYPES = [
  'text/plain',
  'text/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/json-patch+json',
  'application/jsonp',
  'application/json\u0000',
  'json',
  '*/*',
  '',
];
const NOT_JSON = [
  '{',
  '{"a":',
  "{'a':1}",
  '{a:1}',
  '[1,]',
  '{"a":1,}',
  'NaN',
  '\ufeff{}',
  '{"a":1}garbage',
  '// comment\n{}',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '<xml/>',
  'a=1&b=2',
  '\u0000',
];

const valueAt = (value: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);

/** Changes to a field's text that keep it text: broken UTF-16, control and invisible characters, excess. */
const TEXT_CHANGES: readonly ((s: string) => string)[] = [
  (s) => `${s}\ud800`,
  (s) => `\udc00${s}`,
  (s) => `${s.slice(0, 1)}\ud83d${s.slice(1)}`,
  (s) => `${s}\u0000`,
  (s) => `${s}\u001b[2J`,
  (s) => `${s}\u007f`,
  (s) => `${s}\r\n`,
  (s) => `\u202e${s}`,
  (s) => `${s}\u200b`,
  (s) => `${s} \u{1f600}`,
  (s) => s.toUpperCase(),
  (s) => s.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
  (s) => ` ${s} `,
  (s) => s.repeat(3000),
  () => '\u00a0',
  () => '',
];

/** Bodies that break the route's valid body in every way a client could. */
export function hostileBody(base: unknown): fc.Arbitrary<BodyCase> {
  const json = fc.constantFrom(...JSON_TYPES);
  const paths = pathsOf(base);
  const objectPaths = paths.filter((p) => {
    const v = valueAt(base, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const text = (value: unknown) => JSON.stringify(value);
  const stringPaths = paths.filter((p) => typeof valueAt(base, p) === 'string');
  const textCases: fc.WeightedArbitrary<BodyCase>[] = stringPaths.length
    ? [
        {
          weight: 4,
          arbitrary: fc
            .record({ ct: json, path: fc.constantFrom(...stringPaths), change: fc.constantFrom(...TEXT_CHANGES) })
            .map(({ ct, path, change }) => ({
              kind: 'text',
              contentType: ct,
              body: text(setAt(base, path, change(String(valueAt(base, path))))),
            })),
        },
      ]
    : [];
  return fc.oneof(
    ...textCases,
    {
      weight: 6,
      arbitrary: fc
        .record({ ct: json, path: fc.constantFrom(...paths.slice(1)), value: hostileValue })
        .map(({ ct, path, value }) => ({ kind: 'field', contentType: ct, body: text(setAt(base, path, value)) })),
    },
    {
      weight: 3,
      arbitrary: fc
        .record({ ct: json, path: fc.constantFrom(...objectPaths), key: hostileKey, value: hostileValue })
        .map(({ ct, path, key, value }) => ({
          kind: 'extra-key',
          contentType: ct,
          body: text(addKey(base, path, key, value)),
        })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ ct: json, key: fc.constantFrom('__proto__', 'constructor') }).map(({ ct, key }) => ({
        kind: 'pollution',
        contentType: ct,
        body: `{"${key}":{"polluted":"yes","prototype":{"polluted":"yes"}},${text(base).slice(1)}`,
      })),
    },
    {
      weight: 2,
      arbitrary: fc.record({ ct: json, value: hostileValue }).map(({ ct, value }) => ({
        kind: 'root',
        contentType: ct,
        body: text(value),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ ct: json, raw: fc.oneof(fc.constantFrom(...NOT_JSON), fc.string({ unit: 'binary', maxLength: 30 })) })
        .map(({ ct, raw }) => ({ kind: 'not-json', contentType: ct, body: raw })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          ct: json,
          depth: fc.integer({ min: 100, max: 400_000 }),
          shape: fc.constantFrom<'array' | 'object'>('array', 'object'),
          wrap: fc.boolean(),
        })
        .map(({ ct, depth, shape, wrap }) => ({
          kind: 'deep',
          contentType: ct,
          body: wrap ? `${text(base).slice(0, -1)},"deep":${deepJson(depth, shape)}}` : deepJson(depth, shape),
        })),
    },
    {
      weight: 1,
      arbitrary: fc.record({ ct: json, extra: fc.integer({ min: 1, max: 300_000 }) }).map(({ ct, extra }) => ({
        kind: 'oversize',
        contentType: ct,
        body: `{"padding":"${'x'.repeat(MAX_BODY_BYTES + extra)}",${text(base).slice(1)}`,
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ ct: fc.option(fc.constantFrom(...WRONG_TYPES), { nil: undefined }) })
        .map(({ ct }) => ({ kind: 'content-type', contentType: ct, body: text(base) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ ct: json, path: fc.constantFrom(...paths.slice(1)), value: hostileValue })
        .map(({ ct, path, value }) => {
          const key = String(path[0]);
          return {
            kind: 'duplicate-key',
            contentType: ct,
            body: `${text(base).slice(0, -1)},"${key}":${text(value)}}`,
          };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          ct: fc.constantFrom(...JSON_TYPES, 'application/octet-stream'),
          bytes: fc.uint8Array({ maxLength: 64 }),
        })
        .map(({ ct, bytes }) => ({ kind: 'bytes', contentType: ct, body: Buffer.from(bytes) })),
    },
    { weight: 1, arbitrary: json.map((ct) => ({ kind: 'empty', contentType: ct, body: null })) },
  );
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Does the text (keys included) hold a lone surrogate, which no well-formed Unicode text can? */
export function holdsIllFormedText(value: unknown): boolean {
  if (typeof value === 'string') return LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(holdsIllFormedText);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => LONE_SURROGATE.test(k) || holdsIllFormedText(v));
  }
  return false;
}

/** Routes whose text fields are free drafts: what was typed so far is kept as it is (contract/drafts.ts). */
const FREE_TEXT_ROUTES = new Set(['save-draft']);

export type BodyVerdict =
  | { refused: true; status: number; code: string }
  /** Broken text the schema lets through (an identifier list, say): refused somewhere, never stored. */
  | { refused: true; status?: undefined; code?: undefined }
  | { refused: false };

/**
 * What the API must make of a body, before any lookup: the specification of api-handler's body reading
 * (JSON only, 2 MB, a JSON object the route's schema accepts) plus well-formed text.
 */
export function bodyVerdict(route: RouteSpec, body: BodyCase): BodyVerdict {
  if (!route.body) return { refused: false };
  const type = (body.contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { refused: true, status: 415, code: 'unsupported-media-type' };
  const raw = Buffer.isBuffer(body.body) ? body.body.toString('utf8') : (body.body ?? '');
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) return { refused: true, status: 413, code: 'body-too-large' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { refused: true, status: 400, code: 'malformed-json' };
  }
  if (!route.body.safeParse(parsed).success) return { refused: true, status: 400, code: 'invalid-request' };
  if (!FREE_TEXT_ROUTES.has(route.functionName) && holdsIllFormedText(parsed)) return { refused: true };
  return { refused: false };
}

// ---------- path parameters and query strings ----------

/** Identifiers that name nothing: traversal, key syntax, lookalikes, near misses of a real id. */
export function hostileId(real: string): fc.Arbitrary<string> {
  const fullWidth = real.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((s) => s.length < 300)) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        `${real}#`,
        `${real}#AUDIT`,
        `${real}/../${real}`,
        `../${real}`,
        `${real}%00`,
        `${real}\u0000`,
        `${real} `,
        ` ${real}`,
        `${real}\n`,
        real.toLowerCase(),
        real.slice(0, 25),
        `${real}A`,
        `${real.slice(0, 25)}\u0410`,
        fullWidth,
        encodeURIComponent(`../${real}`),
        `${real}${'A'.repeat(5000)}`,
        'I'.repeat(26),
        'U'.repeat(26),
      ),
    },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

/** A well-formed identifier that names nothing (26 Crockford base-32 characters). */
export const unknownId: fc.Arbitrary<string> = fc
  .string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'), minLength: 26, maxLength: 26 })
  .map((s) => `0${s.slice(1)}`);

export const hostileQuery: fc.Arbitrary<Record<string, string> | undefined> = fc.option(
  fc.dictionary(
    fc.constantFrom('status', 'version', '__proto__', 'constructor', 'limit', 'partnershipId', 'caseId'),
    fc.oneof(
      hostileString.filter((s) => s.length < 2000),
      fc.constantFrom('closed', 'open', '1', '0', '-1', '9999'),
    ),
    { maxKeys: 3 },
  ),
  { nil: undefined },
);

/** Headers that must change nothing: spoofed addresses, method overrides, odd hosts. */
export const noiseHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'x-forwarded-for',
    'x-forwarded-host',
    'x-http-method-override',
    'x-original-url',
    'x-rewrite-url',
    'origin',
    'referer',
    'x-amzn-trace-id',
    'accept',
  ),
  fc.constantFrom('127.0.0.1', 'evil.example.org', 'DELETE', '/api/cases', 'null', '*/*', '../../'),
  { maxKeys: 3 },
);

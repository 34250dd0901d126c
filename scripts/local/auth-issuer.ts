import { createHash, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { Secret, TOTP } from 'otpauth';
import { PARTNERSHIP_GROUP_PREFIX } from '../../functions/http/staff-auth';
import type { DemoOfficer } from './demo-data';

/**
 * A local stand-in for the Cognito user pool: it signs RS256 JWTs shaped like Cognito's access and ID
 * tokens, publishes its JWKS, and offers the managed-login endpoints the web uses (authorization code
 * with PKCE, password and TOTP). The portal verifies its tokens with exactly the code it uses in AWS.
 */
export const LOCAL_CLIENT_ID = 'portal-web-local';
const TOKEN_SECONDS = 3600;

interface StoredUser {
  username: string;
  sub: string;
  email: string;
  partnershipId: string;
  passwordSalt: string;
  passwordHash: string;
  totpSecret: string;
}

interface StoredKeys {
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface LocalIssuer {
  url: string;
  jwksUri: string;
  clientId: string;
  server: Server;
  signAccessToken(username: string, overrides?: Record<string, unknown>): Promise<string>;
  totpFor(username: string): TOTP;
  users(): StoredUser[];
  close(): Promise<void>;
}

const hashPassword = (salt: string, password: string) => scryptSync(password, salt, 32).toString('hex');

function loadOrCreate<T>(path: string | undefined, create: () => Promise<T> | T): Promise<T> {
  if (path && existsSync(path)) return Promise.resolve(JSON.parse(readFileSync(path, 'utf8')) as T);
  return Promise.resolve(create()).then((value) => {
    if (path) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(value, null, 2), { mode: 0o600 });
    }
    return value;
  });
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function signInPage(params: URLSearchParams, error?: string): string {
  const hidden = ['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? '')}">`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in – local issuer</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{font-family:Arial,sans-serif;max-width:30rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
label{display:block;font-weight:bold;margin-top:1rem}input[type=text],input[type=password]{width:100%;padding:.4rem;font-size:1rem;border:2px solid #0b0c0c}
button{margin-top:1.5rem;padding:.6rem 1rem;font-size:1rem;background:#1d70b8;color:#fff;border:0}.error{color:#d4351c;font-weight:bold;border-left:5px solid #d4351c;padding-left:.5rem}
p.hint{color:#505a5f}</style></head><body>
<h1>Sign in to the returns portal</h1>
<p class="hint">Local sign-in service standing in for Amazon Cognito. Demo accounts are printed by <code>npm start</code>.</p>
${error ? `<p class="error" role="alert" id="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth2/authorize">${hidden}
<label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" required>
<label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
<label for="totp">Authenticator code</label><p class="hint">The 6-digit code from your authenticator app (locally: <code>npm run -s local:mfa</code>).</p>
<input type="text" id="totp" name="totp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required>
<button type="submit">Sign in</button></form></body></html>`;
}

export interface IssuerOptions {
  port: number;
  /** Where keys and users persist between runs; undefined keeps them in memory. */
  dataDir?: string;
  /** The web origin allowed to redirect back to and to call the token endpoint. */
  webOrigin: string;
  officers: DemoOfficer[];
}

export interface IssuerState {
  keys: StoredKeys;
  users: StoredUser[];
}

/** Loads the issuer's signing key and users from `dataDir`, creating them on first use. */
export async function loadIssuerState(dataDir: string | undefined, officers: DemoOfficer[]): Promise<IssuerState> {
  const keys = await loadOrCreate<StoredKeys>(dataDir && join(dataDir, 'signing-key.json'), async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    return {
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
  });
  const users = await loadOrCreate<StoredUser[]>(dataDir && join(dataDir, 'users.json'), () =>
    officers.map((officer) => {
      const passwordSalt = randomBytes(16).toString('hex');
      return {
        username: officer.username,
        sub: randomUUID(),
        email: officer.email,
        partnershipId: officer.partnershipId,
        passwordSalt,
        passwordHash: hashPassword(passwordSalt, officer.password),
        totpSecret: new Secret({ size: 20 }).base32,
      };
    }),
  );
  return { keys, users };
}

export function findUser(state: IssuerState, username: string): StoredUser {
  const user = state.users.find((u) => u.username === username);
  if (!user) throw new Error(`no local user ${username}`);
  return user;
}

export function totpOf(user: StoredUser): TOTP {
  return new TOTP({
    issuer: 'Safeguarding returns portal (local)',
    label: user.username,
    secret: Secret.fromBase32(user.totpSecret),
  });
}

/** Signs a token shaped like Cognito's access or ID token. */
export async function signToken(
  state: IssuerState,
  issuerUrl: string,
  user: StoredUser,
  tokenUse: 'access' | 'id',
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const privateKey = await importJWK(state.keys.privateJwk, 'RS256');
  const now = Math.floor(Date.now() / 1000);
  const claims =
    tokenUse === 'access'
      ? { client_id: LOCAL_CLIENT_ID, token_use: 'access', scope: 'openid email profile', username: user.username }
      : { aud: LOCAL_CLIENT_ID, token_use: 'id', email: user.email, 'cognito:username': user.username };
  // Overrides come last, so tests can forge expired or foreign tokens signed with the real key.
  return new SignJWT({
    ...claims,
    iss: issuerUrl,
    sub: user.sub,
    iat: now,
    exp: now + TOKEN_SECONDS,
    'cognito:groups': [`${PARTNERSHIP_GROUP_PREFIX}${user.partnershipId}`],
    auth_time: now,
    jti: randomUUID(),
    ...overrides,
  })
    .setProtectedHeader({ alg: 'RS256', kid: state.keys.privateJwk.kid as string, typ: 'JWT' })
    .sign(privateKey);
}

export async function startAuthIssuer(options: IssuerOptions): Promise<LocalIssuer> {
  const state = await loadIssuerState(options.dataDir, options.officers);
  const { keys, users } = state;
  const codes = new Map<string, { user: StoredUser; redirectUri: string; challenge: string; expires: number }>();
  let url = '';
  const totpFor = (username: string) => totpOf(findUser(state, username));
  const sign = (user: StoredUser, tokenUse: 'access' | 'id') => signToken(state, url, user, tokenUse);

  const send = (
    res: ServerResponse,
    status: number,
    body: string,
    type = 'application/json',
    extra: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      'Content-Type': type,
      'Cache-Control': 'no-store',
      'Access-Control-Allow-Origin': options.webOrigin,
      'X-Content-Type-Options': 'nosniff',
      ...extra,
    });
    res.end(body);
  };

  const validRedirect = (uri: string | null) =>
    !!uri && (uri === options.webOrigin || uri.startsWith(`${options.webOrigin}/`));

  const server = createServer(async (req, res) => {
    try {
      const requestUrl = new URL(req.url ?? '/', url);
      const path = requestUrl.pathname;
      if (req.method === 'OPTIONS')
        return send(res, 204, '', 'text/plain', {
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'Content-Type',
        });
      if (req.method === 'GET' && path === '/.well-known/jwks.json')
        return send(res, 200, JSON.stringify({ keys: [keys.publicJwk] }));
      if (req.method === 'GET' && path === '/.well-known/openid-configuration') {
        return send(
          res,
          200,
          JSON.stringify({
            issuer: url,
            authorization_endpoint: `${url}/oauth2/authorize`,
            token_endpoint: `${url}/oauth2/token`,
            end_session_endpoint: `${url}/logout`,
            jwks_uri: `${url}/.well-known/jwks.json`,
            response_types_supported: ['code'],
            code_challenge_methods_supported: ['S256'],
            id_token_signing_alg_values_supported: ['RS256'],
          }),
        );
      }
      if (path === '/oauth2/authorize') {
        const params = req.method === 'POST' ? await readForm(req) : requestUrl.searchParams;
        if (
          params.get('client_id') !== LOCAL_CLIENT_ID ||
          !validRedirect(params.get('redirect_uri')) ||
          params.get('code_challenge_method') !== 'S256' ||
          !params.get('code_challenge')
        ) {
          return send(res, 400, 'Invalid authorization request', 'text/plain');
        }
        if (req.method === 'GET') return send(res, 200, signInPage(params), 'text/html; charset=utf-8');
        const user = users.find((u) => u.username === params.get('username'));
        const passwordOk =
          user &&
          timingSafeEqual(
            Buffer.from(hashPassword(user.passwordSalt, params.get('password') ?? ''), 'hex'),
            Buffer.from(user.passwordHash, 'hex'),
          );
        const totpOk = user && totpFor(user.username).validate({ token: params.get('totp') ?? '', window: 1 }) !== null;
        if (!user || !passwordOk || !totpOk) {
          return send(
            res,
            401,
            signInPage(params, 'The username, password or authenticator code is not right.'),
            'text/html; charset=utf-8',
          );
        }
        const code = randomBytes(32).toString('base64url');
        codes.set(code, {
          user,
          redirectUri: params.get('redirect_uri') as string,
          challenge: params.get('code_challenge') as string,
          expires: Date.now() + 120_000,
        });
        const target = new URL(params.get('redirect_uri') as string);
        target.searchParams.set('code', code);
        if (params.get('state')) target.searchParams.set('state', params.get('state') as string);
        return send(res, 302, '', 'text/plain', { Location: target.toString() });
      }
      if (req.method === 'POST' && path === '/oauth2/token') {
        const form = await readForm(req);
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        if (
          form.get('grant_type') !== 'authorization_code' ||
          !grant ||
          grant.expires < Date.now() ||
          form.get('client_id') !== LOCAL_CLIENT_ID ||
          form.get('redirect_uri') !== grant.redirectUri ||
          challenge !== grant.challenge
        ) {
          return send(res, 400, JSON.stringify({ error: 'invalid_grant' }));
        }
        return send(
          res,
          200,
          JSON.stringify({
            access_token: await sign(grant.user, 'access'),
            id_token: await sign(grant.user, 'id'),
            token_type: 'Bearer',
            expires_in: TOKEN_SECONDS,
          }),
        );
      }
      if (req.method === 'GET' && path === '/logout') {
        const target = requestUrl.searchParams.get('logout_uri');
        if (requestUrl.searchParams.get('client_id') !== LOCAL_CLIENT_ID || !validRedirect(target))
          return send(res, 400, 'Invalid logout request', 'text/plain');
        return send(res, 302, '', 'text/plain', { Location: target as string });
      }
      send(res, 404, JSON.stringify({ error: 'not_found' }));
    } catch {
      send(res, 500, JSON.stringify({ error: 'server_error' }));
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://localhost:${port}`;

  return {
    url,
    jwksUri: `${url}/.well-known/jwks.json`,
    clientId: LOCAL_CLIENT_ID,
    server,
    signAccessToken: (username, overrides) => signToken(state, url, findUser(state, username), 'access', overrides),
    totpFor,
    users: () => users,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { forbidden, unauthenticated, unavailable } from '../domain/errors';
import type { StaffPrincipal } from '../domain/services/context';

/**
 * Verifies a business-office access token. The same code runs in AWS (Cognito's issuer and JWKS) and
 * locally (the local issuer's): only the configured issuer, JWKS address and client id differ.
 */
export const PARTNERSHIP_GROUP_PREFIX = 'partnership-';

export interface StaffVerifierSettings {
  issuer: string;
  jwksUri: string;
  clientId: string;
}

export type StaffVerifier = (authorization: string | undefined) => Promise<StaffPrincipal>;

export function createStaffVerifier(settings: StaffVerifierSettings): StaffVerifier {
  const jwks = createRemoteJWKSet(new URL(settings.jwksUri), { timeoutDuration: 3000, cooldownDuration: 30_000 });
  const invalidToken = () =>
    unauthenticated('Your sign-in is not valid or has expired. Sign in again.', 'invalid-token');

  return async (authorization) => {
    // Missing only when nothing was sent (or the scheme alone); whatever else was sent is a token that is
    // not valid, and the answer does not say why.
    if (!authorization?.trim() || /^\s*Bearer\s*$/i.test(authorization)) {
      throw unauthenticated('Sign in to continue.', 'missing-token');
    }
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
    if (!match?.[1]) throw invalidToken();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], jwks, {
        issuer: settings.issuer,
        algorithms: ['RS256'],
        clockTolerance: 5,
        requiredClaims: ['exp', 'iat', 'sub'],
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWKSTimeout || error instanceof TypeError) {
        throw unavailable('Sign-in cannot be checked just now. Try again in a minute.', 'auth-unavailable');
      }
      throw invalidToken();
    }
    // Cognito access tokens carry the app client in client_id and token_use "access".
    if (payload.token_use !== 'access' || payload.client_id !== settings.clientId) throw invalidToken();
    const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
    const partnerships = groups.filter(
      (group): group is string => typeof group === 'string' && group.startsWith(PARTNERSHIP_GROUP_PREFIX),
    );
    if (partnerships.length !== 1 || !partnerships[0]) {
      throw forbidden('Your account is not assigned to one partnership. Ask your administrator.', 'no-partnership');
    }
    return {
      userId: payload.sub as string,
      username: typeof payload.username === 'string' ? payload.username : (payload.sub as string),
      partnershipId: partnerships[0].slice(PARTNERSHIP_GROUP_PREFIX.length),
    };
  };
}

import { notFound } from '../domain/errors';

/**
 * `?version=N` of a return: a version number, or undefined for the latest. Anything else names no version,
 * so it is answered as one that does not exist.
 */
export function versionQuery(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,3}$/.test(value)) throw notFound('That version of the return', 'no-such-version');
  return Number(value);
}

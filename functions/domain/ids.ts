import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** Identifiers are ULIDs: unique, and sortable by creation time. */
export function newId(at: number = Date.now()): string {
  return next(at);
}

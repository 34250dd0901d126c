/** Texts of the agency pages that depend on what the API said. */

export const NEW_LINK_ADVICE = 'Ask the business office that sent it for a new link.';
const DEFAULT_LINK_PROBLEM = 'It may have expired, or been replaced by a newer link.';

/**
 * The body of "This link is not valid": the API's message without the heading it repeats, and the
 * advice to ask for a new link once (the API's message may already give it).
 */
export function linkNotValidText(message?: string): string {
  const reason = (message ?? '').replace(/^\s*This link is not valid\.?\s*/i, '').trim() || DEFAULT_LINK_PROBLEM;
  return /business office/i.test(reason) ? reason : `${reason} ${NEW_LINK_ADVICE}`;
}

/** Why a file was not accepted, as the API words it; a reason is always given. */
export const rejectionText = (message: string | undefined): string => message || 'it did not pass the checks';

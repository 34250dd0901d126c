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

/**
 * Why a file was not accepted, as the agency should read it. The API says the business office "has
 * been told" of a file kept back by the virus check, but no one is e-mailed: the office sees it only
 * in the case's audit trail. So the claim is replaced with what is true.
 */
export function rejectionText(message: string | undefined): string {
  if (!message) return 'it did not pass the checks';
  return message.replace(
    /\s*The business office has been told\.?/i,
    ' The business office can see that it was not accepted.',
  );
}

/**
 * Where the sign-in code went. The API sends the agency's lead address first, then the deputy's, each
 * masked ("c•••@leicester-city.example.org"); two addresses at one domain that start alike look the same
 * once masked, so each says whose it is rather than seeming to be listed twice.
 */
export function codeRecipients(sentTo: readonly string[]): string[] {
  if (sentTo.length < 2) return [...sentTo];
  return sentTo.map((address, i) => (i === 0 ? `${address} (agency lead)` : i === 1 ? `${address} (deputy)` : address));
}

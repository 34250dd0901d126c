/** Saves data as a JSON file from the page (no server round trip, no personal data in a URL). */
export function downloadJson(filename: string, data: unknown): void {
  saveBlob(filename, new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
}

/** Saves bytes the page holds as a file: an object URL, never an address with data in it. */
export function saveBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from a reference and an agency: letters, digits and dashes only. */
export const safeFileName = (...parts: string[]): string =>
  parts
    .join('-')
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');

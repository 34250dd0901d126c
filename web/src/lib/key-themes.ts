/**
 * The key themes of a review's Terms of Reference an Information Report is to analyse against (§8.5, §8.8):
 * typed by the office one per line when it asks for the report, shown to the agency lead, and the first theme
 * rows of a new report.
 */

/** As the API holds them (CreateRequest `keyThemes`): 1 to 30, each one line of up to 200 characters. */
export const MAX_KEY_THEMES = 30;
export const MAX_KEY_THEME_LENGTH = 200;

/** The office's "one per line" text as themes: each line trimmed, blank lines left out, repeats once. */
export function keyThemesFromText(text: string): string[] {
  const themes: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const theme = line.trim();
    if (theme && !themes.includes(theme)) themes.push(theme);
  }
  return themes;
}

/** What is wrong with the themes as the API would refuse them, or undefined. */
export function keyThemesProblem(themes: readonly string[]): string | undefined {
  if (themes.length > MAX_KEY_THEMES) return `Enter up to ${MAX_KEY_THEMES} key themes, one per line`;
  const long = themes.findIndex((theme) => theme.length > MAX_KEY_THEME_LENGTH);
  if (long >= 0) return `Key theme ${long + 1} must be ${MAX_KEY_THEME_LENGTH} characters or fewer`;
  return undefined;
}

/** One theme row per key theme, the theme as the office named it and the analysis still to write. */
export const themeRowsFor = (keyThemes: readonly string[] | undefined) =>
  (keyThemes ?? []).map((theme) => ({ theme, analysis: '' }));

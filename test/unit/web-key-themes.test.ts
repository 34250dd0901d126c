import { CreateRequestBody } from '../../functions/contract/schemas';
import { keyThemesFromText, keyThemesProblem, themeRowsFor } from '../../web/src/lib/key-themes';
import { buildKinded, kindedDraft, kindedFormOf } from '../../web/src/lib/kinded';

/** The key themes the office names for an Information Report (§8.5), and the theme rows a new report starts with. */
const THEMES = ['Recognition of neglect', 'Information sharing between agencies'];
const request = { keyThemes: THEMES };

describe('the key themes the office types, one per line', () => {
  test('each line is a theme, trimmed; blank lines and repeats are left out', () => {
    expect(
      keyThemesFromText(
        '  Recognition of neglect \r\n\n\tInformation sharing between agencies\nRecognition of neglect\n  ',
      ),
    ).toEqual(THEMES);
    expect(keyThemesFromText(' \n \n')).toEqual([]);
  });

  test('are held to what the API accepts, and said so before the requests are made', () => {
    expect(keyThemesProblem(THEMES)).toBeUndefined();
    expect(keyThemesProblem([])).toBeUndefined();
    const thirty = Array.from({ length: 30 }, (_, i) => `Theme ${i + 1}`);
    expect(keyThemesProblem(thirty)).toBeUndefined();
    expect(keyThemesProblem([...thirty, 'Theme 31'])).toBe('Enter up to 30 key themes, one per line');
    expect(keyThemesProblem(['Short', 'x'.repeat(201)])).toBe('Key theme 2 must be 200 characters or fewer');
    expect(keyThemesProblem(['x'.repeat(200)])).toBeUndefined();
    // What the page accepts, the API accepts.
    const body = { agencyId: '01M8E33TZQBYCG5AJF4ZKJMR4H', returnType: 'information-report' };
    expect(CreateRequestBody.safeParse({ ...body, keyThemes: thirty }).success).toBe(true);
    expect(CreateRequestBody.safeParse({ ...body, keyThemes: [...thirty, 'Theme 31'] }).success).toBe(false);
    expect(CreateRequestBody.safeParse({ ...body, keyThemes: ['x'.repeat(201)] }).success).toBe(false);
  });
});

describe('a new Information Report starts with a theme row for each key theme', () => {
  test('the theme as named, the analysis still to write', () => {
    const form = kindedFormOf('information-report', { request });
    expect(form.themes).toEqual([
      { theme: 'Recognition of neglect', analysis: '' },
      { theme: 'Information sharing between agencies', analysis: '' },
    ]);
    expect(themeRowsFor(undefined)).toEqual([]);
    expect(kindedFormOf('information-report', { request: {} }).themes).toEqual([]);
  });

  test('saved as a draft, the rows keep the themes; submitted, a row without its analysis is refused', () => {
    const form = kindedFormOf('information-report', { request });
    expect(kindedDraft({ ...form, records: 'yes' }).content).toMatchObject({
      kind: 'information-report',
      themes: [{ theme: 'Recognition of neglect' }, { theme: 'Information sharing between agencies' }],
    });
    const built = buildKinded({ ...form, records: 'yes' }, { today: '2026-12-07', analysisColumns: false });
    expect(built.errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['themes[0].analysis', 'themes[1].analysis']),
    );
  });

  test('a saved draft is never overwritten, even one with no themes', () => {
    const draft = { kind: 'information-report', themes: [{ theme: 'My own theme', analysis: 'Written' }] };
    expect(kindedFormOf('information-report', { request, draft: { content: draft } }).themes).toEqual([
      { theme: 'My own theme', analysis: 'Written' },
    ]);
    const blank = kindedFormOf('information-report', {
      request,
      draft: { content: { kind: 'information-report', involvementSummary: 'Four call-outs' } },
    });
    expect(blank.themes).toEqual([]);
    expect(blank.involvementSummary).toBe('Four call-outs');
  });

  test('asked for more, the lead carries on from what they submitted, not from the named themes', () => {
    const submitted = { kind: 'information-report', themes: [{ theme: 'Recognition of neglect', analysis: 'Done' }] };
    expect(kindedFormOf('information-report', { request, submitted: { content: submitted } }).themes).toEqual([
      { theme: 'Recognition of neglect', analysis: 'Done' },
    ]);
  });

  test('other returns have no theme rows', () => {
    expect(kindedFormOf('factual-summary', { request }).themes).toEqual([]);
  });
});

import { chronologyColumns, importChronology } from '../../functions/domain/chronology-import';
import { EXPECTED_PRACTICE_LABELS, linesText, unaskedAnalysisLines } from '../../web/src/lib/chronology';

const HEADER = chronologyColumns(true).map((c) => c.header);
const event = ['14/03/2024', '', 'CAD 1', 'Attended', 'DASH', 'Officer', 'Fact'];
const importing = (rows: string[][], analysisColumns: boolean) =>
  importChronology([HEADER, ...rows], { analysisColumns, newRowId: () => 'r', today: '2026-11-27' });

describe('the import preview, on analysis columns the request does not ask for', () => {
  const rows = [
    [...event, 'Yes', 'Seen within the hour'],
    [...event, '', ''],
    [...event, '', 'Not followed up'],
    ['', '', 'CAD 4', 'Attended', 'DASH', 'Officer', 'Fact', '', ''],
  ];

  it('names once the lines with something in them, and not the lines refused for another reason', () => {
    const result = importing(rows, false);
    expect(unaskedAnalysisLines(result.rejected, false)).toEqual([2, 4]);
    expect(linesText(unaskedAnalysisLines(result.rejected, false))).toBe('lines 2 and 4');
  });

  it('says nothing of them when the request asks for them', () => {
    expect(unaskedAnalysisLines(importing(rows, true).rejected, true)).toEqual([]);
  });

  it('lists a few lines in words and leaves a long list to the table', () => {
    expect(linesText([7])).toBe('line 7');
    expect(linesText([2, 3, 9])).toBe('lines 2, 3 and 9');
    expect(linesText(Array.from({ length: 25 }, (_, i) => i + 2))).toBe('25 lines (listed below)');
  });
});

describe('the page’s words for "Expected practice?"', () => {
  it.each(Object.entries(EXPECTED_PRACTICE_LABELS))('imports %s written as the page shows it', (code, label) => {
    const result = importing([[...event, label, '']], true);
    expect(result.rejected).toEqual([]);
    expect(result.rows[0]?.expectedPractice).toBe(code);
  });
});

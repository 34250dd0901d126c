import { isNilReturn, requestStatusKey, requestStatusStyle, returnsCountText } from '../../web/src/lib/labels';

/** A nil return ("we hold no records") is a real answer: the office must see it as one, not as a return. */
describe('a nil return in the office pages', () => {
  test('has its own status words and colour, once submitted and once accepted', () => {
    expect(requestStatusStyle({ status: 'submitted', nilReturn: true })).toEqual({
      label: 'Nil return submitted',
      tag: 'govuk-tag--yellow',
    });
    expect(requestStatusStyle({ status: 'accepted', nilReturn: true }).label).toBe('Nil return accepted');
    expect(requestStatusStyle({ status: 'submitted' }).label).toBe('Submitted');
    expect(requestStatusStyle({ status: 'submitted', nilReturn: false }).label).toBe('Submitted');
  });

  test('reopened for more information, the request is what it now is, whatever the last version was', () => {
    const reopened = { status: 'more-info-requested', nilReturn: true };
    expect(requestStatusStyle(reopened).label).toBe('More information asked for');
    expect(isNilReturn(reopened)).toBe(false);
    expect(requestStatusKey(reopened)).toBe('more-info-requested');
  });

  test('is a choice of its own in the grid filter', () => {
    expect(requestStatusKey({ status: 'submitted', nilReturn: true })).toBe('submitted:nil');
    expect(requestStatusKey({ status: 'submitted' })).toBe('submitted');
  });

  test('is counted apart among the returns received', () => {
    expect(returnsCountText([{ status: 'submitted' }, { status: 'accepted' }])).toBe('2 returns received.');
    expect(
      returnsCountText([{ status: 'submitted' }, { status: 'accepted', nilReturn: true }, { status: 'accepted' }]),
    ).toBe('3 returns received: 2 with information, 1 nil return (no records held).');
    expect(returnsCountText([{ status: 'submitted', nilReturn: true }])).toBe(
      '1 return received: 0 with information, 1 nil return (no records held).',
    );
  });
});

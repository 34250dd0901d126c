import { linkNotValidText, rejectionText } from '../../web/src/agency/messages';

describe('"This link is not valid"', () => {
  test("the API's message is shown once, without repeating the heading or the advice", () => {
    const api =
      'This link is not valid. It may have expired or been replaced. Ask the business office that sent it for a new link.';
    const text = linkNotValidText(api);
    expect(text).toBe('It may have expired or been replaced. Ask the business office that sent it for a new link.');
    expect(text.match(/Ask the business office that sent it for a new link\./g)).toHaveLength(1);
  });

  test('without a message, or with one that gives no advice, the advice is given once', () => {
    expect(linkNotValidText()).toBe(
      'It may have expired, or been replaced by a newer link. Ask the business office that sent it for a new link.',
    );
    expect(linkNotValidText('This link is not valid.')).toBe(
      'It may have expired, or been replaced by a newer link. Ask the business office that sent it for a new link.',
    );
    expect(linkNotValidText('The link has expired.')).toBe(
      'The link has expired. Ask the business office that sent it for a new link.',
    );
  });
});

describe('a file that was not accepted', () => {
  test('is explained in the API’s words, and a missing reason is still explained', () => {
    expect(rejectionText('This file is larger than 20 MB')).toBe('This file is larger than 20 MB');
    expect(rejectionText(undefined)).toBe('it did not pass the checks');
  });
});

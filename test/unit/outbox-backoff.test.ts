import { retryDelayMinutes } from '../../functions/domain/services/outbox';

describe('e-mail retry backoff', () => {
  it('waits at least SES’s advised few minutes, doubling, capped at six hours', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(retryDelayMinutes)).toEqual([5, 10, 20, 40, 80, 160, 320, 360, 360]);
  });
});

import { handler } from '../../functions/run-daily-sweep/handler';
import { lambdaContext } from '../support/events';

/** The scheduled function's handler: the same code EventBridge Scheduler invokes. */
describe('run-daily-sweep handler', () => {
  it('runs as of the given time and does nothing on a weekend', async () => {
    const report = await handler({ now: '2026-11-28T08:00:00Z' }, lambdaContext());
    expect(report).toMatchObject({ day: '2026-11-28', workingDay: false, stepsTaken: 0 });
  });

  it('takes Europe/London’s date, not UTC’s', async () => {
    // 23:30 UTC on Sunday 28 June 2026 is already Monday in London (BST).
    expect(await handler({ now: '2026-06-28T23:30:00Z' }, lambdaContext())).toMatchObject({ day: '2026-06-29' });
  });

  it('delivers only the outbox when the frequent schedule asks for it', async () => {
    const report = await handler({ task: 'outbox', now: '2026-11-28T08:05:00Z' }, lambdaContext());
    const count = expect.any(Number);
    expect(report).toEqual({
      at: '2026-11-28T08:05:00.000Z',
      emails: { sent: count, queued: count, failed: count, dropped: count },
    });
    expect(report).not.toHaveProperty('stepsTaken');
  });

  it('refuses a malformed time or an unknown task instead of running on a wrong day', async () => {
    await expect(handler({ task: 'everything' }, lambdaContext())).rejects.toThrow();
    await expect(handler({ now: 'tomorrow' }, lambdaContext())).rejects.toThrow();
  });
});

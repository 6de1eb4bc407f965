import { describeChannelFailure, setupRetryDelayMs } from './recovering-channel';

describe('setupRetryDelayMs', () => {
  it('waits 1 s after the first failure and doubles up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(setupRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});

describe('describeChannelFailure', () => {
  it('keeps the broker reply code and text of a refused declare', () => {
    const err = Object.assign(
      new Error(
        `Operation failed: QueueDeclare; 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'q' in vhost '/': received 'quorum' but current is 'classic'"`,
      ),
      { code: 406 },
    );
    expect(describeChannelFailure(err)).toBe(
      `406 PRECONDITION_FAILED - inequivalent arg 'x-queue-type' for queue 'q' in vhost '/': received 'quorum' but current is 'classic'`,
    );
  });

  it('reads a channel the broker closed', () => {
    const err = Object.assign(new Error('Channel closed by server: 404 (NOT-FOUND) with message "NOT_FOUND - no queue \'q\'"'), { code: 404 });
    expect(describeChannelFailure(err)).toBe("404 NOT_FOUND - no queue 'q'");
  });

  it('keeps other errors short', () => {
    expect(describeChannelFailure(new Error('x'.repeat(1000)))).toHaveLength(300);
    expect(describeChannelFailure('plain')).toBe('plain');
  });
});

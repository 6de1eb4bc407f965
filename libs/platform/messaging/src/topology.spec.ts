import { TopologyNames, workQueueNames } from './topology';

describe('TopologyNames', () => {
  it('prefixes every exchange and queue so suites can share a broker', () => {
    const names = new TopologyNames('t.abc.');
    expect(names.exchange('herald.events')).toBe('t.abc.herald.events');
    expect(names.queue('notifications.events')).toBe('t.abc.notifications.events');
    expect(names.deadLetterQueue()).toBe('t.abc.herald.dead-letter');
  });

  it('names a delay queue by its delay, so another retry schedule means other queues', () => {
    const names = new TopologyNames('t.abc.');
    expect(names.delayQueueFor('notifications.events', 1500)).toBe('t.abc.notifications.events.delay.1500ms');
  });

  it('gives each replica its own broadcast queue', () => {
    expect(new TopologyNames('t.abc.').broadcastQueue('notifications.realtime', 'pod-1-a1b2c3')).toBe(
      't.abc.notifications.realtime.pod-1-a1b2c3',
    );
  });

  it('uses the plain SPEC names without a prefix', () => {
    expect(new TopologyNames('').exchange('herald.deliveries')).toBe('herald.deliveries');
  });
});

describe('workQueueNames', () => {
  it('lists the work queue and one delay queue per distinct delay', () => {
    const names = new TopologyNames('p.');
    expect(workQueueNames(names, { name: 'q', bindings: [] }, [1000, 5000, 5000])).toEqual(['p.q', 'p.q.delay.1000ms', 'p.q.delay.5000ms']);
  });
});

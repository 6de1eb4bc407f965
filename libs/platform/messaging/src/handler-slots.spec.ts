import { HandlerSlots } from './handler-slots';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HandlerSlots', () => {
  it('never runs more handlers at once than it has slots', async () => {
    const slots = new HandlerSlots(3);
    let running = 0;
    let peak = 0;
    const handler = async () => {
      const release = await slots.acquire();
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      release();
    };
    await Promise.all(Array.from({ length: 20 }, handler));
    expect(peak).toBe(3);
    expect(slots.busy).toBe(0);
    expect(slots.queued).toBe(0);
  });

  it('hands a freed slot to the handler that waited longest', async () => {
    const slots = new HandlerSlots(1);
    const order: string[] = [];
    const first = await slots.acquire();
    const second = slots.acquire().then((release) => (order.push('second'), release));
    const third = slots.acquire().then((release) => (order.push('third'), release));
    await tick();
    expect(order).toEqual([]);
    expect(slots.queued).toBe(2);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual(['second', 'third']);
    expect(slots.busy).toBe(0);
  });

  it('frees a slot once even when released twice', async () => {
    const slots = new HandlerSlots(1);
    const release = await slots.acquire();
    const waiting = slots.acquire();
    release();
    release();
    const next = await waiting;
    expect(slots.busy).toBe(1);
    const third = slots.acquire();
    await tick();
    expect(slots.queued).toBe(1);
    next();
    (await third)();
    expect(slots.busy).toBe(0);
  });

  it('refuses a size below one', () => {
    expect(() => new HandlerSlots(0)).toThrow(RangeError);
  });
});

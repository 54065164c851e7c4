import { createLogger } from './logging';
import { Periodic } from './periodic';

const logger = createLogger('test', 'silent');

describe('Periodic: a service’s own timer work', () => {
  it('never runs twice at once; a wake during a run runs once more after it; stop waits for the run', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let release!: () => void;
    const task = async () => {
      active++;
      most = Math.max(most, active);
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      active--;
    };
    const periodic = new Periodic('probe', 60_000, task, logger);
    periodic.wake();
    periodic.wake();
    periodic.wake();
    expect(runs).toBe(1);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2); // the wakes during the first run collapse into one more
    let stopped = false;
    const stopping = periodic.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(most).toBe(1);
    periodic.wake();
    expect(runs).toBe(2); // nothing after stop
  });

  it('is off with an interval of 0, and keeps going after a failed run', async () => {
    let runs = 0;
    const off = new Periodic('off', 0, async () => void runs++, logger);
    off.start();
    off.wake();
    expect(runs).toBe(0);
    const flaky = new Periodic('flaky', 60_000, async () => {
      runs++;
      throw new Error('boom');
    }, logger);
    flaky.wake();
    await new Promise((resolve) => setImmediate(resolve));
    flaky.wake();
    await flaky.stop();
    expect(runs).toBe(2);
  });
});

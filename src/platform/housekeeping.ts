import type { FastifyInstance } from 'fastify';

export interface HousekeepingTask {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs clean-up tasks (expired sessions, old failed sign-ins) an hour apart,
 * or as often as asked, while the app runs. Each task is idempotent, so
 * several app processes may run them at once.
 */
export function setUpHousekeeping(app: FastifyInstance, tasks: HousekeepingTask[], everyMs = 3600_000): void {
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  const runAll = async () => {
    // A round still going when the next is due (a long first refresh) is left to finish.
    if (running) return;
    running = true;
    for (const task of tasks) {
      try {
        await task.run();
      } catch (error) {
        app.log.warn({ task: task.name, type: (error as Error).name }, 'housekeeping task failed');
      }
    }
    running = false;
  };
  app.addHook('onReady', async () => {
    timer = setInterval(() => void runAll(), everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}

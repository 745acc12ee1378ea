import type { FastifyInstance } from 'fastify';

/**
 * Runs `job` once the listener is ready, then every `seconds` (0: never), one run at a time: a tick that
 * comes while the previous run is still going is skipped. A failure is logged and the next tick tries
 * again. On close, the timer stops and a run under way finishes first (the database closes after the
 * listeners).
 */
export function repeatEvery(app: FastifyInstance, seconds: number, job: () => Promise<void>): void {
  if (seconds <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= job()
      .catch((error: unknown) => app.log.error({ err: error }, 'background job failed: will retry'))
      .finally(() => {
        running = undefined;
      });
  };
  app.addHook('onReady', async () => {
    tick();
    timer = setInterval(tick, seconds * 1000);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

import { paintFor } from '../output.ts';

export type ProgressMode = 'tty' | 'plain' | 'silent';

export interface Progress {
  /** A setup step: a spinner while it runs (TTY), then one line saying it is done and how long it took. */
  step<T>(label: string, work: () => Promise<T>, done?: (result: T) => string): Promise<T>;
  /** What runs now (TTY only: rewritten in place, never left on screen). */
  status(label: string): void;
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Progress on a terminal: one line redrawn in place; elsewhere plain lines, one per finished step. */
export function createProgress(mode: ProgressMode, out: NodeJS.WriteStream = process.stdout): Progress {
  const paint = paintFor(out);
  let label = '';
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;
  const draw = () => {
    frame = (frame + 1) % FRAMES.length;
    // One screen line at most: a wrapped line could not be redrawn in place.
    const width = Math.max(10, (out.columns || 80) - 3);
    const text = label.length > width ? `${label.slice(0, width - 1)}…` : label;
    out.write(`\r\u001b[2K${paint.yellow(FRAMES[frame] ?? '')} ${text}`);
  };
  const clear = () => {
    if (mode === 'tty') out.write('\r\u001b[2K');
  };
  const status = (next: string) => {
    label = next;
    if (mode !== 'tty') return;
    timer ??= setInterval(draw, 80);
    draw();
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    clear();
  };
  return {
    status,
    stop,
    async step(text, work, done) {
      const started = Date.now();
      status(text);
      try {
        const result = await work();
        const ms = Date.now() - started;
        const took = ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
        const detail = done ? `: ${done(result)}` : '';
        stop();
        if (mode !== 'silent') out.write(`${paint.green('✔')} ${text}${detail} ${paint.dim(`(${took})`)}\n`);
        return result;
      } catch (error) {
        stop();
        if (mode !== 'silent') out.write(`${paint.red('✘')} ${text}\n`);
        throw error;
      }
    },
  };
}

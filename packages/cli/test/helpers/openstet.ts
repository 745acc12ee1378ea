import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/openstet.js', import.meta.url));

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const childEnv = (env: Readonly<Record<string, string>>) => ({
  ...process.env,
  // The children's own output is what the tests read: no colour, no desktop to open a browser on.
  NO_COLOR: '1',
  DISPLAY: '',
  WAYLAND_DISPLAY: '',
  OPENSTET_TOKEN_SECRET: '',
  ...env,
  DATABASE_URL: env.DATABASE_URL ?? '',
});

/** Runs the real `openstet` command in a child process. */
export function openstet(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: childEnv(env) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A running `openstet` child whose output the test reads while it runs. */
export interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  /** Resolves with the first match of `pattern` in stderr (what the command tells the human). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  done(): Promise<Run>;
}

export function startOpenstet(args: readonly string[], env: Readonly<Record<string, string>>): Child {
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // 'close', not 'exit': every byte of stdout and stderr has been read by then.
  const exited = once(child, 'close') as Promise<[number | null]>;
  return {
    process: child,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stderr);
          if (!match) return;
          child.stderr.off('data', check);
          resolve(match);
        };
        child.stderr.on('data', check);
        void exited.then(() => reject(new Error(`exited before ${pattern}: ${stderr}`)));
        check();
      }),
    done: async () => {
      const [code] = await exited;
      return { code: code ?? 1, stdout, stderr };
    },
  };
}

/** A TCP port free right now on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, runningServer, type ServerState } from '@openstet/aspsp';
import { runJourney } from '../src/demo/journey.ts';
import { createProgress } from '../src/demo/progress.ts';
import { runningBank } from '../src/demo/running-bank.ts';
import { restartPolicy } from '../src/serve/restart-policy.ts';
import { type Child, openstet, startOpenstet } from './helpers/openstet.ts';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` gives a value; fails if the server exits or the time runs out. */
async function until<T>(child: Child, what: string, check: () => T | undefined, ms = 120_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (child.process.exitCode !== null || Date.now() > deadline) {
      child.process.kill('SIGKILL');
      const run = await child.done();
      assert.fail(`no ${what} (exit ${run.code})\n${run.stdout.slice(-4000)}\n${run.stderr}`);
    }
    await sleep(100);
  }
}

/** The pids in the workers' request logs (pino writes each process's pid on every line). */
function requestPids(stdout: string): Set<number> {
  const pids = new Set<number>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { pid?: number; msg?: string };
      if (entry.msg === 'request completed' && entry.pid) pids.add(entry.pid);
    } catch {
      // Not a log line.
    }
  }
  return pids;
}

describe('openstet serve --workers', () => {
  test('a dead worker is replaced soon, with a doubling delay when workers die as they start, then no more', () => {
    const policy = restartPolicy({ baseMs: 500, maxDelayMs: 30_000, stableMs: 10_000, maxEarlyDeaths: 5 });
    assert.equal(policy.afterDeath(3_600_000), 500, 'after a long life: soon');
    assert.deepEqual(
      [1, 2, 3, 4].map(() => policy.afterDeath(2_000)),
      [1000, 2000, 4000, 8000],
    );
    assert.equal(policy.afterDeath(0), undefined, 'the fifth death at start in a row: given up');
    const again = restartPolicy({ maxEarlyDeaths: 3 });
    assert.equal(again.afterDeath(0), 1000);
    assert.equal(again.afterDeath(60_000), 500, 'a worker that served a while resets the count');
    assert.equal(again.afterDeath(0), 1000);
    assert.equal(restartPolicy({ maxDelayMs: 1500 }).afterDeath(0), 1000);
  });

  test('refuses more than one worker on the embedded database, and counts that are not 1 to 64', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openstet-workers-'));
    try {
      const env = { OPENSTET_DATA_DIR: dataDir, OPENSTET_PUBLIC_PORT: '0', OPENSTET_MTLS_PORT: '0' };
      const [pglite, fromEnv] = await Promise.all([
        openstet(['serve', '--workers', '2'], env),
        openstet(['serve'], { ...env, OPENSTET_WORKERS: '3' }),
      ]);
      assert.equal(pglite.code, 2, pglite.stderr);
      assert.match(pglite.stderr, /--workers 2 needs PostgreSQL: set DATABASE_URL/);
      assert.equal(fromEnv.code, 2, fromEnv.stderr);
      assert.match(fromEnv.stderr, /DATABASE_URL/);
      const counts = ['0', 'abc', '65'];
      const runs = await Promise.all([
        ...counts.map((count) => openstet(['serve', `--workers=${count}`], env)),
        openstet(['serve'], { ...env, OPENSTET_WORKERS: 'many' }),
      ]);
      for (const [index, run] of runs.entries()) {
        assert.equal(run.code, 2, `${counts[index] ?? 'OPENSTET_WORKERS=many'}: ${run.stderr}`);
        assert.match(run.stderr, /must be a whole number from 1 to 64/);
      }
      assert.equal(existsSync(join(dataDir, 'server.json')), false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('two workers serve the whole demo journey, share the load, replace a dead worker and stop on SIGTERM', {
    skip: !DATABASE_URL && 'needs DATABASE_URL',
    timeout: 180_000,
  }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'openstet-workers-'));
    // A schema of its own (t_…: dropped when the test run ends), as the other PostgreSQL tests.
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const env = {
      OPENSTET_DATA_DIR: dataDir,
      DATABASE_URL,
      OPENSTET_DATABASE_SCHEMA: schema,
      OPENSTET_PUBLIC_PORT: '0',
      OPENSTET_MTLS_PORT: '0',
      OPENSTET_LOG_LEVEL: 'info',
    };
    const child = startOpenstet(['serve', '--workers', '2'], env);
    const primary = child.process.pid ?? 0;
    let stdout = '';
    child.process.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    try {
      const state = await until(child, 'server.json', () => runningServer(dataDir));
      assert.equal(state.pid, primary, 'server.json names the primary');
      assert.ok(state.adminUrl, 'worker 1 runs the admin API');
      const banner = await until(
        child,
        'banner',
        () =>
          /workers {10}2 {3}\(pids (\d+), (\d+); the admin API runs in worker 1\)/.exec(stdout) ?? undefined,
      );
      const workers = [Number(banner[1]), Number(banner[2])];
      assert.ok(!workers.includes(primary));
      assert.match(stdout, /database {9}PostgreSQL \(DATABASE_URL\)/);

      const config = loadConfig({
        OPENSTET_DATA_DIR: dataDir,
        DATABASE_URL,
        OPENSTET_DATABASE_SCHEMA: schema,
      });
      const results = await runJourney(await runningBank(config), createProgress('silent'));
      const failed = results.filter((result) => !result.ok);
      assert.deepEqual(
        failed.map((result) => `${result.version} ${result.name}: ${result.answer} (${result.expected})`),
        [],
      );
      assert.equal(
        results.length,
        45,
        'the funds part (22 cases), the account information part (14) and the payment part (9)',
      );

      // Worker 1 dies: server.json stops naming its admin API, its replacement opens another.
      process.kill(workers[0] ?? 0, 'SIGKILL');
      const back = await child.waitForStderr(/worker 1 is serving again \(pid (\d+)\)/);
      const replacement = Number(back[1]);
      assert.ok(!workers.includes(replacement));
      const republished = runningServer(dataDir) as ServerState;
      assert.equal(republished.pid, primary);
      assert.equal(republished.publicUrl, state.publicUrl, 'the shared sockets stay');
      assert.ok(republished.adminUrl && republished.adminUrl !== state.adminUrl);
      const registry = await openstet(['registry', 'list', '--json'], env);
      assert.equal(registry.code, 0, registry.stderr);
      assert.match(registry.stdout, /PSDFR-ACPR-12345/);

      child.process.kill('SIGTERM');
      const run = await child.done();
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /SIGTERM received: draining connections and stopping/);
      assert.equal(existsSync(join(dataDir, 'server.json')), false, 'server.json is removed');
      for (const pid of [...workers, replacement]) assert.ok(!alive(pid), `worker ${pid} is gone`);
      assert.match(run.stderr, /worker 1 \(pid \d+\) died \(signal SIGKILL\)/);

      // Both workers answered (connections spread round robin), never the primary.
      const served = requestPids(run.stdout);
      for (const pid of workers) assert.ok(served.has(pid), `worker ${pid} served requests`);
      assert.ok(!served.has(primary));
    } finally {
      if (child.process.exitCode === null) child.process.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

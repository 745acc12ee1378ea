// Runs the whole suite with the clock a year and a day ahead (Debian's faketime, LD_PRELOAD): nothing in
// the suite may depend on the date it runs — certificates, tokens, cookies, the 180-day rule. Extra
// arguments go to run-tests.mjs. The database is whatever DATABASE_URL says (CI: PGlite only).
import { spawnSync } from 'node:child_process';

const OFFSET = '+366d';
const probe = spawnSync('faketime', ['-f', OFFSET, 'date', '-u', '+%Y-%m-%d'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  process.stderr.write('test:ahead needs faketime: apt-get install faketime (Debian)\n');
  process.exit(2);
}
process.stdout.write(`# the clock reads ${probe.stdout.trim()} (${OFFSET})\n`);
const run = spawnSync(
  'faketime',
  ['-f', OFFSET, process.execPath, 'scripts/run-tests.mjs', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(run.status ?? 1);

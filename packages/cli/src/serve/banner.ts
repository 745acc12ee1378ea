/** What `openstet serve` tells the human once every listener is open. */
export interface BannerFacts {
  readonly publicUrl: string;
  readonly mtlsUrl: string;
  readonly dataDir: string;
  readonly database: 'pglite' | 'postgres';
  readonly adminUrl: string | undefined;
  readonly warnings: readonly string[];
  /** With `--workers N` (N > 1): the workers' pids, in slot order (slot 1 holds the admin API). */
  readonly workerPids?: readonly number[];
}

export function printBanner(out: NodeJS.WritableStream, facts: BannerFacts): void {
  out.write(`openstet sandbox bank is running\n`);
  out.write(`  public listener  ${facts.publicUrl}   (PSU pages, OAuth metadata)\n`);
  out.write(
    `  mTLS listener    ${facts.mtlsUrl}   (STET API, /token, /register; client certificate required)\n`,
  );
  out.write(`  data directory   ${facts.dataDir}\n`);
  out.write(
    `  database         ${facts.database === 'pglite' ? 'embedded PGlite (data directory)' : 'PostgreSQL (DATABASE_URL)'}\n`,
  );
  if (facts.workerPids)
    out.write(
      `  workers          ${facts.workerPids.length}   (pids ${facts.workerPids.join(', ')}; the admin API runs in worker 1)\n`,
    );
  out.write(
    facts.adminUrl
      ? `  admin API        ${facts.adminUrl}   (loopback, for the CLI; OPENSTET_ADMIN_API=false turns it off)\n`
      : '  admin API        off (OPENSTET_ADMIN_API): CLI changes to the register go to the database\n',
  );
  for (const warning of facts.warnings) out.write(`  warning          ${warning}\n`);
  out.write('Press Ctrl+C to stop.\n');
}

/** The line both modes print when asked to stop. */
export function printStopping(out: NodeJS.WritableStream, signal: NodeJS.Signals): void {
  out.write(`\n${signal} received: draining connections and stopping\n`);
}

import { loadConfig, startServer } from '@openstet/aspsp';
import { Command } from 'commander';

export function serveCommand(): Command {
  return new Command('serve')
    .description(
      'run the sandbox bank: public listener (PSU pages, metadata) and mTLS listener (API, token, register)',
    )
    .addHelpText(
      'after',
      `
Environment:
  OPENSTET_DATA_DIR       data directory (default ./.openstet): test PKI, embedded database, admin secret
  DATABASE_URL            use PostgreSQL instead of the embedded PGlite database
  OPENSTET_PUBLIC_PORT    public listener port (default 8443)
  OPENSTET_MTLS_PORT      mTLS listener port (default 8444)
  See the README, "For banks", for every setting.`,
    )
    .action(async () => {
      const server = await startServer(loadConfig());
      const out = process.stdout;
      // Handlers first: a signal sent as soon as "Press Ctrl+C" appears must already find them.
      const stopped = new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          out.write(`\n${signal} received: draining connections and stopping\n`);
          server.close().then(resolve, (error: unknown) => {
            process.stderr.write(`openstet: error while stopping: ${String(error)}\n`);
            process.exitCode = 1;
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      out.write(`openstet sandbox bank is running\n`);
      out.write(`  public listener  ${server.publicUrl}   (PSU pages, OAuth metadata)\n`);
      out.write(
        `  mTLS listener    ${server.mtlsUrl}   (STET API, /token, /register; client certificate required)\n`,
      );
      out.write(`  data directory   ${server.dataDir}\n`);
      out.write(
        `  database         ${server.database === 'pglite' ? 'embedded PGlite (data directory)' : 'PostgreSQL (DATABASE_URL)'}\n`,
      );
      out.write(
        server.adminUrl
          ? `  admin API        ${server.adminUrl}   (loopback, for the CLI; OPENSTET_ADMIN_API=false turns it off)\n`
          : '  admin API        off (OPENSTET_ADMIN_API): CLI changes to the register go to the database\n',
      );
      for (const warning of server.warnings) out.write(`  warning          ${warning}\n`);
      out.write('Press Ctrl+C to stop.\n');
      await stopped;
    });
}

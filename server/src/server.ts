import { buildApp, type App } from './app.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { issueSetupToken } from './modules/setup/setup.service.js';

/**
 * Starts a listening server with the job worker, prints the first-run set-up token when the
 * instance has no account yet, and drains in-flight requests on SIGTERM/SIGINT before exiting 0.
 */
export async function startServer(config: Config, opts: { database?: Database; banner?: (url: string) => string } = {}): Promise<App> {
  const app = await buildApp({ config, database: opts.database, startWorker: config.runWorker });
  const token = await issueSetupToken(app.deps.database.db);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/`;
  if (opts.banner) process.stdout.write(opts.banner(url));
  else process.stdout.write(`\nTongxin is running at ${url} (${app.deps.database.dialect})\n`);
  if (token) {
    process.stdout.write(
      `\nFirst run: open ${url}setup and enter this one-time set-up token (valid 24 hours):\n\n    ${token}\n\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: draining in-flight requests');
    try {
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  return app;
}

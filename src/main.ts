import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureDemo } from './demo/demoLoader.ts';
import { buildStylesheet } from './platform/http/assets.ts';

/** Starts Hearth: migrate, load the demo on first run, listen, and shut down gracefully on a signal. */
export async function serve(config: Config): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await migrate(database);
  buildStylesheet();
  const demo = config.loadDemo ? await ensureDemo(database, config) : undefined;
  const app = await createApp({ config, database });
  if (applied.length > 0) app.log.info({ migrations: applied }, 'database migrated');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await database.close();
      clearTimeout(force);
      process.exit(0);
    } catch {
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  const lines = [
    ``,
    `Hearth is running at ${address.replace('127.0.0.1', 'localhost')}`,
    `Database: ${where}`,
  ];
  if (demo) {
    lines.push('', 'Demo sign-ins (invented people, for trying Hearth out):');
    for (const signIn of demo.signIns) lines.push(`  ${signIn.role.padEnd(28)} ${signIn.email}`);
    lines.push(`  Password for all of them: ${demo.password}`);
    if (demo.passwordSource === 'generated')
      lines.push(`  (generated on first run; kept in ${demo.passwordFile})`);
  }
  lines.push('', 'Press Ctrl+C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

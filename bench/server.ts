// A server for the load harness, run in its own process so the load
// generator does not share its event loop:
//   node --import tsx bench/server.ts app    Hearth (createApp) on DATABASE_URL
//   node --import tsx bench/server.ts bare   a bare Fastify route: the framework's ceiling
// It listens on a free loopback port and sends { address } to its parent.
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/client.ts';

async function start(mode: string): Promise<{ app: FastifyInstance; database?: Database }> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    return { app };
  }
  if (mode !== 'app') throw new Error(`unknown mode "${mode}": expected app or bare`);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed');
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  // Every request comes from one loopback address: the finder's per-address limits would refuse most.
  const finderLimits = {
    searchesPerMinute: Number.POSITIVE_INFINITY,
    sendsPerMinute: Number.POSITIVE_INFINITY,
  };
  return { app: await createApp({ config, database, finderLimits }), database };
}

const { app, database } = await start(process.argv[2] ?? 'app');
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ address });

const stop = async () => {
  await app.close();
  await database?.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
// Stop with the harness, even if it dies without signalling.
process.on('disconnect', () => void stop());

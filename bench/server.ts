// A server for the load harness, run in its own process so the load
// generator does not share its event loop:
//   node --import tsx bench/server.ts app    Hearth (createApp) on DATABASE_URL
//   node --import tsx bench/server.ts bare   a bare Fastify route: the framework's ceiling
//   node --import tsx bench/server.ts floor  the least a signed-in page of personal data can do
//                                            under the decided design (see floorRoute)
// It listens on a free loopback port and sends { address } to its parent.
import cookie from '@fastify/cookie';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase, queryRows } from '../src/db/client.ts';
import { hashSecret } from '../src/platform/auth/tokens.ts';

/** The size of the floor's page: about the bench practitioner's home page. */
const floorPageBytes = 9_500;

/**
 * The floor: what any signed-in page that shows personal data must do when sessions live
 * in the database and every read is audited, and nothing more. One prepared statement
 * finds the session (as the app's session look-up does) and writes the page's audit
 * event; the page is a fixed text of a home page's size. No access rule, no page data,
 * no rendering, no CSRF token, no logging or metrics hooks: a real page does all of those
 * as well, so no real page can be faster than this on the same machine.
 */
async function floorRoute(database: Database): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(cookie);
  const page = `<!DOCTYPE html><html lang="en"><head><title>Floor</title></head><body>${'x'.repeat(floorPageBytes)}</body></html>`;
  app.get('/', async (request, reply) => {
    const token = request.cookies.hearth_session ?? '';
    const [row] = await queryRows<{ userId: string }>(
      database.db,
      sql`with s as (
          select u.id, u.organisation_id from user_session us
          join app_user u on u.id = us.user_id join organisation o on o.id = u.organisation_id
          where us.token_hash = ${hashSecret(token)} and us.ended_at is null and u.status = 'active'
            and us.expires_at > now() limit 1),
        a as (insert into audit_event (actor_user_id, organisation_id, action, outcome, record_type, ip, request_id)
          select s.id, s.organisation_id, 'floor.view', 'success', 'floor', ${request.ip}, ${request.id} from s
          returning 1)
        select s.id as "userId", (select count(*) from a) as written from s`,
    );
    if (!row) return reply.code(401).send('no session');
    return reply.type('text/html; charset=utf-8').send(page);
  });
  return app;
}

async function start(mode: string): Promise<{ app: FastifyInstance; database?: Database }> {
  if (mode === 'bare') {
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    return { app };
  }
  if (mode !== 'app' && mode !== 'floor')
    throw new Error(`unknown mode "${mode}": expected app, bare or floor`);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  if (!config.databaseUrl) throw new Error('DATABASE_URL is needed');
  const database = await openDatabase({ databaseUrl: config.databaseUrl });
  if (mode === 'floor') return { app: await floorRoute(database), database };
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import { ensureDemo } from '../src/demo/demoLoader.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-scratch-'));
const database = await openDatabase({});
await migrate(database);
await ensureDemo(database, { dataDir, demoPassword: 'scratch-password-123' });
const db = database.db;
console.log(await queryRows(db, sql`select date_trunc('month', started_on)::date q, count(*)::int from family_membership group by 1 order by 1`));
console.log(await queryRows(db, sql`select date_trunc('month', created_at)::date q, count(*)::int from family group by 1 order by 1`));
console.log(await queryRows(db, sql`select date_trunc('quarter', started_on)::date q, count(*)::int from member_support group by 1 order by 1`));
console.log(await queryRows(db, sql`select date_trunc('quarter', sent_at)::date q, count(*)::int from referral group by 1 order by 1`));
console.log(await queryRows(db, sql`select date_trunc('quarter', held_on)::date q, count(*)::int from group_session group by 1 order by 1`));
await database.close();

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { ownDatabase } from '../../testing/testDatabase.ts';

describe('referral references', () => {
  let handle: Awaited<ReturnType<typeof ownDatabase>>;
  beforeAll(async () => {
    handle = await ownDatabase('referral_reference');
    await migrate(handle.database);
  }, 120_000);
  afterAll(async () => {
    await handle?.drop();
  });

  it('have six digits at least, and more once there are a million, never repeating', async () => {
    const next = async () =>
      (
        await queryRows<{ reference: string }>(
          handle.database.db,
          sql`select next_referral_reference() as reference`,
        )
      )[0]?.reference;
    expect(await next()).toBe('R-000001');
    await handle.database.db.execute(sql`select setval('referral_reference_seq', 999998)`);
    expect([await next(), await next(), await next()]).toEqual(['R-999999', 'R-1000000', 'R-1000001']);
  });
});

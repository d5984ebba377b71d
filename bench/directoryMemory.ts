// The directory snapshot's memory cost:
//   DATABASE_URL=postgres://…/hearth_bench_finder node --expose-gc --import tsx bench/directoryMemory.ts
// Loads the snapshot the finder and Open Referral serve from (a bench
// database seeded with `seed-bench`), then its finder index and every Open
// Referral summary, and prints the heap each adds after a full collection.
import { openDatabase } from '../src/db/client.ts';
import { DirectorySnapshots } from '../src/features/directory/directorySnapshot.ts';
import { finderIndex } from '../src/features/finder/finderIndex.ts';
import { cachedSummary } from '../src/features/openreferral/orukServices.ts';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('Run with node --expose-gc --import tsx bench/directoryMemory.ts');
if (!process.env.DATABASE_URL) throw new Error('Set DATABASE_URL to a seeded bench database');
const heap = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
// A first load warms the driver and the code; the one measured is a second, fresh copy.
const warm = await new DirectorySnapshots(database.db).get();
const snapshots = new DirectorySnapshots(database.db);
const empty = heap();
const started = performance.now();
const snapshot = await snapshots.get();
const loadMs = performance.now() - started;
const loaded = heap();
finderIndex(snapshot);
for (const service of snapshot.services) cachedSummary(service);
const all = heap();
process.stdout.write(
  `${snapshot.services.length} services, ${snapshot.places.length} places, ${snapshot.areas.length} areas, ` +
    `${snapshot.postcodes.size} postcode places; loaded in ${loadMs.toFixed(0)} ms\n` +
    `snapshot ${mb(loaded - empty)} MB; with the finder index and every Open Referral summary ${mb(all - empty)} MB\n`,
);
if (warm.version !== snapshot.version) process.stdout.write('(the directory changed while measuring)\n');
process.exit(0);

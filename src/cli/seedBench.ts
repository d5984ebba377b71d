import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { addBenchContacts, benchContactsPerFamily } from '../demo/benchContacts.ts';
import {
  benchArea,
  benchLeadEmail,
  benchOrganisations,
  benchPassword,
  benchUserEmail,
  defaultBenchPassword,
} from '../demo/benchData.ts';
import {
  benchFamilyCount,
  benchOrganisationOpenFamilies,
  ensureBenchArea,
  loadBenchFamilies,
  vacuumBenchTables,
} from '../demo/benchLoader.ts';
import { addBenchPlans } from '../demo/benchPlans.ts';
import {
  benchInboxFigures,
  benchReferralContext,
  benchReferralCount,
  loadBenchReferrals,
} from '../demo/benchReferralLoader.ts';
import { benchInboxShare, referralServicesPerOrganisation } from '../demo/benchReferrals.ts';
import { addBenchServices } from '../demo/benchServices.ts';
import { foldContactCounts, refreshAuditFacts } from '../features/audit/auditFacts.ts';
import { passwordProblem } from '../platform/auth/passwords.ts';
import type { Command } from './command.ts';
import { UsageError } from './main.ts';
import { maxBenchFamilies, maxBenchReferrals, parseSeedBenchOptions } from './seedBenchOptions.ts';

const number = (n: number) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export const seedBenchCommand: Command = {
  summary: 'load synthetic families at scale, for benchmarks',
  help: [
    'Usage: npx hearth seed-bench --families N [--services M] [--referrals R] [--seed S]',
    '',
    `Migrates, then makes sure the partnership area "${benchArea.name}" holds N synthetic`,
    `families (N from 1 to ${number(maxBenchFamilies)}). The area, its ${benchArea.localities.length} localities, ${benchOrganisations.length} organisations`,
    'and their staff are created on the first run and reused after; later runs only',
    'add the families missing, so running it again with a larger N tops the area up.',
    'Families are invented from a seeded random sequence (--seed, default 1), each',
    'with members and a team of one to three of the organisations, and are written',
    '500 to a transaction with multi-row inserts.',
    'It also tops the directory up to M synthetic listings (default 5,000), each at a',
    'place near one of 1,260 synthetic "BX" postcodes, for the public finder benchmark.',
    `With --referrals R (0 to ${number(maxBenchReferrals)}; default 0, none added) it tops the area up to R`,
    `referrals between the first ${referralServicesPerOrganisation} services of each organisation, sent over about three years, each`,
    'with its history (draft, received, on the waiting list, accepted or declined, support',
    'started, closed: wherever its story has got to by today) and the notifications those',
    `moves send; ${benchInboxShare * 100}% go to the bench user's organisation, so its inbox is full. They are`,
    'written 5,000 to a transaction, then the referral counts are worked out again.',
    '',
    `It prints the sign-ins for benchmarks: ${benchUserEmail}, a practitioner,`,
    `and ${benchLeadEmail}, a partnership lead (added if missing), with one password.`,
    `Its password is HEARTH_BENCH_PASSWORD, or "${defaultBenchPassword}" when that is not set.`,
    'A fixed, documented password is acceptable only because this is synthetic',
    'benchmark data: never run seed-bench against a database holding real records.',
    '',
    'Uses DATABASE_URL (PostgreSQL) when set, otherwise the embedded database in',
    'HEARTH_DATA_DIR; PGlite is fine for a few thousand families.',
  ].join('\n'),
  options: {
    families: { type: 'string' },
    seed: { type: 'string' },
    services: { type: 'string' },
    referrals: { type: 'string' },
  },
  run: async (values, config) => {
    const parsed = parseSeedBenchOptions(values);
    if (!parsed.ok) throw new UsageError(parsed.message);
    const { families, seed, services, referrals } = parsed.options;
    const password = benchPassword();
    const problem = passwordProblem(password);
    if (problem) throw new UsageError(`HEARTH_BENCH_PASSWORD: ${problem}`);

    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    try {
      await migrate(database);
      const area = await ensureBenchArea(database.db, password);
      const where =
        database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
      out(
        `${area.created ? 'Created' : 'Found'} "${benchArea.name}" in ${where}: ` +
          `${area.organisations} organisations, ${area.users} users.`,
      );
      const present = await benchFamilyCount(database.db, area.areaId);
      if (present >= families) {
        out(`It already holds ${number(present)} families; none added.`);
      } else {
        out(`It holds ${number(present)} families; adding ${number(families - present)} (seed ${seed}).`);
        const started = performance.now();
        let lastReport = started;
        const loaded = await loadBenchFamilies(
          database.db,
          area,
          { seed, from: present, to: families },
          (progress) => {
            const now = performance.now();
            if (now - lastReport < 2000 && progress.done < progress.total) return;
            lastReport = now;
            const rate = Math.round(progress.done / ((now - started) / 1000));
            out(`  ${number(progress.done)} / ${number(progress.total)} families (${number(rate)} a second)`);
          },
        );
        const loadedMs = performance.now() - started;
        await vacuumBenchTables(database.db);
        const totalMs = performance.now() - started;
        out(
          `Added ${number(loaded.families)} families and ${number(loaded.people)} people in ${seconds(loadedMs)}` +
            ` (${seconds(totalMs)} with VACUUM ANALYZE).`,
        );
      }
      const planStarted = performance.now();
      const plans = await addBenchPlans(database.db, area.areaId, new Date());
      if (plans > 0) {
        await vacuumBenchTables(database.db);
        out(`Gave ${number(plans)} families an agreed plan in ${seconds(performance.now() - planStarted)}.`);
      }
      const contactsStarted = performance.now();
      const withContacts = await addBenchContacts(
        database.db,
        area.areaId,
        new Date(),
        benchContactsPerFamily,
        (done) => out(`  ${number(done)} families given ${benchContactsPerFamily} contacts each`),
      );
      if (withContacts > 0) {
        await vacuumBenchTables(database.db);
        out(
          `Gave ${number(withContacts)} families ${number(withContacts * benchContactsPerFamily)} contacts in ${seconds(performance.now() - contactsStarted)}.`,
        );
      }
      const servicesStarted = performance.now();
      const listed = await addBenchServices(database.db, area, services, seed);
      if (listed > 0) {
        await vacuumBenchTables(database.db);
        out(`Listed ${number(listed)} services in ${seconds(performance.now() - servicesStarted)}.`);
      }
      const referralsPresent = await benchReferralCount(database.db, area);
      if (referrals > referralsPresent) {
        out(
          `It holds ${number(referralsPresent)} referrals; adding ${number(referrals - referralsPresent)}.`,
        );
        const started = performance.now();
        const context = await benchReferralContext(database.db, area, seed, new Date());
        await loadBenchReferrals(database.db, context, { from: referralsPresent, to: referrals }, (p) => {
          if (p.done % 100_000 === 0 || p.done === p.total)
            out(`  ${number(p.done)} / ${number(p.total)} referrals`);
        });
        const loadedMs = performance.now() - started;
        await database.db.execute(
          sql`vacuum (analyze) referral, referral_member, referral_event, notification, referral_status_count, referral_wait_count`,
        );
        out(
          `Added ${number(referrals - referralsPresent)} referrals in ${seconds(loadedMs)} ` +
            `(${seconds(performance.now() - started)} with the counts rebuilt and VACUUM ANALYZE).`,
        );
      }
      const factsStarted = performance.now();
      const refreshed = await refreshAuditFacts(database.db);
      await foldContactCounts(database.db);
      if (refreshed > 0) {
        await database.db.execute(
          sql`vacuum (analyze) audit_support, audit_family, audit_contact_count, audit_stale_family`,
        );
        out(
          `Worked out the audit's pre-aggregates for ${number(refreshed)} families in ${seconds(performance.now() - factsStarted)}.`,
        );
      }
      const open = await benchOrganisationOpenFamilies(database.db, area.benchOrganisationId);
      out(`The bench user's organisation works with ${number(open)} open families.`);
      const inbox = await benchInboxFigures(database.db, area.benchOrganisationId);
      out(
        `Its referrals inbox holds ${number(inbox.open)} open referrals, ${number(inbox.new)} of them new.`,
      );
      out('');
      out('Benchmark sign-ins (synthetic data only):');
      out(`  Email:    ${benchUserEmail} (practitioner); ${benchLeadEmail} (partnership lead)`);
      out(
        `  Password: ${password}${process.env.HEARTH_BENCH_PASSWORD ? ' (from HEARTH_BENCH_PASSWORD)' : ' (the fixed default; set HEARTH_BENCH_PASSWORD to change it)'}`,
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};

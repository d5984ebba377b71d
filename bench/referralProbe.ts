// Where a referrals page's time goes, in one process (no load): the inbox's
// open tabs as the bench practitioner and the partnership waiting-times page
// as the bench partnership lead (see bench/pageProbe.ts for what is printed).
//   DATABASE_URL=postgres://…/hearth_bench npx tsx bench/referralProbe.ts [--requests N]
import { benchLeadEmail, benchUserEmail } from '../src/demo/benchData.ts';
import { openProbe, probeArguments } from './pageProbe.ts';
import { inboxPaths, inboxRowsShown, waitingPath } from './referralTargets.ts';

const probe = await openProbe(probeArguments(process.argv.slice(2)).requests);
try {
  const practitioner = await probe.signIn(benchUserEmail);
  for (const path of inboxPaths)
    await probe.probe(practitioner, path, (html) => `${inboxRowsShown(html)} rows`);
  const lead = await probe.signIn(benchLeadEmail);
  await probe.probe(lead, waitingPath);
} finally {
  await probe.close();
}

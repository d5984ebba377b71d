import fs from 'node:fs';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { exportDirectory, importDirectory } from '../features/openreferral/directoryTransfer.ts';
import type { Command } from './command.ts';

interface Output {
  out(text: string): void;
  err(text: string): void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Writes every service to the file as Open Referral UK JSON. */
export async function directoryExport(database: Database, file: string, output: Output = processOutput) {
  const services = await exportDirectory(database.db);
  fs.writeFileSync(file, `${JSON.stringify(services, null, 2)}\n`);
  output.out(`Exported ${services.length} service${services.length === 1 ? '' : 's'} to ${file}.\n`);
  return 0;
}

/** Imports the file's services, or none of them and every reason why. */
export async function directoryImport(database: Database, file: string, output: Output = processOutput) {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : 'it is not JSON';
    output.err(`Could not read ${file}: ${reason}.\n`);
    return 1;
  }
  let result: Awaited<ReturnType<typeof importDirectory>>;
  try {
    result = await importDirectory(database.db, document);
  } catch (error) {
    // Checked first, so this is rare: two rows of the file clashing, say. The transaction undid everything.
    const cause = (error as { cause?: { constraint?: string; detail?: string } }).cause;
    output.err(
      `Nothing was imported: the database refused it (${cause?.constraint ?? (error as Error).message.split('\n')[0]}).\n`,
    );
    return 1;
  }
  if (!result.ok) {
    output.err(`Nothing was imported. Fix these ${result.problems.length} problem(s) and try again:\n`);
    for (const problem of result.problems)
      output.err(`  ${problem.service}: ${problem.field ? `${problem.field} ` : ''}${problem.reason}\n`);
    return 1;
  }
  output.out(`Imported ${result.services} service(s) and ${result.locations} new place(s).\n`);
  return 0;
}

export const directoryCommand: Command = {
  summary: 'export or import the service directory as Open Referral UK JSON',
  help: [
    'Usage: npx hearth directory export FILE.json',
    '       npx hearth directory import FILE.json',
    '',
    'export  writes every service (active or not) to FILE.json: a JSON array of',
    '        fully nested Open Referral UK services, as /openreferral/services/{id}',
    '        gives them.',
    'import  reads the same format (an array, or an object with a "services" list)',
    '        and adds the services. Each service’s organisation must already be in',
    '        Hearth, matched by organization id or name. Every problem is listed by',
    '        service and field; if there is any, nothing is imported.',
    '',
    'See docs/guide/open-referral.md.',
  ].join('\n'),
  options: {},
  positionals: 'export|import FILE.json',
  run: async (_values, config, positionals = []) => {
    const [action, file, ...extra] = positionals;
    if ((action !== 'export' && action !== 'import') || !file || extra.length) {
      // Said here rather than by UsageError: main.ts imports this file, so this file cannot import main.ts.
      process.stderr.write('Give export or import and one file: npx hearth directory export FILE.json\n');
      return 2;
    }
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      return action === 'export'
        ? await directoryExport(database, file)
        : await directoryImport(database, file);
    } finally {
      await database.close();
    }
  },
};

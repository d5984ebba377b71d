import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import type { Command } from './command.ts';
import { createAdminCommand } from './createAdmin.ts';
import { directoryCommand } from './directory.ts';
import { importBoundariesCommand } from './importBoundaries.ts';
import { importPostcodesCommand } from './importPostcodes.ts';
import { importSimdCommand } from './importSimd.ts';
import { migrateCommand } from './migrate.ts';
import { seedBenchCommand } from './seedBench.ts';
import { seedDemoCommand } from './seedDemo.ts';
import { serveCommand } from './serve.ts';

const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  'create-admin': createAdminCommand,
  'seed-demo': seedDemoCommand,
  'seed-bench': seedBenchCommand,
  'import-postcodes': importPostcodesCommand,
  'import-boundaries': importBoundariesCommand,
  'import-simd': importSimdCommand,
  directory: directoryCommand,
};

function usage(): string {
  const lines = ['Usage: npx hearth <command> [options]', '', 'Commands:'];
  for (const [name, command] of Object.entries(commands))
    lines.push(`  ${name.padEnd(14)} ${command.summary}`);
  lines.push('', 'Run npx hearth <command> --help for a command’s options.');
  lines.push('Settings come from the environment: DATABASE_URL, HEARTH_DATA_DIR, PORT, HOST (see README).');
  return lines.join('\n');
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}\n`);
    return 2;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: Boolean(command.positionals),
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${command.help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  try {
    const config = loadConfig();
    return await command.run(parsed.values, config, parsed.positionals);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** A mistake in a command's options, reported without a stack trace. */
export class UsageError extends Error {}

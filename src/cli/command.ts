import type { Config } from '../config.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  summary: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** What the command takes after its name besides options (e.g. 'FILE.csv'); none when absent. */
  positionals?: string;
  run(values: OptionValues, config: Config, positionals?: string[]): Promise<number>;
}

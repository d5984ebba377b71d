import type { Config } from '../config.ts';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  summary: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean'; short?: string }>;
  /** Whether the command takes words after its name (given to run as `values._`). */
  positionals?: boolean;
  run(values: OptionValues, config: Config): Promise<number>;
}

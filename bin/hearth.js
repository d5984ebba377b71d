#!/usr/bin/env node
// Entry point for `npm start` and `npx hearth <command>`: loads the
// TypeScript sources through tsx, so there is no separate build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));

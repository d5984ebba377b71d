import { serve } from '../main.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  summary: 'start the web app (what npm start runs)',
  help: [
    'Usage: npx hearth serve',
    '',
    'Migrates the database, loads the demo partnership into an empty database',
    '(unless HEARTH_DEMO=false), and serves Hearth on HOST:PORT.',
  ].join('\n'),
  options: {},
  run: async (_values, config) => {
    await serve(config);
    return 0;
  },
};

import type { TestProject } from 'vitest/node';
import { startHearth } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the Hearth under test answers, like http://127.0.0.1:41234. */
    baseUrl: string;
    port: number;
    database: 'pglite' | 'postgresql';
    /** What the server printed on start-up. */
    startupOutput: string;
  }
}

/** Starts one Hearth for the whole browser test run, and stops it afterwards. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const hearth = await startHearth();
  project.provide('baseUrl', hearth.baseUrl);
  project.provide('port', hearth.port);
  project.provide('database', hearth.database);
  project.provide('startupOutput', hearth.output());
  return () => hearth.stop();
}

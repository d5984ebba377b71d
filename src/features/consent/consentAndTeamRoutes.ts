import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { breakGlassRoutes } from '../breakGlass/breakGlassRoutes.ts';
import { teamRoutes } from '../team/teamRoutes.ts';
import { consentRoutes } from './consentRoutes.ts';

/** Pages for consent to share, the team around the family, and emergency access. */
export function consentAndTeamRoutes(app: FastifyInstance, db: Db): void {
  consentRoutes(app, db);
  teamRoutes(app, db);
  breakGlassRoutes(app, db);
}

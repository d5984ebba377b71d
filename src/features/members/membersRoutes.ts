import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.ts';
import { memberChangeRoutes } from './memberChangeRoutes.ts';
import { memberRoutes } from './memberRoutes.ts';
import { startFamilyRoutes } from './startFamilyRoutes.ts';

/** Every members page: starting a family, adding and changing members, their support, leaving and merging. */
export function membersRoutes(app: FastifyInstance, db: Db): void {
  startFamilyRoutes(app, db);
  memberRoutes(app, db);
  memberChangeRoutes(app, db);
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { assessmentApi } from '../assessment/assessmentApi.ts';
import { auditApi } from '../audit/auditApi.ts';
import { consentTeamApi } from '../consent/consentTeamApi.ts';
import { contactApi } from '../contacts/contactApi.ts';
import { familyApi } from '../families/familyApi.ts';
import { groupApi } from '../groups/groupApi.ts';
import { memberApi } from '../members/memberApi.ts';
import { memberChangeApi } from '../members/memberChangeApi.ts';
import { planApi } from '../plan/planApi.ts';
import { programmeApi } from '../programmes/programmeApi.ts';
import { referralApi } from '../referrals/referralApi.ts';
import { relationshipApi } from '../relationships/relationshipApi.ts';
import { searchChronologyApi } from '../search/searchApi.ts';
import { setUpApiDocs } from './apiDocs.ts';
import { apiTokenRoutes } from './apiTokenRoutes.ts';
import { requireBearerToken } from './bearerAuth.ts';
import { meApi } from './meApi.ts';

/**
 * The JSON API: its OpenAPI documents first (they describe only routes added
 * after them), then /api/v1 behind bearer tokens, and the admin pages that
 * issue those tokens.
 */
export async function apiRoutes(
  app: FastifyInstance,
  services: Services,
  options: { smallNumberThreshold: number } = { smallNumberThreshold: 10 },
): Promise<void> {
  await setUpApiDocs(app);
  await app.register(
    async (v1) => {
      const api = v1.withTypeProvider<TypeBoxTypeProvider>();
      requireBearerToken(api, services.apiTokens);
      await api.register(meApi, { tokens: services.apiTokens });
      await api.register(familyApi, { db: services.db });
      await api.register(memberApi, { db: services.db });
      await api.register(memberChangeApi, { db: services.db });
      await api.register(consentTeamApi, { db: services.db });
      await api.register(relationshipApi, { db: services.db });
      await api.register(searchChronologyApi, { db: services.db });
      await api.register(assessmentApi, { db: services.db });
      await api.register(planApi, { db: services.db });
      await api.register(groupApi, { db: services.db });
      await api.register(programmeApi, { db: services.db });
      await api.register(contactApi, { db: services.db });
      await api.register(referralApi, { db: services.db, mailer: services.mailer });
      await api.register(auditApi, {
        db: services.db,
        threshold: options.smallNumberThreshold,
        results: services.auditResults,
      });
    },
    { prefix: '/api/v1' },
  );
  apiTokenRoutes(app, services.apiTokens);
}

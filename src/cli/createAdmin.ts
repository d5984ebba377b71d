import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import {
  appUser,
  type OrganisationKind,
  organisation,
  organisationKinds,
  partnershipArea,
} from '../db/schema.ts';
import { hashPassword, passwordProblem } from '../platform/auth/passwords.ts';
import { newSecret } from '../platform/auth/tokens.ts';
import { emailPattern } from '../platform/http/forms.ts';
import type { Command } from './command.ts';
import { UsageError } from './main.ts';

export const createAdminCommand: Command = {
  summary: 'create a system administrator (and their organisation if new)',
  help: [
    'Usage: npx hearth create-admin --email EMAIL --name "FULL NAME" --organisation "NAME"',
    '                              [--kind nhs|local_authority|third_sector|community]',
    '                              [--area "PARTNERSHIP AREA"] [--council "COUNCIL AREA"]',
    '',
    'Creates an active user with the system admin and organisation admin roles.',
    'The organisation and partnership area are created when they do not exist',
    '(then --kind and --area are needed; --council defaults to the area name).',
    'The password is HEARTH_ADMIN_PASSWORD when set, otherwise one is generated',
    'and printed once: change it at /account after signing in.',
  ].join('\n'),
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    organisation: { type: 'string' },
    kind: { type: 'string' },
    area: { type: 'string' },
    council: { type: 'string' },
  },
  run: async (values, config) => {
    const email = String(values.email ?? '').trim();
    const name = String(values.name ?? '').trim();
    const orgName = String(values.organisation ?? '').trim();
    if (!emailPattern.test(email))
      throw new UsageError('--email must be an email address, like name@example.org');
    if (!name) throw new UsageError('--name is needed: the administrator’s full name');
    if (!orgName) throw new UsageError('--organisation is needed: the name of their organisation');
    const kind = values.kind === undefined ? undefined : String(values.kind);
    if (kind !== undefined && !(organisationKinds as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind must be one of ${organisationKinds.join(', ')}`);
    }
    const generated = !process.env.HEARTH_ADMIN_PASSWORD;
    const password = process.env.HEARTH_ADMIN_PASSWORD || `admin-${newSecret(12)}`;
    const problem = passwordProblem(password, email);
    if (problem) throw new UsageError(`HEARTH_ADMIN_PASSWORD: ${problem}`);

    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrate(database);
      const passwordHash = await hashPassword(password);
      await database.db.transaction(async (tx) => {
        const taken = await tx
          .select({ id: appUser.id })
          .from(appUser)
          .where(sql`lower(${appUser.email}) = ${email.toLowerCase()}`);
        if (taken.length) throw new UsageError(`A user with the email ${email} already exists.`);
        let [org] = await tx.select().from(organisation).where(sql`${organisation.name} = ${orgName}`);
        if (!org) {
          const areaName = String(values.area ?? '').trim();
          if (!kind || !areaName) {
            throw new UsageError(
              `There is no organisation called "${orgName}". To create it, give --kind and --area too.`,
            );
          }
          let [area] = await tx
            .select()
            .from(partnershipArea)
            .where(sql`${partnershipArea.name} = ${areaName}`);
          area ??= (
            await tx
              .insert(partnershipArea)
              .values({ name: areaName, councilArea: String(values.council ?? areaName) })
              .returning()
          )[0];
          if (!area) throw new Error('partnership area not created');
          [org] = await tx
            .insert(organisation)
            .values({ name: orgName, kind: kind as OrganisationKind, partnershipAreaId: area.id })
            .returning();
        }
        if (!org) throw new Error('organisation not created');
        await tx.insert(appUser).values({
          organisationId: org.id,
          email,
          displayName: name,
          roles: ['system_admin', 'org_admin'],
          passwordHash,
          status: 'active',
          passwordChangedAt: new Date(),
        });
      });
      process.stdout.write(`Created ${email} as system admin of ${orgName}.\n`);
      if (generated) process.stdout.write(`Password (shown once): ${password}\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};

import { describe, expect, inject, it } from 'vitest';
import { demoAccounts } from './support/demoAccounts.ts';
import { testPassword } from './support/server.ts';

describe('starting Hearth', () => {
  const output = inject('startupOutput');

  it('prints the address to open', () => {
    expect(output).toContain(`Hearth is running at http://localhost:${inject('port')}`);
  });

  it('says which database it is using, without printing the connection string', () => {
    if (inject('database') === 'postgresql') {
      expect(output).toContain('Database: PostgreSQL (DATABASE_URL)');
      expect(output).not.toContain(process.env.DATABASE_URL);
    } else {
      expect(output).toMatch(/Database: embedded PGlite in \S+hearth-e2e-/);
    }
  });

  it('prints a demo sign-in for each kind of user, and the demo password', () => {
    expect(output).toContain('Demo sign-ins');
    const signIns: [string, string][] = [
      ['Practitioner', demoAccounts.practitioner.email],
      ['Team lead', demoAccounts.teamLead.email],
      ['Organisation admin', demoAccounts.organisationAdmin.email],
      ['Volunteer or peer worker', demoAccounts.volunteer.email],
      ['Partnership lead', demoAccounts.partnershipLead.email],
      ['System admin', demoAccounts.systemAdmin.email],
    ];
    for (const [role, email] of signIns) expect(output).toMatch(new RegExp(`^ +${role} +${email}$`, 'm'));
    expect(output).toContain(`Password for all of them: ${testPassword}`);
  });
});

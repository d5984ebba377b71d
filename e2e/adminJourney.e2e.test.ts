import { describe, expect, it } from 'vitest';
import { AdminPage, ApiTokensPage, AuditTrailPage, UsersPage } from './pages/adminPages.ts';
import { useBrowser } from './support/browser.ts';
import { demoAccounts } from './support/demoAccounts.ts';
import { signInAs } from './support/signIn.ts';

const iain = demoAccounts.organisationAdmin;

describe('an organisation admin’s visit', () => {
  const browser = useBrowser();

  it('opens Admin and each admin task: users, audit trail and API tokens', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, iain, 'organisation-admin');
    await home.openSection('Admin');
    const admin = await AdminPage.verifyOnPage(page);
    expect(await admin.currentSection()).toBe('Admin');
    expect(await admin.organisation()).toBe(iain.organisation);

    await admin.openTask('Users');
    const users = await UsersPage.verifyOnPage(page);
    const names = await users.names();
    expect(names).toContain(demoAccounts.practitioner.name);
    expect(names).toContain(iain.name);
    // Only the admin's own organisation's people.
    expect(names).not.toContain(demoAccounts.volunteer.name);

    await users.backToAdmin();
    await AdminPage.verifyOnPage(page);
    await admin.openTask('Audit trail');
    const audit = await AuditTrailPage.verifyOnPage(page);
    expect(await audit.eventActors()).toContain(iain.name);

    await audit.backToAdmin();
    await AdminPage.verifyOnPage(page);
    await admin.openTask('API tokens');
    await ApiTokensPage.verifyOnPage(page);
  });

  it('a system admin opens the users of the whole partnership', async () => {
    const page = await browser.newPage();
    const home = await signInAs(page, demoAccounts.systemAdmin, 'system-admin');
    await home.openSection('Admin');
    const admin = await AdminPage.verifyOnPage(page, 'system-admin');
    await admin.openTask('Users');
    await UsersPage.verifyOnPage(page, 'system-admin');
  });
});

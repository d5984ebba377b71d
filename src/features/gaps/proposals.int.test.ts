import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';
import { lastTwelveMonths } from '../audit/auditFilters.ts';
import { todayInUk } from '../chronology/dateParts.ts';
import { gapScenario } from './gapTesting.ts';

const due = { 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2027' };

describe('proposals to fill the gaps', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let s: Awaited<ReturnType<typeof gapScenario>>;
  let colleague: { email: string };
  let otherLead: { email: string };
  let ip = 10;
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app, `10.28.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  const proposals = () =>
    queryRows<{
      id: string;
      title: string;
      status: string;
      gapKind: string;
      gapKey: string | null;
      version: number;
    }>(
      database.db,
      sql`select id, title, status, gap_kind as "gapKind", gap_key as "gapKey", version from gap_proposal
        where partnership_area_id = ${s.area.id} order by created_at`,
    );

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    s = await gapScenario(database.db);
    colleague = await createUser(database.db, s.org.id, ['partnership_lead']);
    const elsewhere = await createArea(database.db);
    otherLead = await createUser(database.db, (await createOrganisation(database.db, elsewhere.id)).id, [
      'partnership_lead',
    ]);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('turns a gap into a recorded proposal with an owner, a due date and a status', async () => {
    const browser = await signedIn(s.lead.email);
    const gaps = await browser.get('/partnership/gaps');
    expect(gaps.statusCode).toBe(200);
    // The test locality has no estimate of need and no service based there, whatever the period.
    const key = `locality:${s.localities.test}`;
    // With the audit's filters, as the gap page read them (by default the 12 months to today).
    const { from, to } = lastTwelveMonths(todayInUk(new Date()));
    const href = `/partnership/proposals/new?gap=${encodeURIComponent(key)}&amp;from=${from}&amp;to=${to}`;
    expect(gaps.body).toContain(href);
    // Filters that do not read are said in an error summary, with no gaps.
    const wrong = await browser.get('/partnership/gaps?from=2026-02-30&group=cousins');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('There is a problem');
    expect(wrong.body).toContain('href="#from">The start of the period must be a real date');
    expect(wrong.body).toContain('Choose a group of people from the list');
    expect(wrong.body).not.toContain('Record a proposal');
    expect(gaps.body).toContain(
      'Rule: A locality where no family support service in the directory has a place is a gap',
    );

    const form = await browser.get(href.replaceAll('&amp;', '&'));
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('The gap: Test Locality');
    expect(form.body).toContain('value="Family support in Test Locality"');
    const fields = {
      gapKind: 'locality',
      gapKey: key,
      gapSubject: 'Test Locality',
      localityId: s.localities.test,
    };

    const bad = await browser.post('/partnership/proposals/new', {
      ...fields,
      title: '',
      proposal: 'A weekly drop-in at the community centre.',
      owner: '',
      'dueOn-day': '31',
      'dueOn-month': '2',
      'dueOn-year': '2027',
      status: 'proposed',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#title">Enter a title for the proposal</a>');
    expect(bad.body).toContain('<a href="#owner">Select who owns the proposal</a>');
    expect(bad.body).toContain('<a href="#dueOn-day">The date it is due by must be a real date</a>');
    const outside = await browser.post('/partnership/proposals/new', {
      ...fields,
      title: 'Drop-in',
      proposal: 'A weekly drop-in.',
      owner: 'outside',
      ownerName: '',
      ...due,
      status: 'proposed',
    });
    expect(outside.body).toContain('Enter the name of the body or person outside Hearth who owns it');
    expect(await proposals()).toEqual([]);

    const saved = await browser.post('/partnership/proposals/new', {
      ...fields,
      title: 'Family support in Test Locality',
      proposal: 'A weekly drop-in at the community centre, run by the family support service.',
      owner: `user:${s.lead.id}`,
      ...due,
      status: 'proposed',
    });
    expect(saved.statusCode).toBe(303);
    const [created] = await proposals();
    expect(created).toMatchObject({ gapKind: 'locality', gapKey: key, status: 'proposed', version: 1 });
    expect(saved.headers.location).toBe(`/partnership/proposals/${created?.id}?added=1`);
    const page = await browser.get(saved.headers.location as string);
    expect(page.body).toContain('The proposal was recorded.');
    expect(page.body).toContain('31 March 2027');
    // The gap page now shows the proposal under its gap.
    expect((await browser.get('/partnership/gaps')).body).toContain(
      `<a class="govuk-link" href="/partnership/proposals/${created?.id}">Family support in Test Locality</a> (Proposed)`,
    );
    // Another gap, named by a body outside Hearth.
    await browser.post('/partnership/proposals/new', {
      gapKind: 'other',
      title: 'Kinship carers’ evening',
      proposal: 'Ask the kinship care team to run an evening group.',
      owner: 'outside',
      ownerName: 'Children’s Services Planning Partnership',
      ...due,
      status: 'agreed',
    });
    expect((await proposals()).map((p) => [p.gapKind, p.status])).toEqual([
      ['locality', 'proposed'],
      ['other', 'agreed'],
    ]);
  });

  it('tracks its progress: an edit saves against the version it was opened at, and the history keeps each change', async () => {
    const [proposal] = await proposals();
    const editUrl = `/partnership/proposals/${proposal?.id}/edit`;
    const first = await signedIn(s.lead.email);
    const second = await signedIn(colleague.email);
    await first.get(editUrl);
    const opened = await second.get(editUrl);
    const base = /name="_base" value="([^"]+)"/.exec(opened.body)?.[1]?.replace(/&quot;/g, '"') ?? '';
    const typed = {
      title: 'Family support in Test Locality',
      proposal: 'A weekly drop-in at the community centre, run by the family support service.',
      owner: `user:${s.lead.id}`,
      ...due,
    };
    const saved = await first.post(editUrl, {
      _version: '1',
      _base: base,
      ...typed,
      status: 'in_progress',
      progressNote: 'Rooms booked for Tuesdays from May.',
    });
    expect(saved.statusCode).toBe(303);
    const late = await second.post(editUrl, { _version: '1', _base: base, ...typed, status: 'dropped' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Someone else saved this while you were editing');
    expect(late.body).toContain('In progress');
    expect((await proposals())[0]).toMatchObject({ status: 'in_progress', version: 2 });
    const page = await first.get(`/partnership/proposals/${proposal?.id}`);
    expect(page.body).toContain('Status: Proposed → In progress');
    expect(page.body).toContain('Progress notes: nothing → Rooms booked for Tuesdays from May.');
  });

  it('lists the proposals with filters by status, kind of gap and locality', async () => {
    const browser = await signedIn(s.lead.email);
    const titles = async (query: string) => {
      const page = await browser.get(`/partnership/proposals${query}`);
      return [...page.body.matchAll(/href="\/partnership\/proposals\/[0-9a-f-]{36}">([^<]+)</g)].map(
        (m) => m[1],
      );
    };
    expect(await titles('')).toEqual(['Family support in Test Locality', 'Kinship carers’ evening']);
    expect(await titles('?status=agreed')).toEqual(['Kinship carers’ evening']);
    expect(await titles('?status=open')).toEqual([
      'Family support in Test Locality',
      'Kinship carers’ evening',
    ]);
    expect(await titles('?status=done')).toEqual([]);
    expect(await titles('?kind=locality')).toEqual(['Family support in Test Locality']);
    expect(await titles(`?locality=${s.localities.test}`)).toEqual(['Family support in Test Locality']);
    expect(await titles(`?locality=${s.localities.north}`)).toEqual([]);
  });

  it('refuses anyone but a partnership lead, and hides one area’s proposals from another’s lead', async () => {
    const [proposal] = await proposals();
    const worker = await signedIn(s.worker.email);
    for (const url of ['/partnership/gaps', '/partnership/proposals', '/partnership/proposals/new'])
      expect((await worker.get(url)).statusCode).toBe(403);
    expect((await worker.get(`/partnership/proposals/${proposal?.id}`)).statusCode).toBe(403);
    expect(
      (
        await worker.post('/partnership/proposals/new', {
          title: 'x',
          proposal: 'y',
          owner: 'outside',
          ownerName: 'z',
          ...due,
        })
      ).statusCode,
    ).toBe(403);
    const stranger = await signedIn(otherLead.email);
    expect((await stranger.get(`/partnership/proposals/${proposal?.id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/partnership/proposals/${proposal?.id}/edit`)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/partnership/proposals/${proposal?.id}/edit`, {
          _version: '2',
          _base: '{}',
          title: 'Mine now',
        })
      ).statusCode,
    ).toBe(404);
    expect((await stranger.get('/partnership/proposals')).body).not.toContain(
      'Family support in Test Locality',
    );
    // A gap the analysis did not find is not found.
    expect((await stranger.get('/partnership/proposals/new?gap=locality%3Anowhere')).statusCode).toBe(404);
    const [denied] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_event where action = 'gap_proposal.read' and outcome = 'denied'
        and record_id = ${proposal?.id ?? ''}`,
    );
    expect(denied?.n).toBe(3);
    expect((await proposals())[0]?.title).toBe('Family support in Test Locality');
  });
});

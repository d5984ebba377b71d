import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../../db/client.ts';
import { createArea, createOrganisation, createUser } from '../../testing/fixtures.ts';
import { TestBrowser, testApp } from '../../testing/testApp.ts';
import { testDatabase } from '../../testing/testDatabase.ts';

const valid = (localityId: string) => ({
  localityId,
  measure: 'problem_substance_use',
  forYear: '2025',
  estimate: '640',
  familyMultiplier: '11',
  source: 'JSNA 2025, table 3.2',
});

describe('need estimates', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof testApp>>;
  let ip = 10;
  const signedIn = async (email: string) => {
    const browser = new TestBrowser(app, `10.27.0.${ip++}`);
    await browser.signIn(email);
    return browser;
  };
  let area: Awaited<ReturnType<typeof createArea>>;
  let lead: { email: string };
  let otherLead: { email: string };
  let outsider: { email: string };
  let colleague: { email: string };
  const estimates = () =>
    queryRows<{ measure: string; estimate: number; forYear: number; version: number; source: string }>(
      database.db,
      sql`select measure, estimate, for_year as "forYear", version, source from need_estimate
        where partnership_area_id = ${area.id} order by for_year, measure, estimate`,
    );

  beforeAll(async () => {
    database = await testDatabase();
    app = await testApp(database);
    area = await createArea(database.db);
    const adp = await createOrganisation(database.db, area.id, 'local_authority');
    lead = await createUser(database.db, adp.id, ['partnership_lead']);
    colleague = await createUser(database.db, adp.id, ['partnership_lead']);
    outsider = await createUser(database.db, adp.id, ['practitioner', 'team_lead', 'org_admin']);
    const elsewhere = await createArea(database.db);
    otherLead = await createUser(database.db, (await createOrganisation(database.db, elsewhere.id)).id, [
      'partnership_lead',
    ]);
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('checks every field, names each problem in the error summary and by its field, and saves nothing', async () => {
    const browser = await signedIn(lead.email);
    await browser.get('/partnership/needs/new');
    const bad = await browser.post('/partnership/needs/new', {
      localityId: 'somewhere',
      measure: 'happiness',
      forYear: 'next year',
      estimate: '12a',
      familyMultiplier: '60',
      source: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    for (const [href, message] of [
      ['localityId', 'Select the locality the estimate is for, or the whole area'],
      ['measure', 'Select what is estimated'],
      ['forYear', 'The year must be a year from 2000 to 2100, like 2025'],
      ['estimate', 'The estimate must be a whole number from 0 to 9,999,999, like 640'],
      ['source', 'Enter where the estimate comes from'],
    ])
      expect(bad.body).toContain(`<a href="#${href}">${message}</a>`);
    // The multiplier is checked only for problem substance use.
    const multiplier = await browser.post('/partnership/needs/new', {
      ...valid('area'),
      familyMultiplier: '60',
    });
    expect(multiplier.statusCode).toBe(400);
    expect(multiplier.body).toContain('must be a number from 0 to 50, with at most one decimal place');
    expect(await estimates()).toEqual([]);
  });

  it('adds an estimate with its multiplier, and refuses a second for the same place, measure and year', async () => {
    const browser = await signedIn(lead.email);
    await browser.get('/partnership/needs/new');
    const added = await browser.post('/partnership/needs/new', valid(area.localityId));
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/partnership/needs?year=2025&added=1');
    const list = await browser.get('/partnership/needs?year=2025');
    expect(list.body).toContain('640 people × 11 = 7,040 family members affected');
    expect(list.body).toContain('JSNA 2025, table 3.2');
    await browser.get('/partnership/needs/new');
    const again = await browser.post('/partnership/needs/new', {
      ...valid(area.localityId),
      estimate: '700',
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain(
      'There is already an estimate of people with problem substance use for Test Locality in 2025: change that one instead',
    );
    // Another measure needs no multiplier, and keeps none.
    await browser.post('/partnership/needs/new', {
      ...valid('area'),
      measure: 'young_people_12_17',
      estimate: '290',
      familyMultiplier: '',
    });
    expect(await estimates()).toEqual([
      {
        measure: 'problem_substance_use',
        estimate: 640,
        forYear: 2025,
        version: 1,
        source: 'JSNA 2025, table 3.2',
      },
      {
        measure: 'young_people_12_17',
        estimate: 290,
        forYear: 2025,
        version: 1,
        source: 'JSNA 2025, table 3.2',
      },
    ]);
  });

  it('saves an edit against the version it was opened at: the second of two saves is shown what changed', async () => {
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from need_estimate where partnership_area_id = ${area.id} and measure = 'problem_substance_use'`,
    );
    const editUrl = `/partnership/needs/${row?.id}/edit`;
    const first = await signedIn(lead.email);
    const second = await signedIn(colleague.email);
    await first.get(editUrl);
    const opened = await second.get(editUrl);
    expect(opened.body).toContain('name="_version" value="1"');
    const saved = await first.post(editUrl, {
      _version: '1',
      _base: JSON.stringify({ estimate: '640', familyMultiplier: '11', source: 'JSNA 2025, table 3.2' }),
      estimate: '700',
      familyMultiplier: '11',
      source: 'JSNA 2025, table 3.2, revised',
    });
    expect(saved.statusCode).toBe(303);
    const late = await second.post(editUrl, {
      _version: '1',
      _base: JSON.stringify({ estimate: '640', familyMultiplier: '11', source: 'JSNA 2025, table 3.2' }),
      estimate: '650',
      familyMultiplier: '10.5',
      source: 'JSNA 2025, table 3.2',
    });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('Someone else saved this while you were editing');
    expect(late.body).toContain('name="_version" value="2"');
    expect((await estimates())[0]).toMatchObject({ estimate: 700, version: 2 });
    // A bad edit is refused by field, and the history keeps the change.
    const empty = await first.post(editUrl, {
      _version: '2',
      _base: '{}',
      estimate: '',
      familyMultiplier: '11',
      source: 'x',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the estimate, as a whole number');
    const page = await first.get(editUrl);
    expect(page.body).toContain('Estimate: 640 → 700');
    expect(page.body).toContain('Source: JSNA 2025, table 3.2 → JSNA 2025, table 3.2, revised');
  });

  it('imports pasted estimates: every bad line reported and nothing saved, then a good file added and changed', async () => {
    const browser = await signedIn(lead.email);
    await browser.get('/partnership/needs/import');
    const bad = await browser.post('/partnership/needs/import', {
      csv: [
        'locality,measure,year,estimate,multiplier,source',
        'Test Locality,children_affected,2025,410,,Hidden Harm estimate',
        'Nowhere,children_affected,2025,410,,Hidden Harm estimate',
        'Whole area,young_people_12_17,2025,lots,,Survey',
        'Whole area,bereaved_families,2025,14,3,Deaths review',
        'test locality,Children under 12 affected by a parent’s or carer’s substance use,2025,400,,Again',
      ].join('\n'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(
      'Line 3: &quot;Nowhere&quot; is not one of the area’s localities (Test Locality, Whole area)',
    );
    expect(bad.body).toContain('Line 4: the estimate must be a whole number');
    expect(bad.body).toContain('Line 5: a family multiplier is only for people with problem substance use');
    expect(bad.body).toContain(
      'Line 6: Children under 12 affected by a parent’s or carer’s substance use for Test Locality in 2025 is also on line 2',
    );
    expect(bad.body).toContain('Hidden Harm estimate');
    expect(await estimates()).toHaveLength(2);

    const good = await browser.post('/partnership/needs/import', {
      csv: [
        'Locality\tMeasure\tYear\tEstimate\tMultiplier\tSource',
        'Test Locality\tproblem_substance_use\t2025\t720\t\tJSNA 2025, table 3.2, revised',
        'Test Locality\tchildren_affected\t2025\t410\t\tHidden Harm estimate',
        'Whole area\tyoung_people_12_17\t2025\t290\t\tJSNA 2025, table 3.2',
        'Whole area\tbereaved_families\t2026\t"14"\t\tDeaths review',
      ].join('\n'),
    });
    expect(good.statusCode).toBe(303);
    // Added: children, bereaved; changed: problem substance use (700 → 720, multiplier 11 by default); same: young people.
    expect(good.headers.location).toBe('/partnership/needs?year=2026&imported=2,1');
    expect((await estimates()).map((e) => [e.measure, e.estimate, e.forYear, e.version])).toEqual([
      ['children_affected', 410, 2025, 1],
      ['problem_substance_use', 720, 2025, 3],
      ['young_people_12_17', 290, 2025, 1],
      ['bereaved_families', 14, 2026, 1],
    ]);
  });

  it('refuses anyone but a partnership lead, and a lead of another area sees no estimate of this one', async () => {
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`select id from need_estimate where partnership_area_id = ${area.id} limit 1`,
    );
    const worker = await signedIn(outsider.email);
    expect((await worker.get('/partnership/needs')).statusCode).toBe(403);
    expect((await worker.get('/partnership/needs/import')).statusCode).toBe(403);
    expect((await worker.post('/partnership/needs/new', valid('area'))).statusCode).toBe(403);
    const stranger = await signedIn(otherLead.email);
    expect((await stranger.get(`/partnership/needs/${row?.id}/edit`)).statusCode).toBe(404);
    const list = await stranger.get('/partnership/needs');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('JSNA 2025');
    const [denied] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_event where action = 'need_estimate.read' and outcome = 'denied'
        and record_id = ${row?.id ?? ''}`,
    );
    expect(denied?.n).toBe(1);
    const [audited] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_event e join need_estimate n on n.id::text = e.record_id
        where n.partnership_area_id = ${area.id} and e.action in ('need_estimate.add', 'need_estimate.change')`,
    );
    expect(audited?.n).toBeGreaterThanOrEqual(3);
  });
});

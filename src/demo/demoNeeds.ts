// The demo partnership's need estimates (this year's and last year's, for
// every locality and the whole area, each with its source) and its proposals
// to fill the gaps, one of them for young people's support, each recorded by
// the partnership lead some days ago with its history. All invented.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.ts';
import { recordChange } from '../db/schema.ts';
import { gapProposal, needEstimate } from '../db/schemaAudit.ts';
import { type Changes, changedFields } from '../features/families/recordHistory.ts';
import {
  type NewProposalInput,
  type ProposalInput,
  proposalFieldValues,
} from '../features/gaps/proposalForm.ts';
import { type NeedInput, needFieldValues } from '../features/needs/needForm.ts';
import type { NeedMeasureCode } from '../features/needs/needMeasures.ts';
import { demoArea } from './demoDirectory.ts';

/** People with problem substance use, and the other measures, by locality (demoArea.localities order). */
const byLocality: Record<Exclude<NeedMeasureCode, 'problem_substance_use'>, number[]> = {
  children_affected: [410, 260, 240],
  young_people_12_17: [290, 190, 170],
  young_carers: [120, 70, 65],
  grandparents_caring: [85, 60, 55],
  partners_affected: [380, 250, 220],
  bereaved_families: [14, 9, 11],
};
const substanceUse = [640, 420, 380];

const sources: Record<NeedMeasureCode, string> = {
  problem_substance_use:
    'Prevalence of problem drug and alcohol use: national rates applied to the locality’s adults (Glenmuir JSNA, table 3.2)',
  children_affected: 'Hidden Harm estimate, Glenmuir Children’s Services Plan, appendix B',
  young_people_12_17: 'Schools health and wellbeing survey, pupils affected by a family member’s use',
  young_carers: 'Young carers statements and school census, Glenmuir Young Carers',
  grandparents_caring: 'Kinship care orders and assessments, Children and Families Social Work',
  partners_affected: 'Half the estimate of people with problem use, as the JSNA assumes',
  bereaved_families:
    'Drug and alcohol deaths of the last five years by home address (ADP death review group)',
};

function estimates(localityIds: string[], year: number, scale: number): NeedInput[] {
  const rows: NeedInput[] = [];
  localityIds.forEach((localityId, i) => {
    rows.push({
      localityId,
      measure: 'problem_substance_use',
      forYear: year,
      estimate: Math.round((substanceUse[i] ?? 0) * scale),
      familyMultiplier: 11,
      source: sources.problem_substance_use,
    });
    for (const [measure, values] of Object.entries(byLocality) as [NeedMeasureCode, number[]][])
      rows.push({
        localityId,
        measure,
        forYear: year,
        estimate: Math.round((values[i] ?? 0) * scale),
        familyMultiplier: null,
        source: sources[measure],
      });
  });
  // The whole area's own figures, from area-wide sources.
  rows.push(
    {
      localityId: null,
      measure: 'problem_substance_use',
      forYear: year,
      estimate: Math.round(1440 * scale),
      familyMultiplier: 11,
      source: 'ScotPHO prevalence estimates for the council area, 2019/20 rates',
    },
    {
      localityId: null,
      measure: 'bereaved_families',
      forYear: year,
      estimate: Math.round(34 * scale),
      familyMultiplier: null,
      source: sources.bereaved_families,
    },
  );
  return rows;
}

interface DemoProposal extends NewProposalInput {
  /** Days ago it was recorded; and, when it has moved on since, how it was first recorded. */
  daysAgo: number;
  before?: Partial<ProposalInput> & { daysAgo: number };
}

/** Adds the demo's estimates and proposals; call inside the demo transaction, after the directory. */
export async function addDemoNeeds(tx: Db, today: Date): Promise<void> {
  const [lead] = await queryRows<{ id: string; organisationId: string; areaId: string }>(
    tx,
    sql`select u.id, u.organisation_id as "organisationId", o.partnership_area_id as "areaId"
      from app_user u join organisation o on o.id = u.organisation_id
      join partnership_area a on a.id = o.partnership_area_id and a.name = ${demoArea.name}
      where 'partnership_lead' = any(u.roles) and u.status = 'active' order by u.created_at limit 1`,
  );
  if (!lead) throw new Error('demo needs: no partnership lead');
  const localities = await queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from locality where partnership_area_id = ${lead.areaId}`,
  );
  const ids = demoArea.localities.map((name) => localities.find((l) => l.name === name)?.id as string);
  const year = today.getUTCFullYear();
  const daysAgo = (days: number) => new Date(today.getTime() - days * 86_400_000);
  const history = (
    recordType: string,
    recordId: string,
    at: Date,
    action: 'created' | 'amended',
    changes: Changes,
  ) => ({
    at,
    familyId: null,
    recordType,
    recordId,
    action,
    changes,
    changedBy: lead.id,
    organisationId: lead.organisationId,
  });

  const rows = [...estimates(ids, year - 1, 0.95), ...estimates(ids, year, 1)];
  const saved = await tx
    .insert(needEstimate)
    .values(
      rows.map((r) => ({
        ...r,
        familyMultiplier: r.familyMultiplier === null ? null : String(r.familyMultiplier),
        partnershipAreaId: lead.areaId,
        recordedBy: lead.id,
        recordedAt: daysAgo(r.forYear === year ? 40 : 380),
      })),
    )
    .returning({ id: needEstimate.id });
  await tx.insert(recordChange).values(
    rows.map((r, i) =>
      history('need_estimate', saved[i]?.id as string, daysAgo(r.forYear === year ? 40 : 380), 'created', {
        ...changedFields({}, needFieldValues(r)),
        ...changedFields({}, { localityId: r.localityId, measure: r.measure, forYear: r.forYear }),
      }),
    ),
  );
  // Ardmore Coast's estimate was raised once the deaths review was in: its history shows the change.
  const ardmore =
    saved[
      rows.findIndex(
        (r) => r.forYear === year && r.localityId === ids[2] && r.measure === 'problem_substance_use',
      )
    ];
  if (ardmore) {
    const raised = {
      estimate: 410,
      familyMultiplier: 11,
      source: `${sources.problem_substance_use}; raised after the ${year - 1} death reviews`,
    };
    await tx.execute(sql`update need_estimate set estimate = ${raised.estimate}, source = ${raised.source},
      recorded_at = ${daysAgo(12)}, version = 2 where id = ${ardmore.id}`);
    await tx
      .insert(recordChange)
      .values(
        history(
          'need_estimate',
          ardmore.id,
          daysAgo(12),
          'amended',
          changedFields(
            needFieldValues({ estimate: 380, familyMultiplier: 11, source: sources.problem_substance_use }),
            needFieldValues(raised),
          ),
        ),
      );
  }

  const owners = await queryRows<{ id: string; email: string }>(
    tx,
    sql`select id, email from app_user where email in ('kieran.doyle@ardmore-youth.example', 'gordon.lamont@glenmuir-recovery.example')`,
  );
  const owner = (email: string) => owners.find((o) => o.email === email)?.id ?? null;
  const due = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const proposals: DemoProposal[] = [
    {
      gapKind: 'group',
      gapKey: 'group:young_people',
      localityId: null,
      title: 'Young people’s support outside Ardmore',
      proposal:
        'Hidden Harm youth support runs only from Ardmore Youth Hall. Run a Thursday young people’s group at the Kilbrannan Community Rooms and one-to-one sessions in the Carse’s two high schools, with the Young Carers service referring in.',
      ownerUserId: owner('kieran.doyle@ardmore-youth.example'),
      ownerName: owner('kieran.doyle@ardmore-youth.example') ? null : 'Ardmore Youth Project',
      dueOn: due(150),
      status: 'agreed',
      progressNote:
        'Agreed at the ADP meeting. Funding for a second youth worker from the Whole Family Wellbeing Fund; rooms booked from the new school term.',
      daysAgo: 9,
      before: { status: 'proposed', progressNote: null, daysAgo: 30 },
    },
    {
      gapKind: 'locality',
      gapKey: `locality:${ids[2]}`,
      localityId: ids[2] ?? null,
      title: 'Family support based in Ardmore Coast',
      proposal:
        'Ardmore Coast reaches far fewer of its affected family members than the rest of the area: most family support is based in Kilbrannan and Dunmore. Carse Family Support Service to run a weekly outreach day from the Ardmore Clinic, with the recovery service referring families in.',
      ownerUserId: owner('gordon.lamont@glenmuir-recovery.example'),
      ownerName: owner('gordon.lamont@glenmuir-recovery.example')
        ? null
        : 'NHS Glenmuir Community Recovery Service',
      dueOn: due(240),
      status: 'proposed',
      progressNote: null,
      daysAgo: 6,
    },
    {
      gapKind: 'other',
      gapKey: null,
      localityId: ids[2] ?? null,
      title: 'Bereavement support in Ardmore Coast',
      proposal:
        'Families bereaved in Ardmore travel to Dunmore for the Bereaved Families Circle. Ask the circle to meet monthly at the Ardmore Recovery Café.',
      ownerUserId: null,
      ownerName: 'Glenmuir Bereaved Families Circle',
      dueOn: due(-20),
      status: 'in_progress',
      progressNote:
        'First meeting held; the café has offered its back room on the last Sunday of each month.',
      daysAgo: 20,
      before: { status: 'agreed', progressNote: null, daysAgo: 75 },
    },
  ];
  for (const { daysAgo: days, before, ...p } of proposals) {
    const first = { ...p, ...before };
    const [created] = await tx
      .insert(gapProposal)
      .values({
        ...p,
        partnershipAreaId: lead.areaId,
        createdBy: lead.id,
        createdAt: daysAgo(before?.daysAgo ?? days),
        updatedAt: daysAgo(days),
        version: before ? 2 : 1,
      })
      .returning({ id: gapProposal.id });
    const id = created?.id as string;
    await tx.insert(recordChange).values(
      history('gap_proposal', id, daysAgo(before?.daysAgo ?? days), 'created', {
        ...changedFields({}, proposalFieldValues(first)),
        ...changedFields({}, { gapKey: p.gapKey }),
      }),
    );
    if (before)
      await tx
        .insert(recordChange)
        .values(
          history(
            'gap_proposal',
            id,
            daysAgo(days),
            'amended',
            changedFields(proposalFieldValues(first), proposalFieldValues(p)),
          ),
        );
  }
}

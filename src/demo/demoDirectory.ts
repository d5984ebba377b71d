// The demo partnership: invented places, organisations and staff. Any
// likeness to real services or people is chance. Emails use the reserved
// .example domain so nothing can ever be sent to them.
import type { OrganisationKind, Role } from '../db/schema.ts';

export const demoArea = {
  name: 'Glenmuir and Carse Alcohol and Drug Partnership',
  councilArea: 'Glenmuir Council (fictional)',
  localities: ['Kilbrannan', 'Carse of Dunmore', 'Ardmore Coast'],
};

export interface DemoOrganisation {
  key: string;
  name: string;
  kind: OrganisationKind;
  /** Works with families directly, so families in the demo have it on their team. */
  worksWithFamilies: boolean;
}

export const demoOrganisations: DemoOrganisation[] = [
  { key: 'recovery', name: 'NHS Glenmuir Community Recovery Service', kind: 'nhs', worksWithFamilies: true },
  {
    key: 'health',
    name: 'NHS Glenmuir Health Visiting and School Nursing',
    kind: 'nhs',
    worksWithFamilies: true,
  },
  {
    key: 'socialwork',
    name: 'Glenmuir Council Children and Families Social Work',
    kind: 'local_authority',
    worksWithFamilies: true,
  },
  {
    key: 'adp',
    name: 'Glenmuir and Carse ADP Support Team',
    kind: 'local_authority',
    worksWithFamilies: false,
  },
  {
    key: 'familysupport',
    name: 'Carse Family Support Service',
    kind: 'third_sector',
    worksWithFamilies: true,
  },
  { key: 'youngcarers', name: 'Glenmuir Young Carers', kind: 'third_sector', worksWithFamilies: true },
  {
    key: 'womensaid',
    name: 'Safe Harbour Women’s Aid Glenmuir',
    kind: 'third_sector',
    worksWithFamilies: true,
  },
  { key: 'youth', name: 'Ardmore Youth Project', kind: 'third_sector', worksWithFamilies: true },
  { key: 'housing', name: 'Dunmore Housing Support', kind: 'third_sector', worksWithFamilies: true },
  { key: 'peer', name: 'Kilbrannan Families Together', kind: 'community', worksWithFamilies: true },
  { key: 'bereaved', name: 'Glenmuir Bereaved Families Circle', kind: 'community', worksWithFamilies: true },
  { key: 'recoverycafe', name: 'Ardmore Recovery Café', kind: 'community', worksWithFamilies: false },
];

export interface DemoUser {
  organisation: string;
  name: string;
  email: string;
  roles: Role[];
  /** Shown in the start-up list of demo sign-ins, one per role. */
  signInFor?: string;
  /** Active unless said otherwise, so the admin pages show each status. */
  status?: 'invited' | 'deactivated';
}

export const demoUsers: DemoUser[] = [
  {
    organisation: 'familysupport',
    name: 'Morven Blair',
    email: 'morven.blair@carse-family-support.example',
    roles: ['practitioner'],
    signInFor: 'Practitioner',
  },
  {
    organisation: 'familysupport',
    name: 'Euan Cairns',
    email: 'euan.cairns@carse-family-support.example',
    roles: ['practitioner'],
  },
  {
    organisation: 'familysupport',
    name: 'Shona Baird',
    email: 'shona.baird@carse-family-support.example',
    roles: ['team_lead', 'practitioner'],
    signInFor: 'Team lead',
  },
  {
    organisation: 'familysupport',
    name: 'Iain Ferguson',
    email: 'iain.ferguson@carse-family-support.example',
    roles: ['org_admin'],
    signInFor: 'Organisation admin',
  },
  {
    organisation: 'peer',
    name: 'Jackie Rennie',
    email: 'jackie.rennie@kilbrannan-families.example',
    roles: ['volunteer'],
    signInFor: 'Volunteer or peer worker',
  },
  {
    organisation: 'peer',
    name: 'Alan Dewar',
    email: 'alan.dewar@kilbrannan-families.example',
    roles: ['volunteer', 'org_admin'],
  },
  {
    organisation: 'recovery',
    name: 'Dr Priya Nair',
    email: 'priya.nair@glenmuir-recovery.example',
    roles: ['practitioner'],
    signInFor: 'Practitioner (NHS recovery)',
  },
  {
    organisation: 'recovery',
    name: 'Gordon Lamont',
    email: 'gordon.lamont@glenmuir-recovery.example',
    roles: ['team_lead', 'practitioner'],
  },
  {
    organisation: 'recovery',
    name: 'Fiona Kerr',
    email: 'fiona.kerr@glenmuir-recovery.example',
    roles: ['org_admin'],
  },
  {
    organisation: 'health',
    name: 'Catriona Munro',
    email: 'catriona.munro@glenmuir-health.example',
    roles: ['practitioner'],
  },
  {
    organisation: 'socialwork',
    name: 'Rachel Souter',
    email: 'rachel.souter@glenmuir-council.example',
    roles: ['practitioner'],
    signInFor: 'Practitioner (social work)',
  },
  {
    organisation: 'socialwork',
    name: 'Hamish Grant',
    email: 'hamish.grant@glenmuir-council.example',
    roles: ['team_lead', 'practitioner'],
  },
  {
    organisation: 'youngcarers',
    name: 'Ailsa Mackie',
    email: 'ailsa.mackie@glenmuir-young-carers.example',
    roles: ['practitioner', 'org_admin'],
  },
  {
    organisation: 'womensaid',
    name: 'Lorna Paterson',
    email: 'lorna.paterson@safe-harbour.example',
    roles: ['practitioner'],
  },
  {
    organisation: 'youth',
    name: 'Kieran Doyle',
    email: 'kieran.doyle@ardmore-youth.example',
    roles: ['practitioner'],
  },
  {
    organisation: 'housing',
    name: 'Moira Sinclair',
    email: 'moira.sinclair@dunmore-housing.example',
    roles: ['practitioner'],
  },
  {
    organisation: 'bereaved',
    name: 'Tom Buchanan',
    email: 'tom.buchanan@bereaved-circle.example',
    roles: ['volunteer'],
  },
  {
    organisation: 'adp',
    name: 'Elspeth Morrison',
    email: 'elspeth.morrison@glenmuir-adp.example',
    roles: ['partnership_lead'],
    signInFor: 'Partnership lead',
  },
  {
    organisation: 'adp',
    name: 'Neil Robertson',
    email: 'neil.robertson@glenmuir-adp.example',
    roles: ['system_admin', 'org_admin'],
    signInFor: 'System admin',
  },
  {
    organisation: 'recoverycafe',
    name: 'Gemma Shaw',
    email: 'gemma.shaw@ardmore-cafe.example',
    roles: ['volunteer', 'org_admin'],
  },
  {
    organisation: 'familysupport',
    name: 'Kirsty Lennox',
    email: 'kirsty.lennox@carse-family-support.example',
    roles: ['volunteer'],
    status: 'invited',
  },
  {
    organisation: 'familysupport',
    name: 'Duncan Reid',
    email: 'duncan.reid@carse-family-support.example',
    roles: ['practitioner'],
    status: 'deactivated',
  },
];

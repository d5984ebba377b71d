/** Demo users the browser tests sign in as (see src/demo/demoDirectory.ts), one for each kind of work. */
export const demoAccounts = {
  practitioner: {
    email: 'morven.blair@carse-family-support.example',
    name: 'Morven Blair',
    organisation: 'Carse Family Support Service',
  },
  teamLead: {
    email: 'shona.baird@carse-family-support.example',
    name: 'Shona Baird',
    organisation: 'Carse Family Support Service',
  },
  recoveryPractitioner: {
    email: 'priya.nair@glenmuir-recovery.example',
    name: 'Dr Priya Nair',
    organisation: 'NHS Glenmuir Community Recovery Service',
  },
  volunteer: {
    email: 'jackie.rennie@kilbrannan-families.example',
    name: 'Jackie Rennie',
    organisation: 'Kilbrannan Families Together',
  },
  organisationAdmin: {
    email: 'iain.ferguson@carse-family-support.example',
    name: 'Iain Ferguson',
    organisation: 'Carse Family Support Service',
  },
  partnershipLead: {
    email: 'elspeth.morrison@glenmuir-adp.example',
    name: 'Elspeth Morrison',
    organisation: 'Glenmuir and Carse ADP Support Team',
  },
  systemAdmin: {
    email: 'neil.robertson@glenmuir-adp.example',
    name: 'Neil Robertson',
    organisation: 'Glenmuir and Carse ADP Support Team',
  },
} as const;

export type DemoAccount = (typeof demoAccounts)[keyof typeof demoAccounts];

/** The demo partnership area, whose name heads the partnership overview. */
export const demoAreaName = 'Glenmuir and Carse Alcohol and Drug Partnership';

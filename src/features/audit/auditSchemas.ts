// The provision audit's JSON: every table as it may be shown (ShownTable),
// small numbers already hidden, with the rule and the filters that made it.
import { Type } from '@fastify/type-provider-typebox';
import { ProblemSchema } from '../api/apiSchemas.ts';

export const forbiddenProblem = {
  403: {
    description: 'The token is not a partnership lead’s: only partnership leads read the audit.',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};

export const AuditQuery = Type.Object({
  year: Type.Optional(
    Type.String({
      maxLength: 9,
      description: 'A financial year, 1 April to 31 March, like 2025-26: instead of from and to.',
    }),
  ),
  from: Type.Optional(
    Type.String({ format: 'date', description: 'First day of the period; the last 12 months by default.' }),
  ),
  to: Type.Optional(
    Type.String({ format: 'date', description: 'Last day of the period, today by default.' }),
  ),
  localityId: Type.Optional(Type.String({ format: 'uuid', description: 'Only families in this locality.' })),
  serviceId: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'Only this service (figures recorded by organisation: its organisation’s).',
    }),
  ),
  group: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'Only people in this group: an age band (age-12-17), a relationship (grandparent) and others.',
    }),
  ),
});

export const AuditViewParams = Type.Object({ viewId: Type.String({ maxLength: 60 }) });

const Cell = Type.Object({
  text: Type.String({ description: 'As shown: "24", "fewer than 10", "not shown", "not recorded".' }),
  value: Type.Union([Type.Number(), Type.String(), Type.Null()], {
    description: 'The figure, or null when it is hidden or not recorded.',
  }),
  suppressed: Type.Boolean(),
});

const Row = Type.Object({
  key: Type.String(),
  label: Type.String(),
  cells: Type.Record(Type.String(), Cell, { description: 'By column key.' }),
});

const Column = Type.Object({
  key: Type.String(),
  label: Type.String(),
  kind: Type.Union([
    Type.Literal('count'),
    Type.Literal('percent'),
    Type.Literal('days'),
    Type.Literal('hours'),
    Type.Literal('text'),
  ]),
  basedOn: Type.Optional(Type.String()),
  alsoBasedOn: Type.Optional(Type.Array(Type.String())),
  sumOf: Type.Optional(Type.Array(Type.String())),
});

export const ShownTableSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    definition: Type.String({ description: 'What is counted, from which records, over which period.' }),
    columns: Type.Array(Column),
    rows: Type.Array(Row),
    total: Type.Optional(Row),
    threshold: Type.Integer(),
    anySuppressed: Type.Boolean(),
  },
  { description: 'One table of the audit, every count checked against the small-number threshold.' },
);

const Filters = Type.Object({
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  localityId: Type.Optional(Type.String()),
  serviceId: Type.Optional(Type.String()),
  group: Type.Optional(Type.String()),
});

const Shown = {
  filters: Filters,
  threshold: Type.Integer({ description: 'Counts from 1 to this less one are hidden.' }),
  rule: Type.String({ description: 'The small-number rule, in words.' }),
  tables: Type.Array(ShownTableSchema),
};

export const AuditIndexSchema = Type.Object(
  {
    ...Shown,
    views: Type.Array(
      Type.Object({ id: Type.String(), title: Type.String(), summary: Type.String(), href: Type.String() }),
    ),
  },
  { description: 'The audit’s views, and its key figures as one table.' },
);

export const AuditViewSchema = Type.Object(
  { view: Type.Object({ id: Type.String(), title: Type.String(), summary: Type.String() }), ...Shown },
  { description: 'One view of the audit and its tables.' },
);

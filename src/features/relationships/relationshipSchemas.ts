import { type Static, Type } from '@fastify/type-provider-typebox';
import { relationshipKinds, relationshipQualities } from '../../db/schema.ts';
import { relationshipChoices } from './relationshipWords.ts';

export const RelationshipParams = Type.Object({
  familyId: Type.String({ format: 'uuid' }),
  relationshipId: Type.String({ format: 'uuid' }),
});

const quality = Type.Union(
  [Type.Enum(Object.fromEntries(relationshipQualities.map((q) => [q, q]))), Type.Null()],
  {
    description: 'How the relationship is: supportive, mixed, strained or harmful; null when not known.',
  },
);
const note = Type.Union([Type.String({ maxLength: 1000 }), Type.Null()], {
  description: 'Factual, in plain words: family members may read the record.',
});

export const RelationshipSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  fromPersonId: Type.String({ format: 'uuid' }),
  toPersonId: Type.String({ format: 'uuid' }),
  kind: Type.Enum(Object.fromEntries(relationshipKinds.map((k) => [k, k])), {
    description: 'Directed: the from person is <kind> the to person, like parent_of.',
  }),
  quality,
  current: Type.Boolean({ description: 'False when the relationship is in the past.' }),
  note,
  said: Type.String({
    description: 'In words, from the from person’s side: “Agnes Reid is grandmother of Liam Reid”.',
  }),
  saidInverse: Type.String({
    description: 'In words, from the other side: “Liam Reid is grandson of Agnes Reid”.',
  }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type RelationshipBody = Static<typeof RelationshipSchema>;

export const RelationshipListSchema = Type.Object(
  { familyId: Type.String({ format: 'uuid' }), relationships: Type.Array(RelationshipSchema) },
  { description: 'Relationships between current members of the family this token may see.' },
);

export const NewRelationshipSchema = Type.Object({
  fromPersonId: Type.String({ format: 'uuid' }),
  toPersonId: Type.String({ format: 'uuid' }),
  kind: Type.Enum(Object.fromEntries(relationshipChoices.map((c) => [c.value, c.value])), {
    description:
      'How the from person is related to the to person. Inverse words are accepted and stored the other way round: child_of is saved as the to person being parent_of the from person.',
  }),
  quality: Type.Optional(quality),
  current: Type.Optional(Type.Boolean({ default: true })),
  note: Type.Optional(note),
});
export type NewRelationshipBody = Static<typeof NewRelationshipSchema>;

export const RelationshipChangeSchema = Type.Object(
  { quality: Type.Optional(quality), current: Type.Optional(Type.Boolean()), note: Type.Optional(note) },
  { description: 'What to change; fields left out keep their value.' },
);
export type RelationshipChangeBody = Static<typeof RelationshipChangeSchema>;

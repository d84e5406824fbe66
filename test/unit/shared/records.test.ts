import { fromStored, type RecordDefinition } from '../../../src/shared/records';

const KINDS = ['a', 'b'] as const;
interface Thing {
  id: string;
  title: string;
  kind: (typeof KINDS)[number];
  chairCode: string | null;
  flagged?: boolean;
  tags: string[];
  createdAt: Date;
}
type ThingRecord = Omit<Thing, 'id'> & { _id: string };
type Def = RecordDefinition<ThingRecord>;

const fields = {
  title: { type: String, required: true as const },
  kind: { type: String, enum: KINDS, required: true as const },
  chairCode: { type: String, default: null },
  flagged: { type: Boolean, default: false },
  tags: { type: [String] as [StringConstructor], default: [] as string[] },
};

describe('stored records', () => {
  it('when a stored record is read back, then _id becomes id and nothing else changes', () => {
    const at = new Date('2023-05-23T01:00:00Z');
    expect(fromStored({ _id: 'x', title: 'T', createdAt: at })).toEqual({ id: 'x', title: 'T', createdAt: at });
  });

  it('when a schema definition drifts from the entity type, then it does not compile', () => {
    // The checks are the compiler's (npm run typecheck covers test/); each line below must fail.
    const ok = { _id: String, ...fields } satisfies Def;
    const { tags, ...withoutTags } = fields;
    // @ts-expect-error a field of the type is missing from the schema
    const missing = { _id: String, ...withoutTags } satisfies Def;
    // @ts-expect-error stored under another type
    const otherType = { _id: String, ...fields, title: { type: Number, required: true } } satisfies Def;
    // @ts-expect-error a nullable field cannot be required
    const requiredNull = { _id: String, ...fields, chairCode: { type: String, required: true } } satisfies Def;
    // @ts-expect-error a non-nullable field needs `required` or a default
    const neither = { _id: String, ...fields, title: { type: String } } satisfies Def;
    // @ts-expect-error an enum value outside the type's
    const badEnum = { _id: String, ...fields, kind: { type: String, enum: ['c'], required: true } } satisfies Def;
    // @ts-expect-error a field the type does not have
    const extra = { _id: String, ...fields, other: { type: String, default: '' } } satisfies Def;
    expect([ok, missing, otherType, requiredNull, neither, badEnum, extra, tags]).toHaveLength(8);
  });
});

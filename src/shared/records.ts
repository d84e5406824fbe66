/**
 * Stored records: one declaration per entity. The plain TypeScript type of an entity (e.g.
 * `Series` in src/meetings/types.ts) is the only declaration of its fields; its mongoose schema
 * is written against it (`satisfies RecordDefinition<…>`), so a field missing from the schema,
 * stored under another type, nullable in one and not the other, or with enum values outside the
 * type's is a compile error. Models are typed by the record (`Model<Stored<Series>>`), so lean
 * reads come back typed and repositories turn them into plain objects without casts.
 *
 * @example
 *   type SeriesRecord = Stored<Series>;
 *   const definition = { _id: String, title: { type: String, required: true }, … }
 *     satisfies RecordDefinition<SeriesRecord>;
 *   const schema = new Schema<SeriesRecord>(definition, { timestamps: true, versionKey: false });
 *   const series: Series = fromStored(await SeriesModel.findById(id).lean());
 */
import type { Schema } from 'mongoose';

/** An entity as stored: its id field (`id` unless named) becomes `_id`. */
export type Stored<T, IdField extends keyof T = 'id' & keyof T> = Omit<T, IdField> & { _id: string };

/** The schema type that stores a value of type V (null removed). */
type StoredAs<V> = V extends string
  ? StringConstructor
  : V extends number
    ? NumberConstructor
    : V extends boolean
      ? BooleanConstructor
      : V extends Date
        ? DateConstructor
        : V extends readonly (infer E)[]
          ? readonly [StoredAs<E> | { type: StoredAs<E> }]
          : Schema<V> | typeof Schema.Types.Mixed;

interface FieldOptions<V> {
  type: StoredAs<NonNullable<V>>;
  enum?: readonly NonNullable<V>[];
  index?: boolean;
  unique?: boolean;
}

/**
 * One field: a nullable field has a default (null or a value) and is never `required`; an
 * optional one may have a default; any other is `required` or has a default.
 */
type Field<V> = null extends V
  ? FieldOptions<V> & { default: V | (() => V); required?: never }
  : undefined extends V
    ? FieldOptions<V> & { default?: NonNullable<V> | (() => NonNullable<V>); required?: never }
    : FieldOptions<V> & ({ required: true; default?: never } | { default: V | (() => V); required?: never });

/** Mongoose writes these itself (`timestamps`); they are not in a schema definition. */
type Timestamps = 'createdAt' | 'updatedAt';

/** A schema definition naming every field of the record R (timestamps aside), each typed as R says. */
export type RecordDefinition<R extends { _id: string }> = { _id: StringConstructor } & {
  [K in Exclude<keyof R, Timestamps | '_id'>]-?: Field<R[K]>;
};

/**
 * A stored record (a lean read or `toObject()`) as a plain object: `_id` back to `id`.
 * @example fromStored({ _id: 'ubnd', name: 'UBND huyện' }) // { name: 'UBND huyện', id: 'ubnd' }
 */
export function fromStored<R extends { _id: string }>(doc: R): Omit<R, '_id'> & { id: string } {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}

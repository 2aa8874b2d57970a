import { Type, type Static, type TSchema } from 'typebox';
import { LIMITS } from './limits.ts';

/** A string enum (JSON Schema `enum`) from an `as const` list (contracts/enums.ts); `Static<>` is the literal union. */
export function StringEnum<const T extends string[]>(values: readonly [...T], options: { description?: string } = {}) {
  return Type.Enum(values, options);
}

export const IdSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z-]+$' });
export const DateSchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const IdParamsSchema = Type.Object({ id: IdSchema }, { additionalProperties: false });
export type IdParams = Static<typeof IdParamsSchema>;

export const PageQueryFields = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax, default: LIMITS.pageSizeDefault })),
};

export function PageSchema<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    /** false when `total` is a floor (the list counts up to a cap, e.g. "10,000+") */
    totalIsExact: Type.Optional(Type.Boolean()),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}
export type Page<T> = { items: T[]; total: number; totalIsExact?: boolean; page: number; pageSize: number };

export const OkSchema = Type.Object({ ok: Type.Boolean() });

export const ErrorBodySchema = Type.Object({
  code: Type.String(),
  message: Type.String(),
  fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});

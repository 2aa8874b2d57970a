import { Type, type Static } from 'typebox';
import { FRONT_LINE_KINDS, GENDERS, KINSHIP_RELATIONS, PERSON_SORT_FIELDS, RANK_LEVELS, REVEAL_FIELDS, SORT_ORDERS } from './enums.ts';
import { DateSchema, IdSchema, PageQueryFields, StringEnum } from './common.ts';
import { LIMITS } from './limits.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const PersonListItemSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: StringEnum(GENDERS),
  birthDate: Type.String(),
  age: Type.Integer(),
  orgUnitId: Type.String(),
  orgName: Type.String(),
  isPartyMember: Type.Boolean(),
  isCadre: Type.Boolean(),
  rankLevel: Nullable(StringEnum(RANK_LEVELS)),
  currentTitles: Type.Array(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
});
export type PersonListItem = Static<typeof PersonListItemSchema>;

export const ListPeopleQuerySchema = Type.Object(
  {
    ...PageQueryFields,
    q: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.searchMax, description: 'name, pinyin or pinyin initials ("zs" finds 张三)' })),
    orgUnitId: Type.Optional(IdSchema),
    rankLevel: Type.Optional(StringEnum(RANK_LEVELS)),
    gender: Type.Optional(StringEnum(GENDERS)),
    isCadre: Type.Optional(Type.Boolean()),
    isPartyMember: Type.Optional(Type.Boolean()),
    sort: Type.Optional(StringEnum(PERSON_SORT_FIELDS)),
    order: Type.Optional(StringEnum(SORT_ORDERS)),
  },
  { additionalProperties: false },
);
export type ListPeopleQuery = Static<typeof ListPeopleQuerySchema>;

export const PostSchema = Type.Object({
  id: Type.String(),
  orgUnitId: Type.String(),
  orgName: Type.String(),
  title: Type.String(),
  rankLevel: Nullable(StringEnum(RANK_LEVELS)),
  isLeadership: Type.Boolean(),
  isPrincipal: Type.Boolean(),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
});
export type Post = Static<typeof PostSchema>;

export const KinshipSchema = Type.Object({
  id: Type.String(),
  relativePersonId: Type.String(),
  relativeName: Type.String(),
  relation: StringEnum(KINSHIP_RELATIONS),
  relationCode: Nullable(Type.String()),
  /** the relative's current posts, if visible in the caller's scope */
  relativeTitles: Type.Array(Type.String()),
});
export type Kinship = Static<typeof KinshipSchema>;

export const FrontLineSchema = Type.Object({
  id: Type.String(),
  kind: StringEnum(FRONT_LINE_KINDS),
  description: Type.String(),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
});
export type FrontLine = Static<typeof FrontLineSchema>;

export const CadreInfoSchema = Type.Object({
  rankLevel: StringEnum(RANK_LEVELS),
  managementAuthorityOrgId: Type.String(),
  managementAuthorityName: Type.String(),
  workStartDate: Nullable(Type.String()),
  educationCode: Type.String(),
  degreeCode: Nullable(Type.String()),
  specialty: Nullable(Type.String()),
  isSectionLevel: Type.Boolean(),
  isYoung: Type.Boolean(),
});
export type CadreInfo = Static<typeof CadreInfoSchema>;

export const PersonDossierSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  gender: StringEnum(GENDERS),
  birthDate: Type.String(),
  age: Type.Integer(),
  ethnicityCode: Type.String(),
  idNumberMasked: Nullable(Type.String()),
  phoneMasked: Nullable(Type.String()),
  hometownOrgUnitId: Nullable(Type.String()),
  hometownName: Nullable(Type.String()),
  isPartyMember: Type.Boolean(),
  partyJoinDate: Nullable(Type.String()),
  partyOrgId: Nullable(Type.String()),
  partyOrgName: Nullable(Type.String()),
  orgUnitId: Type.String(),
  orgName: Type.String(),
  orgAncestors: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  cadre: Nullable(CadreInfoSchema),
  posts: Type.Array(PostSchema),
  kinship: Type.Array(KinshipSchema),
  frontLine: Type.Array(FrontLineSchema),
  updatedAt: Type.String(),
});
export type PersonDossier = Static<typeof PersonDossierSchema>;

export const CreatePersonRequestSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: LIMITS.nameMax }),
    gender: StringEnum(GENDERS),
    birthDate: DateSchema,
    ethnicityCode: Type.String({ minLength: 2, maxLength: 2 }),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    orgUnitId: IdSchema,
    hometownOrgUnitId: Type.Optional(IdSchema),
    isPartyMember: Type.Boolean(),
    partyJoinDate: Type.Optional(DateSchema),
    partyOrgId: Type.Optional(IdSchema),
    cadre: Type.Optional(
      Type.Object(
        {
          rankLevel: StringEnum(RANK_LEVELS),
          managementAuthorityOrgId: IdSchema,
          workStartDate: Type.Optional(DateSchema),
          educationCode: Type.String({ minLength: 1, maxLength: 4 }),
          degreeCode: Type.Optional(Type.String({ minLength: 1, maxLength: 4 })),
          specialty: Type.Optional(Type.String({ maxLength: 100 })),
          isSectionLevel: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreatePersonRequest = Static<typeof CreatePersonRequestSchema>;

export const UpdatePersonRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.nameMax })),
    gender: Type.Optional(StringEnum(GENDERS)),
    birthDate: Type.Optional(DateSchema),
    ethnicityCode: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    hometownOrgUnitId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    isPartyMember: Type.Optional(Type.Boolean()),
    partyJoinDate: Type.Optional(Type.Union([DateSchema, Type.Null()])),
    /** 调动: moves the person's unit; must be inside the caller's scope */
    orgUnitId: Type.Optional(IdSchema),
  },
  { additionalProperties: false },
);
export type UpdatePersonRequest = Static<typeof UpdatePersonRequestSchema>;

export const CreatePostRequestSchema = Type.Object(
  {
    orgUnitId: IdSchema,
    title: Type.String({ minLength: 1, maxLength: LIMITS.titleMax }),
    rankLevel: Type.Optional(StringEnum(RANK_LEVELS)),
    isLeadership: Type.Boolean(),
    isPrincipal: Type.Boolean(),
    startDate: DateSchema,
  },
  { additionalProperties: false },
);
export type CreatePostRequest = Static<typeof CreatePostRequestSchema>;

export const EndPostRequestSchema = Type.Object({ endDate: DateSchema }, { additionalProperties: false });
export type EndPostRequest = Static<typeof EndPostRequestSchema>;
export const PostParamsSchema = Type.Object({ id: IdSchema, postId: IdSchema }, { additionalProperties: false });
export type PostParams = Static<typeof PostParamsSchema>;

export const CreateKinshipRequestSchema = Type.Object(
  { relativePersonId: IdSchema, relation: StringEnum(KINSHIP_RELATIONS), relationCode: Type.Optional(Type.String({ minLength: 1, maxLength: 4 })) },
  { additionalProperties: false },
);
export type CreateKinshipRequest = Static<typeof CreateKinshipRequestSchema>;

export const RevealRequestSchema = Type.Object(
  { field: StringEnum(REVEAL_FIELDS), reason: Type.String({ minLength: LIMITS.reasonMin, maxLength: LIMITS.reasonMax }) },
  { additionalProperties: false },
);
export type RevealRequest = Static<typeof RevealRequestSchema>;
export const RevealResponseSchema = Type.Object({ field: StringEnum(REVEAL_FIELDS), value: Nullable(Type.String()) });
export type RevealResponse = Static<typeof RevealResponseSchema>;

export const CodeItemSchema = Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });
export type CodeItem = Static<typeof CodeItemSchema>;

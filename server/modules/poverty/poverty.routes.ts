/**
 * M3 routes (1+(3+X) teams and poor households).
 *
 * - GET  /api/poverty/settings | PUT (county grassroots section)      notice days, visit frequency [CFG]
 * - GET  /api/poverty/member-types                                     the configurable member-type list
 * - GET  /api/poverty/people?q=                                        candidates for members / heads (poverty.write scope)
 * - GET  /api/poverty/teams | POST                                     list, form (DRAFT)
 * - GET  /api/poverty/teams/:id?month=                                 members by slot, households, reminders
 * - POST /api/poverty/teams/:id/members                                add a member
 * - POST /api/poverty/teams/:id/members/:memberId/end                  end (with a replacement in an ACTIVE team)
 * - POST /api/poverty/teams/:id/activate | /dissolve
 * - GET  /api/poverty/households | POST                                list (server paging/sort/filter), identify
 * - GET  /api/poverty/households/:id                                   the file (a ledger event per read)
 * - POST /api/poverty/households/:id/transitions/:transition           assign, proposeExit, publicize, approveExit, returnToPoverty, reassist
 * - POST /api/poverty/households/:id/objections | /objections/:objectionId/resolve
 * - PUT  /api/poverty/households/:id/plans/:year
 * - POST /api/poverty/households/:id/visits                            log a visit
 * - POST /api/poverty/visits/:id/photos                                multipart `file`, JPEG/PNG ≤ 5 MB
 * - GET  /api/poverty/photos/:id                                       the image, authorised readers only
 * - GET  /api/poverty/reminders?month=&teamId=&orgUnitId=              households without a visit in the period
 * - GET  /api/poverty/report?orgUnitId=                                live figures
 * - GET  /api/poverty/export/:kind                                     .xlsx of teams, households or visits
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import {
  AddMemberSchema,
  CreateHouseholdSchema,
  CreateObjectionSchema,
  CreateTeamSchema,
  CreateVisitSchema,
  EndMemberSchema,
  ExportParamsSchema,
  HouseholdDetailSchema,
  HouseholdSummarySchema,
  ListHouseholdsQuerySchema,
  ListTeamsQuerySchema,
  MemberParamsSchema,
  MemberTypeSchema,
  ObjectionParamsSchema,
  PersonOptionSchema,
  PHOTO_MAX_BYTES,
  PovertyReportSchema,
  PovertySettingsSchema,
  PutPlanSchema,
  RemindersQuerySchema,
  RemindersSchema,
  ReportQuerySchema,
  ResolveObjectionSchema,
  TeamDetailSchema,
  TeamSummarySchema,
  TransitionParamsSchema,
  TransitionSchema,
  VisitSchema,
} from '../../../contracts/poverty.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, badRequest } from '../../platform/errors.ts';
import { sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { checkPhoto, loadPhoto, photoTooLarge, storePhoto } from './poverty.photos.ts';
import { exportXlsx, report } from './poverty.reports.ts';
import * as svc from './poverty.service.ts';
import { exportHouseholdsListXlsx, exportTeamsListXlsx } from './poverty.list-export.ts';

const noPhoto = () => badRequest({ zh: '请以 multipart/form-data 方式上传一张照片（字段名 file）', en: 'Upload one photo as multipart/form-data (field "file")' });

async function receivePhoto(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw noPhoto();
  try {
    const part = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 256 } });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw noPhoto();
    }
    const buffer = await part.toBuffer();
    if (part.file.truncated) throw photoTooLarge();
    if (buffer.length === 0) throw noPhoto();
    return buffer;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw photoTooLarge();
    throw noPhoto();
  }
}

export async function povertyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Registered inside this plugin only (encapsulated): photo uploads are the only multipart bodies here.
  await app.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 2, parts: 3 }, throwFileSizeLimit: true });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['poverty'];
  const ctx = (request: FastifyRequest) => ({ ...deps, actor: requireActor(request) });
  const read = { policy: policy.permission('poverty.read') };
  const write = { policy: policy.permission('poverty.write') };
  const visit = { policy: policy.permission('poverty.visit') };

  r.get('/api/poverty/settings', { schema: { tags, response: { 200: PovertySettingsSchema } }, config: read }, async (q) => svc.getSettings(ctx(q)));
  r.put('/api/poverty/settings', { schema: { tags, body: PovertySettingsSchema, response: { 200: PovertySettingsSchema } }, config: write }, async (q) => svc.putSettings(ctx(q), q.body));
  r.get('/api/poverty/member-types', { schema: { tags, response: { 200: Type.Array(MemberTypeSchema) } }, config: read }, async (q) => svc.listMemberTypes(ctx(q)));
  r.get(
    '/api/poverty/people',
    { schema: { tags, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }), response: { 200: Type.Array(PersonOptionSchema) } }, config: write },
    async (q) => svc.searchPeople(ctx(q), q.query.q),
  );

  r.get('/api/poverty/teams/export.xlsx', { schema: { tags, querystring: ListTeamsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (q, reply) => {
    const out = await exportTeamsListXlsx(ctx(q), q.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/poverty/teams', { schema: { tags, querystring: ListTeamsQuerySchema, response: { 200: PageSchema(TeamSummarySchema) } }, config: read }, async (q) => svc.listTeams(ctx(q), q.query));
  r.post('/api/poverty/teams', { schema: { tags, body: CreateTeamSchema, response: { 200: TeamDetailSchema } }, config: write }, async (q) => svc.createTeam(ctx(q), q.body));
  r.get(
    '/api/poverty/teams/:id',
    { schema: { tags, params: IdParamsSchema, querystring: Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}$' })) }, { additionalProperties: false }), response: { 200: TeamDetailSchema } }, config: read },
    async (q) => svc.getTeam(ctx(q), q.params.id, q.query.month),
  );
  r.post('/api/poverty/teams/:id/members', { schema: { tags, params: IdParamsSchema, body: AddMemberSchema, response: { 200: TeamDetailSchema } }, config: write }, async (q) => svc.addMember(ctx(q), q.params.id, q.body));
  r.post(
    '/api/poverty/teams/:id/members/:memberId/end',
    { schema: { tags, params: MemberParamsSchema, body: EndMemberSchema, response: { 200: TeamDetailSchema } }, config: write },
    async (q) => svc.endMember(ctx(q), q.params.id, q.params.memberId, q.body),
  );
  r.post('/api/poverty/teams/:id/activate', { schema: { tags, params: IdParamsSchema, response: { 200: TeamDetailSchema } }, config: write }, async (q) => svc.activateTeam(ctx(q), q.params.id));
  r.post('/api/poverty/teams/:id/dissolve', { schema: { tags, params: IdParamsSchema, response: { 200: TeamDetailSchema } }, config: write }, async (q) => svc.dissolveTeam(ctx(q), q.params.id));

  r.get('/api/poverty/households/export.xlsx', { schema: { tags, querystring: ListHouseholdsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (q, reply) => {
    const out = await exportHouseholdsListXlsx(ctx(q), q.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/poverty/households', { schema: { tags, querystring: ListHouseholdsQuerySchema, response: { 200: PageSchema(HouseholdSummarySchema) } }, config: read }, async (q) => svc.listHouseholds(ctx(q), q.query));
  r.post('/api/poverty/households', { schema: { tags, body: CreateHouseholdSchema, response: { 200: HouseholdDetailSchema } }, config: write }, async (q) => svc.createHousehold(ctx(q), q.body));
  r.get('/api/poverty/households/:id', { schema: { tags, params: IdParamsSchema, response: { 200: HouseholdDetailSchema } }, config: read }, async (q) => svc.getHousehold(ctx(q), q.params.id));
  // The team leader proposes with poverty.visit, village and town act with poverty.write: the service checks the party.
  r.post(
    '/api/poverty/households/:id/transitions/:transition',
    { schema: { tags, params: TransitionParamsSchema, body: TransitionSchema, response: { 200: HouseholdDetailSchema } }, config: read },
    async (q) => svc.transition(ctx(q), q.params.id, q.params.transition, q.body),
  );
  r.post('/api/poverty/households/:id/objections', { schema: { tags, params: IdParamsSchema, body: CreateObjectionSchema, response: { 200: HouseholdDetailSchema } }, config: write }, async (q) =>
    svc.createObjection(ctx(q), q.params.id, q.body),
  );
  r.post(
    '/api/poverty/households/:id/objections/:objectionId/resolve',
    { schema: { tags, params: ObjectionParamsSchema, body: ResolveObjectionSchema, response: { 200: HouseholdDetailSchema } }, config: write },
    async (q) => svc.resolveObjection(ctx(q), q.params.id, q.params.objectionId, q.body),
  );
  // Team members (poverty.visit) and village or town cadres (poverty.write) edit plans: the service checks which.
  r.put(
    '/api/poverty/households/:id/plans/:year',
    { schema: { tags, params: Type.Object({ id: IdParamsSchema.properties.id, year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), body: PutPlanSchema, response: { 200: HouseholdDetailSchema } }, config: read },
    async (q) => svc.putPlan(ctx(q), q.params.id, q.params.year, q.body),
  );
  r.post('/api/poverty/households/:id/visits', { schema: { tags, params: IdParamsSchema, body: CreateVisitSchema, response: { 200: VisitSchema } }, config: visit }, async (q) => svc.createVisit(ctx(q), q.params.id, q.body));
  r.post(
    '/api/poverty/visits/:id/photos',
    { schema: { tags, params: IdParamsSchema, consumes: ['multipart/form-data'], response: { 200: VisitSchema } }, config: { ...visit, rateLimit: { max: 60, timeWindow: 60_000 } } },
    async (q) => {
      const buffer = await receivePhoto(q);
      const photo = checkPhoto(buffer);
      return svc.attachPhoto(ctx(q), q.params.id, photo, () => storePhoto(deps.config.dataDir, photo.sha256, buffer));
    },
  );
  r.get('/api/poverty/photos/:id', { schema: { tags, params: IdParamsSchema }, config: read }, async (q, reply) => {
    const photo = await svc.readPhoto(ctx(q), q.params.id);
    const buffer = await loadPhoto(deps.config.dataDir, photo.sha256);
    return reply.header('content-type', photo.mime).header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').header('content-security-policy', "default-src 'none'").send(buffer);
  });

  r.get('/api/poverty/reminders', { schema: { tags, querystring: RemindersQuerySchema, response: { 200: RemindersSchema } }, config: read }, async (q) => svc.reminders(ctx(q), q.query));
  r.get('/api/poverty/report', { schema: { tags, querystring: ReportQuerySchema, response: { 200: PovertyReportSchema } }, config: read }, async (q) => report(ctx(q), q.query));
  r.get('/api/poverty/export/:kind', { schema: { tags, params: ExportParamsSchema, querystring: ReportQuerySchema }, config: read }, async (q, reply) => {
    const out = await exportXlsx(ctx(q), q.params.kind, q.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
}

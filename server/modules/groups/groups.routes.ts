/**
 * M2 service-group routes (四级微信群).
 *
 * - GET  /api/groups/levels | PUT /api/groups/levels/:level      the [INF] level → unit-type mapping (county managers edit)
 * - GET  /api/groups?level=&status=&orgUnitId=&q=                list (server paging), o2o.read subtrees
 * - POST /api/groups                                             create (o2o.groups)
 * - GET  /api/groups/people?q=                                   owner / admin / member-link candidates (o2o.groups)
 * - GET  /api/groups/coverage?orgUnitId= | /coverage/export      live coverage; .xlsx (a ledger event)
 * - GET  /api/groups/:id                                         owner, admins, counts
 * - GET  /api/groups/:id/members                                 members, masked (key prefix, masked name)
 * - POST /api/groups/:id/archive                                 ACTIVE → ARCHIVED
 * - PUT  /api/groups/:id/staff                                   owner (群主) and admins
 * - POST /api/groups/:id/members | /members/:memberId/remove     add by WeChat id (hashed on arrival), remove (left_at)
 * - POST /api/groups/:id/members/import                          multipart `file` .xlsx (微信号 | 是否党员 | 入群日期)
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PageSchema } from '../../../contracts/common.ts';
import {
  AddMemberSchema,
  CoverageQuerySchema,
  CoverageReportSchema,
  CreateGroupSchema,
  GroupDetailSchema,
  GroupLevelConfigSchema,
  GroupMemberSchema,
  GroupSummarySchema,
  ImportMembersResultSchema,
  LevelParamsSchema,
  ListGroupsQuerySchema,
  ListMembersQuerySchema,
  MemberParamsSchema,
  PersonOptionSchema,
  PutGroupLevelSchema,
  PutGroupStaffSchema,
} from '../../../contracts/groups.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { coverage, exportCoverage } from './groups.reports.ts';
import * as svc from './groups.service.ts';
import { exportGroupsXlsx } from './groups.list-export.ts';
import { receiveXlsxUpload } from '../../platform/excel/xlsx-upload.ts';

const MAX_UPLOAD = 2 * 1024 * 1024;

const receiveXlsx = (request: FastifyRequest) => receiveXlsxUpload(request, { maxBytes: MAX_UPLOAD, defaultName: 'members.xlsx' });

export async function groupsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  // Registered inside this plugin only (encapsulated): the member import is the only multipart body here.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD, files: 1, fields: 2, parts: 3 }, throwFileSizeLimit: true });
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['groups'];
  const ctx = (request: FastifyRequest) => ({ ...deps, actor: requireActor(request) });
  const read = { policy: policy.permission('o2o.read') };
  const manage = { policy: policy.permission('o2o.groups') };

  r.get('/api/groups/levels', { schema: { tags, response: { 200: Type.Array(GroupLevelConfigSchema) } }, config: read }, async (q) => svc.listLevels(ctx(q)));
  r.put('/api/groups/levels/:level', { schema: { tags, params: LevelParamsSchema, body: PutGroupLevelSchema, response: { 200: GroupLevelConfigSchema } }, config: manage }, async (q) => svc.putLevel(ctx(q), q.params.level, q.body));
  r.get('/api/groups/export.xlsx', { schema: { tags, querystring: ListGroupsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } }, async (q, reply) => {
    const out = await exportGroupsXlsx(ctx(q), q.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/groups', { schema: { tags, querystring: ListGroupsQuerySchema, response: { 200: PageSchema(GroupSummarySchema) } }, config: read }, async (q) => svc.listGroups(ctx(q), q.query));
  r.post('/api/groups', { schema: { tags, body: CreateGroupSchema, response: { 200: GroupDetailSchema } }, config: manage }, async (q) => svc.createGroup(ctx(q), q.body));
  r.get(
    '/api/groups/people',
    { schema: { tags, querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 50 })) }, { additionalProperties: false }), response: { 200: Type.Array(PersonOptionSchema) } }, config: manage },
    async (q) => svc.searchPeople(ctx(q), q.query.q),
  );
  r.get('/api/groups/coverage', { schema: { tags, querystring: CoverageQuerySchema, response: { 200: CoverageReportSchema } }, config: read }, async (q) => coverage(ctx(q), q.query));
  r.get('/api/groups/coverage/export', { schema: { tags, querystring: CoverageQuerySchema }, config: read }, async (q, reply) => {
    const out = await exportCoverage(ctx(q), q.query);
    return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
  });
  r.get('/api/groups/:id', { schema: { tags, params: IdParamsSchema, response: { 200: GroupDetailSchema } }, config: read }, async (q) => svc.getGroup(ctx(q), q.params.id));
  r.get('/api/groups/:id/members', { schema: { tags, params: IdParamsSchema, querystring: ListMembersQuerySchema, response: { 200: PageSchema(GroupMemberSchema) } }, config: read }, async (q) =>
    svc.listMembers(ctx(q), q.params.id, q.query),
  );
  r.post('/api/groups/:id/archive', { schema: { tags, params: IdParamsSchema, response: { 200: GroupDetailSchema } }, config: manage }, async (q) => svc.archiveGroup(ctx(q), q.params.id));
  r.put('/api/groups/:id/staff', { schema: { tags, params: IdParamsSchema, body: PutGroupStaffSchema, response: { 200: GroupDetailSchema } }, config: manage }, async (q) => svc.putStaff(ctx(q), q.params.id, q.body));
  r.post('/api/groups/:id/members', { schema: { tags, params: IdParamsSchema, body: AddMemberSchema, response: { 200: GroupMemberSchema } }, config: manage }, async (q) => svc.addMember(ctx(q), q.params.id, q.body));
  r.post('/api/groups/:id/members/:memberId/remove', { schema: { tags, params: MemberParamsSchema, response: { 200: GroupMemberSchema } }, config: manage }, async (q) =>
    svc.removeMember(ctx(q), q.params.id, q.params.memberId),
  );
  r.post(
    '/api/groups/:id/members/import',
    { schema: { tags, params: IdParamsSchema, consumes: ['multipart/form-data'], response: { 200: ImportMembersResultSchema } }, config: { ...manage, rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (q) => svc.importMembers(ctx(q), q.params.id, await receiveXlsx(q)),
  );
}

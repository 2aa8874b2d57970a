import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, IdSchema, OkSchema, PageSchema } from '../../../contracts/common.ts';
import { CreateUserRequestSchema, ExportUsersQuerySchema, GrantRoleRequestSchema, ListUsersQuerySchema, SetDisabledRequestSchema, UserSchema } from '../../../contracts/users.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { chinaDateText, sendXlsx } from '../../platform/export-file.ts';
import { policy } from '../../platform/policy.ts';
import * as users from './users.service.ts';

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['users'];
  const config = { policy: policy.permission('users.manage') };
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });

  r.get('/api/users', { schema: { tags, querystring: ListUsersQuerySchema, response: { 200: PageSchema(UserSchema) } }, config }, async (request) => users.listUsers(ctx(request), request.query));
  r.get(
    '/api/users/export.xlsx',
    { schema: { tags, querystring: ExportUsersQuerySchema }, config: { ...config, rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const c = ctx(request);
      const out = await users.exportUsersXlsx(c, request.query);
      request.log.info({ event: 'users_exported', user: c.actor.userId, rows: out.rowCount }, 'user list exported');
      return sendXlsx(reply, out.fileName, `users-${chinaDateText(deps.clock.now())}.xlsx`, out.buffer);
    },
  );
  r.post('/api/users', { schema: { tags, body: CreateUserRequestSchema, response: { 200: UserSchema } }, config }, async (request) => {
    const c = ctx(request);
    return users.createUser(c, c.actor, request.body);
  });
  r.post('/api/users/:id/grants', { schema: { tags, params: IdParamsSchema, body: GrantRoleRequestSchema, response: { 200: UserSchema } }, config }, async (request) =>
    users.grantRole(ctx(request), request.params.id, request.body),
  );
  r.post(
    '/api/users/:id/grants/:grantId/revoke',
    { schema: { tags, params: Type.Object({ id: IdSchema, grantId: IdSchema }, { additionalProperties: false }), response: { 200: UserSchema } }, config },
    async (request) => users.revokeGrant(ctx(request), request.params.id, request.params.grantId),
  );
  r.post('/api/users/:id/disabled', { schema: { tags, params: IdParamsSchema, body: SetDisabledRequestSchema, response: { 200: UserSchema } }, config }, async (request) =>
    users.setDisabled(ctx(request), request.params.id, request.body.disabled),
  );
  r.post('/api/users/:id/sessions/revoke', { schema: { tags, params: IdParamsSchema, response: { 200: OkSchema } }, config }, async (request) => {
    await users.revokeSessions(ctx(request), request.params.id);
    return { ok: true };
  });
}

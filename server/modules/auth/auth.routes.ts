import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChangePasswordRequestSchema, LocaleRequestSchema, LoginRequestSchema, MeSchema, ReauthRequestSchema } from '../../../contracts/auth.ts';
import { OkSchema } from '../../../contracts/common.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { clearSessionCookie, requireActor, sessionToken, setSessionCookie } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as auth from './auth.service.ts';
import { personalWordsFor } from './personal-words.ts';

export async function authRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config } = deps;

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: LoginRequestSchema, response: { 200: MeSchema } },
      config: {
        policy: policy.public('logging in'),
        rateLimit: { max: config.loginPerIpPerMinute, timeWindow: 60_000 },
      },
    },
    async (request, reply) => {
      const { token, userId } = await auth.login(deps, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        previousToken: sessionToken(request, config),
      });
      request.log.info({ event: 'login_ok', user: userId }, 'login');
      setSessionCookie(reply, config, token);
      return auth.presentMe(deps, await auth.authenticate(deps, token));
    },
  );

  r.post('/api/auth/logout', { schema: { tags: ['auth'], response: { 200: OkSchema } }, config: { policy: policy.public('logging out ends whatever session is presented') } }, async (request, reply) => {
    const token = sessionToken(request, config);
    if (token) await auth.logout(deps, token);
    clearSessionCookie(reply, config);
    return { ok: true };
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: MeSchema } }, config: { policy: policy.authenticated() } }, async (request) => {
    return auth.presentMe(deps, requireActor(request));
  });

  r.post('/api/auth/reauth', { schema: { tags: ['auth'], body: ReauthRequestSchema, response: { 200: MeSchema } }, config: { policy: policy.authenticated(), rateLimit: { max: config.loginPerIpPerMinute, timeWindow: 60_000 } } }, async (request) => {
    const actor = await auth.reauthenticate(deps, requireActor(request), request.body.password);
    return auth.presentMe(deps, actor);
  });

  r.post('/api/auth/password', { schema: { tags: ['auth'], body: ChangePasswordRequestSchema, response: { 200: OkSchema } }, config: { policy: policy.authenticated() } }, async (request) => {
    const actor = requireActor(request);
    await auth.changePassword(deps, actor, request.body.currentPassword, request.body.newPassword, await personalWordsFor(deps, actor));
    return { ok: true };
  });

  r.put('/api/auth/locale', { schema: { tags: ['auth'], body: LocaleRequestSchema, response: { 200: OkSchema } }, config: { policy: policy.authenticated() } }, async (request) => {
    await auth.setLocale(deps, requireActor(request), request.body.locale);
    return { ok: true };
  });
}

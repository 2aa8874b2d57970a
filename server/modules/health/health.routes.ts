import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppDeps } from '../../platform/deps.ts';
import { policy } from '../../platform/policy.ts';

export async function healthRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get(
    '/api/health',
    {
      schema: { tags: ['health'], response: { 200: Type.Object({ ok: Type.Boolean(), surface: Type.String() }) } },
      config: { policy: policy.public('load-balancer health check; reveals nothing') },
    },
    async () => {
      await sql`select 1`.execute(deps.db);
      return { ok: true, surface: deps.config.surface };
    },
  );
}

import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../platform/deps.ts';

export async function userRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  void app;
  void deps;
}

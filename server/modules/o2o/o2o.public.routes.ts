/**
 * Citizen (public, no login) routes, served on every surface including BELLWETHER_SURFACE=public. Rate-limited per
 * IP; nothing personal in any URL (code and check code travel in POST bodies).
 *
 * - GET  /api/public/o2o/options      categories, towns and villages for the form
 * - POST /api/public/o2o/matters      submit (≤ 3 photos, JPEG/PNG, ≤ 5 MB each) → code, check code, expected date
 * - POST /api/public/o2o/track        {code, checkCode} → status, public timeline, reply
 * - POST /api/public/o2o/rate         {code, checkCode, satisfaction, comment?}
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PublicMatterSchema, PublicOptionsSchema, PublicRateRequestSchema, PublicSubmitSchema, PublicTrackRequestSchema, SubmittedMatterSchema } from '../../../contracts/o2o.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { policy } from '../../platform/policy.ts';
import { getPublicOptions, rateMatter, trackMatter } from './o2o.public.ts';
import { submitMatter } from './o2o.service.ts';
import { open311Routes } from './open311.routes.ts';

// 3 photos × 5 MB as base64 (4/3) plus the text fields
const SUBMIT_BODY_LIMIT = 21 * 1024 * 1024;

export async function o2oPublicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['o2o-public'];

  r.get('/api/public/o2o/options', { schema: { tags, response: { 200: PublicOptionsSchema } }, config: { policy: policy.public('citizen matter form: categories and villages'), rateLimit: { max: 60, timeWindow: 60_000 } } }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return getPublicOptions(deps);
  });

  r.post(
    '/api/public/o2o/matters',
    { bodyLimit: SUBMIT_BODY_LIMIT, schema: { tags, body: PublicSubmitSchema, response: { 200: SubmittedMatterSchema } }, config: { policy: policy.public('citizen matter intake (H5 form, no login)'), rateLimit: { max: 5, timeWindow: 60_000 } } },
    async (request) => {
      const b = request.body;
      const res = await submitMatter(deps, {
        channel: 'H5_FORM',
        category: b.category,
        description: b.description,
        locationOrgUnitId: b.locationOrgUnitId,
        namesCadre: b.namesCadre,
        anonymous: b.anonymous,
        requesterName: b.anonymous ? undefined : b.name,
        requesterPhone: b.phone,
        photos: b.photos,
        by: { kind: 'citizen' },
      });
      // A routed report is not handled in the O2O flow: the requester sees "received" and no O2O deadline.
      return { code: res.code, checkCode: res.checkCode, expectedDate: res.status === 'ROUTED_DISCIPLINE' ? '' : res.expectedDate, status: res.status === 'ROUTED_DISCIPLINE' ? 'SUBMITTED' : res.status };
    },
  );

  r.post('/api/public/o2o/track', { schema: { tags, body: PublicTrackRequestSchema, response: { 200: PublicMatterSchema } }, config: { policy: policy.public('citizen follows a matter by code and check code'), rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request) =>
    trackMatter(deps, request.body),
  );

  r.post('/api/public/o2o/rate', { schema: { tags, body: PublicRateRequestSchema, response: { 200: PublicMatterSchema } }, config: { policy: policy.public('citizen rates the reply'), rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request) =>
    rateMatter(deps, request.body),
  );

  await app.register(async (scope) => open311Routes(scope, deps));
}

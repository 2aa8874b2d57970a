import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CODE_CATALOGS } from '../../../contracts/enums.ts';
import { IdParamsSchema, PageSchema, StringEnum } from '../../../contracts/common.ts';
import {
  CodeItemSchema,
  CreateKinshipRequestSchema,
  CreatePersonRequestSchema,
  CreatePostRequestSchema,
  EndPostRequestSchema,
  ListPeopleQuerySchema,
  PersonDossierSchema,
  PersonListItemSchema,
  PostParamsSchema,
  RevealRequestSchema,
  RevealResponseSchema,
  UpdatePersonRequestSchema,
} from '../../../contracts/people.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import * as people from './people.service.ts';

export async function peopleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['people'];
  const ctx = (request: Parameters<typeof requireActor>[0]) => ({ ...deps, actor: requireActor(request) });

  r.get('/api/people', { schema: { tags, querystring: ListPeopleQuerySchema, response: { 200: PageSchema(PersonListItemSchema) } }, config: { policy: policy.permission('people.read') } }, async (request) =>
    people.listPeople(ctx(request), request.query),
  );

  // Registered before /api/people/:id so "self" is never taken for an id.
  r.get('/api/people/self', { schema: { tags, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('self.read') } }, async (request) => people.getSelfDossier(ctx(request)));

  r.get('/api/people/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.read') } }, async (request) =>
    people.getDossier(ctx(request), request.params.id),
  );

  r.post('/api/people', { schema: { tags, body: CreatePersonRequestSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.write') } }, async (request) =>
    people.createPerson(ctx(request), request.body),
  );

  r.patch('/api/people/:id', { schema: { tags, params: IdParamsSchema, body: UpdatePersonRequestSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.write') } }, async (request) =>
    people.updatePerson(ctx(request), request.params.id, request.body),
  );

  r.post('/api/people/:id/posts', { schema: { tags, params: IdParamsSchema, body: CreatePostRequestSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.write') } }, async (request) =>
    people.addPost(ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/people/:id/posts/:postId/end',
    { schema: { tags, params: PostParamsSchema, body: EndPostRequestSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.write') } },
    async (request) => people.endPost(ctx(request), request.params.id, request.params.postId, request.body.endDate),
  );

  r.post('/api/people/:id/kinship', { schema: { tags, params: IdParamsSchema, body: CreateKinshipRequestSchema, response: { 200: PersonDossierSchema } }, config: { policy: policy.permission('people.write') } }, async (request) =>
    people.addKinship(ctx(request), request.params.id, request.body),
  );

  r.post(
    '/api/people/:id/reveal',
    {
      schema: { tags, params: IdParamsSchema, body: RevealRequestSchema, response: { 200: RevealResponseSchema } },
      config: { policy: policy.permission('people.reveal'), rateLimit: { max: 30, timeWindow: 60_000 } },
    },
    async (request) => people.revealField(ctx(request), request.params.id, request.body),
  );

  r.get(
    '/api/codes/:catalog',
    { schema: { tags: ['codes'], params: Type.Object({ catalog: StringEnum(CODE_CATALOGS) }, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(CodeItemSchema) }) } }, config: { policy: policy.permission('codes.read') } },
    async (request) => ({ items: await people.listCodeItems(ctx(request), request.params.catalog) }),
  );
}

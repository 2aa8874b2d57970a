/**
 * /api/org-units and /api/party-orgs (SPEC §2.1). The policy point checks the permission; the services decide
 * the data scope (out-of-scope ids answer 404). Writes answer 200 with the resulting object.
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorBodySchema, IdParamsSchema } from '../../../contracts/common.ts';
import {
  AsOfQuerySchema,
  CreateOrgUnitRequestSchema,
  CreatePartyOrgRequestSchema,
  ListOrgUnitsQuerySchema,
  ListPartyOrgsQuerySchema,
  MergeOrgUnitsRequestSchema,
  MoveOrgUnitRequestSchema,
  MovePartyOrgRequestSchema,
  OrgUnitSchema,
  PartyOrgSchema,
  UpdateOrgUnitRequestSchema,
  UpdatePartyOrgRequestSchema,
} from '../../../contracts/org.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { sendXlsx } from '../../platform/export-file.ts';
import { requireActor } from '../../platform/http.ts';
import { policy } from '../../platform/policy.ts';
import { exportOrgUnitsXlsx, exportPartyOrgsXlsx } from './org.export.ts';
import * as org from './org.service.ts';
import * as party from './party-org.service.ts';

const OrgUnitListSchema = Type.Object({ items: Type.Array(OrgUnitSchema) });
const PartyOrgListSchema = Type.Object({ items: Type.Array(PartyOrgSchema) });
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const writeErrors = { ...errors, 409: ErrorBodySchema };

export async function orgRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const read = { policy: policy.permission('org.read') };
  const write = { policy: policy.permission('org.write') };

  r.get(
    '/api/org-units',
    {
      schema: {
        tags: ['org'],
        summary: 'Children, scope roots, search (name / pinyin / initials) or all units of a type, as of a date',
        querystring: ListOrgUnitsQuerySchema,
        response: { 200: OrgUnitListSchema, ...errors },
      },
      config: read,
    },
    async (request) => ({ items: await org.listOrgUnits(deps, requireActor(request), request.query) }),
  );

  r.get(
    '/api/org-units/export.xlsx',
    { schema: { tags: ['org'], summary: 'The list of GET /api/org-units (same query, same scope) as .xlsx; a ledger event', querystring: ListOrgUnitsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const out = await exportOrgUnitsXlsx(deps, requireActor(request), request.query);
      return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
    },
  );

  r.post(
    '/api/org-units/merge',
    { schema: { tags: ['org'], summary: '并村: merge villages or communities into one unit', body: MergeOrgUnitsRequestSchema, response: { 200: OrgUnitSchema, ...writeErrors } }, config: write },
    async (request) => org.mergeOrgUnits(deps, requireActor(request), request.body),
  );

  r.get(
    '/api/org-units/:id',
    { schema: { tags: ['org'], params: IdParamsSchema, querystring: AsOfQuerySchema, response: { 200: OrgUnitSchema, ...errors } }, config: read },
    async (request) => org.getOrgUnit(deps, requireActor(request), request.params.id, request.query.asOf),
  );

  r.post(
    '/api/org-units',
    { schema: { tags: ['org'], body: CreateOrgUnitRequestSchema, response: { 200: OrgUnitSchema, ...writeErrors } }, config: write },
    async (request) => org.createOrgUnit(deps, requireActor(request), request.body),
  );

  r.patch(
    '/api/org-units/:id',
    { schema: { tags: ['org'], params: IdParamsSchema, body: UpdateOrgUnitRequestSchema, response: { 200: OrgUnitSchema, ...writeErrors } }, config: write },
    async (request) => org.updateOrgUnit(deps, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/api/org-units/:id/move',
    { schema: { tags: ['org'], summary: 'Move a unit (and its subtree) under another parent', params: IdParamsSchema, body: MoveOrgUnitRequestSchema, response: { 200: OrgUnitSchema, ...errors } }, config: write },
    async (request) => org.moveOrgUnit(deps, requireActor(request), request.params.id, request.body.parentId),
  );

  r.get(
    '/api/party-orgs',
    {
      schema: { tags: ['org'], summary: 'Party tree: children, scope roots or search, as of a date', querystring: ListPartyOrgsQuerySchema, response: { 200: PartyOrgListSchema, ...errors } },
      config: read,
    },
    async (request) => ({ items: await party.listPartyOrgs(deps, requireActor(request), request.query) }),
  );

  r.get(
    '/api/party-orgs/export.xlsx',
    { schema: { tags: ['org'], summary: 'The list of GET /api/party-orgs (same query, same scope) as .xlsx; a ledger event', querystring: ListPartyOrgsQuerySchema }, config: { ...read, rateLimit: { max: 30, timeWindow: 60_000 } } },
    async (request, reply) => {
      const out = await exportPartyOrgsXlsx(deps, requireActor(request), request.query);
      return sendXlsx(reply, out.fileName, out.asciiName, out.buffer);
    },
  );

  r.get(
    '/api/party-orgs/:id',
    { schema: { tags: ['org'], params: IdParamsSchema, querystring: AsOfQuerySchema, response: { 200: PartyOrgSchema, ...errors } }, config: read },
    async (request) => party.getPartyOrg(deps, requireActor(request), request.params.id, request.query.asOf),
  );

  r.post(
    '/api/party-orgs',
    { schema: { tags: ['org'], body: CreatePartyOrgRequestSchema, response: { 200: PartyOrgSchema, ...errors } }, config: write },
    async (request) => party.createPartyOrg(deps, requireActor(request), request.body),
  );

  r.patch(
    '/api/party-orgs/:id',
    { schema: { tags: ['org'], params: IdParamsSchema, body: UpdatePartyOrgRequestSchema, response: { 200: PartyOrgSchema, ...errors } }, config: write },
    async (request) => party.updatePartyOrg(deps, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/api/party-orgs/:id/move',
    { schema: { tags: ['org'], summary: 'Move a Party organisation (and its subtree) under another one', params: IdParamsSchema, body: MovePartyOrgRequestSchema, response: { 200: PartyOrgSchema, ...errors } }, config: write },
    async (request) => party.movePartyOrg(deps, requireActor(request), request.params.id, request.body.parentId),
  );
}

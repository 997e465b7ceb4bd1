import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { decisionRef, isoDate, unitCode } from '#events/common.js';
import { UnitDissolved, UnitEstablished, UnitRenamed, UnitsMerged } from '#events/units.js';
import type { CommandEnv } from '../../../commands/CommandEnv.js';
import {
  dissolveUnit, establishUnit, mergeUnits, renameUnit, reparentUnit, type RequestMetadata, type UnitHandlerDeps,
} from '../../../commands/unit/index.js';
import { always } from './access.js';
import { commandRoute, type CommandRouteContext } from './commandRoute.js';
import { CodeParams, NoParams } from './params.js';

const ReparentUnitInput = z.object({ parentCode: unitCode, effectiveDate: isoDate, decisionRef: decisionRef.optional() }).strict();

/** The unit handlers (src/commands/unit, shared with `diaban import-units`) take their deps apart. */
function unitDeps(env: CommandEnv): UnitHandlerDeps {
  return { store: env.store, now: () => env.now };
}

function requestMetadata(env: CommandEnv): RequestMetadata {
  return {
    requestId: env.metadata.requestId,
    correlationId: env.metadata.correlationId,
    causationId: env.metadata.causationId,
    ...(env.ifMatch !== undefined ? { ifMatch: env.ifMatch } : {}),
  };
}

/**
 * The administrative map is the country's, not a province's: only administrators change it (the
 * 2025 reform itself comes in through `diaban import-units`).
 */
export function unitRoutes(app: FastifyInstance, context: CommandRouteContext): void {
  const admin = { admin: always };
  commandRoute(app, context, {
    url: '/v1/units',
    tag: 'units',
    summary: 'Establish a unit (a hamlet or residents’ group under a commune too)',
    params: NoParams,
    body: UnitEstablished,
    access: admin,
    handle: async (env, { body }) => ({ id: body.code, result: await establishUnit(unitDeps(env), body, env.actor, requestMetadata(env)) }),
  });
  commandRoute(app, context, {
    url: '/v1/units/:code/rename',
    tag: 'units',
    summary: 'Rename a unit',
    params: CodeParams,
    body: UnitRenamed.omit({ code: true }).strict(),
    access: admin,
    handle: async (env, { params, body }) => ({
      id: params.code,
      result: await renameUnit(unitDeps(env), { code: params.code, ...body }, env.actor, requestMetadata(env)),
    }),
  });
  commandRoute(app, context, {
    url: '/v1/units/:code/reparent',
    tag: 'units',
    summary: 'Move a unit under another parent',
    params: CodeParams,
    body: ReparentUnitInput,
    access: admin,
    handle: async (env, { params, body }) => ({
      id: params.code,
      result: await reparentUnit(unitDeps(env), { code: params.code, ...body }, env.actor, requestMetadata(env)),
    }),
  });
  commandRoute(app, context, {
    url: '/v1/units/merge',
    tag: 'units',
    summary: 'Merge units into one (ends their assignments; dissolves fully merged units)',
    params: NoParams,
    body: UnitsMerged,
    access: admin,
    handle: async (env, { body }) => {
      const { followUps: _followUps, ...result } = await mergeUnits(unitDeps(env), body, env.actor, requestMetadata(env));
      return { id: body.intoCode, result };
    },
  });
  commandRoute(app, context, {
    url: '/v1/units/:code/dissolve',
    tag: 'units',
    summary: 'Dissolve a unit',
    params: CodeParams,
    body: UnitDissolved.omit({ code: true }).strict(),
    access: admin,
    handle: async (env, { params, body }) => ({
      id: params.code,
      result: await dissolveUnit(unitDeps(env), { code: params.code, ...body }, env.actor, requestMetadata(env)),
    }),
  });
}

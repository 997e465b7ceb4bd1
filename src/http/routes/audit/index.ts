import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../../auth/authenticate.js';
import { TokenStore } from '../../../auth/TokenStore.js';
import { ApiError } from '../../../errors/ApiError.js';
import type { AppServices } from '../../AppServices.js';
import { requireRole } from '../inspection/requireRole.js';
import { DecimalText } from '../ledger/querySchemas.js';
import { EntityKind, replayEntity } from './entities.js';
import { replayedJson } from './replay.js';
import { streamHistory } from './streamHistory.js';

const Entry = z.object({
  position: z.string(), version: z.string(), eventId: z.string(), type: z.string(), schemaVersion: z.number(), recordedAt: z.string(), occurredAt: z.string(),
  actor: z.string().nullable(), role: z.string().nullable(), requestId: z.string().nullable(), correlationId: z.string().nullable(), causationId: z.string().nullable(),
  data: z.unknown(), leafHash: z.string().nullable(),
});
const History = z.object({ streamId: z.string(), version: z.string(), events: z.array(Entry), nextVersion: z.string().nullable() });
const HistoryQuery = z.object({
  fromVersion: DecimalText.optional().describe('default 1'),
  limit: z.coerce.number().int().min(1).max(1000).default(1000),
}).strict();

const EntityQuery = z.object({
  at: z.iso.datetime({ offset: true }).optional().describe('ISO timestamp: the state as the ledger held it then (recorded time)'),
  atPosition: DecimalText.optional().describe('the state after the events up to this global position'),
}).strict().refine((q) => q.at === undefined || q.atPosition === undefined, { message: 'give at or atPosition, not both', path: ['atPosition'] });
const Entity = z.object({
  kind: EntityKind, id: z.string(), streamId: z.string(), family: z.string(), version: z.string(), position: z.string().nullable(),
  lastRecordedAt: z.string().nullable(), state: z.unknown(),
});

/**
 * /v1/audit/*: for inspectors and admins, who replay what the ledger recorded: a stream's full
 * history with leaf hashes, and an entity's state folded from the store up to a time or position.
 */
export const auditRoutes =
  (services: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.addHook('onRequest', authenticate(new TokenStore(services.database)));
    app.addHook('onRequest', requireRole('inspector', 'admin'));
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/v1/audit/streams/:streamId',
      {
        schema: {
          tags: ['audit'], summary: 'A stream’s full history: positions, versions, recorded and effective times, actors, data, leaf hashes',
          description: 'Roles: inspector, admin. Pages by `fromVersion`/`limit`; `nextVersion` is null on the last page.',
          params: z.object({ streamId: z.string().min(1).max(200) }), querystring: HistoryQuery, response: { 200: History },
        },
      },
      async (request) => {
        const { streamId } = request.params;
        const version = await services.store.streamVersion(streamId);
        if (version === 0n) throw new ApiError('NOT_FOUND', `no stream ${streamId}`, 'streamId');
        const from = BigInt(request.query.fromVersion ?? '1');
        const events = await streamHistory(services.store, services.ledger.reader, streamId, from, request.query.limit);
        const next = from + BigInt(events.length);
        return { streamId, version: version.toString(), events, nextVersion: next <= version && events.length > 0 ? next.toString() : null };
      },
    );
    api.get(
      '/v1/audit/entities/:kind/:id',
      {
        schema: {
          tags: ['audit'], summary: 'An entity’s state replayed from the store up to a time or a position',
          description: 'Roles: inspector, admin. kind: cadre, unit, board (the committee’s unit code), visit, report. Without `at`/`atPosition`: now. A visit or report that did not exist yet has state null.',
          params: z.object({ kind: EntityKind, id: z.string().min(1).max(100) }), querystring: EntityQuery, response: { 200: Entity },
        },
      },
      async (request) => {
        const { kind, id } = request.params;
        const { at, atPosition } = request.query;
        const bound = { ...(at ? { at: new Date(at) } : {}), ...(atPosition ? { atPosition: BigInt(atPosition) } : {}) };
        const replayed = await replayEntity(services.store, kind, id, bound);
        if (replayed === null) throw new ApiError('NOT_FOUND', `no ${kind} ${id} in the store`, 'id');
        return { kind, id, ...replayedJson(replayed) };
      },
    );
  };

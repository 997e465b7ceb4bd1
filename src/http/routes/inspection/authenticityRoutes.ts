import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ApiError } from '../../../errors/ApiError.js';
import { actorOf } from '../../../auth/authenticate.js';
import { unitAndAncestors } from '../../../commands/facts/unitFact.js';
import type { Actor } from '../../../domain/actor.js';
import { authenticity, type Authenticity, type InspectionDeps } from '../../../inspection/authenticity.js';
import type { LedgerReader } from '../../../ledger/postgres/LedgerReader.js';
import { requireRole } from './requireRole.js';
import { AuthenticityAnswer, IdParams, KnownNotesBody, KnownSizesQuery } from './schemas.js';

const TAG = 'inspection';
const onlyInspectors = requireRole('inspector', 'admin');

/**
 * GET answers against the checkpoints the log stored (and the sizes named); POST takes the
 * checkpoint notes the inspector kept, which is what catches a log that rewrote its own history.
 */
export const authenticityRoutes =
  (deps: InspectionDeps): FastifyPluginAsync =>
  async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    for (const kind of ['reports', 'visits'] as const) {
      const target = (id: string) => (kind === 'reports' ? { reportId: id } : { visitId: id });
      typed.get(
        `/v1/${kind}/:id/authenticity`,
        {
          schema: { tags: [TAG], summary: `Authenticity of one ${kind.slice(0, -1)}: verdict, checks, proof bundle`, description: 'Roles: inspector, admin.', params: IdParams, querystring: KnownSizesQuery, response: { 200: AuthenticityAnswer } },
          onRequest: onlyInspectors,
        },
        async (request) => inScope(deps, actorOf(request), await authenticity(deps, target(request.params.id), { knownCheckpoints: await notesOfSizes(deps.ledger.reader, request.query.knownCheckpoints) })),
      );
      typed.post(
        `/v1/${kind}/:id/authenticity`,
        {
          schema: { tags: [TAG], summary: `Authenticity of one ${kind.slice(0, -1)} against the checkpoints the inspector holds`, description: 'Roles: inspector, admin.', params: IdParams, body: KnownNotesBody, response: { 200: AuthenticityAnswer } },
          onRequest: onlyInspectors,
        },
        async (request) => inScope(deps, actorOf(request), await authenticity(deps, target(request.params.id), { knownCheckpoints: request.body.knownCheckpoints })),
      );
    }
    typed.get(
      '/v1/reports/:id/bundle',
      { schema: { tags: [TAG], summary: 'The proof bundle of a report, verifiable offline with `diaban verify-bundle`', description: 'Roles: inspector, admin.', params: IdParams }, onRequest: onlyInspectors },
      async (request) => (await inScope(deps, actorOf(request), await authenticity(deps, { reportId: request.params.id }))).bundle,
    );
  };

/** An inspector bound to a province inspects visits to units in it only (as organizers act: access.ts). */
async function inScope(deps: InspectionDeps, actor: Actor, answer: Authenticity): Promise<Authenticity> {
  if (actor.role !== 'inspector' || actor.provinceCode === undefined || answer.unitCode === null || answer.startDate === null) return answer;
  if ((await unitAndAncestors(deps.store, answer.unitCode, answer.startDate)).includes(actor.provinceCode)) return answer;
  throw new ApiError('FORBIDDEN', `this inspector's token covers province ${actor.provinceCode} only`);
}

async function notesOfSizes(reader: LedgerReader, sizes: string | undefined): Promise<string[]> {
  const notes: string[] = [];
  for (const size of sizes?.split(',') ?? []) {
    const row = await reader.checkpointAt(BigInt(size));
    if (!row) throw new ApiError('INSPECTION_CHECKPOINT_UNKNOWN', `the log signed no checkpoint of size ${size}`, 'knownCheckpoints');
    notes.push(row.note);
  }
  return notes;
}

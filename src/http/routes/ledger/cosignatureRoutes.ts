import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acceptCosignatures } from '../../../ledger/witness/acceptCosignatures.js';
import type { AppServices } from '../../AppServices.js';

const Accepted = z.object({
  treeSize: z.string(),
  accepted: z.array(z.object({ witness: z.string(), keyId: z.string(), timestamp: z.string() })),
});

/**
 * A witness posts the checkpoint note it fetched with its cosignature line(s) added
 * (c2sp.org/tlog-cosignature), as text/plain. Any authenticated role may post: what makes a
 * cosignature count is its key, registered by an admin (`diaban witness add`), not the token.
 */
export const cosignatureRoutes =
  ({ database, ledger }: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().post(
      '/v1/ledger/cosignatures',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Store witnesses’ cosignatures of a checkpoint the log signed',
          consumes: ['text/plain'],
          body: z.string().min(1).max(64 * 1024),
          response: { 201: Accepted },
        },
      },
      async (request, reply) => {
        const { treeSize, accepted } = await acceptCosignatures(database, ledger.reader, ledger.key.vkey, request.body);
        return reply.code(201).send({
          treeSize: treeSize.toString(),
          accepted: accepted.map((a) => ({ witness: a.witness, keyId: a.keyId, timestamp: a.timestamp.toString() })),
        });
      },
    );
  };

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../auth/authenticate.js';
import { ApiError } from '../../../errors/ApiError.js';
import { encodeBase64 } from '../../../ledger/encoding.js';
import type { Ledger } from '../../../ledger/Ledger.js';
import type { AppServices } from '../../AppServices.js';
import { Base64Hash, DecimalText, TEXT_PLAIN } from './querySchemas.js';

const CheckpointList = z.object({
  checkpoints: z.array(z.object({ treeSize: z.string(), rootHash: Base64Hash, note: z.string(), createdAt: z.string() })),
});

/**
 * Checkpoints (c2sp.org/tlog-checkpoint in a c2sp.org/signed-note, witnesses' cosignature lines
 * after the log's signature) and the log's verifier key.
 */
export const checkpointRoutes =
  ({ ledger }: AppServices): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get('/v1/ledger/checkpoint', { schema: { tags: ['ledger'], summary: 'The latest signed checkpoint note (text)' } }, async (_request, reply) => {
      const latest = (await ledger.reader.latestCheckpoint()) ?? (await sealAndSign(ledger));
      return reply.type(TEXT_PLAIN).send(latest.note);
    });

    api.post('/v1/ledger/checkpoint', { schema: { tags: ['ledger'], summary: 'Seal pending events and sign a checkpoint now (admin)' } }, async (request, reply) => {
      if (actorOf(request).role !== 'admin') throw new ApiError('FORBIDDEN', 'only an admin may ask for a checkpoint');
      return reply.type(TEXT_PLAIN).send((await sealAndSign(ledger)).note);
    });

    api.get(
      '/v1/ledger/checkpoints',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Every stored checkpoint from a tree size on, in size order',
          querystring: z.object({ fromSize: DecimalText.default('0'), limit: z.coerce.number().int().min(1).max(1000).default(100) }),
          response: { 200: CheckpointList },
        },
      },
      async (request) => {
        const rows = await ledger.reader.checkpoints(BigInt(request.query.fromSize), request.query.limit);
        return {
          checkpoints: rows.map((r) => ({ treeSize: r.treeSize.toString(), rootHash: encodeBase64(r.rootHash), note: r.note, createdAt: r.createdAt.toISOString() })),
        };
      },
    );

    api.get('/v1/ledger/vkey', { schema: { tags: ['ledger'], summary: 'The log’s verifier key (name+keyid+base64)' } }, async (_request, reply) =>
      reply.type(TEXT_PLAIN).send(`${ledger.key.vkey}\n`),
    );
  };

/** Seals what committed, signs a checkpoint of it, and answers it with its cosignatures. */
async function sealAndSign(ledger: Ledger) {
  await ledger.sealer.sealPending();
  const signed = await ledger.sealer.checkpoint();
  return (await ledger.reader.checkpointAt(signed.treeSize)) ?? signed;
}

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { buildBundle } from '../../../ledger/bundle/buildBundle.js';
import type { AppServices } from '../../AppServices.js';
import { DecimalText, PositionList } from './querySchemas.js';

/**
 * A proof bundle (README "Ledger: bundle format") for the given positions against the latest
 * checkpoint; `fromSize` adds a consistency proof from the checkpoint the log signed at that size.
 */
export const bundleRoutes =
  ({ ledger }: AppServices): FastifyPluginAsync =>
  async (app) => {
    app.withTypeProvider<ZodTypeProvider>().get(
      '/v1/ledger/bundle',
      {
        schema: {
          tags: ['ledger'],
          summary: 'A proof bundle for some positions, verifiable offline with `diaban verify-bundle`',
          querystring: z.object({ positions: PositionList, fromSize: DecimalText.optional() }),
        },
      },
      async (request) => {
        // Sealed leaves not covered by a checkpoint yet get one now (the live sealer would within a second).
        const latest = await ledger.reader.latestCheckpoint();
        if (!latest || latest.treeSize < (await ledger.reader.sealedSize())) await ledger.sealer.checkpoint();
        const positions = request.query.positions.split(',').map(BigInt);
        const since = request.query.fromSize === undefined ? undefined : { size: BigInt(request.query.fromSize) };
        return buildBundle(ledger.reader, positions, since ? { since } : {});
      },
    );
  };

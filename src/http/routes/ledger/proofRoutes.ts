import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../../errors/ApiError.js';
import { encodeBase64 } from '../../../ledger/encoding.js';
import { LedgerRangeError } from '../../../ledger/postgres/errors.js';
import type { AppServices } from '../../AppServices.js';
import { Base64Hash, DecimalText } from './querySchemas.js';

const Leaf = z.object({ position: z.string(), leafIndex: z.string(), leafBytes: z.string(), leafHash: Base64Hash });
const Inclusion = z.object({ position: z.string(), treeSize: z.string(), leafIndex: z.string(), leafHash: Base64Hash, proof: z.array(Base64Hash) });
const Consistency = z.object({ from: z.string(), to: z.string(), proof: z.array(Base64Hash) });

/** Leaves and RFC 9162 proofs: inclusion (§2.1.3) and consistency (§2.1.4), hashes in base64. */
export const proofRoutes =
  ({ ledger }: AppServices): FastifyPluginAsync =>
  async (app) => {
    const api = app.withTypeProvider<ZodTypeProvider>();
    api.get(
      '/v1/ledger/leaves/:position',
      { schema: { tags: ['ledger'], summary: 'A sealed leaf: its exact bytes and hash', params: z.object({ position: DecimalText }), response: { 200: Leaf } } },
      async (request) => {
        const leaf = await ledger.reader.leafAt(BigInt(request.params.position));
        if (!leaf) throw new LedgerRangeError(`position ${request.params.position} is not sealed`, 'position');
        return { position: leaf.position.toString(), leafIndex: leaf.leafIndex.toString(), leafBytes: encodeBase64(leaf.leafBytes), leafHash: encodeBase64(leaf.leafHash) };
      },
    );

    api.get(
      '/v1/ledger/proofs/inclusion',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Inclusion proof of a position in a tree size',
          querystring: z.object({ position: DecimalText, treeSize: DecimalText }),
          response: { 200: Inclusion },
        },
      },
      async (request) => {
        const p = await ledger.reader.inclusionProof(BigInt(request.query.position), BigInt(request.query.treeSize));
        return { position: p.position.toString(), treeSize: p.treeSize.toString(), leafIndex: p.leafIndex.toString(), leafHash: encodeBase64(p.leafHash), proof: p.proof.map(encodeBase64) };
      },
    );

    api.get(
      '/v1/ledger/proofs/consistency',
      {
        schema: {
          tags: ['ledger'],
          summary: 'Consistency proof between two tree sizes',
          querystring: z.object({ from: DecimalText, to: DecimalText }),
          response: { 200: Consistency },
        },
      },
      async (request) => {
        const [from, to] = [BigInt(request.query.from), BigInt(request.query.to)];
        // RFC 9162 §2.1.4: a proof from the empty tree, or backwards, proves nothing.
        if (from < 1n || from > to) throw new ApiError('LEDGER_INVALID_TREE_ARGUMENT', `consistency needs 1 ≤ from ≤ to (from ${from}, to ${to})`, 'querystring.from');
        const proof = await ledger.reader.consistencyProof(from, to);
        return { from: from.toString(), to: to.toString(), proof: proof.map(encodeBase64) };
      },
    );
  };

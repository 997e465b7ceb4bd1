import { createPublicKey } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../auth/authenticate.js';
import { findReportStream } from '../../../commands/fieldwork/findFieldwork.js';
import { ApiError } from '../../../errors/ApiError.js';
import type { InspectionDeps } from '../../../inspection/authenticity.js';
import { collectEvidence } from '../../../inspection/collectEvidence.js';
import { reportOf } from '../../../inspection/plausibility/select.js';
import { canonicalReportBytes } from '../../../inspection/signatures/canonicalReportBytes.js';
import { parseCertificates } from '../../../inspection/signatures/trustAnchors.js';
import { signatureProblem } from '../../../inspection/signatures/verifySignature.js';
import { decodeBase64 } from '../../../ledger/encoding.js';
import { requireRole } from './requireRole.js';
import { IdParams, RegisterKeyBody, SignatureBody } from './schemas.js';

const TAG = 'inspection';

/** Submitter keys and signatures (README "Inspection: signatures"): the cadre itself, or an admin. */
export const signingRoutes =
  (deps: InspectionDeps): FastifyPluginAsync =>
  async (app) => {
    const typed = app.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/v1/cadres/:id/keys',
      {
        schema: { tags: [TAG], summary: 'Register a public key or certificate for the cadre’s report signatures', description: 'Roles: cadre (itself), admin.', params: IdParams, body: RegisterKeyBody, response: { 201: z.object({ keyId: z.string() }) } },
        onRequest: requireRole('cadre', 'admin'),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        if (actor.role === 'cadre' && actor.cadreId !== request.params.id) throw new ApiError('FORBIDDEN', 'a cadre registers keys for itself only');
        checkKey(request.body.kind, request.body.pem);
        const keyId = await deps.keys.addKey({ cadreId: request.params.id, kind: request.body.kind, pem: request.body.pem, registeredBy: actor.userId });
        return reply.code(201).send({ keyId });
      },
    );
    typed.post(
      '/v1/reports/:id/signature',
      {
        schema: { tags: [TAG], summary: 'Store a detached signature over the report’s canonical bytes', description: 'Roles: cadre (the report’s), admin. Stored even when it does not verify: the authenticity check reports it.', params: IdParams, body: SignatureBody, response: { 201: z.object({ verified: z.boolean(), problem: z.string().nullable() }) } },
        onRequest: requireRole('cadre', 'admin'),
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await findReportStream(deps.store, request.params.id);
        const evidence = await collectEvidence(deps.store, { reportId: request.params.id });
        const report = reportOf(evidence.subject, evidence.events);
        if (!report) throw new ApiError('NOT_FOUND', `no report ${request.params.id}`);
        if (actor.role === 'cadre' && actor.cadreId !== report.event.data.cadreId) throw new ApiError('FORBIDDEN', 'only the report’s cadre signs it');
        const key = await deps.keys.key(request.body.keyId);
        if (!key || key.cadreId !== report.event.data.cadreId) throw new ApiError('INSPECTION_KEY_NOT_FOUND', `key ${request.body.keyId} is not registered to cadre ${report.event.data.cadreId}`, 'keyId');
        const signature = decodeBase64(request.body.signature);
        if (signature === undefined || signature.length === 0 || signature.length > 16384) throw new ApiError('INSPECTION_SIGNATURE_INVALID', 'the signature is not base64 of 1 to 16384 bytes', 'signature');
        await deps.keys.addSignature({ reportId: request.params.id, keyId: key.keyId, signature, submittedBy: actor.userId });
        const problem = signatureProblem(key, canonicalReportBytes(report.event.data), signature, new Date(report.recordedAt), deps.trustAnchors);
        return reply.code(201).send({ verified: problem === null, problem });
      },
    );
  };

/** Refuses keys no check could use: a key must parse and be Ed25519 (or, in a certificate, RSA or ECDSA). */
function checkKey(kind: 'ed25519' | 'x509', pem: string): void {
  let type: string | undefined;
  try {
    type = kind === 'ed25519' ? createPublicKey(pem).asymmetricKeyType : parseCertificates(pem)[0]?.publicKey.asymmetricKeyType;
  } catch (error) {
    throw new ApiError('INSPECTION_KEY_INVALID', `the ${kind} key does not parse: ${(error as Error).message}`, 'pem');
  }
  const allowed = kind === 'ed25519' ? ['ed25519'] : ['rsa', 'ec', 'ed25519'];
  if (type === undefined || !allowed.includes(type)) throw new ApiError('INSPECTION_KEY_INVALID', `a ${kind} key must be ${allowed.join(' or ')}, not ${type ?? 'nothing'}`, 'pem');
}

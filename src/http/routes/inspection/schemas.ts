import { z } from 'zod';
import { unitCode } from '#events/common.js';
import { Bundle } from '../../../ledger/bundle/Bundle.js';

export const IdParams = z.object({ id: z.uuid() });

const Check = z.object({ code: z.string(), ok: z.boolean(), detail: z.string(), unattested: z.literal(true).optional() });

export const AuthenticityAnswer = z.object({
  verdict: z.enum(['authentic', 'transcribed', 'questionable', 'tampered']),
  visitId: z.string(),
  reportId: z.string().nullable(),
  unitCode: z.string().nullable(),
  startDate: z.string().nullable(),
  checks: z.array(Check),
  /** README "Ledger: bundle format" with the inspection's facts. */
  bundle: Bundle.optional(),
});

/** `?knownCheckpoints=12,40`: sizes of checkpoints the log signed that the inspector holds. */
export const KnownSizesQuery = z.object({
  knownCheckpoints: z.string().regex(/^\d{1,18}(,\d{1,18}){0,99}$/, 'comma-separated tree sizes').optional(),
});

/** The checkpoint notes themselves, as the inspector kept them (stronger than sizes). */
export const KnownNotesBody = z.object({ knownCheckpoints: z.array(z.string().min(1).max(10000)).max(100) }).strict();

export const InspectionsQuery = z.object({
  province: z.string().regex(/^\d{2}$/, 'a 2-digit province code').optional(),
  year: z.coerce.number().int().min(1945).max(2200).optional(),
  unit: unitCode.optional(),
  cadre: z.uuid().optional(),
});

export const RegisterKeyBody = z.object({
  kind: z.enum(['ed25519', 'x509']),
  /** An Ed25519 public key (SPKI PEM), or a certificate chain (PEM, the cadre's certificate first). */
  pem: z.string().min(1).max(65536),
}).strict();

export const SignatureBody = z.object({
  keyId: z.uuid(),
  /** Standard base64 of the detached signature over the report's canonical bytes. */
  signature: z.string().min(1).max(22000),
}).strict();

import { z } from 'zod';
import { DECIMAL, decodeBase64 } from '../encoding.js';

/**
 * A proof bundle (README "Ledger: bundle format"): everything an auditor needs to check, offline
 * and without trusting the server, that some events are in the log the log's key signed. JSON;
 * 64-bit counters are decimal strings, bytes are standard padded base64 (RFC 4648 §4).
 */
export const BUNDLE_FORMAT = 'diaban-ledger-bundle';
export const BUNDLE_VERSION = 1;

const Decimal = z.string().regex(DECIMAL, 'a decimal string without leading zeros');
const Base64 = z.string().refine((s) => decodeBase64(s) !== undefined, 'canonical base64 (RFC 4648 §4)');
const Hash64 = z.string().refine((s) => decodeBase64(s)?.length === 32, 'base64 of a 32-byte hash');

export const BundleLeaf = z.strictObject({
  position: Decimal,
  /** RFC 9162 leaf index: the leaf's rank in position order (position − 1 unless positions have gaps). */
  leafIndex: Decimal,
  /** The exact leaf bytes (RFC 8785 JSON of the envelope); leaf hash = SHA-256(0x00 || bytes). */
  leafBytes: Base64,
  /** RFC 9162 §2.1.3 inclusion path against the bundle's checkpoint. */
  inclusionProof: z.array(Hash64),
});
export type BundleLeaf = z.infer<typeof BundleLeaf>;

/** RFC 9162 §2.1.4 consistency from a checkpoint the holder had before to the bundle's checkpoint. */
export const BundleConsistency = z.strictObject({
  /** The earlier signed checkpoint note, as the holder kept it. */
  fromCheckpoint: z.string().min(1),
  proof: z.array(Hash64),
});
export type BundleConsistency = z.infer<typeof BundleConsistency>;

/**
 * Claims about the included leaves that other features add (the inspection issue's plausibility
 * facts). Each names its `kind`; a verifier checks the kinds it knows and lists the others as
 * unchecked. Facts never weaken the cryptographic checks.
 */
export const BundleFact = z.looseObject({ kind: z.string().min(1) });
export type BundleFact = z.infer<typeof BundleFact>;

export const Bundle = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  /** The log's origin: the checkpoint's first line and every leaf's `origin`. */
  origin: z.string().min(1),
  /** The log's verifier key as the server states it; verifiers use the key they trust instead. */
  vkey: z.string().min(1),
  /** A C2SP signed note: tlog-checkpoint body, the log's signature, witnesses' cosignatures. */
  checkpoint: z.string().min(1),
  leaves: z.array(BundleLeaf),
  consistency: BundleConsistency.optional(),
  facts: z.array(BundleFact).default([]),
});
export type Bundle = z.infer<typeof Bundle>;

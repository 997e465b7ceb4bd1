/** One line of a bundle verification: what was checked, whether it held, and about what. */
export interface BundleCheck {
  code: BundleCheckCode;
  ok: boolean;
  detail: string;
}

/**
 * | code                 | holds when                                                                 |
 * | -------------------- | -------------------------------------------------------------------------- |
 * | `BUNDLE_FORMAT`      | the JSON matches the bundle schema (README "Ledger: bundle format")        |
 * | `VKEY`               | the bundle names the same log key the verifier trusts                      |
 * | `CHECKPOINT_SIGNATURE` | the checkpoint note is a tlog-checkpoint signed by the trusted log key   |
 * | `CHECKPOINT_ORIGIN`  | the checkpoint's origin line is the bundle's origin                        |
 * | `WITNESS_POLICY`     | at least k of the n given witnesses cosigned the checkpoint                |
 * | `LEAF_ENVELOPE`      | a leaf's bytes are a canonical envelope of that position and origin        |
 * | `LEAF_INCLUSION`     | a leaf's inclusion proof leads to the checkpoint's root (RFC 9162 §2.1.3.2) |
 * | `LEAF_ORDER`         | positions and leaf indices increase together (index ≤ position − 1)        |
 * | `STREAM_CHAIN`       | a leaf's `prev` is the hash of the included previous leaf of its stream    |
 * | `CONSISTENCY`        | the earlier checkpoint is signed and the tree only grew since (§2.1.4.2)   |
 * | `TRUSTED_CHECKPOINT` | the bundle extends the checkpoint the verifier already trusted             |
 * | `FACT`               | a fact checked by its kind's checker; unknown kinds are listed, not checked  |
 */
export type BundleCheckCode =
  | 'BUNDLE_FORMAT'
  | 'VKEY'
  | 'CHECKPOINT_SIGNATURE'
  | 'CHECKPOINT_ORIGIN'
  | 'WITNESS_POLICY'
  | 'LEAF_ENVELOPE'
  | 'LEAF_INCLUSION'
  | 'LEAF_ORDER'
  | 'STREAM_CHAIN'
  | 'CONSISTENCY'
  | 'TRUSTED_CHECKPOINT'
  | 'FACT';

export const check = (code: BundleCheckCode, ok: boolean, detail: string): BundleCheck => ({ code, ok, detail });

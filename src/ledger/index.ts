/** Public API of the pure ledger: canonical leaves, RFC 9162 Merkle log, C2SP notes. No I/O. */
export * from './errors.js';
export { canonicalize, canonicalBytes, serializeNumber, type JsonValue } from './jcs.js';
export { HASH_SIZE, emptyRoot, equalBytes, isHash, leafHash, nodeHash, sha256, type Hash } from './hashes.js';
export { nodeCoverage, nodeId, nodeKey, type NodeId, type NodeSource } from './nodeId.js';
export { planConsistency, planInclusion, planRoot, type ProofPlan } from './proofPlan.js';
export { consistencyProof, foldSubtree, inclusionProof, proofFromPlan, rootFrom } from './proofs.js';
export { rootFromInclusionProof, verifyConsistency, verifyInclusion } from './verifyProofs.js';
export { referenceConsistencyProof, referenceInclusionProof, rootFromLeafHashes } from './merkleReference.js';
export {
  appendLeaf,
  appendLeaves,
  CompactRangeBuilder,
  compactRangeFrom,
  emptyCompactRange,
  rootOf,
  type CompactRange,
  type CompletedNode,
} from './compactRange.js';
export {
  SIG_COSIGNATURE_V1,
  SIG_ED25519,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKey,
  hexKeyId,
  isValidKeyName,
  noteKeyId,
  parseSignerKey,
  parseVerifierKey,
  type NoteKey,
  type NoteKeyType,
  type NoteSignerKey,
} from './noteKeys.js';
export {
  formatNote,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  signNote,
  verifyNote,
  type Note,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './signedNote.js';
export {
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
} from './checkpoint.js';
export { cosignatureMessage, cosignatureSigner, cosignatureTimestamp, cosignatureVerifier } from './cosignature.js';
export { verifyWitnessPolicy, type WitnessPolicy } from './witnessPolicy.js';
export { SALT_SIZE, commitPersonal, commitmentDigest, verifyCommitment } from './commitment.js';
export { LEAF_FORMAT_VERSION, LeafEnvelope, envelopeLeafHash, leafBytes, parseLeafBytes } from './leafEnvelope.js';

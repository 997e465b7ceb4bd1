import { registerErrorCodes, type ErrorCodeInfo } from './registry.js';

/**
 * The inspection's own error codes (README "Inspection"). Registered when this module loads: the
 * inspection routes import it, and registry.ts does not, so no import cycle arises.
 */
export const inspectionErrorCodeInfos = {
  INSPECTION_KEY_INVALID: { status: 400, meaning: 'The public key or certificate does not parse, or is not Ed25519, RSA or ECDSA.' },
  INSPECTION_KEY_NOT_FOUND: { status: 404, meaning: 'No signing key with this id is registered to the report’s cadre.' },
  INSPECTION_SIGNATURE_INVALID: { status: 400, meaning: 'The signature is not base64 of 1 to 16384 bytes.' },
  INSPECTION_CHECKPOINT_UNKNOWN: { status: 404, meaning: 'A known checkpoint size names no checkpoint the log signed.' },
  INSPECTION_NOT_SEALED_YET: {
    status: 503,
    meaning: 'An event the inspection rests on is recorded but not yet sealed into the ledger (the sealer waited 30 s for it); retry shortly. Never judged as tampering.',
  },
} satisfies Record<string, ErrorCodeInfo>;

export type InspectionErrorCode = keyof typeof inspectionErrorCodeInfos;

registerErrorCodes(inspectionErrorCodeInfos);

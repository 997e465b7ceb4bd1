/**
 * The vault (src/ledger/postgres/personalData.ts) names commitments in base64, the events schema
 * (events/common.ts `commitment`) in lower-case hex. Both spell the same 32 bytes; these convert at
 * the boundary until the two agree on one spelling.
 */
export function commitmentToHex(commitment: string): string {
  const bytes = Buffer.from(commitment, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== commitment) throw new Error('the vault returned a malformed commitment');
  return bytes.toString('hex');
}

export function commitmentFromHex(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { DECIMAL, decodeBase64 } from '../encoding.js';

/**
 * What a witness remembers between runs: the log key it pinned on its first run and the last
 * checkpoint it verified. Everything it later cosigns must extend that checkpoint (c2sp.org/
 * tlog-witness: a witness "MUST NOT cosign a checkpoint that is not consistent with" the last one).
 */
export const WitnessState = z.strictObject({
  logVkey: z.string().min(1),
  origin: z.string().min(1),
  size: z.string().regex(DECIMAL),
  rootHash: z.string().refine((s) => decodeBase64(s)?.length === 32, 'base64 of a 32-byte root'),
  /** The verified checkpoint note, kept so the committee can show what it saw. */
  checkpoint: z.string().min(1),
});
export type WitnessState = z.infer<typeof WitnessState>;

/** The state in the file, undefined when there is none yet; throws for a file that is not a state. */
export function readWitnessState(path: string): WitnessState | undefined {
  if (!existsSync(path)) return undefined;
  return WitnessState.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Written to a temporary file and renamed, so a crash never leaves half a state. */
export function writeWitnessState(path: string, state: WitnessState): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

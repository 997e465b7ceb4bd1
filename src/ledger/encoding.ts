/**
 * Strict text encodings shared by the note, checkpoint and envelope formats. Node's own base64
 * decoder skips characters it does not know, and signed formats must have exactly one spelling
 * per value, so decoding here refuses anything `encodeBase64` would not have produced.
 */

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard base64 with padding (RFC 4648 §4), as C2SP signed-note and tlog-checkpoint use. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The bytes of a canonical RFC 4648 §4 string, or undefined. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero padding bits (e.g. "AB==" vs "AA==") are a second spelling of the same bytes.
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

export function encodeHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const UTF8 = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return UTF8.encode(text);
}

/** Decodes UTF-8, refusing invalid sequences instead of substituting U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Unsigned decimal without leading zeros (tlog-checkpoint tree size, envelope positions). */
export const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

export const UINT64_MAX = (1n << 64n) - 1n;

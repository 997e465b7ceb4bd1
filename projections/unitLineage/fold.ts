/**
 * A name folded for diacritic-insensitive search: NFD splits "ă" into "a" + U+0306, the combining
 * marks are dropped, and "đ", which has no decomposition, becomes "d". "Xã Bát Xát" → "xa bat xat".
 */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

/** A LIKE pattern matching `q` anywhere in a folded name, with LIKE's own wildcards escaped. */
export function foldedPattern(q: string): string {
  return `%${foldName(q.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

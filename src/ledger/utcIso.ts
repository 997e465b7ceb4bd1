const DAY_MS = 86_400_000;
/** The range of a JavaScript Date (ECMA-262 §21.4.1.1, TimeClip). */
const LIMIT_MS = 8.64e15;

/**
 * `new Date(ms).toISOString()` without the Date, for the verifier's hot loop (two per event, at
 * ~1.2 µs each they cost more than hashing the leaf). The calendar part comes from Date once per
 * UTC day, remembered for the last day seen (events come in position order, so mostly the same
 * day); the time of day is arithmetic. Any instant Date accepts, including years past 9999.
 */
export class UtcIsoFormatter {
  #day = Number.NaN;
  #prefix = '';

  format(instant: number): string {
    // TimeClip: a Date truncates toward zero and refuses what lies outside its range.
    if (!(Math.abs(instant) <= LIMIT_MS)) throw new RangeError(`invalid time value ${instant}`);
    const ms = Math.trunc(instant) + 0;
    const day = Math.floor(ms / DAY_MS);
    if (day !== this.#day) {
      const iso = new Date(day * DAY_MS).toISOString();
      this.#prefix = iso.slice(0, iso.indexOf('T') + 1);
      this.#day = day;
    }
    const t = ms - day * DAY_MS;
    const h = Math.floor(t / 3_600_000);
    const m = Math.floor(t / 60_000) % 60;
    const s = Math.floor(t / 1000) % 60;
    const milli = t % 1000;
    return `${this.#prefix}${two(h)}:${two(m)}:${two(s)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  }
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

// A small direct-mapped cache from strings to non-negative integers, in front of a Map.
// Why: option values that are strings (districts, groups, the items of multiple-choice and ranking answers)
// are looked up ~25 times a response. Map.get costs ~20–40 ns (hash, bucket, chain); a slot picked from the
// string's length and first and last characters, confirmed by ===, costs a few ns. Strings from a database
// driver are fresh copies each time, so === compares their characters: still exact, still cheap for short
// option values. A miss (two strings in one slot, or a string not met yet) falls back to the caller's Map.

const SLOTS = 128;

/** Slot of a non-empty string. */
const slotOf = (s: string) =>
  Math.imul(s.length ^ (s.charCodeAt(0) << 8) ^ (s.charCodeAt(s.length - 1) << 16), 0x9e3779b1) >>> 25;

export class StringSlots {
  private keys: (string | undefined)[] = new Array(SLOTS).fill(undefined);
  private vals = new Int32Array(SLOTS);
  /** The value cached for s, or −1. */
  get(s: string): number {
    if (s.length === 0) return -1;
    const i = slotOf(s);
    return this.keys[i] === s ? this.vals[i] : -1;
  }
  /** Caches s → v (v ≥ 0), replacing whatever shared its slot. */
  set(s: string, v: number) {
    if (s.length === 0) return;
    const i = slotOf(s);
    this.keys[i] = s;
    this.vals[i] = v;
  }
}

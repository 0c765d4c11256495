/**
 * Keywords looked up straight from a range of the spec text, ASCII case ignored, as rpm matches
 * tags and section keywords. Slicing the range and lowercasing the slice made one or two strings
 * for every line looked at, and lowercasing is slow on text that holds any non-Latin-1 character.
 */

function lowerCode(code: number): number {
  return code >= 0x41 && code <= 0x5a ? code + 0x20 : code;
}

function caselessHash(text: string, start: number, end: number): number {
  let hash = end - start;
  for (let index = start; index < end; index++) hash = (Math.imul(hash, 31) + lowerCode(text.charCodeAt(index))) | 0;
  return hash;
}

interface Entry<V> {
  name: string;
  value: V;
}

export class CaselessNames<V> {
  private readonly byHash = new Map<number, Entry<V>[]>();

  constructor(entries: Iterable<readonly [string, V]>) {
    for (const [written, value] of entries) {
      const name = written.toLowerCase();
      const hash = caselessHash(name, 0, name.length);
      const bucket = this.byHash.get(hash);
      if (bucket === undefined) this.byHash.set(hash, [{ name, value }]);
      else bucket.push({ name, value });
    }
  }

  /** The value of the name that `text` holds in `[start, end)`, ASCII case ignored. */
  get(text: string, start: number, end: number): V | undefined {
    const bucket = this.byHash.get(caselessHash(text, start, end));
    if (bucket === undefined) return undefined;
    for (const entry of bucket) {
      if (sameCaseless(entry.name, text, start, end)) return entry.value;
    }
    return undefined;
  }
}

function sameCaseless(name: string, text: string, start: number, end: number): boolean {
  if (name.length !== end - start) return false;
  for (let index = 0; index < name.length; index++) {
    if (name.charCodeAt(index) !== lowerCode(text.charCodeAt(start + index))) return false;
  }
  return true;
}

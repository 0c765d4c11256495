/**
 * Strings kept by caches that outlive a spec (shared by every spec read for a target) must hold
 * no part of the spec's text: a slice or a concatenation keeps the whole text it was cut from
 * alive.
 */

/** A copy of `text` that holds no part of another string. */
export function detached(text: string): string {
  return Buffer.from(text, "utf16le").toString("utf16le");
}

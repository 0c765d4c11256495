/**
 * Turning spec bytes into text and back without losing a byte.
 *
 * Specs are UTF-8 in practice, but old ones carry latin1 changelog names and a few carry a BOM.
 * Invalid UTF-8 is decoded byte for byte as latin1 (every byte one character) so that the
 * linter still reads the file and printing restores the exact bytes.
 */
import type { SourceEncoding } from "../tree/nodes.js";

export interface DecodedSpec {
  text: string;
  encoding: SourceEncoding;
}

const BOM_CHARACTER = "\uFEFF";
const BOM_BYTES = Uint8Array.of(0xef, 0xbb, 0xbf);

// `ignoreBOM` keeps a second BOM as text: the first one is removed (and recorded) by hand.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function startsWithBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Decodes spec bytes: UTF-8 when valid, latin1 otherwise; a leading UTF-8 BOM is removed and recorded. */
export function decodeSpecBytes(bytes: Uint8Array): DecodedSpec {
  const bom = startsWithBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: strictUtf8.decode(body), encoding: { bom, charset: "utf8" } };
  } catch {
    return { text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1"), encoding: { bom, charset: "latin1" } };
  }
}

/** Text given as a string is taken as decoded UTF-8; a leading BOM character is removed and recorded. */
export function decodeSpecInput(input: string | Uint8Array): DecodedSpec {
  if (typeof input !== "string") return decodeSpecBytes(input);
  const bom = input.startsWith(BOM_CHARACTER);
  return { text: bom ? input.slice(1) : input, encoding: { bom, charset: "utf8" } };
}

/** The text as it was given: the BOM character restored in front when there was one. */
export function withBom(text: string, encoding: SourceEncoding): string {
  return encoding.bom ? BOM_CHARACTER + text : text;
}

/** The exact bytes `text` was decoded from. */
export function encodeSpecText(text: string, encoding: SourceEncoding): Uint8Array {
  const body = Buffer.from(text, encoding.charset === "latin1" ? "latin1" : "utf8");
  if (!encoding.bom) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const bytes = new Uint8Array(BOM_BYTES.length + body.byteLength);
  bytes.set(BOM_BYTES, 0);
  bytes.set(body, BOM_BYTES.length);
  return bytes;
}

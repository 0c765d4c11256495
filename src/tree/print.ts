/** Printing a tree back: the exact text, and the exact bytes, the spec was parsed from. */
import { encodeSpecText, withBom } from "../text/decode.js";
import type { SpecFile } from "./nodes.js";

/** The text of every section header and line node in order: the input without the BOM. */
function concatenateNodes(tree: SpecFile): string {
  const parts: string[] = [];
  const text = tree.text;
  for (const section of tree.sections) {
    if (section.header !== null) parts.push(text.slice(section.header.start, section.header.end));
    for (const line of section.lines) parts.push(text.slice(line.start, line.end));
  }
  return parts.join("");
}

/** The spec text as given, BOM included. */
export function printSpec(tree: SpecFile): string {
  return withBom(concatenateNodes(tree), tree.encoding);
}

/** The original bytes of the spec: the BOM and latin1-decoded bytes restored. */
export function printSpecBytes(tree: SpecFile): Uint8Array {
  return encodeSpecText(concatenateNodes(tree), tree.encoding);
}

import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/parser/parse.js";
import { printSpecBytes } from "../../src/tree/print.js";
import { wellFormednessViolations } from "./helpers.js";

const CORPUS = fileURLToPath(new URL("../../../shared/corpus/fedora/", import.meta.url));
const present = existsSync(CORPUS);

describe.skipIf(!present)("the Fedora corpus (../shared/corpus/fedora)", () => {
  it("parses every spec without an exception, byte for byte round trip, nodes contiguous", () => {
    const problems: string[] = [];
    const names = readdirSync(CORPUS).filter((name) => name.endsWith(".spec"));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const bytes = readFileSync(`${CORPUS}${name}`);
      const { tree } = parseSpec(bytes);
      if (!Buffer.from(printSpecBytes(tree)).equals(bytes)) problems.push(`${name}: printed bytes differ`);
      for (const violation of wellFormednessViolations(tree)) problems.push(`${name}: ${violation}`);
    }
    expect(problems).toEqual([]);
  });
});

it.runIf(!present)("skips the corpus round trip: ../shared/corpus/fedora is not beside the project", () => {
  expect(present).toBe(false);
});

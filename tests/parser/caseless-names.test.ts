import { describe, expect, it } from "vitest";
import { CaselessNames } from "../../src/parser/caseless-names.js";

describe("CaselessNames", () => {
  const names = new CaselessNames<number>([
    ["name", 1],
    ["buildrequires", 2],
    ["license", 3],
  ]);

  it("finds a name in a range of the text, ASCII case ignored", () => {
    const text = "  BuildRequires: foo";
    expect(names.get(text, 2, 15)).toBe(2);
    expect(names.get("NAME", 0, 4)).toBe(1);
    expect(names.get("xLiCeNsEx", 1, 8)).toBe(3);
  });

  it("takes its names in any case", () => {
    expect(new CaselessNames<number>([["BuildArch", 1]]).get("buildarch", 0, 9)).toBe(1);
  });

  it("finds nothing for another name, a part of a name or a longer one", () => {
    expect(names.get("names", 0, 5)).toBeUndefined();
    expect(names.get("name", 0, 3)).toBeUndefined();
    expect(names.get("version", 0, 7)).toBeUndefined();
    expect(names.get("", 0, 0)).toBeUndefined();
  });

  it("folds ASCII letters only, as rpm compares tags", () => {
    // U+212A KELVIN SIGN lower-cases to "k" in Unicode, but rpm's comparison is ASCII.
    const withKelvin = new CaselessNames<number>([["kernel", 1]]);
    expect(withKelvin.get("\u212Aernel", 0, 6)).toBeUndefined();
    expect(withKelvin.get("KERNEL", 0, 6)).toBe(1);
  });

  it("keeps names whose hashes collide apart", () => {
    // 97 * 31 + 126 === 98 * 31 + 95: "a~" and "b_" share a hash.
    const colliding = new CaselessNames<string>([
      ["a~", "first"],
      ["b_", "second"],
    ]);
    expect(colliding.get("A~", 0, 2)).toBe("first");
    expect(colliding.get("B_", 0, 2)).toBe("second");
    expect(colliding.get("c@", 0, 2)).toBeUndefined();
  });
});

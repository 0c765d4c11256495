import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { expandMapped, writtenRange } from "../../src/evaluation/expanded-text.js";
import { parseSpec } from "../../src/parser/parse.js";

describe("expandMapped", () => {
  const text = "%global pybin %{_bindir}/python3\n%{_bindir}/python3 -c x; %{pybin}; %(date)/x\n";
  const evaluation = evaluate(parseSpec(text).tree, {});
  const lineStart = text.indexOf("\n") + 1;
  const mapped = expandMapped(evaluation, lineStart, text.length - 1);

  it("expands each macro use alone and keeps literal text", () => {
    expect(mapped.value).toBe("/usr/bin/python3 -c x; /usr/bin/python3; \uE000/x");
  });

  it("maps ranges of the value back to the written text", () => {
    const first = writtenRange(mapped, 0, "/usr/bin/python3".length);
    expect(text.slice(first.start, first.end)).toBe("%{_bindir}/python3");
    expect(first).toMatchObject({ exact: true, withinOneMacro: false });
    const second = mapped.value.indexOf("/usr/bin/python3", 1);
    expect(writtenRange(mapped, second, second + "/usr/bin/python3".length)).toMatchObject({ exact: true, withinOneMacro: true });
    const partial = writtenRange(mapped, second + 4, second + 8);
    expect(partial.exact).toBe(false);
  });
});

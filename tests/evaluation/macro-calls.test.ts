import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { macroCalls, readMacroOptions } from "../../src/evaluation/macro-calls.js";
import { parseSpec } from "../../src/parser/parse.js";

function calls(text: string, name: string) {
  const evaluation = evaluate(parseSpec(text).tree, {});
  return macroCalls(evaluation, new Set([name]));
}

describe("macroCalls", () => {
  it("reads arguments of plain and braced calls, continued lines, and clips them to an enclosing body", () => {
    const text = [
      "%global extra -x test",
      "%install",
      "%pyproject_save_files -l \\",
      "  foo 'bar*'",
      "%{pyproject_save_files -L baz}",
      "%{?with_tests:%pyproject_save_files qux} tail",
      "%pyproject_buildrequires %{extra} %{?with_x:-x x}",
      "",
    ].join("\n");
    expect(calls(text, "pyproject_save_files").map((call) => call.words.map((word) => word.values))).toEqual([
      [["-l"], ["foo"], ["bar*"]],
      [["-L"], ["baz"]],
    ]);
    expect(calls(text, "pyproject_buildrequires").map((call) => call.words.map((word) => word.values))).toEqual([[["-x", "test"], []]]);
  });
});

describe("readMacroOptions", () => {
  const options = (text: string, valueLetters: string) => {
    const [call] = calls(`%build\n%m ${text}\n`, "m");
    const read = readMacroOptions(call!.words, valueLetters);
    return {
      options: read.options.map((option) => (option.value === null ? option.letter : `${option.letter}=${option.value}`)),
      positionals: read.positionals.map((positional) => positional.value),
      unknown: read.unknown,
    };
  };

  it("reads clusters, attached and separate values, and positionals anywhere", () => {
    expect(options("-lM foo -xbar -e env -- -notanoption", "xe")).toEqual({
      options: ["l", "M", "x=bar", "e=env"],
      positionals: ["foo", "-notanoption"],
      unknown: false,
    });
  });

  it("says when an argument could not be expanded", () => {
    expect(options("%(echo -l)", "").unknown).toBe(true);
  });
});

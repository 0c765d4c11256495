import { describe, expect, it } from "vitest";
import { diagnosticsAt, parseFixture } from "./helpers.js";

describe("malformed specs", () => {
  const result = parseFixture("malformed.spec");

  it("reports every problem of malformed.spec with its line and column", () => {
    expect(diagnosticsAt(result)).toEqual([
      "2:1 %else without a matching %if",
      "3:1 %endif without a matching %if",
      "4:1 %elif without a matching %if",
      "7:1 %else after %else in the same %if block",
      "8:1 %elif after %else in the same %if block",
      "9:8 %endif takes no arguments (rpm rejects the text after it unless it is a # comment)",
      "10:1 %ifarch needs a list of architectures or systems",
      "10:1 %ifarch without a matching %endif",
      "11:1 %if needs a condition",
      "11:1 %if without a matching %endif",
      "12:1 %global needs a macro name",
      "13:15 %define broken: the parameter list is not closed",
      "14:16 unclosed %{: rpm would read to the end of the file looking for its }",
      "15:1 %bcond needs a default value after the name",
      "17:14 %description: unknown option -x",
      "17:17 %description: option -n needs a value",
      "20:1 %package: a package name is required",
      "21:10 %package: option -n needs a package name",
      "22:12 %package: unexpected text after the package name: b",
      "24:15 %files: too many package names: two",
      "25:1 %attr needs its arguments in parentheses",
      "26:1 %defattr( is missing its closing parenthesis",
      "28:10 %post: script program must begin with '/': sh",
      "29:6 %pre: priorities are allowed only for triggers",
      "30:1 %triggerin: a trigger needs -- followed by its condition",
      "31:1 %triggerun: a trigger needs -- followed by its condition",
      "32:19 %filetriggerin: priority must be a number: high",
      "33:8 %build: append (-a) and prepend (-p) cannot both be given",
      "34:6 %end: takes no arguments",
      "35:1 %end: no section is open to be closed",
      "36:1 %if without a matching %endif",
    ]);
  });

  it("still builds every section after a bad header", () => {
    const kinds = result.tree.sections.map((section) => section.kind);
    expect(kinds).toEqual([
      "preamble",
      "description",
      "package",
      "package",
      "package",
      "files",
      "scriptlet",
      "scriptlet",
      "trigger",
      "trigger",
      "filetrigger",
      "build",
      "end",
      "end",
    ]);
    expect(result.tree.diagnostics).toBe(result.diagnostics);
  });
});

describe("malformed dependency values", () => {
  it("reports what every target's rpm rejects in a dependency value without macros outside conditionals", () => {
    expect(diagnosticsAt(parseFixture("malformed-dependencies.spec"))).toEqual([
      "8:21 Requires: version required after `>=`",
      "9:17 Requires: a file dependency cannot have a version: `/usr/bin/env`",
      "10:17 BuildRequires: `>=` has no dependency name before it",
      "11:17 Conflicts: rich dependency is not closed: `)` is missing",
      "12:25 Recommends: `and` cannot be chained with `or` without parentheses",
      "13:17 Provides: rpm allows no rich dependencies in provides",
      "14:26 Obsoletes: rpm needs white space between `>=` and `1`",
      "35:26 Requires: version required after `<=`",
    ]);
  });
});

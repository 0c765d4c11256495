import { describe, expect, it } from "vitest";
import { leadingNameUseEnd, plainMacroArguments, scanMacroUses, splitMacroArguments, wholeMacroUse } from "../../src/parser/macros.js";
import type { MacroUse } from "../../src/tree/nodes.js";

function summary(text: string) {
  return scanMacroUses(text).map((u) => ({
    form: u.form,
    name: u.name,
    text: text.slice(u.start, u.end),
    argument: u.argument?.text ?? null,
    conditional: u.conditional,
    negated: u.negated,
  }));
}

describe("leadingNameUseEnd", () => {
  it("ends a bare-name use that starts the text, and agrees with scanMacroUses on its end", () => {
    for (const text of ["%{_bindir}/python3", "%{!!name}x", "%_datadir/foo", "%{name}"]) {
      expect(leadingNameUseEnd(text)).toBe(scanMacroUses(text)[0]!.end);
    }
  });

  it("is -1 for tests, negations, arguments, %dnl, names starting with a digit and other text", () => {
    for (const text of ["%{?name}/x", "%{!name}/x", "%{name:arg}", "%name arg", "%name", "%dnl/x", "%{1}/x", "%%/x", "text", "%(cmd)/x"]) {
      expect(leadingNameUseEnd(text)).toBe(-1);
    }
  });
});

describe("wholeMacroUse", () => {
  it("gives the use only when it is the whole text", () => {
    expect(["%{python3}", "%pytest", "%{?with_x:a}", "%(true)"].map((text) => wholeMacroUse(text)?.name)).toEqual(["python3", "pytest", "with_x", ""]);
    expect(["x%{python3}", "%{python3} -c", "%python3/x", "python3", ""].map(wholeMacroUse)).toEqual([null, null, null, null, null]);
  });
});

describe("scanMacroUses", () => {
  it("reads a text the same after a scan that ended inside unclosed constructs", () => {
    const text = "%{?a:%{b} %(c [%{d:x}] %{e";
    const fresh = JSON.stringify(scanMacroUses(text));
    for (const unfinished of ["%{foo %{bar", "%{?x:%(y [", "%{name", "%[1 + (2"]) {
      scanMacroUses(unfinished);
      expect(JSON.stringify(scanMacroUses(text))).toBe(fresh);
    }
  });

  it("finds plain and braced uses with exact offsets", () => {
    const text = "cp %{SOURCE1} %{buildroot}%_bindir/x";
    const uses = scanMacroUses(text);
    expect(uses.map((u) => [u.name, u.start, u.end])).toEqual([
      ["SOURCE1", 3, 13],
      ["buildroot", 14, 26],
      ["_bindir", 26, 34],
    ]);
    expect(uses.every((u) => u.argument === null)).toBe(true);
  });

  it("skips %% escapes", () => {
    expect(summary("date +%%Y%%m %%{name} 100%%")).toEqual([]);
    expect(summary("%%%{name}").map((u) => u.name)).toEqual(["name"]);
  });

  it("reads conditional and negated forms", () => {
    expect(summary("%{?dist} %{!?foo:x} %{?!bar} %?baz %!?qux")).toEqual([
      { form: "braced", name: "dist", text: "%{?dist}", argument: null, conditional: true, negated: false },
      { form: "braced", name: "foo", text: "%{!?foo:x}", argument: "x", conditional: true, negated: true },
      { form: "braced", name: "bar", text: "%{?!bar}", argument: null, conditional: true, negated: true },
      { form: "plain", name: "baz", text: "%?baz", argument: "%!?qux", conditional: true, negated: false },
      { form: "plain", name: "qux", text: "%!?qux", argument: null, conditional: true, negated: true },
    ]);
  });

  it("reports nested uses after their enclosing use", () => {
    const text = "%{?a:%{b}-%{?c:%{d}}}";
    expect(summary(text).map((u) => [u.name, u.text])).toEqual([
      ["a", text],
      ["b", "%{b}"],
      ["c", "%{?c:%{d}}"],
      ["d", "%{d}"],
    ]);
    expect(scanMacroUses(text)[0]!.argument!.text).toBe("%{b}-%{?c:%{d}}");
  });

  it("reads arguments after a colon or a space", () => {
    expect(summary("%{name:arg} %{py3_dist foo bar}")).toEqual([
      { form: "braced", name: "name", text: "%{name:arg}", argument: "arg", conditional: false, negated: false },
      {
        form: "braced",
        name: "py3_dist",
        text: "%{py3_dist foo bar}",
        argument: "foo bar",
        conditional: false,
        negated: false,
      },
    ]);
  });

  it("gives a plain use the rest of its line as argument", () => {
    const text = "%pyproject_save_files -l foo %{?bar}\nnext";
    const uses = scanMacroUses(text);
    expect(uses[0]!.name).toBe("pyproject_save_files");
    expect(uses[0]!.end).toBe("%pyproject_save_files".length);
    expect(uses[0]!.argument!.text).toBe("-l foo %{?bar}");
    expect(uses[1]!.name).toBe("bar");
  });

  it("reads shell and expression forms and scans inside them", () => {
    const text = "%(echo %{version} | cut -d. -f1) %[%{x} + 1]";
    expect(summary(text)).toEqual([
      {
        form: "shell",
        name: "",
        text: "%(echo %{version} | cut -d. -f1)",
        argument: "echo %{version} | cut -d. -f1",
        conditional: false,
        negated: false,
      },
      { form: "braced", name: "version", text: "%{version}", argument: null, conditional: false, negated: false },
      { form: "expression", name: "", text: "%[%{x} + 1]", argument: "%{x} + 1", conditional: false, negated: false },
      { form: "braced", name: "x", text: "%{x}", argument: null, conditional: false, negated: false },
    ]);
  });

  it("counts nested parentheses in shell commands", () => {
    const text = "%(python3 -c 'print((1, 2))') tail";
    const [shell] = scanMacroUses(text);
    expect(text.slice(shell!.start, shell!.end)).toBe("%(python3 -c 'print((1, 2))')");
  });

  it("treats the body of %{lua:…} as opaque, across lines", () => {
    const text = '%{lua:\nlocal x = "%{name}"\nif a then print("}") end\n}\n%{after}';
    const uses = scanMacroUses(text);
    expect(uses.map((u) => u.name)).toEqual(["lua", "after"]);
    // Bracket matching counts the brace in the Lua string, as rpm does: the construct ends at the
    // first brace that balances it.
    expect(uses[0]!.argument!.text).toBe('\nlocal x = "%{name}"\nif a then print("');
  });

  it("ends a balanced %{lua:} body at its closing brace", () => {
    const text = "%{lua: t = {1, 2}; print(#t)} %{x}";
    const uses = scanMacroUses(text);
    expect(uses.map((u) => u.name)).toEqual(["lua", "x"]);
    expect(uses[0]!.argument!.text).toBe(" t = {1, 2}; print(#t)");
  });

  it("scans %{expand:…} and %{load:…} bodies", () => {
    const text = "%{expand:%%global x %{y}\n%{z}} %{load:%{_sourcedir}/macros.x}";
    expect(summary(text).map((u) => u.name)).toEqual(["expand", "y", "z", "load", "_sourcedir"]);
  });

  it("reads parametric macro internals", () => {
    expect(summary("%* %** %# %1 %10 %-f %{-f} %{-f*} %{?-f:yes} %{!-f:no} %0").map((u) => u.name)).toEqual([
      "*",
      "**",
      "#",
      "1",
      "10",
      "-f",
      "-f",
      "-f*",
      "-f",
      "-f",
      "0",
    ]);
  });

  it("leaves a lone % or an empty name alone", () => {
    expect(summary("50 % of %{} %{?:x} %? end %")).toEqual([]);
  });

  it("makes %dnl swallow the rest of its line", () => {
    const text = "%dnl %{ignored} here\n%{used}";
    const uses = scanMacroUses(text);
    expect(uses.map((u) => u.name)).toEqual(["dnl", "used"]);
    expect(uses[0]!.argument!.text).toBe(" %{ignored} here");
  });

  it("ends unbalanced constructs at the end of the range", () => {
    const text = "%{?a:%{b";
    const uses = scanMacroUses(text);
    expect(uses.map((u) => [u.name, u.end])).toEqual([
      ["a", text.length],
      ["b", text.length],
    ]);
  });

  it("closes constructs truncated by an outer closing bracket", () => {
    const text = "%(echo %{foo) tail";
    const uses = scanMacroUses(text);
    expect(uses.map((u) => [u.form, u.name, text.slice(u.start, u.end)])).toEqual([
      ["shell", "", "%(echo %{foo)"],
      ["braced", "foo", "%{foo"],
    ]);
  });

  it("skips escaped brackets", () => {
    const text = "%{?x:a\\}b} c";
    const [use] = scanMacroUses(text);
    expect(text.slice(use!.start, use!.end)).toBe("%{?x:a\\}b}");
  });

  it("scans only the requested range with absolute offsets", () => {
    const text = "%{a} %{b} %{c}";
    const uses = scanMacroUses(text, 5, 9);
    expect(uses).toHaveLength(1);
    expect(uses[0]).toMatchObject({ name: "b", start: 5, end: 9 });
  });

  it("reads a range of a longer text as it reads the range's own text, short ranges and long", () => {
    const pieces = ["%{a}", "%{?b:x}", "%c arg", "%{d", "}", "%(e)", "%[f]", "\\}", "%%", "%dnl z", "%{lua:%{g}}", "(", " ", "\n", "h", "%{!?i:%j}"];
    let seed = 7;
    const random = (below: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      // The low bits of this generator repeat with a short period: draw from the high ones.
      return Math.floor((seed / 2147483648) * below);
    };
    const shifted = (uses: readonly MacroUse[], by: number) =>
      uses.map((use) => ({ ...use, start: use.start + by, end: use.end + by, argument: use.argument && { ...use.argument, start: use.argument.start + by, end: use.argument.end + by } }));
    for (let sample = 0; sample < 400; sample++) {
      let range = "";
      const length = 1 + random(20);
      for (let piece = 0; piece < length; piece++) range += pieces[random(pieces.length)];
      const before = "%{x} ".repeat(random(3));
      const after = ["", " %{y}}", "%z\n}"][random(3)]!;
      const text = before + range + after;
      expect(scanMacroUses(text, before.length, before.length + range.length)).toEqual(shifted(scanMacroUses(range), before.length));
    }
  });

  it("stays linear on deeply nested and unbalanced input", () => {
    const deep = "%{a:".repeat(50_000) + "x" + "}".repeat(50_000);
    const uses = scanMacroUses(deep);
    expect(uses).toHaveLength(50_000);
    expect(uses[0]!.end).toBe(deep.length);
    const unbalanced = "%{x".repeat(100_000);
    expect(scanMacroUses(unbalanced)).toHaveLength(100_000);
    const namesWithoutEnd = "%{a%{b".repeat(50_000);
    expect(scanMacroUses(namesWithoutEnd)).toHaveLength(100_000);
  });
});

describe("plainMacroArguments", () => {
  it("returns the arguments to the end of the line", () => {
    const text = "%py3_dist  foo bar\r\n%other";
    const [use] = scanMacroUses(text);
    expect(plainMacroArguments(text, use!)!.text).toBe("foo bar");
    expect(splitMacroArguments("foo \t bar  baz")).toEqual(["foo", "bar", "baz"]);
  });

  it("returns null without a blank after the name", () => {
    const text = "%{py3_dist foo} %check";
    const uses = scanMacroUses(text);
    expect(plainMacroArguments(text, uses[0]!)).toBeNull();
    expect(plainMacroArguments(text, uses[1]!)).toBeNull();
  });
});

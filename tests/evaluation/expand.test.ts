import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { canonicalPythonName, definitionBody, parseDefinitionText } from "../../src/evaluation/expand.js";
import { UNKNOWN_MARK, type Evaluation } from "../../src/evaluation/types.js";
import { parseSpec } from "../../src/parser/parse.js";

function evaluated(spec: string, target?: string): { evaluation: Evaluation; end: number } {
  const { tree } = parseSpec(spec);
  return { evaluation: evaluate(tree, target === undefined ? {} : { target }), end: tree.text.length };
}

const base = "Name: python-demo\nVersion: 1.2~b1\nRelease: 3%{?dist}\n";

function expand(text: string, spec = base): string | null {
  const { evaluation, end } = evaluated(spec);
  return evaluation.expand(text, end).value;
}

function reasons(text: string, spec = base): readonly string[] {
  const { evaluation, end } = evaluated(spec);
  return evaluation.expand(text, end).unknown;
}

describe("conditional forms", () => {
  it("expands %{?…} and %{!?…} with and without a value", () => {
    expect(expand("[%{?dist}][%{?nothing}][%{?dist:yes}][%{!?dist:no}][%{!?nothing:no}][%{?nothing:yes}]")).toBe(
      "[.fc46][][yes][][no][]",
    );
    expect(expand("%?dist %!?nothing")).toBe(".fc46 ");
    expect(expand("0%{?rhel}", base)).toBe("0");
  });

  it("treats %{-f} like a test of the invocation's option", () => {
    const spec = `${base}%define opt(fv:) [%{-f}|%{-f:F}|%{!-f:noF}|%{-v*}|%{?-v:V}]\n`;
    expect(expand("%opt -f -v 3", spec)).toBe("[-f|F||3|V]");
    expect(expand("%opt", spec)).toBe("[||noF||]");
  });

  it("reduces %% to % and leaves a plain undefined name as it is", () => {
    expect(expand("100%% %s %undefined_plain")).toBe("100% %s %undefined_plain");
  });

  it("makes a braced undefined name unknown: a build root package may define it", () => {
    expect(reasons("%{_qt5_prefix}/lib")).toEqual(["%{_qt5_prefix} is not defined by the spec or the target's macros"]);
  });

  it("leaves a braced name the spec defines elsewhere as it is where it is undefined", () => {
    const spec = `%bcond_with python2\n${base}%if 0\n%global later 1\n%endif\n`;
    expect(expand("%{with_python2} %{later} %{?later}", spec)).toBe("%{with_python2} %{later} ");
  });

  it("knows that build root macros exist without knowing their value", () => {
    expect(expand("%{?_smp_mflags:yes} %{defined autosetup}")).toBe("yes 1");
    expect(reasons("%{_smp_mflags}")).toEqual([
      "%{_smp_mflags} comes from the build root's macro packages; its value is not modelled",
    ]);
    expect(reasons("%{defined pyproject_wheel}")).toEqual([
      "%{pyproject_wheel} is defined only when a build dependency provides it",
    ]);
  });
});

describe("built-ins", () => {
  it("computes the pure string built-ins", () => {
    expect(expand("%{basename:/a/b/c.tar.gz}|%{dirname:/a/b/c}|%{suffix:c.tar.gz}|%{suffix:noext}")).toBe(
      "c.tar.gz|/a/b|gz|",
    );
    expect(expand("%{upper:abc}|%{lower:ABC}|%{len:héllo}|%{reverse:abc}|%{shrink:  a   b  }")).toBe("ABC|abc|6|cba|a b");
    expect(expand("%{sub abcdef 2 4}|%{rep x 3 ,}|%{shescape:it's}|%{url2path:https://h.org/p/q}")).toBe(
      "bcd|x,x,x|'it'\\''s'|/p/q",
    );
  });

  it("expands twice with %{expand:…} and evaluates %[…] and %{expr:…}", () => {
    const spec = `${base}%global ref %%{version}\n`;
    expect(expand("%{ref}|%{expand:%{ref}}", spec)).toBe("1.2~b1|1.2~b1");
    expect(expand("%[1 + 2 * 3]|%{expr:1 + 2 * 3}|%[v\"%{version}\" < v\"1.2\"]")).toBe("7|7|1");
  });

  it("keeps quoted arguments together", () => {
    const spec = `${base}%define count() %#\n`;
    expect(expand("%{count %{quote:a b} c}", spec)).toBe("2");
  });

  it("implements the Python macros rules meet", () => {
    expect(expand("%{py3_dist Foo_Bar zope.interface}")).toBe("python3dist(foo-bar) python3dist(zope-interface) ");
    expect(expand("%{py_dist_name Sphinx_RTD.Theme}")).toBe("sphinx-rtd-theme");
    expect(expand("%{pypi_source demo}")).toBe("https://files.pythonhosted.org/packages/source/d/demo/demo-1.2b1.tar.gz");
    expect(expand("%{pypi_source Demo 2.0 zip}")).toBe("https://files.pythonhosted.org/packages/source/D/Demo/Demo-2.0.zip");
    expect(expand("%{pypi_source}")).toBe(
      "https://files.pythonhosted.org/packages/source/p/python-demo/python-demo-1.2b1.tar.gz",
    );
    expect(expand("%{python3} -%{py3_shebang_flags}")).toBe("/usr/bin/python3 -sP");
    const unflagged = `${base}%undefine _py3_shebang_P\n`;
    expect(expand("-%{py3_shebang_flags}", unflagged)).toBe("-s");
  });

  it("never executes shell, Lua, file or environment built-ins", () => {
    expect(reasons("%(rm -rf /)")).toEqual(["%(…) shell commands are never executed"]);
    expect(reasons("%{lua: os.execute('x')}")).toEqual(["%{lua:…} is never executed"]);
    expect(reasons("%{load:/etc/passwd}")).toEqual(["%{load:…} would read a file, which is never done"]);
    expect(reasons("%{getenv:HOME}")).toEqual(["%{getenv:…} depends on the build environment"]);
    expect(reasons("%{exists:/x}")).toEqual(["%{exists:…} depends on the build host's files"]);
    expect(expand("%{echo:hi}%{warn:careful}done")).toBe("done");
    expect(reasons("%{error:stop}")).toEqual(["rpm stops with an error: stop"]);
  });

  it("discards the rest of the line after %dnl", () => {
    expect(expand("a %dnl %(never) b\nc")).toBe("a c");
  });
});

describe("partial expansion", () => {
  const spec = `${base}%global pkg() %{name}-%1 = %{version}-%{release} %(date)\n`;

  it("keeps the known parts and marks each unknown one", () => {
    const { evaluation, end } = evaluated(spec);
    const partial = evaluation.expandPartially("%pkg doc\n%{lua: print(1)}-%{version}", end);
    expect(partial.text).toBe(`python-demo-doc = 1.2~b1-3.fc46 ${UNKNOWN_MARK}\n${UNKNOWN_MARK}-1.2~b1`);
    expect(partial.unknown).toEqual(["%(…) shell commands are never executed", "%{lua:…} is never executed"]);
    expect(evaluation.expand("%pkg doc", end)).toEqual({ value: null, unknown: ["%(…) shell commands are never executed"] });
  });

  it("gives the whole text and no reasons when everything is known", () => {
    const { evaluation, end } = evaluated(spec);
    expect(evaluation.expandPartially("%{name}-%{version}", end)).toEqual({ text: "python-demo-1.2~b1", unknown: [] });
  });
});

describe("memoised expansions", () => {
  // Each line of this spec changes the table, so the same text is expanded under a new table
  // generation every time; only the lines that change a name it uses may change its value.
  const spec = [
    `${base}%global a 1`,
    "%global b x",
    "Summary: one",
    "%global a 2",
    "Summary: two",
    "%undefine a",
    "%{lua: rpm.define('a 3')}",
    "%global b y",
    "",
  ].join("\n");

  const afterLine = (line: number): number => spec.split("\n").slice(0, line).join("\n").length + 1;
  const lines = [4, 5, 6, 7, 8, 9, 10, 11];

  it("reads each name where it is expanded, whichever offset expanded the same text before", () => {
    const { evaluation } = evaluated(spec);
    const at = (line: number): string | null => evaluation.expand("%{?a}-%{b}", afterLine(line)).value;
    // `%undefine` pops `a` back to 1; after the Lua block `a` is unknown.
    const expected = ["1-%{b}", "1-x", "1-x", "2-x", "2-x", "1-x", null, null];
    expect(lines.map(at)).toEqual(expected);
    expect([...lines].reverse().map(at)).toEqual([...expected].reverse());
  });

  it("gives what an expansion without any memo gives, at every offset", () => {
    const { evaluation } = evaluated(spec);
    for (const line of [...lines, ...lines]) {
      const fresh = evaluated(spec).evaluation;
      expect(evaluation.expand("%{?a}-%{b}", afterLine(line))).toEqual(fresh.expand("%{?a}-%{b}", afterLine(line)));
    }
  });
});

describe("a macro followed by literal text", () => {
  it("expands as the same text with a macro after it would (which takes the general path)", () => {
    const spec = `${base}%global pkg() %{name}-%1\n%global dir /opt/%{name}\n%define lazy %{dir}/x\n`;
    const { evaluation, end } = evaluated(spec);
    const texts = [
      "%{name}/lib",
      "%name/lib",
      "%dir/a b",
      "%{lazy}.d",
      "%pkg/x",
      "%{pkg}/x",
      "%{undefined_here}/x",
      "%undefined_here/x",
      "%{python3_sitelib}/foo",
      "%{_libdir}/\u00e9\\'\"",
      "%{name}\nsecond line",
    ];
    for (const text of texts) {
      expect(evaluation.expand(text, end), text).toEqual(evaluation.expand(`${text}%{nil}`, end));
    }
  });
});

describe("limits", () => {
  it("stops exponentially growing macros", () => {
    let spec = `${base}%define l0 xxxxxxxxxxxxxxxx\n`;
    for (let level = 1; level <= 40; level += 1) spec += `%define l${level} %{l${level - 1}}%{l${level - 1}}\n`;
    const result = evaluated(spec).evaluation.expand("%{l40}", spec.length);
    expect(result.value).toBeNull();
    expect(result.unknown[0]).toMatch(/^the expansion (grows beyond 1 MiB|takes too many steps)$/);
  });

  it("stops recursion at rpm's depth", () => {
    const spec = `${base}%define a %{b}\n%define b %{a}\n`;
    expect(reasons("%{a}", spec)).toEqual(["macro recursion is deeper than rpm allows (64 levels)"]);
  });
});

describe("definition helpers", () => {
  it("processes bodies as rpm's %define does", () => {
    expect(definitionBody(" a \\\n b  \n")).toBe("a \n b");
    expect(definitionBody("{grouped body}")).toBe("grouped body");
    expect(definitionBody("a\\$b %%{x}")).toBe("a$b %%{x}");
    expect(definitionBody("   ")).toBeNull();
  });

  it("reads inline definitions up to the end of the body", () => {
    const text = " name(a:) body %{x\ny} more\nnext";
    expect(parseDefinitionText(text, 0)).toEqual({ name: "name", parameters: "a:", body: "body %{x\ny} more", end: text.indexOf("next") });
  });

  it("canonicalises Python names", () => {
    expect(canonicalPythonName("Foo__Bar.Baz[Extra]")).toBe("foo-bar-baz[extra]");
  });
});

import { describe, expect, it } from "vitest";
import { formatDependency, literalDependencyErrors, parseDependencies } from "../../src/parser/dependencies.js";
import type { Dependency } from "../../src/tree/nodes.js";

function printed(text: string, tag?: string): string[] {
  return parseDependencies(text, 0, tag === undefined ? {} : { tag }).dependencies.map(formatDependency);
}

function messages(text: string, tag?: string): string[] {
  return parseDependencies(text, 0, tag === undefined ? {} : { tag }).errors.map((error) => error.message);
}

/** Every span of a dependency must be the slice of the source it claims to be. */
function expectSpansMatch(source: string, dependency: Dependency): void {
  if (dependency.kind === "simple") {
    for (const span of [dependency.name, dependency.operator, dependency.version]) {
      if (span !== null) expect(source.slice(span.start, span.end)).toBe(span.text);
    }
  } else {
    expect(source[dependency.start]).toBe("(");
    expect(source[dependency.end - 1]).toBe(")");
    for (const operand of dependency.operands) expectSpansMatch(source, operand);
  }
}

describe("parseDependencies: simple dependencies", () => {
  it("splits entries on white space and commas", () => {
    expect(printed("a b,c ,  d\te")).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("reads names with parentheses, brackets and paths as single names", () => {
    expect(printed("pkgconfig(foo) python3dist(foo[bar]) perl(Foo::Bar) /usr/bin/foo cmake(Qt6Core)")).toEqual([
      "pkgconfig(foo)",
      "python3dist(foo[bar])",
      "perl(Foo::Bar)",
      "/usr/bin/foo",
      "cmake(Qt6Core)",
    ]);
  });

  it("reads every comparison operator and a version after it", () => {
    const result = parseDependencies("a = 1 b == 2 c < 3 d <= 4 e > 5 f >= 6 g =< 7 h => 8");
    expect(result.errors).toEqual([]);
    expect(result.dependencies.map((d) => (d.kind === "simple" ? [d.name.text, d.operator?.text, d.version?.text] : null))).toEqual([
      ["a", "=", "1"],
      ["b", "==", "2"],
      ["c", "<", "3"],
      ["d", "<=", "4"],
      ["e", ">", "5"],
      ["f", ">=", "6"],
      ["g", "=<", "7"],
      ["h", "=>", "8"],
    ]);
  });

  it("prints operators in rpm's canonical spelling", () => {
    expect(printed("b == 2 g =< 7 h => 8")).toEqual(["b = 2", "g <= 7", "h >= 8"]);
  });

  it("reads epoch-version-release values", () => {
    expect(printed("python3-foo = 1:2.0-3 bar >= 2.0~rc1^post")).toEqual(["python3-foo = 1:2.0-3", "bar >= 2.0~rc1^post"]);
  });

  it("keeps a name with an operator glued to it as one name, as rpm does", () => {
    expect(printed("foo>=1.0 bar")).toEqual(["foo>=1.0", "bar"]);
    expect(messages("foo>=1.0")).toEqual([]);
  });

  it("reads operator keywords as plain names outside rich dependencies", () => {
    expect(printed("with or if")).toEqual(["with", "or", "if"]);
  });
});

describe("parseDependencies: macros", () => {
  it("treats each macro construct as one piece of a word", () => {
    expect(printed("python3-%{srcname} %{py3_dist foo bar} %{name}%{?_isa} python%{python3_version}dist(six)")).toEqual([
      "python3-%{srcname}",
      "%{py3_dist foo bar}",
      "%{name}%{?_isa}",
      "python%{python3_version}dist(six)",
    ]);
  });

  it("reads macro versions, conditional epochs included", () => {
    const result = parseDependencies("%{name}-libs%{?_isa} = %{?epoch:%{epoch}:}%{version}-%{release}");
    expect(result.errors).toEqual([]);
    const [dependency] = result.dependencies;
    expect(dependency?.kind === "simple" && dependency.version?.text).toBe("%{?epoch:%{epoch}:}%{version}-%{release}");
  });

  it("keeps shell and expression macros whole, parentheses and spaces included", () => {
    expect(printed("qt6-qtbase%{?_isa} >= %(echo %{_qt6_version} | cut -d. -f-2) perl(:MODULE_COMPAT_%(eval \"`%{__perl} -V:version`\"; echo $version))")).toEqual([
      "qt6-qtbase%{?_isa} >= %(echo %{_qt6_version} | cut -d. -f-2)",
      'perl(:MODULE_COMPAT_%(eval "`%{__perl} -V:version`"; echo $version))',
    ]);
  });

  it("drops what %dnl comments out", () => {
    expect(printed("glibc(x86-32)    %dnl # see https://example.org/x(1)\nnext")).toEqual(["glibc(x86-32)", "next"]);
    // A list of the usual shapes around it too: the comment's words are no dependencies.
    expect(printed("foo %dnl bar baz\nnext")).toEqual(["foo", "next"]);
  });

  it("does not check the characters of a version inside macros", () => {
    expect(messages("foo >= %{lua: print(1 .. '-' .. 2)}")).toEqual([]);
    expect(messages("foo = %{epoch}:%{version}-%{release}")).toEqual([]);
  });
});

describe("parseDependencies: rich dependencies", () => {
  it("reads the boolean operators", () => {
    expect(printed("(a or b) (a and b and c) (a with b) (a without b)")).toEqual([
      "(a or b)",
      "(a and b and c)",
      "(a with b)",
      "(a without b)",
    ]);
  });

  it("reads conditionals with else", () => {
    const [dependency] = parseDependencies("(a if b else c)").dependencies;
    expect(dependency).toMatchObject({ kind: "rich", operator: "if", operands: [{ kind: "simple" }, { kind: "simple" }, { kind: "simple" }] });
    expect(printed("(a if b else c)")).toEqual(["(a if b else c)"]);
    expect(printed("(a unless b else c)", "conflicts")).toEqual(["(a unless b else c)"]);
  });

  it("nests, with versions and macros inside", () => {
    const text = "((rpm-build >= 4.14.90 with (rpm-build < 4.19.90 or rpm-build >= 4.19.91-8)) if rpm-build)";
    expect(printed(text)).toEqual([text]);
    expect(printed("(%{py3_dist werkzeug} with %{py3_dist werkzeug} >= 0.9)")).toEqual([
      "(%{py3_dist werkzeug} with %{py3_dist werkzeug} >= 0.9)",
    ]);
    expect(printed("(python3dist(lark) or python3dist(lark-parser))")).toEqual(["(python3dist(lark) or python3dist(lark-parser))"]);
  });

  it("prints with single spaces, as rpm does", () => {
    expect(printed("(  a   >=   1   or   b  )")).toEqual(["(a >= 1 or b)"]);
  });

  it("ends a rich dependency at its balancing parenthesis", () => {
    expect(printed("(a if b)(c or d) e")).toEqual(["(a if b)", "(c or d)", "e"]);
  });

  it("takes a keyword as a name where rpm expects a name", () => {
    expect(printed("(or or b) (a or or)")).toEqual(["(or or b)", "(a or or)"]);
  });
});

describe("parseDependencies: offsets", () => {
  it("gives absolute offsets and spans that match the source", () => {
    const line = "Requires: foo >= 1.0, (bar or %{name}-baz = %{version})";
    const start = line.indexOf("foo");
    const result = parseDependencies(line.slice(start), start);
    expect(result.errors).toEqual([]);
    const [simple, rich] = result.dependencies;
    expect(simple).toMatchObject({ kind: "simple", start, end: start + "foo >= 1.0".length });
    expect(rich).toMatchObject({ kind: "rich", start: line.indexOf("("), end: line.length, operator: "or" });
    for (const dependency of result.dependencies) expectSpansMatch(line, dependency);
  });

  it("places errors at the offending text", () => {
    const result = parseDependencies("(a xor b)", 100);
    expect(result.errors).toEqual([expect.objectContaining({ start: 103, end: 106 })]);
  });
});

describe("parseDependencies: malformed values", () => {
  it("reports a missing version and keeps the name", () => {
    const result = parseDependencies("foo >= ");
    expect(result.dependencies).toMatchObject([{ kind: "simple", name: { text: "foo" }, operator: { text: ">=" }, version: null }]);
    expect(result.errors.map((e) => e.message)).toEqual(["version required after `>=`"]);
  });

  it("reports an operator without a name", () => {
    expect(messages(">= 1")).toEqual(["`>=` has no dependency name before it"]);
  });

  it("reports missing white space after an operator", () => {
    expect(messages("foo >=1")).toEqual(["rpm needs white space between `>=` and `1`"]);
  });

  it("reports names rpm rejects", () => {
    expect(messages("-foo")).toEqual(["a dependency name must begin with a letter, digit, `_` or `/`: `-foo`"]);
    expect(messages("foo # comment")).toHaveLength(1);
    expect(messages("/usr/bin/foo >= 1")).toEqual(["a file dependency cannot have a version: `/usr/bin/foo`"]);
  });

  it("reports versions rpm rejects", () => {
    expect(messages("foo = 1-2-3")).toEqual(["a version has at most one `-`: `1-2-3`"]);
    expect(messages("foo = 1:2:3")).toEqual(["a version has at most one `:`: `1:2:3`"]);
    expect(messages("foo = a:1")).toEqual(["the epoch before `:` must be a number: `a:1`"]);
    expect(messages("foo = 1@2")).toEqual(["`@` is not allowed in a version: `1@2`"]);
  });

  it("reports a stray closing parenthesis and goes on", () => {
    expect(printed("foo) bar")).toEqual(["foo", "bar"]);
    expect(messages("foo) bar")).toEqual(["`)` closes no rich dependency"]);
  });

  it("leaves out a broken rich dependency and keeps the others", () => {
    const result = parseDependencies("a (b xor c) d");
    expect(result.dependencies.map(formatDependency)).toEqual(["a", "d"]);
    expect(result.errors.map((e) => e.message)).toEqual([
      "unknown rich dependency operator `xor` (expected and, or, if, else, unless, with, without or `)`)",
    ]);
  });

  it("reports unclosed, empty and incomplete rich dependencies", () => {
    expect(messages("(a or b")).toEqual(["rich dependency is not closed: `)` is missing"]);
    expect(messages("()")).toEqual(["empty rich dependency"]);
    expect(messages("( )")).toEqual(["empty rich dependency"]);
    expect(messages("(a or)")).toEqual(["`or` needs a dependency after it"]);
    expect(messages("(a >= )")).toEqual(["version required after `>=`"]);
    expect(messages("(a, b)")).toEqual(["rich dependency operands are joined by an operator, not a comma"]);
  });

  it("reports chaining that rpm rejects", () => {
    expect(messages("(a and b or c)")).toEqual(["`or` cannot be chained with `and` without parentheses"]);
    expect(messages("(a if b if c)")).toEqual(["only and, or and with can be chained; `if` needs parentheses"]);
    expect(messages("(a if b else c else d)")).toEqual(["an `if` or `unless` takes one `else`; add parentheses"]);
    expect(messages("(a or b else c)")).toEqual(["`else` must follow `if` or `unless`"]);
    expect(messages("(a and (b or c))")).toEqual([]);
  });

  it("applies rpm's per-tag rules when the tag is given", () => {
    expect(messages("(a or b)", "provides")).toEqual(["rpm allows no rich dependencies in provides"]);
    expect(messages("(a unless b)", "requires")).toEqual(["rpm does not allow `unless` in requires; use `or`"]);
    expect(messages("(a if b)", "conflicts")).toEqual(["rpm does not allow `if` in conflicts; use `and`"]);
    expect(messages("(a unless b)", "supplements")).toEqual([]);
    expect(messages("(a if b)", "buildrequires")).toEqual([]);
  });

  it("never throws on arbitrary input", () => {
    const samples = ["(((", ")))", "%{", "%(", "( %{a ) b", "a\u0000b", "(a (b", "= = =", "(a or (b and", ",,,", "%dnl", "(%dnl x\n)"];
    for (const sample of samples) {
      const result = parseDependencies(sample);
      expect(Array.isArray(result.dependencies)).toBe(true);
    }
    expect(parseDependencies("(((").errors).not.toEqual([]);
  });
});

describe("literalDependencyErrors", () => {
  const samples = [
    "",
    "python3-devel",
    " , gcc, gcc-c++ make ",
    "python3dist(requests) >= 2.31 pkgconfig(glib-2.0) font(:lang=en)",
    "foo = 2:1.0~rc1^git2-3.fc43, bar < 1",
    "/usr/bin/env",
    "and or if",
    "foo >=",
    "foo >=1",
    "foo>=1",
    "/usr/bin/env >= 1",
    ">= 1",
    "foo ) bar",
    "-foo",
    "foo = 1-2-3",
    "foo = a:1",
    "foo = 1@2",
    "(a or b",
    "(a and b or c)",
    "(a if b)",
    "perl(Foo(bar)) = 1",
    "bundled(npm(@scope/name)) = 6.6.1",
  ];

  it("gives the grammar's errors for every value, usual shapes included", () => {
    for (const tag of ["requires", "conflicts", "provides"]) {
      for (const sample of samples) {
        expect(literalDependencyErrors(sample, 7, { tag }), `${tag}: ${sample}`).toEqual(parseDependencies(sample, 7, { tag }).errors);
      }
    }
  });

  it("says which errors every target's rpm reports", () => {
    const everyRpm = (text: string, tag = "requires") =>
      parseDependencies(text, 0, { tag }).errors.map((error) => [error.message, error.everyRpm]);
    expect(everyRpm("/usr/bin/env >= 1 ) foo >=")).toEqual([
      ["a file dependency cannot have a version: `/usr/bin/env`", true],
      ["`)` closes no rich dependency", true],
      ["version required after `>=`", true],
    ]);
    expect(everyRpm("(a or b) (c and d or e) (f", "provides")).toEqual([
      ["rpm allows no rich dependencies in provides", true],
      ["rpm allows no rich dependencies in provides", true],
      ["`or` cannot be chained with `and` without parentheses", true],
      ["rich dependency is not closed: `)` is missing", true],
    ]);
    expect(everyRpm("foo = 1-2-3 bar = a:1 baz = 1@2")).toEqual([
      ["a version has at most one `-`: `1-2-3`", false],
      ["the epoch before `:` must be a number: `a:1`", false],
      ["`@` is not allowed in a version: `1@2`", false],
    ]);
    expect(everyRpm("(a if b)", "conflicts")).toEqual([["rpm does not allow `if` in conflicts; use `and`", false]]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import type { Evaluation, EvaluationOptions } from "../../src/evaluation/types.js";
import { parseSpec } from "../../src/parser/parse.js";
import type { ConditionalLine, SpecFile, TagLine } from "../../src/tree/nodes.js";

function loadSpec(name: string): SpecFile {
  return parseSpec(readFileSync(new URL(`../../specs-corpus/_evaluation/${name}`, import.meta.url))).tree;
}

function tags(tree: SpecFile, name: string): TagLine[] {
  return tree.sections.flatMap((section) =>
    section.lines.filter((line): line is TagLine => line.type === "TagLine" && line.name === name),
  );
}

/** Liveness of each BuildRequires line, keyed by its value. */
function buildRequires(tree: SpecFile, options: EvaluationOptions = {}): Record<string, string> {
  const evaluation = evaluate(tree, options);
  return Object.fromEntries(tags(tree, "buildrequires").map((tag) => [tag.value.text, evaluation.livenessAt(tag.start)]));
}

function conditionalLine(tree: SpecFile, expression: string): ConditionalLine {
  for (const section of tree.sections) {
    for (const line of section.lines) {
      if (line.type === "ConditionalLine" && line.expression?.text === expression) return line;
    }
  }
  throw new Error(`no conditional ${expression}`);
}

function evaluateText(text: string, options: EvaluationOptions = {}): { tree: SpecFile; evaluation: Evaluation } {
  const { tree } = parseSpec(text);
  return { tree, evaluation: evaluate(tree, options) };
}

describe("conditionals per target", () => {
  const tree = loadSpec("conditionals.spec");

  it("evaluates Fedora rawhide", () => {
    expect(buildRequires(tree)).toEqual({
      "python3-devel": "live",
      "python3-old-backport": "dead",
      "python3-modern": "live",
      "python3-el9-only": "dead",
      "python3-fallback": "dead",
      "python3-pytest": "live",
      "python3-pytest-socket": "live",
      "python3-sphinx": "live",
      "python3-bootstrap-only": "dead",
      "python3-shell-decided": "unknown",
      "python3-never": "dead",
      "python3-new-python": "live",
      "python3-old-python": "dead",
    });
  });

  it("evaluates Fedora 42 with its older Python", () => {
    const result = buildRequires(tree, { target: "fedora-42" });
    expect(result["python3-modern"]).toBe("dead");
    expect(result["python3-fallback"]).toBe("live");
    expect(result["python3-new-python"]).toBe("dead");
  });

  it("evaluates EPEL 8, 9 and 10", () => {
    const epel8 = buildRequires(tree, { target: "epel-8" });
    expect(epel8["python3-old-backport"]).toBe("live");
    expect(epel8["python3-fallback"]).toBe("live");
    expect(epel8["python3-sphinx"]).toBe("dead");
    expect(epel8["python3-old-python"]).toBe("live");
    const epel9 = buildRequires(tree, { target: "epel-9" });
    expect(epel9["python3-old-backport"]).toBe("dead");
    expect(epel9["python3-el9-only"]).toBe("live");
    expect(epel9["python3-modern"]).toBe("dead");
    const epel10 = buildRequires(tree, { target: "epel-10" });
    expect(epel10["python3-modern"]).toBe("live");
    expect(epel10["python3-el9-only"]).toBe("dead");
  });

  it("applies --with and --without like rpmbuild", () => {
    const result = buildRequires(tree, { without: ["tests"], with: ["bootstrap"] });
    expect(result["python3-pytest"]).toBe("dead");
    expect(result["python3-pytest-socket"]).toBe("dead");
    expect(result["python3-bootstrap-only"]).toBe("live");
    const evaluation = evaluate(tree, { without: ["tests", "network"] });
    expect(evaluation.bcond("tests")).toBe(false);
    expect(evaluation.bcond("network")).toBe(false);
    expect(evaluation.bcond("docs")).toBe(true);
    expect(evaluation.bcond("undeclared")).toBeNull();
  });

  it("explains unknown lines and conditions", () => {
    const evaluation = evaluate(tree);
    const shell = tags(tree, "buildrequires").find((tag) => tag.value.text === "python3-shell-decided")!;
    expect(evaluation.unknownConditionAt(shell.start)).toBe("%(test -e /etc/os-release && echo 1 || echo 0)");
    const outcome = evaluation.conditionOf(conditionalLine(tree, "%(test -e /etc/os-release && echo 1 || echo 0)"))!;
    expect(outcome).toMatchObject({ evaluated: true, value: null, error: null, expanded: "<?>" });
    expect(outcome.unknown).toEqual(["%(…) shell commands are never executed"]);
    const live = tags(tree, "buildrequires").find((tag) => tag.value.text === "python3-devel")!;
    expect(evaluation.unknownConditionAt(live.start)).toBeNull();
  });

  it("does not evaluate %elif after a taken branch", () => {
    const evaluation = evaluate(tree);
    const elif = evaluation.conditionOf(conditionalLine(tree, "0%{?rhel} == 9"))!;
    expect(elif).toMatchObject({ evaluated: false, value: null, expanded: null });
  });
});

describe("BuildArch: noarch", () => {
  it("reads %ifarch with the noarch target cpu, as rpm's second reading does", () => {
    const tree = loadSpec("noarch-ifarch.spec");
    expect(buildRequires(tree)).toEqual({
      "python3-x86-only": "dead",
      "python3-noarch-only": "live",
      "python3-not-s390x": "live",
      "python3-linux": "live",
    });
    const evaluation = evaluate(tree);
    expect(evaluation.targetCpu).toBe("noarch");
    expect(evaluation.expand("%{_target_cpu} %{_arch}", tree.text.length).value).toBe("noarch x86_64");
  });

  it("keeps x86_64 for an arch-specific spec", () => {
    const { tree, evaluation } = evaluateText("Name: a\n%ifarch %{ix86} x86_64\nBuildRequires: x\n%endif\n");
    expect(evaluation.targetCpu).toBe("x86_64");
    expect(evaluation.livenessAt(tags(tree, "buildrequires")[0]!.start)).toBe("live");
  });

  it("makes %ifarch unknown when the BuildArch itself is conditional on something unknown", () => {
    const { tree, evaluation } = evaluateText(
      "Name: a\n%if %(echo 1)\nBuildArch: noarch\n%endif\n%ifarch x86_64\nBuildRequires: x\n%endif\n",
    );
    expect(evaluation.targetCpu).toBeNull();
    expect(evaluation.livenessAt(tags(tree, "buildrequires")[0]!.start)).toBe("unknown");
  });
});

describe("nesting", () => {
  it("makes everything under a dead branch dead without evaluating it", () => {
    const { tree, evaluation } = evaluateText(
      "%if 0\n%if %(never run)\nBuildRequires: a\n%else\nBuildRequires: b\n%endif\n%endif\nBuildRequires: c\n",
    );
    const lines = tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start));
    expect(lines).toEqual(["dead", "dead", "live"]);
    expect(evaluation.conditionOf(conditionalLine(tree, "%(never run)"))!.evaluated).toBe(false);
  });

  it("combines an unknown outer branch with a known inner one", () => {
    const { tree, evaluation } = evaluateText(
      "%if %(x)\n%if 1\nBuildRequires: a\n%else\nBuildRequires: b\n%endif\n%endif\n",
    );
    expect(tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start))).toEqual(["unknown", "dead"]);
  });

  it("decides an %elif chain after an unknown branch only when it can", () => {
    const { tree, evaluation } = evaluateText(
      "%if %(x)\nBuildRequires: a\n%elif 0\nBuildRequires: b\n%elif 1\nBuildRequires: c\n%else\nBuildRequires: d\n%endif\n",
    );
    expect(tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start))).toEqual([
      "unknown",
      "dead",
      "unknown",
      "dead",
    ]);
  });

  it("uses short-circuit logic with unknown operands", () => {
    const { tree, evaluation } = evaluateText(
      "%if %(x) || 1\nBuildRequires: a\n%endif\n%if 0 && %(x)\nBuildRequires: b\n%endif\n%if %{lua: print(1)} && 0\nBuildRequires: c\n%endif\n",
    );
    expect(tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start))).toEqual(["live", "dead", "dead"]);
  });

  it("reports conditions rpm rejects", () => {
    const { tree, evaluation } = evaluateText(
      "%if %{python3_version} > 3.10\nBuildRequires: a\n%endif\n%if \"a\" && 1\nBuildRequires: b\n%endif\n",
    );
    expect(evaluation.conditionOf(conditionalLine(tree, "%{python3_version} > 3.10"))).toMatchObject({
      value: null,
      error: "parse error in expression",
      expanded: "3.15 > 3.10",
    });
    expect(evaluation.conditionOf(conditionalLine(tree, '"a" && 1'))!.error).toBe("types must match");
    expect(tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start))).toEqual(["unknown", "unknown"]);
  });

  it("joins a backslash-continued condition", () => {
    const { tree, evaluation } = evaluateText("%if 0%{?fedora} && \\\n    0%{?fedora} > 40\nBuildRequires: a\n%endif\n");
    expect(evaluation.livenessAt(tags(tree, "buildrequires")[0]!.start)).toBe("live");
  });
});

describe("macro definitions", () => {
  it("tracks %global, %define and %undefine in file order", () => {
    const { tree, evaluation } = evaluateText(
      "%global a one\n%define b %{a}-lazy\n%global c %{a}-eager\n%global a two\nName: x\n%undefine a\nVersion: 1\n",
    );
    const [name, version] = [tags(tree, "name")[0]!, tags(tree, "version")[0]!];
    expect(evaluation.expand("%{a} %{b} %{c}", name.start).value).toBe("two two-lazy one-eager");
    expect(evaluation.expand("%{a}", version.start).value).toBe("one");
    expect(evaluation.expand("%{a}", 0).value).toBe("%{a}");
    expect(evaluation.definitionAt("c", name.start)).toMatchObject({ body: "%{a}-eager", eager: true, start: 34 });
    expect(evaluation.definitionAt("nothing", name.start)).toBeUndefined();
    expect(evaluation.definitionAt("python3_sitelib", 0)).toMatchObject({ body: null, start: null });
  });

  it("makes a definition in an unknown branch unknown afterwards, unless it repeats the value", () => {
    const { evaluation, tree } = evaluateText(
      "%global a 1\n%global b 1\n%if %(x)\n%global a 2\n%global b 1\n%endif\nName: x\n",
    );
    const name = tags(tree, "name")[0]!;
    expect(evaluation.definitionAt("a", name.start)).toBeNull();
    expect(evaluation.expand("%{a}", name.start)).toEqual({
      value: null,
      unknown: ["it is changed on line 4 inside a condition that is not known statically"],
    });
    expect(evaluation.expand("%{b}", name.start).value).toBe("1");
  });

  it("ignores definitions in dead branches, as rpm does not expand them", () => {
    const { tree, evaluation } = evaluateText("%if 0%{?rhel}\n%global a %(never)\n%endif\nName: x-%{?a}\n");
    expect(evaluation.expand("%{name}", tags(tree, "name")[0]!.end).value).toBe("x-");
  });

  it("defines macros from conditional one-liners", () => {
    const { tree, evaluation } = evaluateText("%{!?py3ver: %global py3ver 3}\n%{?fedora:%global onfedora yes}\nName: x\n");
    const name = tags(tree, "name")[0]!;
    expect(evaluation.expand("%{py3ver} %{onfedora}", name.start).value).toBe("3 yes");
    const epel = evaluate(tree, { target: "epel-9" });
    expect(epel.expand("%{?onfedora}", name.start).value).toBe("");
  });

  it("defines tag macros as rpm reads the tags", () => {
    const { tree, evaluation } = evaluateText(
      "Name: pkg\nVersion: 1.0\nEpoch: 2\nSource0: https://x.org/%{name}-%{version}.tar.gz\nSource: second.txt\nPatch3: fix.patch\nPatch: next.patch\n%package sub\nSummary: sub summary\n",
    );
    const end = tree.text.length;
    expect(evaluation.expand("%{name} %{NAME} %{epoch} %{summary}", end).value).toBe("pkg pkg 2 sub summary");
    expect(evaluation.expand("%{SOURCE0}|%{SOURCEURL0}|%{S:1}|%{PATCH3}|%{P:4}", end).value).toBe(
      "/builddir/build/SOURCES/pkg-1.0.tar.gz|https://x.org/pkg-1.0.tar.gz|/builddir/build/SOURCES/second.txt|/builddir/build/SOURCES/fix.patch|/builddir/build/SOURCES/next.patch",
    );
    expect(evaluation.sources.map((source) => [source.kind, source.number, source.value])).toEqual([
      ["source", 0, "https://x.org/pkg-1.0.tar.gz"],
      ["source", 1, "second.txt"],
      ["patch", 3, "fix.patch"],
      ["patch", 4, "next.patch"],
    ]);
    expect(evaluation.expand("%{name}", 0).value).toBe("%{name}");
  });

  it("makes what Lua code or an included file may define unknown", () => {
    const { evaluation, tree } = evaluateText(
      "%global keep 1\n%{lua: rpm.define('major 3')}\n%if 0%{?major}\nBuildRequires: a\n%endif\n%if 0%{?other}\nBuildRequires: b\n%endif\n%include %{SOURCE9}\n%if 0%{?other}\nBuildRequires: c\n%endif\nName: x-%{keep}\n",
    );
    expect(tags(tree, "buildrequires").map((tag) => evaluation.livenessAt(tag.start))).toEqual(["unknown", "dead", "unknown"]);
    expect(evaluation.opaque.map((construct) => [construct.line.line, construct.reason])).toEqual([
      [2, "the Lua code on line 2 may define it"],
      [9, "line 9 includes a file, which is never read"],
    ]);
    expect(evaluation.expand("%{name}", tree.text.length).value).toBe("x-1");
  });

  it("notes a %{load:} or Lua block written in %files, which rpm expands too", () => {
    const { evaluation } = evaluateText("Name: x\n%files\n/usr/bin/x\n%{load:/tmp/macros}\n%{lua: rpm.define('y 1')}\n");
    expect(evaluation.opaque.map((construct) => [construct.line.line, construct.reason])).toEqual([
      [4, "line 4 loads a macro file, which is never read"],
      [5, "the Lua code on line 5 may define it"],
    ]);
  });

  it("expands parametric macros defined in the spec", () => {
    const { evaluation, tree } = evaluateText(
      "%define greet(n:) Hello %{-n*}%{!-n:nobody} (%#: %*)\n%define rec() %rec\nName: x\n",
    );
    const at = tree.text.length;
    expect(evaluation.expand("%greet -n World a b", at).value).toBe("Hello World (2: a b)");
    expect(evaluation.expand("%{greet}", at).value).toBe("Hello nobody (0: )");
    expect(evaluation.expand("%greet -x", at)).toEqual({ value: null, unknown: ["%greet: unknown option -x"] });
    expect(evaluation.expand("%rec", at).unknown).toEqual(["macro recursion is deeper than rpm allows (64 levels)"]);
  });
});

describe("packages", () => {
  const tree = loadSpec("packages.spec");

  it("lists the main package and each %package with resolved names", () => {
    const evaluation = evaluate(tree);
    expect(evaluation.packages.map((pkg) => [pkg.name, pkg.nameAsWritten, pkg.liveness])).toEqual([
      ["python-demo", "python-%{srcname}", "live"],
      ["python3-demo", "python3-%{srcname}", "live"],
      ["python-demo-doc", "doc", "live"],
      ["python3-demo-el", "python3-%{srcname}-el", "dead"],
    ]);
    expect(evaluate(tree, { target: "epel-9" }).packages[3]!.liveness).toBe("live");
  });

  it("attaches description, files and scriptlet sections by resolved name", () => {
    const evaluation = evaluate(tree);
    const sections = evaluation.packages.map((pkg) => pkg.sections.map((section) => section.kind));
    expect(sections).toEqual([["description"], ["description", "files", "scriptlet"], ["description", "files"], ["description", "files"]]);
    const files = tree.sections.find((section) => section.kind === "files")!;
    expect(evaluation.packageOf(files.start + 5)?.name).toBe("python3-demo-el");
    expect(evaluation.packageOf(0)?.name).toBe("python-demo");
  });

  it("uses the main package's tags for %{summary} until a subpackage redefines it", () => {
    const evaluation = evaluate(tree);
    const summaries = evaluation.packages.map((pkg) => pkg.tags.find((tag) => tag.name === "summary")!);
    expect(evaluation.expand(summaries[1]!.value.text, summaries[1]!.start).value).toBe("Demo");
    expect(evaluation.expand(summaries[2]!.value.text, summaries[2]!.start).value).toBe("Documentation for python-demo");
  });
});

describe("declarative builds", () => {
  it("exposes BuildSystem and the sections it implies", () => {
    const tree = loadSpec("declarative.spec");
    const evaluation = evaluate(tree);
    expect(evaluation.buildSystem).toMatchObject({
      name: "pyproject",
      liveness: "live",
      impliedSections: ["prep", "generate_buildrequires", "build", "install"],
    });
    expect(evaluation.expand("%{buildsystem}", tree.text.length).value).toBe("pyproject");
  });

  it("still generates a section that the spec only appends or prepends to", () => {
    const { evaluation } = evaluateText("Name: a\nBuildSystem: pyproject\n%prep -a\nrm -r vendor\n%build -p\ntrue\n%install\n%pyproject_install\n");
    expect(evaluation.buildSystem?.impliedSections).toEqual(["prep", "generate_buildrequires", "build", "check"]);
  });

  it("is null for a classic spec", () => {
    expect(evaluateText("Name: a\n%build\n").evaluation.buildSystem).toBeNull();
  });
});

describe("targets", () => {
  it("rejects an unknown target id", () => {
    const { tree } = parseSpec("Name: a\n");
    expect(() => evaluate(tree, { target: "fedora-12" })).toThrow(/unknown target "fedora-12"/);
  });

  it("knows the built-in macros of each target", () => {
    const { tree } = parseSpec("Name: a\n");
    const expansions = ["fedora-rawhide", "fedora-43", "fedora-41", "epel-9", "epel-8"].map(
      (target) =>
        evaluate(tree, { target }).expand(
          "%{?fedora}|%{?rhel}|%{dist}|%{python3_version}|%{python3_sitearch}|%{_sbindir}|%{py3_shebang_flags}",
          tree.text.length,
        ).value,
    );
    expect(expansions).toEqual([
      "46||.fc46|3.15|/usr/lib64/python3.15/site-packages|/usr/bin|sP",
      "43||.fc43|3.14|/usr/lib64/python3.14/site-packages|/usr/bin|sP",
      "41||.fc41|3.13|/usr/lib64/python3.13/site-packages|/usr/sbin|sP",
      "|9|.el9|3.9|/usr/lib64/python3.9/site-packages|/usr/sbin|s",
      "|8|.el8|3.6|/usr/lib64/python3.6/site-packages|/usr/sbin|s",
    ]);
  });

  it("knows python-srpm-macros' wheel package prefix and directory where the target defines them", () => {
    const wheel = "%{python_wheel_pkg_prefix}-pip-wheel %{python_wheel_dir}";
    const expanded = (spec: string, target: string) => {
      const { tree, evaluation } = evaluateText(spec, { target });
      return evaluation.expand(wheel, tree.text.length);
    };
    expect(expanded("Name: a\n", "fedora-rawhide").value).toBe("python-pip-wheel /usr/share/python-wheels");
    expect(expanded("Name: a\n", "fedora-41").value).toBe("python-pip-wheel /usr/share/python-wheels");
    expect(expanded("Name: a\n", "epel-10").value).toBe("python3-pip-wheel /usr/share/python3-wheels");
    expect(expanded("Name: a\n", "epel-9").value).toBe("python3-pip-wheel /usr/share/python3-wheels");
    expect(expanded("%global python3_pkgversion 3.11\nName: a\n", "epel-9").value).toBe(
      "python3.11-pip-wheel /usr/share/python3.11-wheels",
    );
    expect(expanded("%global python3_pkgversion 3.11\nName: a\n", "fedora-43").value).toBe(
      "python-pip-wheel /usr/share/python-wheels",
    );
    expect(expanded("Name: a\n", "epel-8")).toEqual({
      value: null,
      unknown: [
        "%{python_wheel_pkg_prefix} is defined only when a build dependency provides it",
        "%{python_wheel_dir} is defined only when a build dependency provides it",
      ],
    });
  });
});

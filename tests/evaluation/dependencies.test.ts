import { describe, expect, it } from "vitest";
import { builtPackageNames, resolveDependencies, tagsInMacroBodies, tagTakesEffect } from "../../src/evaluation/dependencies.js";
import { evaluate } from "../../src/evaluation/evaluate.js";
import type { Evaluation } from "../../src/evaluation/types.js";
import { parseSpec } from "../../src/parser/parse.js";
import type { TagLine, TextLine } from "../../src/tree/nodes.js";

function evaluated(text: string, target?: string): Evaluation {
  return evaluate(parseSpec(text).tree, { target });
}

function tagLines(evaluation: Evaluation): TagLine[] {
  return evaluation.tree.sections.flatMap((section) => section.lines.filter((line): line is TagLine => line.type === "TagLine"));
}

function tagNamed(evaluation: Evaluation, name: string, index = 0): TagLine {
  const tag = tagLines(evaluation).filter((line) => line.name === name)[index];
  if (tag === undefined) throw new Error(`no ${name} tag`);
  return tag;
}

describe("resolveDependencies", () => {
  it("expands names and versions, keeping the written span", () => {
    const evaluation = evaluated("%global prefix python3\nName: python-foo\nVersion: 1.0\nRequires: %{prefix}-requests >= 2.0, %{name}-doc = %{version}\n");
    const resolved = resolveDependencies(evaluation, tagNamed(evaluation, "requires"));
    expect(resolved.map((dependency) => [dependency.written.name.text, dependency.name, dependency.operator, dependency.version])).toEqual([
      ["%{prefix}-requests", "python3-requests", ">=", "2.0"],
      ["%{name}-doc", "python-foo-doc", "=", "1.0"],
    ]);
  });

  it("splits a macro that expands to several dependencies", () => {
    const evaluation = evaluated("BuildRequires: %{py3_dist Foo_Bar zope.interface} >= 1\n");
    const resolved = resolveDependencies(evaluation, tagNamed(evaluation, "buildrequires"));
    expect(resolved.map((dependency) => [dependency.name, dependency.written.name.text])).toEqual([
      ["python3dist(foo-bar)", "%{py3_dist Foo_Bar zope.interface}"],
      ["python3dist(zope-interface)", "%{py3_dist Foo_Bar zope.interface}"],
    ]);
  });

  it("reads a list held in a macro, with its own versions", () => {
    const evaluation = evaluated("%global deps python3-a >= 1 python3-b\nRequires: %{deps}\n");
    const resolved = resolveDependencies(evaluation, tagNamed(evaluation, "requires"));
    expect(resolved.map((dependency) => [dependency.name, dependency.operator, dependency.version])).toEqual([
      ["python3-a", ">=", "1"],
      ["python3-b", null, null],
    ]);
  });

  it("flattens rich dependencies and strips the ISA suffix", () => {
    const evaluation = evaluated("Requires: (python3-a%{?_isa} or python3-b)\n");
    const resolved = resolveDependencies(evaluation, tagNamed(evaluation, "requires"));
    expect(resolved.map((dependency) => [dependency.name, dependency.isa, dependency.inRich])).toEqual([
      ["python3-a", true, true],
      ["python3-b", false, true],
    ]);
  });

  it("gives null for a name that cannot be expanded statically", () => {
    const evaluation = evaluated("Requires: %(echo python3-a)\n");
    expect(resolveDependencies(evaluation, tagNamed(evaluation, "requires")).map((dependency) => dependency.name)).toEqual([null]);
  });

  it("reads nothing from other tags", () => {
    const evaluation = evaluated("Summary: python3-a\n");
    expect(resolveDependencies(evaluation, tagNamed(evaluation, "summary"))).toEqual([]);
  });
});

describe("tagTakesEffect and builtPackageNames", () => {
  const text = [
    "Name: python-foo",
    "Version: 1",
    "BuildRequires: python3-devel",
    "%description",
    "Foo.",
    "%package -n python3-foo",
    "Summary: Foo",
    "Requires: python3-a",
    "%description -n python3-foo",
    "Foo.",
    "%package -n python2-foo",
    "Summary: Foo",
    "Requires: python2-a",
    "%description -n python2-foo",
    "Foo.",
    "%files -n python3-foo",
    "%{python3_sitelib}/foo/",
    "",
  ].join("\n");

  it("keeps build dependencies and the run-time tags of built packages", () => {
    const evaluation = evaluated(text);
    expect(tagTakesEffect(evaluation, tagNamed(evaluation, "buildrequires"))).toBe(true);
    expect(tagTakesEffect(evaluation, tagNamed(evaluation, "requires", 0))).toBe(true);
    expect(tagTakesEffect(evaluation, tagNamed(evaluation, "requires", 1))).toBe(false);
  });

  it("names only the packages rpm builds", () => {
    expect([...builtPackageNames(evaluated(text))]).toEqual(["python3-foo"]);
  });
});

describe("tagsInMacroBodies", () => {
  it("reads the tags of conditional macro bodies that rpm keeps for the target", () => {
    const evaluation = evaluated("Name: foo\n%{?fedora:Requires: python3-a}\n%{?rhel:Requires: python3-b}\n%{!?rhel:BuildRequires(pre): c >= 1}\n");
    const lines = evaluation.tree.sections[0]!.lines.filter((line): line is TextLine => line.type === "TextLine");
    const tags = lines.flatMap((line) => tagsInMacroBodies(evaluation, line));
    expect(tags.map((tag) => [tag.line, tag.name, tag.qualifiers?.text ?? null, tag.value.text])).toEqual([
      [2, "requires", null, "python3-a"],
      [4, "buildrequires", "pre", "c >= 1"],
    ]);
    expect(resolveDependencies(evaluation, tags[0]!).map((dependency) => dependency.name)).toEqual(["python3-a"]);
  });
});

import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import {
  isCurrentPythonVersion,
  followsInterpreterVersion,
  INTERPRETER_SUBPACKAGES,
  matchesNameList,
  parsePythonDependencyName,
  UNVERSIONED_PYTHON_PACKAGES,
} from "../../src/evaluation/python-dependencies.js";
import { parseSpec } from "../../src/parser/parse.js";

describe("parsePythonDependencyName", () => {
  it("reads interpreters, packages, dist names and python(abi)", () => {
    expect(parsePythonDependencyName("python3")).toEqual({ form: "interpreter", version: "3", rest: "" });
    expect(parsePythonDependencyName("python3.12")).toEqual({ form: "interpreter", version: "3.12", rest: "" });
    expect(parsePythonDependencyName("python")).toEqual({ form: "interpreter", version: null, rest: "" });
    expect(parsePythonDependencyName("python3-foo+bar")).toEqual({ form: "package", version: "3", rest: "foo+bar" });
    expect(parsePythonDependencyName("python-foo")).toEqual({ form: "package", version: null, rest: "foo" });
    expect(parsePythonDependencyName("python2.7-six")).toEqual({ form: "package", version: "2.7", rest: "six" });
    expect(parsePythonDependencyName("python3.12dist(foo[bar])")).toEqual({ form: "dist", version: "3.12", rest: "foo[bar]" });
    expect(parsePythonDependencyName("python(abi)")).toEqual({ form: "abi", version: null, rest: "" });
  });

  it("reads compact versions as dotted ones", () => {
    expect(parsePythonDependencyName("python38-mock")?.version).toBe("3.8");
    expect(parsePythonDependencyName("python311")?.version).toBe("3.11");
    expect(parsePythonDependencyName("python27-six")?.version).toBe("2.7");
  });

  it("leaves other names alone", () => {
    expect(parsePythonDependencyName("pythonegg(3)(foo)")).toBeNull();
    expect(parsePythonDependencyName("pypy3-devel")).toBeNull();
    expect(parsePythonDependencyName("pythondist(foo)")).toBeNull();
    expect(parsePythonDependencyName("/usr/bin/python3")).toBeNull();
  });
});

describe("name lists", () => {
  it("matches names and star patterns", () => {
    expect(matchesNameList(UNVERSIONED_PYTHON_PACKAGES, "python-rpm-macros")).toBe(true);
    expect(matchesNameList(UNVERSIONED_PYTHON_PACKAGES, "python-flit-core-wheel")).toBe(true);
    expect(matchesNameList(UNVERSIONED_PYTHON_PACKAGES, "python-sphinx-doc")).toBe(true);
    expect(matchesNameList(UNVERSIONED_PYTHON_PACKAGES, "python-wheel")).toBe(false);
    expect(matchesNameList(UNVERSIONED_PYTHON_PACKAGES, "python-setuptools")).toBe(false);
    expect(matchesNameList(INTERPRETER_SUBPACKAGES, "python3-tkinter")).toBe(true);
  });
});

describe("interpreter versions of a spec", () => {
  it("are python3, the target's version and a python3_pkgversion the spec sets", () => {
    const versions = ["3", "3.9", "3.11", "3.12", "3.14", "2.7"];
    const tree = parseSpec("%global python3_pkgversion 3.11\nName: x\n").tree;
    const epel = evaluate(tree, { target: "epel-9" });
    expect(versions.filter((version) => isCurrentPythonVersion(epel, version, tree.text.length))).toEqual(["3", "3.9", "3.11"]);
    const plain = parseSpec("Name: x\n").tree;
    const fedora = evaluate(plain, { target: "fedora-43" });
    expect(versions.filter((version) => isCurrentPythonVersion(fedora, version, 0))).toEqual(["3", "3.14"]);
  });

  it("tells versions taken from the interpreter's macros from literal ones", () => {
    const tree = parseSpec("%global pyver %{python3_version}\n%global fixed 3.12\nName: x\n").tree;
    const evaluation = evaluate(tree, {});
    const end = tree.text.length;
    expect(followsInterpreterVersion(evaluation, "python%{python3_version}dist(foo)", end)).toBe(true);
    expect(followsInterpreterVersion(evaluation, "python%{pyver}-foo", end)).toBe(true);
    expect(followsInterpreterVersion(evaluation, "python%{fixed}-foo", end)).toBe(false);
    expect(followsInterpreterVersion(evaluation, "python3.12-foo", end)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { canonicalProjectName, normalizeExtraName, splitExtrasName } from "../../src/evaluation/python-extras.js";
import { namedAfterCommand, namesPython } from "../../src/evaluation/python-scope.js";

describe("splitExtrasName", () => {
  it("splits at the last plus", () => {
    expect(splitExtrasName("python3-setuptools_scm+toml")).toEqual({ base: "python3-setuptools_scm", extra: "toml" });
    expect(splitExtrasName("python3-a+b+c")).toEqual({ base: "python3-a+b", extra: "c" });
  });

  it("keeps plus signs that end the name", () => {
    expect(splitExtrasName("python3-libkdtree++")).toBeNull();
    expect(splitExtrasName("gcc-c++")).toBeNull();
    expect(splitExtrasName("python3-foo")).toBeNull();
    expect(splitExtrasName("+foo")).toBeNull();
  });
});

describe("canonical names", () => {
  it("normalises project names as PEP 503 does", () => {
    expect(canonicalProjectName("Django")).toBe("django");
    expect(canonicalProjectName("zope.interface")).toBe("zope-interface");
    expect(canonicalProjectName("Foo__Bar-._baz")).toBe("foo-bar-baz");
  });

  it("normalises extra names as PEP 685 does", () => {
    expect(normalizeExtraName("Dev_Tools")).toBe("dev-tools");
  });
});

describe("package name words", () => {
  it("recognises names that present a package as Python", () => {
    expect(namesPython("python-foo")).toBe(true);
    expect(namesPython("libfoo-python3")).toBe(true);
    expect(namesPython("gumbo-parser-python")).toBe(true);
    expect(namesPython("py3-foo")).toBe(true);
    expect(namesPython("pyflakes")).toBe(false);
    expect(namesPython("deluge-common")).toBe(false);
  });
});

describe("namedAfterCommand", () => {
  it("matches a package with the commands it is named after", () => {
    expect(namedAfterCommand("ansible-core", ["ansible", "ansible-playbook"])).toBe(true);
    expect(namedAfterCommand("beets", ["beet"])).toBe(true);
    expect(namedAfterCommand("pyjokes", ["pyjoke"])).toBe(true);
    expect(namedAfterCommand("tool", ["*"])).toBe(true);
  });

  it("does not match helper scripts named otherwise", () => {
    expect(namedAfterCommand("cachecontrol", ["doesitcache"])).toBe(false);
    expect(namedAfterCommand("sympy", ["isympy"])).toBe(false);
    expect(namedAfterCommand("numpy", ["numpy-config"])).toBe(false);
    expect(namedAfterCommand("tool", [])).toBe(false);
  });
});

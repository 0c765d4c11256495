import { describe, expect, it } from "vitest";
import { globToRegExp, isGlob } from "../../src/parser/glob.js";

const matches = (pattern: string, path: string): boolean => globToRegExp(pattern)?.test(path) === true;

describe("globToRegExp", () => {
  it("matches * and ? within one path component", () => {
    expect(matches("/a/*.py", "/a/foo.py")).toBe(true);
    expect(matches("/a/*.py", "/a/b/foo.py")).toBe(false);
    expect(matches("/a/foo.cpython-3?.pyc", "/a/foo.cpython-39.pyc")).toBe(true);
  });

  it("reads character classes, negated ones too", () => {
    expect(matches("/a/[fg]oo", "/a/goo")).toBe(true);
    expect(matches("/a/[!f]oo", "/a/foo")).toBe(false);
  });

  it("expands braces, nested ones too, and keeps literal text literal", () => {
    expect(matches("/a/foo.cpython-312{,.opt-?}.pyc", "/a/foo.cpython-312.opt-1.pyc")).toBe(true);
    expect(matches("/a/{x,y{1,2}}.py", "/a/y2.py")).toBe(true);
    expect(matches("/a/b.c", "/a/bxc")).toBe(false);
    expect(matches("/a/{unclosed", "/a/{unclosed")).toBe(true);
  });
});

describe("isGlob", () => {
  it("tells globs from plain paths", () => {
    expect([isGlob("/a/*"), isGlob("/a/{b,c}"), isGlob("/a/b")]).toEqual([true, true, false]);
  });
});

import { describe, expect, it } from "vitest";
import { compareEvr, parseEvr, rpmvercmp } from "../../src/evaluation/version.js";

describe("rpmvercmp", () => {
  it.each([
    ["1.0", "1.0", 0],
    ["1.0", "2.0", -1],
    ["2.0.1", "2.0", 1],
    ["3.10", "3.9", 1],
    ["1.0010", "1.9", 1],
    ["1.05", "1.5", 0],
    ["1.0a", "1.0", 1],
    ["a", "1", -1],
    ["1.0~rc1", "1.0", -1],
    ["1.0~rc1", "1.0~rc2", -1],
    ["1.0^git1", "1.0", 1],
    ["1.0^git1", "1.0.1", -1],
    ["1.0^", "1.0~", 1],
    ["1_0", "1.0", 0],
    ["abc", "abd", -1],
  ])("%s vs %s is %i", (a, b, expected) => {
    expect(rpmvercmp(a, b)).toBe(expected);
    expect(rpmvercmp(b, a)).toBe(expected === 0 ? 0 : -expected);
  });
});

describe("EVR comparison", () => {
  it("splits epoch, version and release as rpm does", () => {
    expect(parseEvr("2:1.0-3.fc43")).toEqual({ epoch: "2", version: "1.0", release: "3.fc43" });
    expect(parseEvr("1.0-a-b")).toEqual({ epoch: null, version: "1.0-a", release: "b" });
    expect(parseEvr(":1.0")).toEqual({ epoch: "0", version: "1.0", release: null });
  });

  it("compares epoch first, a missing epoch as 0, a missing release as older", () => {
    expect(compareEvr("1:1.0", "2.0")).toBe(1);
    expect(compareEvr("0:1.0", "1.0")).toBe(0);
    expect(compareEvr("1.0", "1.0-1")).toBe(-1);
    expect(compareEvr("1.0-2", "1.0-10")).toBe(-1);
  });
});

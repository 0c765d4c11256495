import { describe, expect, it } from "vitest";
import { branchNote, formatMessage } from "../../src/engine/messages.js";
import type { RuleMeta } from "../../src/engine/types.js";

const meta: RuleMeta = {
  name: "example",
  severity: "warning",
  type: "problem",
  guideline: "https://example.org/#x",
  description: "An example.",
  messages: {
    macro: "use `%{python3}` instead of `{{path}}` (line {{ line }})",
  },
  fix: "none",
};

describe("formatMessage", () => {
  it("fills double-brace placeholders and leaves spec macros alone", () => {
    expect(formatMessage(meta, "macro", { path: "/usr/bin/python3", line: 3 })).toBe(
      "use `%{python3}` instead of `/usr/bin/python3` (line 3)",
    );
  });

  it("throws on an unknown message id or missing data (a bug in the rule)", () => {
    expect(() => formatMessage(meta, "other")).toThrow(/unknown message id "other"/);
    expect(() => formatMessage(meta, "macro", { path: "x" })).toThrow(/needs data "line"/);
    expect(() => formatMessage(meta, "toString")).toThrow(/unknown message id/);
  });
});

describe("branchNote", () => {
  it("names an undecidable condition, and says nothing without one", () => {
    expect(branchNote("%{undefined rhel}")).toBe(" (in a branch that depends on `%{undefined rhel}`)");
    expect(branchNote(null)).toBe("");
  });
});

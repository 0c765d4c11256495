import { describe, expect, it } from "vitest";
import { expectType, lineAt, parseChecked, parseFixture } from "./helpers.js";

describe("%changelog", () => {
  const { tree, diagnostics } = parseFixture("changelog.spec");
  const entry = (line: number) => {
    const node = expectType(lineAt(tree, line), "ChangelogHeaderLine");
    return {
      date: node.date?.text ?? null,
      author: node.author?.text ?? null,
      email: node.email?.text ?? null,
      evr: node.evr?.text ?? null,
    };
  };

  it("reports nothing for changelog.spec", () => {
    expect(diagnostics).toEqual([]);
  });

  it("keeps %autochangelog and entry bodies as text", () => {
    expect(expectType(lineAt(tree, 7), "TextLine").content.text).toBe("%autochangelog");
    expect(expectType(lineAt(tree, 9), "TextLine").content.text).toBe("- Rebuilt");
    expect(lineAt(tree, 10).type).toBe("BlankLine");
  });

  it("reads date, author, email and version of an entry header", () => {
    expect(entry(8)).toEqual({ date: "Mon Jan 01 2024", author: "Jane Doe", email: "jane@example.org", evr: "1.0-2" });
  });

  it("reads the long date form with a time and zone", () => {
    expect(entry(11)).toEqual({
      date: "Tue Mar  2 11:16:25 GMT 2021",
      author: "Richard Roe",
      email: "rroe@example.org",
      evr: "1:0.9-1.fc34",
    });
  });

  it("reads headers without an email, or without a version", () => {
    expect(entry(14)).toEqual({ date: "Wed Jan 07 2026", author: "packager@example.org", email: null, evr: "25.12.1-1" });
    expect(entry(17)).toEqual({ date: "Sat Dec 23 2023", author: "John Smith", email: "jsmith AT example DOT org", evr: null });
    expect(entry(21)).toEqual({ date: "Fri Dec 01 2023", author: "Anonymous", email: null, evr: "0.7-1" });
  });

  it("only reads `*` in the first column of %changelog as an entry header", () => {
    const { tree: other } = parseChecked("%description\n* not an entry\n%changelog\n  * indented\n* Mon Jan 01 2024 A <a@b> - 1\n");
    expect(lineAt(other, 2).type).toBe("TextLine");
    expect(lineAt(other, 4).type).toBe("TextLine");
    expect(lineAt(other, 5).type).toBe("ChangelogHeaderLine");
  });

  it("leaves a header too short for a date without one", () => {
    const { tree: other } = parseChecked("%changelog\n* Mon Jan\n");
    const header = expectType(lineAt(other, 2), "ChangelogHeaderLine");
    expect(header.date).toBeNull();
    expect(header.author?.text).toBe("Mon Jan");
  });
});

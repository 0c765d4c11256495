import { describe, expect, it } from "vitest";
import type { Section } from "../../src/tree/nodes.js";
import { expectType, parseChecked, parseFixture } from "./helpers.js";

function headerSummary(section: Section) {
  const header = section.header;
  if (header === null) return { kind: section.kind };
  return {
    kind: section.kind,
    name: header.name,
    line: header.line,
    subpackage: header.subpackage?.text ?? null,
    fullName: header.fullName,
    options: header.options.map((option) => [option.flag.text, option.value?.text ?? null]),
    conditions: header.conditions?.text ?? null,
  };
}

describe("section headers", () => {
  const { tree, diagnostics } = parseFixture("sections.spec");
  const sections = tree.sections.map(headerSummary);

  it("parses every section of sections.spec without diagnostics", () => {
    expect(diagnostics).toEqual([]);
    expect(tree.sections.map((section) => section.header?.name ?? "preamble")).toEqual([
      "preamble",
      "description",
      "package",
      "description",
      "package",
      "description",
      "prep",
      "prep",
      "generate_buildrequires",
      "conf",
      "build",
      "build",
      "install",
      "check",
      "check",
      "clean",
      "pre",
      "post",
      "postun",
      "pretrans",
      "posttrans",
      "preuntrans",
      "postuntrans",
      "verifyscript",
      "triggerin",
      "triggerun",
      "triggerpostun",
      "triggerprein",
      "filetriggerin",
      "transfiletriggerpostun",
      "sourcelist",
      "patchlist",
      "files",
      "files",
      "end",
      "changelog",
    ]);
  });

  it("reads package names: positional suffix or -n full name", () => {
    expect(sections[2]).toMatchObject({ kind: "package", subpackage: "python3-demo", fullName: true, options: [["-n", "python3-demo"]] });
    expect(sections[4]).toMatchObject({ kind: "package", subpackage: "doc", fullName: false, options: [] });
    expect(sections[5]).toMatchObject({ kind: "description", subpackage: "doc", options: [["-l", "de"]] });
  });

  it("matches keywords case-insensitively and keeps the keyword as written", () => {
    const header = tree.sections[3]?.header;
    expect(header?.keyword.text).toBe("Description");
    expect(header?.name).toBe("description");
    expect(sections[3]).toMatchObject({ kind: "description", subpackage: "python3-demo", fullName: true, line: 14 });
  });

  it("reads the rpm 4.20 append and prepend forms of build scripts", () => {
    expect(sections[7]).toMatchObject({ kind: "prep", options: [["-a", null]] });
    expect(sections[10]).toMatchObject({ kind: "build", options: [["-p", null]] });
    expect(sections[11]).toMatchObject({ kind: "build", options: [] });
    expect(sections[14]).toMatchObject({ kind: "check", options: [["-a", null]] });
  });

  it("reads scriptlet interpreters and trigger options and conditions", () => {
    expect(sections[17]).toMatchObject({ kind: "scriptlet", name: "post", options: [["-p", "/sbin/ldconfig"]] });
    expect(sections[19]).toMatchObject({ kind: "scriptlet", name: "pretrans", options: [["-p", "<lua>"]] });
    expect(sections[23]).toMatchObject({ kind: "verifyscript" });
    expect(sections[24]).toMatchObject({ kind: "trigger", name: "triggerin", conditions: "bash < 5.0", options: [] });
    expect(sections[25]).toMatchObject({
      kind: "trigger",
      subpackage: "python3-demo",
      fullName: true,
      options: [
        ["-n", "python3-demo"],
        ["-p", "/bin/bash"],
      ],
      conditions: "glibc",
    });
    expect(sections[26]).toMatchObject({ options: [["-e", null], ["-q", null]], conditions: "foo" });
    expect(sections[28]).toMatchObject({ kind: "filetrigger", name: "filetriggerin", options: [["-P", "1000"]], conditions: "/usr/lib/python3" });
    expect(sections[29]).toMatchObject({ kind: "filetrigger", subpackage: "python3-demo", conditions: "/usr/share/icons" });
  });

  it("reads %files options, -f given several times", () => {
    expect(sections[32]).toMatchObject({
      kind: "files",
      subpackage: "python3-demo",
      fullName: true,
      options: [
        ["-n", "python3-demo"],
        ["-f", "%{pyproject_files}"],
        ["-f", "extra.list"],
      ],
    });
    expect(sections[33]).toMatchObject({ kind: "files", subpackage: "doc", fullName: false });
  });

  it("reads %sourcelist, %patchlist and %end as sections", () => {
    expect(sections[30]).toMatchObject({ kind: "sourcelist" });
    expect(sections[31]).toMatchObject({ kind: "patchlist" });
    expect(sections[34]).toMatchObject({ kind: "end", line: 104 });
    expect(sections[35]).toMatchObject({ kind: "changelog", line: 106 });
  });

  it("only counts a keyword in the first column", () => {
    const description = tree.sections[1] as Section;
    const indented = expectType(description.lines[1]!, "TextLine");
    expect(indented.content.text).toBe("  %files inside a description line is text: only the first column counts.");
  });

  it("spans each section from its header to the next header", () => {
    const prep = tree.sections[6] as Section;
    expect(prep.start).toBe(prep.header?.start);
    expect(prep.end).toBe(tree.sections[7]?.start);
    expect(tree.text.slice(prep.start, prep.end)).toBe("%prep\n%autosetup -p1\n\n");
  });

  it("treats a keyword followed by other characters as text", () => {
    const { tree: other } = parseChecked("Name: x\n%description\n%files-list\n%package_name\n%prepare\n");
    expect(other.sections).toHaveLength(2);
    expect(other.sections[1]?.lines.map((line) => line.type)).toEqual(["TextLine", "TextLine", "TextLine"]);
  });

  it("takes a macro-led positional name as written (rpm expands it with the header)", () => {
    const result = parseChecked(
      "Name: x\n%description %_description\n\n%description -n python3-x %{_description}\n%package -n python3-x %{?extra}\n",
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.tree.sections[1]?.header?.subpackage?.text).toBe("%_description");
    expect(result.tree.sections[2]?.header?.subpackage?.text).toBe("python3-x");
  });

  it("splits %package arguments at spaces, tabs and newlines only", () => {
    const result = parseChecked("%package a\rb\r\n%package -n\tc\n");
    expect(result.diagnostics).toEqual([]);
    expect(result.tree.sections[1]?.header?.subpackage?.text).toBe("a\rb");
    expect(result.tree.sections[2]?.header?.subpackage?.text).toBe("c");
  });

  it("keeps a macro group whole in header arguments, whatever blanks, quotes or -- it holds", () => {
    const result = parseFixture("header-macros.spec");
    expect(result.diagnostics).toEqual([]);
    const headers = result.tree.sections.slice(1).map(headerSummary);
    expect(headers.map((header) => "subpackage" in header ? header.subpackage : null)).toEqual([
      null,
      "%(echo shell-name)",
      "%(echo shell-name)",
      "python3-%{?with_extra: a b}",
      "python3-%{?with_extra: a b}",
      "%{name}-%{lua: print(\"x y\")}",
      "%{name}-%{lua: print(\"x y\")}",
      "%(echo shell-name)",
      "python3-%{?with_extra: a b}",
      "%{name}-%{lua: print(\"x y\")}",
      '%{lua: print("x\\}y")}',
      "%(echo shell-name)",
      null,
    ]);
    expect(headers[8]).toMatchObject({
      options: [
        ["-n", "python3-%{?with_extra: a b}"],
        ["-f", "%{lua: print('a \"b\" c')}"],
      ],
    });
    expect(headers[11]).toMatchObject({ kind: "trigger", options: [["-n", "%(echo shell-name)"]], conditions: '%{lua: print("a -- b")}' });
  });

  it("reads quoted header arguments", () => {
    const { tree: quoted, diagnostics: problems } = parseChecked('%post -p "/usr/bin/env python3"\n');
    expect(problems).toEqual([]);
    expect(quoted.sections[1]?.header?.options[0]?.value?.text).toBe("/usr/bin/env python3");
  });
});

import { describe, expect, it } from "vitest";
import { diagnosticsAt, expectType, lineAt, parseChecked, parseFixture } from "./helpers.js";

describe("%files lines", () => {
  const { tree, diagnostics } = parseFixture("files.spec");
  const files = (line: number) => {
    const node = expectType(lineAt(tree, line), "FilesLine");
    return {
      directives: node.directives.map((directive) =>
        directive.argument === null ? directive.name : `${directive.name}(${directive.argument.text})`,
      ),
      paths: node.paths.map((path) => path.text),
    };
  };

  it("reports nothing for files.spec", () => {
    expect(diagnostics).toEqual([]);
  });

  it("reads directives with and without arguments", () => {
    expect(files(7)).toEqual({ directives: ["defattr(-,root,root,-)"], paths: [] });
    expect(files(8)).toEqual({ directives: ["license"], paths: ["LICENSE"] });
    expect(files(9)).toEqual({ directives: ["doc"], paths: ["README.md", "docs/*.txt"] });
    expect(files(10)).toEqual({ directives: ["dir"], paths: ["%{_datadir}/demo"] });
    expect(files(11)).toEqual({ directives: ["config(noreplace)"], paths: ["%{_sysconfdir}/demo.conf"] });
    expect(files(12)).toEqual({ directives: ["attr(0755, root, root)"], paths: ["%{_bindir}/demo"] });
    expect(files(13)).toEqual({
      directives: ["ghost", "attr(0644,root,root)", "verify(not md5 size mtime)"],
      paths: ["/var/log/demo.log"],
    });
    expect(files(14)).toEqual({ directives: ["lang(de)"], paths: ["%{_datadir}/locale/de/demo.mo"] });
    expect(files(15)).toEqual({ directives: ["caps(cap_net_raw=p)"], paths: ["%{_bindir}/ping-demo"] });
    expect(files(16)).toEqual({ directives: ["exclude"], paths: ["%{python3_sitelib}/demo/tests/"] });
    expect(files(20)).toEqual({ directives: ["artifact"], paths: ["%{_libdir}/demo.so.debug"] });
    expect(files(21)).toEqual({ directives: ["docdir"], paths: ["%{_datadir}/demo/docs"] });
    expect(files(23)).toEqual({ directives: ["config"], paths: ["%{_sysconfdir}/plain.conf"] });
  });

  it("gives exact spans for directives and their arguments", () => {
    const node = expectType(lineAt(tree, 12), "FilesLine");
    const attr = node.directives[0]!;
    expect(attr.span.text).toBe("%attr(0755, root, root)");
    expect(tree.text.slice(attr.span.start, attr.span.end)).toBe(attr.span.text);
    expect(tree.text.slice(attr.argument!.start, attr.argument!.end)).toBe("0755, root, root");
  });

  it("reads macro-led lines as paths, a quoted path without its quotes", () => {
    expect(files(17)).toEqual({ directives: [], paths: ["%{python3_sitelib}/demo/"] });
    expect(files(18)).toEqual({ directives: [], paths: ["%{python3_sitelib}/demo-%{version}.dist-info/"] });
    expect(files(19)).toEqual({ directives: [], paths: ["/usr/share/demo/with space.txt"] });
    expect(files(22)).toEqual({ directives: [], paths: ["%{?with_extra:%{_bindir}/extra tool}"] });
    expect(files(29)).toEqual({ directives: [], paths: ["%pycached", "%{python3_sitelib}/demo.py"] });
  });

  it("keeps comments, conditionals and definitions in %files as such", () => {
    expect(lineAt(tree, 24).type).toBe("CommentLine");
    expect(lineAt(tree, 25).type).toBe("ConditionalLine");
    expect(lineAt(tree, 26).branch?.directive.line).toBe(25);
    expect(lineAt(tree, 28).type).toBe("MacroDefinitionLine");
  });

  it("reports directives missing their parentheses", () => {
    const result = parseChecked("%files\n%attr %{_bindir}/x\n%lang(de %{_datadir}/y\n%config %{_sysconfdir}/z\n");
    expect(diagnosticsAt(result)).toEqual([
      "2:1 %attr needs its arguments in parentheses",
      "3:1 %lang( is missing its closing parenthesis",
    ]);
  });
});

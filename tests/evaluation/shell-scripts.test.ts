import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/evaluation/evaluate.js";
import { commandInvocations, isPythonInterpreterWord, OffsetRanges, searchedTextOffsets, shellScripts } from "../../src/evaluation/shell-scripts.js";
import { evaluatedShellView, isVerbatimScriptSection } from "../../src/evaluation/shell-view.js";
import { parseSpec } from "../../src/parser/parse.js";
import { SCRIPT_SECTIONS } from "../../src/parser/section-header.js";
import { scanShell } from "../../src/parser/shell.js";

const evaluationOf = (text: string, target?: string) => evaluate(parseSpec(text).tree, { target });

describe("shellScripts", () => {
  it("reads each live scriptlet once, leaving out dead ones and other interpreters", () => {
    const text = [
      "Name: x",
      "%build",
      "make",
      "%if 0%{?rhel}",
      "%check",
      "dead-check",
      "%endif",
      "%post -p <lua>",
      "print('x')",
      "%postun -p /bin/sh",
      "echo bye",
      "",
    ].join("\n");
    const scripts = shellScripts(evaluationOf(text));
    expect(scripts.map(({ section, script }) => [section.kind, script.commands.map((command) => command.words[0]!.value)])).toEqual([
      ["build", ["make"]],
      ["scriptlet", ["echo"]],
    ]);
  });

  it("reads build sections that prepend or append to the build system's (%build -p, %install -a)", () => {
    const text = ["Name: x", "BuildSystem: pyproject", "%build -p", "export X=1", "%install -a", "rm -f junk", ""].join("\n");
    const scripts = shellScripts(evaluationOf(text));
    expect(scripts.map(({ section, script }) => [section.kind, script.commands.map((command) => command.words[0]!.value)])).toEqual([
      ["build", ["export"]],
      ["install", ["rm"]],
    ]);
  });
});

describe("isVerbatimScriptSection", () => {
  const verbatimByKind = (text: string): [string, boolean][] => {
    const evaluation = evaluationOf(text);
    return evaluation.tree.sections.filter((section) => SCRIPT_SECTIONS.has(section.kind)).map((section) => [section.kind, isVerbatimScriptSection(evaluation, section)]);
  };

  it("is false for a section with a directive, a dead line, a rewritten %{?name:…} or a final backslash", () => {
    const text = ["Name: x", "%prep", "%setup -q", "%build", "%if 0", "dead", "%endif", "make", "%install", "%{?undefined_name:skip} run", "%check", "make check \\"].join("\n");
    expect(verbatimByKind(text)).toEqual([
      ["prep", true],
      ["build", false],
      ["install", false],
      ["check", false],
    ]);
  });

  it("holds only for sections that read the same from the spec text as from the shell view (specs-corpus)", () => {
    const corpus = fileURLToPath(new URL("../../specs-corpus/", import.meta.url));
    const files = readdirSync(corpus, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".spec"));
    const counts = { verbatim: 0, viewed: 0 };
    for (const file of files) {
      const evaluation = evaluate(parseSpec(readFileSync(`${corpus}${file}`)).tree, {});
      const text = evaluation.tree.text;
      for (const section of evaluation.tree.sections) {
        const first = section.lines[0];
        const last = section.lines[section.lines.length - 1];
        if (!SCRIPT_SECTIONS.has(section.kind) || first === undefined || last === undefined) continue;
        if (!isVerbatimScriptSection(evaluation, section)) {
          counts.viewed++;
          continue;
        }
        counts.verbatim++;
        expect(scanShell(text, first.start, last.end), `${file}:${first.line}`).toEqual(scanShell(evaluatedShellView(evaluation), first.start, last.end));
      }
    }
    expect(counts.verbatim).toBeGreaterThan(100);
    expect(counts.viewed).toBeGreaterThan(10);
  });
});

describe("commandInvocations", () => {
  it("looks through test wrappers and %{py3_test_envvars}", () => {
    const text = "Name: x\n%check\nxvfb-run -a -s '-screen 0' %{py3_test_envvars} %{python3} -m pytest\nenv -u X dbus-run-session -- pytest\n";
    const evaluation = evaluationOf(text);
    const [script] = shellScripts(evaluation);
    const names = script!.script.commands.flatMap((command) => commandInvocations(evaluation, command).map((words) => words[0]!.value));
    expect(names).toEqual(["%{python3}", "pytest"]);
  });
});

describe("isPythonInterpreterWord", () => {
  it("knows interpreters by their resolved name, and unresolvable macros named for Python", () => {
    const text = "Name: x\n%build\n%{python3} /usr/bin/python3.12 python %{pyver_bin} %{__sed} ./python-tool\n";
    const evaluation = evaluationOf(text);
    const words = shellScripts(evaluation)[0]!.script.commands[0]!.words;
    expect(words.map((word) => isPythonInterpreterWord(evaluation, word))).toEqual([true, true, true, true, false, false]);
  });
});

describe("OffsetRanges", () => {
  it("holds exactly the offsets of its runs, given in any order and overlapping", () => {
    const ranges = new OffsetRanges([[10, 12], [3, 5], [4, 8], [12, 13], [20, 21]]);
    const held = Array.from({ length: 25 }, (_, offset) => offset).filter((offset) => ranges.has(offset));
    expect(held).toEqual([3, 4, 5, 6, 7, 10, 11, 12, 20]);
    expect(new OffsetRanges([]).has(0)).toBe(false);
  });
});

describe("searchedTextOffsets", () => {
  it("marks sed and perl patterns and addresses, grep and find patterns, not replacements", () => {
    const text = "Name: x\n%prep\nsed -i '/A/s|B|C|' f\ngrep -rl D .\nperl -pi -e 's|E|F|' g\nfind . -name 'G*' -delete\n";
    const offsets = searchedTextOffsets(evaluationOf(text));
    const marked = (letter: string): boolean => offsets.has(text.indexOf(letter, text.indexOf("%prep")));
    expect(["A", "B", "C", "D", "E", "F", "G"].map(marked)).toEqual([true, true, false, true, true, false, true]);
  });
});

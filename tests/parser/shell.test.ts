import { describe, expect, it } from "vitest";
import { parseSpec } from "../../src/parser/parse.js";
import {
  commandBaseName,
  invocations,
  parseSedScript,
  scanShell,
  sedScripts,
  shellView,
  shellWordValues,
  sedScriptMayNamePython,
  targetsShebangLine,
  variableReferences,
  type ShellCommand,
} from "../../src/parser/shell.js";

const words = (command: ShellCommand): string[] => command.words.map((word) => word.value);
const commandsOf = (text: string): string[][] => scanShell(text).commands.map(words);

describe("scanShell", () => {
  it("splits commands at newlines and control operators, words at blanks", () => {
    expect(commandsOf("a b; c && d || e | f & g\n(h)\n")).toEqual([["a", "b"], ["c"], ["d"], ["e"], ["f"], ["g"], ["h"]]);
  });

  it("records what ended each command and how many subshells enclose it", () => {
    const script = scanShell("a || :; b && c | d & e;; f\n(g; h) $(i)\nj");
    expect(script.commands.map((command) => [words(command)[0], command.terminator, command.depth])).toEqual([
      ["a", "||", 0],
      [":", ";", 0],
      ["b", "&&", 0],
      ["c", "|", 0],
      ["d", "&", 0],
      ["e", ";;", 0],
      ["f", "\n", 0],
      ["g", ";", 1],
      ["h", ")", 1],
      ["i", ")", 1],
      ["$(i)", "\n", 0],
      ["j", null, 0],
    ]);
  });

  it("removes quotes and backslashes and keeps the offset of every character", () => {
    const text = `echo 'a b'"c\\"d"e\\ f`;
    const [word] = scanShell(text).commands[0]!.words.slice(1);
    expect(word!.value).toBe('a bc"de f');
    expect([...word!.value].map((_, index) => text[word!.offsetAt(index)]).join("")).toBe('a bc"de f');
  });

  it("keeps macro uses whole inside words, blanks and quotes included", () => {
    expect(commandsOf("%{?el8:pathfix.py -i %{__python3} x} '%{a 'b'}' %make_build -j2")).toEqual([
      ["%{?el8:pathfix.py -i %{__python3} x}", "%{a 'b'}", "%make_build", "-j2"],
    ]);
  });

  it("joins backslash-newline continuations and drops comments", () => {
    expect(commandsOf("sed -i \\\n  -e 's/a/b/' \\\n  file # comment\n# whole line\nnext")).toEqual([
      ["sed", "-i", "-e", "s/a/b/", "file"],
      ["next"],
    ]);
  });

  it("reads a backslash that ends the text as itself, as the shell does at the end of input", () => {
    const [command] = scanShell("echo foo \\").commands;
    expect(command!.words.map((word) => [word.value, word.start, word.end])).toEqual([
      ["echo", 0, 4],
      ["foo", 5, 8],
      ["\\", 9, 10],
    ]);
    expect(commandsOf("a\\b \\")).toEqual([["ab", "\\"]]);
  });

  it("joins CRLF continuations too", () => {
    expect(commandsOf("sed -i \\\r\n  -e 's/a/b/' file\r\nnext")).toEqual([["sed", "-i", "-e", "s/a/b/", "file"], ["next"]]);
  });

  it("separates redirections from words", () => {
    const [command] = scanShell("echo '#!x' > out 2>/dev/null").commands;
    expect(words(command!)).toEqual(["echo", "#!x"]);
    expect(command!.redirections.map((redirection) => [redirection.operator, redirection.target?.value])).toEqual([
      [">", "out"],
      [">", "/dev/null"],
    ]);
  });

  it("reads here-document bodies apart from the commands", () => {
    const text = "cat > f <<'EOF'\n#!/usr/bin/python3\nrm -rf /\nEOF\ntrue\ncat <<-END\n\tbody\n\tEND\n";
    const script = scanShell(text);
    expect(script.commands.map(words)).toEqual([["cat"], ["true"], ["cat"]]);
    const [first, second] = script.hereDocuments;
    expect(first!.delimiter).toBe("EOF");
    expect(text.slice(first!.bodyStart, first!.bodyEnd)).toBe("#!/usr/bin/python3\nrm -rf /\n");
    expect(second!.stripTabs).toBe(true);
    expect(text.slice(second!.bodyStart, second!.bodyEnd)).toBe("\tbody\n");
  });

  it("reads the commands inside command substitutions", () => {
    expect(commandsOf("sed -i '1d' $(grep -l '#!' *.py)")).toEqual([["grep", "-l", "#!", "*.py"], ["sed", "-i", "1d", "$(grep -l '#!' *.py)"]]);
  });

  it("reads deeply nested or unbalanced substitutions without exhausting the stack", () => {
    const script = scanShell("$(".repeat(50000) + "`".repeat(50000) + '"'.repeat(50001));
    expect(script.commands.length).toBeGreaterThan(0);
  });
});

describe("invocations", () => {
  const invoked = (text: string): string[] =>
    invocations(scanShell(text).commands[0]!, (word) => word.value).map((invocation) => invocation[0]!.value);

  it("looks through assignments, env, xargs options and find -exec", () => {
    expect(invoked("LC_ALL=C env -u X FOO=1 sed x")).toEqual(["sed"]);
    expect(invoked("xargs -r -I {} sed -i x {}")).toEqual(["sed"]);
    expect(invoked("find . -name '*.py' -exec sed -i x {} + -execdir chmod 0644 {} \\;")).toEqual(["find", "sed", "chmod"]);
  });

  it("gives base names of command paths", () => {
    expect(commandBaseName("/usr/bin/sed")).toBe("sed");
  });
});

describe("sed scripts", () => {
  const scriptsOf = (text: string): string[] => sedScripts(scanShell(text).commands[0]!.words).map((word) => word.value);

  it("finds -e, --expression= and the first operand", () => {
    expect(scriptsOf("sed -i -e 's/a/b/' --expression=1d -rne p file")).toEqual(["s/a/b/", "1d", "p"]);
    expect(scriptsOf("sed -i.bak 's/a/b/' file")).toEqual(["s/a/b/"]);
    expect(scriptsOf("sed -ie '1d' file")).toEqual(["1d"]);
  });

  it("parses s commands with any delimiter, escaped delimiters and block addresses", () => {
    const [s] = parseSedScript("1s|^#!/usr/bin/env python|#!/usr/bin/python3|g");
    expect([s!.name, s!.delimiter, s!.pattern!.value, s!.replacement!.value, s!.flags]).toEqual([
      "s",
      "|",
      "^#!/usr/bin/env python",
      "#!/usr/bin/python3",
      "g",
    ]);
    const [escaped] = parseSedScript("s/^#!\\/usr\\/bin\\/python/#!\\/usr\\/bin\\/python3/");
    expect(escaped!.replacement!.value).toBe("#!/usr/bin/python3");
    expect(escaped!.replacement!.indices[2]).toBe("s/^#!\\/usr\\/bin\\/python/#!\\/".length - 1);
    const [inBlock] = parseSedScript("1{s|a|b|}");
    expect(inBlock!.addresses).toEqual([{ kind: "line", line: 1 }]);
  });

  it("reads the text of i, a and c commands and regex addresses", () => {
    const [change, del] = parseSedScript("1c #!/usr/bin/python3\n/^#!/d");
    expect([change!.name, change!.text!.value]).toEqual(["c", "#!/usr/bin/python3"]);
    expect(del!.addresses).toEqual([{ kind: "regex", pattern: "^#!" }]);
    expect(targetsShebangLine(del!)).toBe(true);
    expect(targetsShebangLine(parseSedScript("s/python/python3/")[0]!)).toBe(false);
  });
});

describe("shellView", () => {
  it("blanks what is not shell and conditional macros that expand to nothing", () => {
    const text = "%install\n%if 1\n%{?el8:pathfix.py x} %{!?el8:sed y}\n%global a b\n%endif\n";
    const { tree } = parseSpec(text);
    const view = shellView(text, tree.sections, () => true, (name) => (name === "el8" ? false : null));
    expect(view.indexOf("sed y")).toBe(text.indexOf("sed y"));
    expect(commandsOf(view)).toEqual([["sed", "y"]]);
  });
});

describe("shellWordValues", () => {
  it("gives the values of the words scanShell reads, a text of word characters as one word", () => {
    const texts = ["foo-1.2", "/usr/lib64/python3", "", "#x", "a#b", "a b", "'a b'", "x\\ y", "a;b", "$HOME/x", "foo\\", "%{x}", "a\nb", '"q"r', "a=b", "*.py"];
    for (const text of texts) {
      expect(shellWordValues(text)).toEqual(scanShell(text).commands.flatMap((command) => command.words.map((word) => word.value)));
    }
  });
});

describe("variableReferences", () => {
  const referencesIn = (text: string, name: string): string[] => {
    const word = scanShell(text).commands[0]!.words[1]!;
    return variableReferences(word, name).map(({ first, last, spelling }) => `${first}-${last} ${spelling}`);
  };

  it("finds $NAME and ${NAME} in a word's value, not a longer name", () => {
    expect(referencesIn("cp $RPM_SOURCE_DIR/a", "RPM_SOURCE_DIR")).toEqual(["0-14 $RPM_SOURCE_DIR"]);
    expect(referencesIn("cp ${RPM_SOURCE_DIR}/a$RPM_SOURCE_DIR", "RPM_SOURCE_DIR")).toEqual([
      "0-16 ${RPM_SOURCE_DIR}",
      "19-33 $RPM_SOURCE_DIR",
    ]);
    expect(referencesIn("cp $RPM_SOURCE_DIRS/a", "RPM_SOURCE_DIR")).toEqual([]);
    expect(referencesIn("cp RPM_SOURCE_DIR", "RPM_SOURCE_DIR")).toEqual([]);
  });

  it("reads the value after quote removal", () => {
    expect(referencesIn('cp "$RPM_BUILD_ROOT"/x', "RPM_BUILD_ROOT")).toEqual(["0-14 $RPM_BUILD_ROOT"]);
  });
});

describe("sedScriptMayNamePython", () => {
  it("looks for python with backslashes left out, any case", () => {
    expect(sedScriptMayNamePython("s|/usr/bin/env python|%{python3}|")).toBe(true);
    expect(sedScriptMayNamePython("sopytho\\nox")).toBe(true);
    expect(sedScriptMayNamePython("s/Python/x/")).toBe(true);
    expect(sedScriptMayNamePython("s/perl/x/")).toBe(false);
  });
});

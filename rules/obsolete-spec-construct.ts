import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { resolvedWordValue, shellScripts } from "../src/evaluation/shell-scripts.js";
import { commandBaseName, invocations, type ShellCommand } from "../src/parser/shell.js";

/** rpm's default file attributes: what `%defattr(-,root,root,-)` sets again. */
const DEFAULT_ATTRIBUTES: ReadonlySet<string> = new Set(["-,root,root", "-,root,root,-"]);

/** The build root as a shell word may name it, with or without a final slash. */
const BUILD_ROOT_WORDS: ReadonlySet<string> = new Set([
  "%{buildroot}",
  "%buildroot",
  "$RPM_BUILD_ROOT",
  "${RPM_BUILD_ROOT}",
  "%{buildroot}/",
  "%buildroot/",
  "$RPM_BUILD_ROOT/",
  "${RPM_BUILD_ROOT}/",
]);

/** `rm -rf %{buildroot}`: a recursive removal of the whole build root. */
function removesBuildRoot(command: ShellCommand, resolve: (word: ShellCommand["words"][number]) => string): boolean {
  for (const words of invocations(command, resolve)) {
    const name = words[0];
    if (name === undefined || commandBaseName(resolve(name)).split(/\s/)[0] !== "rm") continue;
    const options = words.slice(1).filter((word) => word.value.startsWith("-"));
    const recursive = options.some((word) => word.value === "--recursive" || (/^-[A-Za-z]+$/.test(word.value) && /[rR]/.test(word.value)));
    if (recursive && words.slice(1).some((word) => BUILD_ROOT_WORDS.has(word.value))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    name: "obsolete-spec-construct",
    severity: "warning",
    type: "suggestion",
    guideline: packagingGuideline("_tags_and_sections"),
    description:
      "Constructs current rpm does not need: the BuildRoot and Group tags, a `%clean` section, `rm -rf %{buildroot}` first in `%install`, a default `%defattr(-,root,root,-)`.",
    messages: {
      buildRoot: "the `{{tag}}:` tag is obsolete: rpm chooses the build root itself and ignores it",
      group: "the `{{tag}}:` tag is not used in Fedora; remove it",
      clean: "the `%clean` section is obsolete: rpm cleans the build root itself",
      removeBuildRoot: "`{{command}}` at the start of `%install` is obsolete: rpm provides an empty build root",
      defattr: "`{{directive}}` repeats rpm's default file attributes; remove it",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;
    const resolve = (word: ShellCommand["words"][number]): string => resolvedWordValue(evaluation, word);
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        if (line.name === "buildroot") {
          context.report({ messageId: "buildRoot", data: { tag: line.tag.text }, start: line.tag.start, end: line.value.end });
        } else if (line.name === "group") {
          context.report({ messageId: "group", data: { tag: line.tag.text }, start: line.tag.start, end: line.value.end });
        }
      },
      sectionHeader(header) {
        if (header.name === "clean") context.report({ messageId: "clean", start: header.start, end: header.keyword.end });
      },
      filesLine(line) {
        for (const directive of line.directives) {
          if (directive.name !== "defattr" || directive.argument === null) continue;
          if (!DEFAULT_ATTRIBUTES.has(directive.argument.text.replace(/\s+/g, ""))) continue;
          context.report({ messageId: "defattr", data: { directive: directive.span.text }, start: directive.span.start, end: directive.span.end });
        }
      },
      endOfFile() {
        for (const { section, script } of shellScripts(evaluation)) {
          // Only the main `%install`: `%install -a`/`-p` fragments (rpm 4.20) run around it.
          if (section.kind !== "install" || (section.header?.options.length ?? 0) > 0) continue;
          const first = script.commands
            .filter((command) => command.words.length > 0 && command.depth === 0)
            .sort((a, b) => a.words[0]!.start - b.words[0]!.start)[0];
          if (first === undefined || !removesBuildRoot(first, resolve)) continue;
          const last = first.words[first.words.length - 1]!;
          context.report({
            messageId: "removeBuildRoot",
            data: { command: tree.text.slice(first.words[0]!.start, last.end) },
            start: first.words[0]!.start,
            end: last.end,
          });
        }
      },
    };
  },
});

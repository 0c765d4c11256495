import { defineRule, pythonGuideline } from "../src/engine/index.js";
import { expandMapped } from "../src/evaluation/expanded-text.js";
import { macroCalls } from "../src/evaluation/macro-calls.js";
import { UNKNOWN_MARK } from "../src/parser/expression.js";

const BYTE_COMPILE: ReadonlySet<string> = new Set(["py_byte_compile"]);

/** Directories of commands, whose scripts are run and never imported. */
const SCRIPT_DIRECTORY = /^\/(?:usr\/)?(?:s?bin|libexec)(?:\/|$)/;

/** Ways a spec writes the buildroot before an installed path (`%{buildroot}` may not expand statically). */
const BUILDROOT_SPELLINGS = ["$RPM_BUILD_ROOT", "${RPM_BUILD_ROOT}", UNKNOWN_MARK];

export default defineRule({
  meta: {
    name: "script-bytecompiled",
    severity: "warning",
    type: "suggestion",
    guideline: pythonGuideline("_source_files_and_bytecode_cache"),
    description: "`%py_byte_compile` run on `%{_bindir}` or `%{_libexecdir}`, whose scripts are not imported.",
    messages: {
      script:
        "`%py_byte_compile` compiles `{{path}}`, where scripts live that are run, not imported; their bytecode is never used, so leave them uncompiled",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    const installedPath = (path: string, offset: number): string => {
      const buildroot = evaluation.expand("%{buildroot}", offset).value;
      let rest = path;
      for (const prefix of [...(buildroot === null ? [] : [buildroot]), ...BUILDROOT_SPELLINGS]) {
        if (prefix.length > 0 && rest.startsWith(prefix)) {
          rest = rest.slice(prefix.length);
          break;
        }
      }
      return rest.replace(/\/{2,}/g, "/");
    };
    return {
      endOfFile() {
        for (const call of macroCalls(evaluation, BYTE_COMPILE)) {
          // `%py_byte_compile INTERPRETER PATH`: the paths follow the interpreter.
          for (const word of call.words.slice(1)) {
            const written = expandMapped(evaluation, word.span.start, word.span.end).value.replace(/^["']|["']$/g, "");
            const path = installedPath(written, word.span.start);
            if (!SCRIPT_DIRECTORY.test(path)) continue;
            context.report({
              messageId: "script",
              data: { path: word.span.text },
              start: word.span.start,
              end: word.span.end,
            });
          }
        }
      },
    };
  },
});

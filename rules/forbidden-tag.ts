import { defineRule, packagingGuideline } from "../src/engine/index.js";

/** The tags Fedora forbids, by canonical name, with what to do instead. */
const FORBIDDEN_TAGS: ReadonlyMap<string, string> = new Map([
  ["copyright", "use `License:` with an SPDX expression instead"],
  ["packager", "the packager is evident from %changelog (set the %packager macro locally if needed)"],
  ["vendor", "the build system sets the vendor"],
  ["prereq", "use `Requires(pre):`/`Requires(post):` or plain `Requires:` instead"],
  ["buildprereq", "use `BuildRequires:` instead"],
]);

export default defineRule({
  meta: {
    name: "forbidden-tag",
    severity: "error",
    type: "problem",
    guideline: packagingGuideline("_tags_and_sections"),
    description: "Tags Fedora forbids: Copyright, Packager, Vendor, PreReq, BuildPrereq.",
    messages: {
      forbidden: "the `{{tag}}:` tag must not be used; {{advice}}",
    },
    fix: "none",
  },
  create(context) {
    return {
      tagLine(line) {
        const advice = FORBIDDEN_TAGS.get(line.name);
        if (advice === undefined) return;
        context.report({
          messageId: "forbidden",
          data: { tag: line.tag.text, advice },
          start: line.tag.start,
          end: line.tag.end,
        });
      },
    };
  },
});

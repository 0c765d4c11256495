import { defineRule, packagingGuideline } from "../src/engine/index.js";
import type { PackageModel } from "../src/evaluation/types.js";
import type { TagLine } from "../src/tree/nodes.js";

/** Tags rpm stores once per package: a second one makes rpmbuild fail with "Duplicate … entries". */
const SINGLE_VALUED_TAGS: ReadonlySet<string> = new Set(["name", "version", "release", "epoch", "summary", "license", "url", "buildarch"]);

/** The same tag for the same language: `Summary(de):` is another tag than `Summary:`. */
function tagKey(line: TagLine): string {
  return `${line.name}(${line.qualifiers?.text.toLowerCase() ?? ""})`;
}

function packageLabel(model: PackageModel): string {
  const name = model.name ?? model.nameAsWritten;
  return model.header === null && model.name === null ? "the main package" : `package \`${name}\``;
}

export default defineRule({
  meta: {
    name: "duplicate-tag",
    severity: "error",
    type: "problem",
    guideline: packagingGuideline("_tags_and_sections"),
    description: "A single-valued tag (Name, Version, Release, Epoch, Summary, License, URL, BuildArch) given twice in one package.",
    messages: {
      duplicate: "`{{tag}}:` is given twice for {{package}} (first on line {{firstLine}}); rpmbuild rejects duplicate {{tag}} entries",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation } = context;
    /** The first live tag line of each single-valued tag, per package. */
    const firstTags = new Map<PackageModel, Map<string, TagLine>>();
    return {
      tagLine(line, section) {
        if (section.kind !== "preamble" && section.kind !== "package") return;
        if (!SINGLE_VALUED_TAGS.has(line.name)) return;
        // Only tags that are certainly read: a tag in an undecided branch may be the alternative of the other.
        if (evaluation.livenessAt(line.start) !== "live") return;
        const model = evaluation.packageOf(line.start);
        if (model === null) return;
        let tags = firstTags.get(model);
        if (tags === undefined) {
          tags = new Map();
          firstTags.set(model, tags);
        }
        const key = tagKey(line);
        const first = tags.get(key);
        if (first === undefined) {
          tags.set(key, line);
          return;
        }
        context.report({
          messageId: "duplicate",
          data: { tag: line.tag.text, package: packageLabel(model), firstLine: first.line },
          start: line.tag.start,
          end: line.tag.end,
        });
      },
    };
  },
});

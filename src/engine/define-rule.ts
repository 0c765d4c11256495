import type { Rule, RuleContext, RuleMeta, RuleVisitor } from "./types.js";

/**
 * Where the rule pages live: `docs/rules/<name>.md` of the project's repository. Every docs URL
 * is derived here, so moving the docs means changing this one constant.
 */
export const RULE_DOCS_BASE_URL = "https://github.com/rpmspec-lint/rpmspec-lint/blob/main/docs/rules/";

export function ruleDocsUrl(ruleName: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleName}.md`;
}

/** The names of the rules whose findings the engine produces itself. */
export const SYNTAX_ERROR_RULE = "spec-syntax-error";
export const UNUSED_DIRECTIVE_RULE = "unused-disable-directive";

export interface RuleDefinition<MessageId extends string> {
  meta: RuleMeta<MessageId>;
  /** `NoInfer`: the message ids come from `meta.messages`, so `report` is checked against them. */
  create(context: RuleContext<NoInfer<MessageId>>): RuleVisitor;
}

/**
 * Defines a rule. The message ids are inferred from `meta.messages`; reporting an id that is not
 * there, or giving a `messageSeverities` entry for one, is a type error.
 */
export function defineRule<const MessageId extends string>(definition: RuleDefinition<MessageId>): Rule<MessageId> {
  const { meta } = definition;
  return {
    meta,
    docsUrl: ruleDocsUrl(meta.name),
    create: (context) => definition.create(context),
  };
}

/**
 * Defines one of the rules whose findings the engine produces (see `Rule.create`): the file holds
 * the metadata the engine uses for them.
 */
export function defineEngineRule<const MessageId extends string>(definition: {
  meta: RuleMeta<MessageId>;
}): Rule<MessageId> {
  return { meta: definition.meta, docsUrl: ruleDocsUrl(definition.meta.name), create: null };
}

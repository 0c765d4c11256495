import type { RuleMeta } from "./types.js";

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/**
 * Fills a message template's `{{key}}` placeholders. An unknown message id or a placeholder
 * without data is a bug in the rule, so it throws (the engine reports it as the rule's crash).
 */
export function formatMessage(meta: RuleMeta, messageId: string, data: Readonly<Record<string, string | number>> = {}): string {
  if (!Object.hasOwn(meta.messages, messageId)) throw new Error(`unknown message id "${messageId}"`);
  const template = meta.messages[messageId] as string;
  return template.replace(PLACEHOLDER, (_placeholder, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`message "${messageId}" needs data "${key}"`);
    return String(value);
  });
}

/**
 * The note the engine appends to every finding on a line whose liveness depends on a condition
 * it cannot decide, so that the reader knows the finding may not apply to a real build.
 */
export function branchNote(condition: string | null): string {
  return condition === null ? "" : ` (in a branch that depends on \`${condition}\`)`;
}

import { checkstyle } from "./checkstyle.js";
import { github } from "./github.js";
import { gitlab } from "./gitlab.js";
import { gnu } from "./gnu.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { Formatter } from "./types.js";

export const formatters = { stylish, gnu, json, sarif, github, gitlab, checkstyle } satisfies Record<
  string,
  Formatter
>;

export type FormatName = keyof typeof formatters;

export const formatNames = Object.keys(formatters) as FormatName[];

/** Formats meant for programs: no colour, no progress, nothing but the document on stdout. */
export const machineFormats: ReadonlySet<FormatName> = new Set(["json", "sarif", "github", "gitlab", "checkstyle"]);

export type { FileReport, Formatter, FormatterContext, RuleDescription, ToolInfo } from "./types.js";

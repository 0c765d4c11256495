import { Chalk, type ChalkInstance } from "chalk";
import type { Environment } from "./streams.js";

type Level = 0 | 1 | 2 | 3;

/**
 * The colour level for output to a stream. `--no-color` and NO_COLOR (https://no-color.org,
 * which chalk does not read) turn colour off; FORCE_COLOR forces a level; otherwise colour only
 * goes to a terminal, at the depth the terminal announces.
 */
export function colourLevel(options: { noColour: boolean; env: Environment; isTTY: boolean }): Level {
  const { env } = options;
  if (options.noColour) return 0;
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return 0;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const level = Number(force);
    if (level === 0 || level === 1 || level === 2 || level === 3) return level;
  }
  if (!options.isTTY || env["TERM"] === "dumb") return 0;
  if (env["COLORTERM"] === "truecolor" || env["COLORTERM"] === "24bit") return 3;
  if (env["TERM"]?.includes("256")) return 2;
  return 1;
}

export function chalkFor(level: Level): ChalkInstance {
  return new Chalk({ level });
}

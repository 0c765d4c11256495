export { parseSpec, type ParseResult } from "./parser/parse.js";
export { printSpec, printSpecBytes } from "./tree/print.js";
export { forEachLine } from "./tree/walk.js";
export { positionAt, type TextPosition } from "./text/positions.js";
export type * from "./tree/nodes.js";

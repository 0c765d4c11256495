export { inspectSpec } from "./inspect.js";
export type { InspectOptions, InspectResult, InspectUnknown, InspectedPackage } from "./types.js";

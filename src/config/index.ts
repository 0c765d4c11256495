export { ConfigError } from "./errors.js";
export { parseConfig, readConfigFile } from "./load.js";
export { ConfigResolver, type ResolverOptions } from "./resolve.js";
export {
  CONFIG_FILE_NAME,
  type CommandLineSettings,
  type ConfigFile,
  type ConfigOverride,
  type ConfigSchema,
  type LintSettings,
} from "./types.js";

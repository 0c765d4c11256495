/** A problem with a configuration file or with options: reported in one line, exit status 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

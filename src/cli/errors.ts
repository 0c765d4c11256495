/** A bad command line or an unreadable input: one line on stderr and exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

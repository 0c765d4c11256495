import { chmod, mkdir, open, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "./errors.js";

/**
 * Replaces a file's content atomically: the bytes go to a temporary file in the same directory
 * (same file system), which is flushed, given the original's permissions and renamed over it.
 * Readers see the old or the new file, never half of one; if anything fails, the original is
 * untouched and the temporary file is removed. A symbolic link is followed, not replaced.
 */
export async function replaceFileAtomically(filePath: string, bytes: Uint8Array): Promise<void> {
  const target = await realpath(filePath);
  const { mode } = await stat(target);
  const permissions = mode & 0o7777;
  // Loaded here, by --fix, rather than at every start.
  const { randomBytes } = await import("node:crypto");
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.rpmspec-lint-${process.pid}-${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temporary, "wx", permissions);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; the fixed file must keep exactly the original permissions.
    await chmod(temporary, permissions);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes a report to the file `-o`/`--output-file` names (relative to `cwd`), creating its
 * directory; a file that cannot be written is a usage error naming it as the user wrote it.
 */
export async function writeOutputFile(cwd: string, outputFile: string, text: string): Promise<void> {
  const file = path.resolve(cwd, outputFile);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new UsageError(`cannot write ${outputFile} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

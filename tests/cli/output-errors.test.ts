import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { workspace } from "./harness.js";

/** A standard output whose writes fail with `code`. */
class FailingOutput extends Writable {
  constructor(private readonly code: string) {
    super();
  }
  override _write(_chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    done(Object.assign(new Error(`write ${this.code}`), { code: this.code }));
  }
}

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function runWithFailingStdout(code: string): Promise<{ status: number; stderr: string }> {
  const stderr = new Capture();
  const streams = { stdin: Readable.from([]), stdout: new FailingOutput(code), stderr };
  const status = await main(["--format", "json", "specs/python-flawed.spec"], streams, {}, workspace());
  return { status, stderr: stderr.text };
}

describe("writing the report", () => {
  it("is an I/O error (exit 2, one line) when standard output fails", async () => {
    expect(await runWithFailingStdout("ENOSPC")).toEqual({
      status: 2,
      stderr: "rpmspec-lint: error: cannot write the output (ENOSPC)\n",
    });
  });

  it("is not an error when the reader went away (EPIPE, as with | head)", async () => {
    expect(await runWithFailingStdout("EPIPE")).toEqual({ status: 1, stderr: "" });
  });
});

/**
 * loadSubmission on local files and on URLs served by a throwaway HTTP server on 127.0.0.1.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSubmission } from "../../src/review/submission.js";
import { SubmissionError } from "../../src/review/submission-error.js";
import { SPECFILE_FLAG, buildSrpm } from "./helpers/srpm-builder.js";

const SPEC = "Name: python-example\nVersion: 1.0\nRelease: 1%{?dist}\nSummary: An example\n";
const SRPM = buildSrpm({
  files: [
    { name: "example-1.0.tar.gz", data: new Uint8Array(2000).fill(1) },
    { name: "python-example.spec", data: SPEC, flags: SPECFILE_FLAG },
  ],
});
/** Spec first, then 32 MiB of tarball, uncompressed: reading should stop long before the end. */
const LARGE_SRPM = buildSrpm({
  files: [
    { name: "a.spec", data: SPEC, flags: SPECFILE_FLAG },
    { name: "z-1.0.tar.gz", data: new Uint8Array(32 * 1024 * 1024) },
  ],
  compress: (archive) => archive,
});

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function loadError(source: string, options = {}): Promise<SubmissionError> {
  try {
    await loadSubmission(source, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SubmissionError);
    return error as SubmissionError;
  }
  throw new Error(`expected loading ${source} to fail`);
}

describe("loadSubmission on local files", () => {
  let directory = "";
  const path = (name: string) => join(directory, name);

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), "rpmspec-lint-submission-"));
    writeFileSync(path("python-example.spec"), SPEC);
    writeFileSync(path("python-example-1.0-1.src.rpm"), SRPM);
    writeFileSync(path("actually-an-srpm.spec"), SRPM);
    writeFileSync(path("actually-a-spec.src.rpm"), SPEC);
    writeFileSync(path("archive.spec"), gzipSync(SPEC));
    writeFileSync(path("huge.spec"), "#".repeat(4096));
  });

  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("loads a spec file", async () => {
    const submission = await loadSubmission(path("python-example.spec"));
    expect(submission).toMatchObject({ kind: "spec", source: path("python-example.spec"), specFileName: "python-example.spec" });
    expect(text(submission.specBytes)).toBe(SPEC);
    expect(submission.srpm).toBeUndefined();
  });

  it("loads a source RPM", async () => {
    const submission = await loadSubmission(path("python-example-1.0-1.src.rpm"));
    expect(submission.kind).toBe("srpm");
    expect(submission.specFileName).toBe("python-example.spec");
    expect(text(submission.specBytes)).toBe(SPEC);
    expect(submission.srpm?.header.name).toBe("python-example");
    expect(submission.srpm?.payloadFileNames).toEqual(["example-1.0.tar.gz", "python-example.spec"]);
  });

  it("decides by the magic bytes, not the extension", async () => {
    expect((await loadSubmission(path("actually-an-srpm.spec"))).kind).toBe("srpm");
    const spec = await loadSubmission(path("actually-a-spec.src.rpm"));
    expect(spec.kind).toBe("spec");
    expect(spec.specFileName).toBe("actually-a-spec.src.rpm");
  });

  it("refuses binary data that is neither", async () => {
    const error = await loadError(path("archive.spec"));
    expect(error.message).toMatch(
      /archive\.spec: neither a source RPM nor a spec file: it holds gzip data \(it starts with 1f 8b 08/,
    );
  });

  it("refuses a spec over the spec size limit", async () => {
    const error = await loadError(path("huge.spec"), { limits: { maxSpecBytes: 1024 } });
    expect(error.message).toBe(`${path("huge.spec")}: not a source RPM, and larger than the 1 KiB limit for a spec file`);
  });

  it("names the path of a missing file or a directory", async () => {
    expect((await loadError(path("nope.spec"))).message).toBe(`${path("nope.spec")}: no such file`);
    expect((await loadError(directory)).message).toBe(`${directory}: not a regular file`);
  });

  it("prefixes SRPM errors with the path and keeps their offset", async () => {
    const broken = SRPM.slice(0, 300);
    writeFileSync(path("broken.src.rpm"), broken);
    const error = await loadError(path("broken.src.rpm"));
    expect(error.source).toBe(path("broken.src.rpm"));
    expect(error.message.startsWith(`${path("broken.src.rpm")}: expected the main header's`)).toBe(true);
    expect(error.offset).toBeGreaterThan(96);
  });

  it("refuses URL schemes other than http and https", async () => {
    const error = await loadError("ftp://example.org/python-example.spec");
    expect(error.message).toBe(
      "ftp://example.org/python-example.spec: only http:// and https:// URLs are supported; give other files by path",
    );
  });
});

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe("loadSubmission on URLs", () => {
  let server: Server;
  let base = "";
  let largeDownloadFinished: boolean | undefined;

  /** Writes `body` in 64 KiB pieces, waiting for the client to take each. */
  function stream(response: ServerResponse, body: Uint8Array, onEnd: (finished: boolean) => void): void {
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 65536);
        offset += piece.length;
        if (!response.write(piece)) {
          response.once("drain", writeMore);
          return;
        }
      }
      response.end();
    };
    response.on("close", () => onEnd(response.writableFinished));
    writeMore();
  }

  const routes: Record<string, Handler> = {
    "/python-example.spec": (_, response) => {
      response.writeHead(200, { "content-type": "text/plain" }).end(SPEC);
    },
    "/python-example-1.0-1.src.rpm": (_, response) => {
      response.writeHead(200, { "content-type": "application/x-rpm" }).end(SRPM);
    },
    "/large.src.rpm": (_, response) => {
      response.writeHead(200, { "content-length": String(LARGE_SRPM.length) });
      stream(response, LARGE_SRPM, (finished) => {
        largeDownloadFinished = finished;
      });
    },
    "/download": (_, response) => {
      response.writeHead(302, { location: "/files/python-example.spec" }).end();
    },
    "/files/python-example.spec": (_, response) => {
      response.writeHead(200).end(SPEC);
    },
    "/loop": (_, response) => {
      response.writeHead(301, { location: "/loop" }).end();
    },
    "/to-ftp": (_, response) => {
      response.writeHead(302, { location: "ftp://127.0.0.1/x.spec" }).end();
    },
    "/missing.spec": (_, response) => {
      response.writeHead(404, { "content-type": "text/plain" }).end("not here");
    },
    "/never-answers.spec": () => {
      // Holds the connection open without a response.
    },
    "/stalls.spec": (_, response) => {
      response.writeHead(200);
      response.write("Name: python-slow\n");
    },
    "/declared-huge.spec": (_, response) => {
      response.writeHead(200, { "content-length": String(50 * 1024 * 1024) });
      response.write("Name: python-huge\n");
    },
    "/endless.spec": (_, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      stream(response, new Uint8Array(8 * 1024 * 1024).fill(0x23), () => undefined);
    },
    "/page.spec": (_, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><html></html>");
    },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const handler = routes[new URL(request.url ?? "/", "http://localhost").pathname];
      if (handler === undefined) response.writeHead(500).end();
      else handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("downloads a spec", async () => {
    const submission = await loadSubmission(`${base}/python-example.spec`);
    expect(submission).toMatchObject({ kind: "spec", specFileName: "python-example.spec", url: `${base}/python-example.spec` });
    expect(text(submission.specBytes)).toBe(SPEC);
  });

  it("downloads a source RPM", async () => {
    const submission = await loadSubmission(`${base}/python-example-1.0-1.src.rpm`);
    expect(submission.kind).toBe("srpm");
    expect(submission.specFileName).toBe("python-example.spec");
    expect(text(submission.specBytes)).toBe(SPEC);
  });

  it("stops downloading a source RPM once its spec is read", async () => {
    largeDownloadFinished = undefined;
    const submission = await loadSubmission(`${base}/large.src.rpm`);
    expect(text(submission.specBytes)).toBe(SPEC);
    await expect.poll(() => largeDownloadFinished).toBe(false);
  });

  it("follows redirects and names the spec after the final URL", async () => {
    const submission = await loadSubmission(`${base}/download?id=3`);
    expect(submission.specFileName).toBe("python-example.spec");
    expect(submission.url).toBe(`${base}/files/python-example.spec`);
  });

  it("stops following redirects after the limit", async () => {
    const error = await loadError(`${base}/loop`, { fetch: { maxRedirects: 3 } });
    expect(error.message).toBe(`${base}/loop: redirects more than 3 times`);
  });

  it("refuses a redirect away from http and https", async () => {
    const error = await loadError(`${base}/to-ftp`);
    expect(error.message).toBe(`${base}/to-ftp: redirects to ftp://127.0.0.1/x.spec, which is not an http:// or https:// URL`);
  });

  it("reports an HTTP error status", async () => {
    const error = await loadError(`${base}/missing.spec`);
    expect(error.message).toBe(`${base}/missing.spec: download failed: HTTP 404 Not Found`);
  });

  it("times out on a server that never answers", async () => {
    const error = await loadError(`${base}/never-answers.spec`, { fetch: { timeoutMs: 300 } });
    expect(error.message).toBe(`${base}/never-answers.spec: download timed out after 0.3 s`);
  });

  it("times out on a body that stalls", async () => {
    const error = await loadError(`${base}/stalls.spec`, { fetch: { timeoutMs: 300 } });
    expect(error.message).toBe(`${base}/stalls.spec: download timed out after 0.3 s`);
  });

  it("refuses a download whose declared size is over the limit before reading it", async () => {
    const error = await loadError(`${base}/declared-huge.spec`, { fetch: { maxBytes: 1024 * 1024 } });
    expect(error.message).toBe(`${base}/declared-huge.spec: larger than the 1 MiB download limit (it declares 50 MiB)`);
  });

  it("stops an undeclared download at the size limit", async () => {
    const error = await loadError(`${base}/endless.spec`, { fetch: { maxBytes: 1024 * 1024 } });
    expect(error.message).toBe(`${base}/endless.spec: larger than the 1 MiB download limit`);
  });

  it("refuses an HTML page served instead of a spec", async () => {
    const error = await loadError(`${base}/page.spec`);
    expect(error.message).toContain("this is an HTML page, not a spec file");
  });

  it("reports a refused connection", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await loadError(`http://127.0.0.1:${port}/python-example.spec`);
    expect(error.message).toBe(`http://127.0.0.1:${port}/python-example.spec: download failed: 127.0.0.1:${port} refused the connection`);
  });
});

/**
 * The "nothing runs" harness: a per-test workspace holding the specs of specs-corpus/_safety with
 * their marker and secret paths made absolute, and a watch that records every child process and
 * worker thread started, every network request, and every file system call that names a guarded
 * path.
 */
import childProcess from "node:child_process";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import tls from "node:tls";
import workerThreads from "node:worker_threads";
import fs, { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, onTestFinished, type MockInstance, vi } from "vitest";

export const SAFETY_CORPUS = fileURLToPath(new URL("../../specs-corpus/_safety/", import.meta.url));
export const SPEC_NAME = "python-untrusted.spec";
export const INCLUDED_FIRST_SPEC_NAME = "python-included-first.spec";

/**
 * Written into every file the spec names with `%include` or `%{load:…}`. If any of them were
 * read and used, the canary would show up in a finding, a package name or a dependency.
 */
export const CANARY = "canary-5d41402abc4b";

const SECRET_FILES: Readonly<Record<string, string>> = {
  "included.spec": `BuildRequires:  python3-${CANARY}\n%global pypi_name ${CANARY}\n`,
  "loaded.macros": `%loaded_name python3-${CANARY}\n%pypi_name ${CANARY}\n`,
  "install-snippet.sh": `echo ${CANARY}\n`,
  "prep-snippet.sh": `echo ${CANARY}\n`,
};

/** An environment variable `%{getenv:…}` names in the spec; its value (the canary) must not show. */
export const SECRET_ENVIRONMENT = { RPMSPEC_LINT_SAFETY_SECRET: CANARY };

/** Files outside the workspace that the spec names; they must not even be looked at. */
const SYSTEM_FILES = ["/etc/passwd", "/etc/shadow"];

export interface SafetyWorkspace {
  /** A scratch repository (it holds `.git`, so configuration lookup stops there) with every safety spec. */
  root: string;
  /** Where `%(touch …)` and the Lua code of the spec would create files. */
  markers: string;
  /** Holds the files `%include` and `%{load:…}` name. */
  secret: string;
  specPath: string;
  specText: string;
}

/**
 * Creates the workspace, for one spec of specs-corpus/_safety, and sets SECRET_ENVIRONMENT in
 * process.env; both are undone when the test finishes.
 */
export function safetyWorkspace(specName = SPEC_NAME): SafetyWorkspace {
  const base = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-safety-"));
  onTestFinished(() => rmSync(base, { recursive: true, force: true }));
  for (const [name, value] of Object.entries(SECRET_ENVIRONMENT)) vi.stubEnv(name, value);
  onTestFinished(() => {
    vi.unstubAllEnvs();
  });
  const root = path.join(base, "work");
  const markers = path.join(base, "markers");
  const secret = path.join(base, "secret");
  for (const directory of [root, path.join(root, ".git"), markers, secret]) mkdirSync(directory);
  for (const [name, text] of Object.entries(SECRET_FILES)) writeFileSync(path.join(secret, name), text);
  for (const name of readdirSync(SAFETY_CORPUS)) {
    const text = readFileSync(path.join(SAFETY_CORPUS, name), "utf8").replaceAll("@MARKERS@", markers).replaceAll("@SECRET@", secret);
    writeFileSync(path.join(root, name), text);
  }
  const specPath = path.join(root, specName);
  return { root, markers, secret, specPath, specText: readFileSync(specPath, "utf8") };
}

/**
 * How the watch sees calls made through `import { spawn } from "node:child_process"` in an ES
 * module: `vi.spyOn` on the module namespace throws (an ES namespace is not configurable), and
 * `vi.mock` only reaches modules that vitest transforms, not dependencies loaded natively
 * (commander requires node:child_process). A built-in module's ES exports mirror its CommonJS
 * object, and `syncBuiltinESMExports()` copies that object's current properties into them: so
 * the spies go on the CommonJS objects of node:child_process, node:fs, node:fs/promises,
 * node:http(s), node:net and node:tls, and one sync makes every importer, ESM or CommonJS, call them
 * (`fetch` is a global, looked up at each call). The positive controls in watch.test.ts prove
 * the watch sees the review's own file opens, decompressor spawn and download.
 */
const CHILD_PROCESS_FUNCTIONS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

/**
 * Everything that opens, reads, lists or probes a path. Opening the guarded files is how they
 * would be read, and probing them (stat, access, exists) is already more than a linter that
 * never follows `%include` needs. A FIFO in their place would not do: opening one blocks, so a
 * leak would hang the test worker instead of failing an assertion; and access times are not a
 * signal (relatime and noatime mounts do not update them on every read).
 */
const FS_FUNCTIONS = [
  "open",
  "openSync",
  "readFile",
  "readFileSync",
  "createReadStream",
  "stat",
  "statSync",
  "lstat",
  "lstatSync",
  "access",
  "accessSync",
  "exists",
  "existsSync",
  "readdir",
  "readdirSync",
  "opendir",
  "opendirSync",
  "readlink",
  "readlinkSync",
  "copyFile",
  "copyFileSync",
  "cp",
  "cpSync",
] as const;

const FS_PROMISES_FUNCTIONS = ["open", "readFile", "stat", "lstat", "access", "readdir", "opendir", "readlink", "copyFile", "cp"] as const;

/** Node's ways out to the network, by URL or by socket; a spec's URLs (Source, URL) are never fetched. */
const NETWORK_FUNCTIONS: ReadonlyArray<[object, string, string]> = [
  [globalThis, "fetch", "fetch"],
  [http, "request", "http.request"],
  [http, "get", "http.get"],
  [https, "request", "https.request"],
  [https, "get", "https.get"],
  [net, "connect", "net.connect"],
  [net, "createConnection", "net.createConnection"],
  [tls, "connect", "tls.connect"],
];

export interface Watch {
  /** Every child process started, as `function: command args…`. */
  spawned: string[];
  /** Every network request or connection, as `function: url`. */
  requested: string[];
  /**
   * Every worker thread started. The spies only see this thread, so a worker would be a blind
   * spot: linting in workers needs the watch extended to them first.
   */
  workers: string[];
  /** Every file system call naming a guarded path, as `function: path`. */
  touched: string[];
  /** Removes the spies; the watch keeps what it recorded. */
  stop(): void;
}

function pathOf(argument: unknown): string | null {
  if (typeof argument === "string") return argument;
  if (argument instanceof URL) return argument.protocol === "file:" ? fileURLToPath(argument) : null;
  if (Buffer.isBuffer(argument)) return argument.toString();
  return null;
}

function describeCall(name: string, args: readonly unknown[]): string {
  const words = args.flatMap((arg) => (typeof arg === "string" ? [arg] : Array.isArray(arg) ? arg.map(String) : []));
  return `${name}: ${words.join(" ")}`;
}

/** Starts recording; the watch stops when the test finishes, if it was not stopped before. */
export function watchSideEffects(guarded: readonly string[]): Watch {
  const guardedPaths = [...guarded, ...SYSTEM_FILES].map((entry) => path.resolve(entry));
  const isGuarded = (candidate: string) => {
    const resolved = path.resolve(candidate);
    return guardedPaths.some((entry) => resolved === entry || resolved.startsWith(`${entry}${path.sep}`));
  };
  const watch: Watch = { spawned: [], requested: [], workers: [], touched: [], stop };
  const spies: MockInstance[] = [];
  const record = (target: object, name: string, onCall: (args: unknown[]) => void) => {
    const original = (target as Record<string, (...args: unknown[]) => unknown>)[name];
    if (typeof original !== "function") return;
    const spy = vi.spyOn(target as Record<string, (...args: unknown[]) => unknown>, name);
    spy.mockImplementation(function (this: unknown, ...args: unknown[]) {
      onCall(args);
      return original.apply(this, args);
    });
    spies.push(spy);
  };
  for (const name of CHILD_PROCESS_FUNCTIONS) {
    record(childProcess, name, (args) => watch.spawned.push(describeCall(name, args)));
  }
  const OriginalWorker = workerThreads.Worker;
  class RecordingWorker extends OriginalWorker {
    constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
      watch.workers.push(String(args[0]));
      super(...args);
    }
  }
  workerThreads.Worker = RecordingWorker;
  const onFsCall = (prefix: string, name: string) => (args: unknown[]) => {
    for (const argument of args.slice(0, 2)) {
      const named = pathOf(argument);
      if (named !== null && isGuarded(named)) watch.touched.push(`${prefix}${name}: ${named}`);
    }
  };
  for (const [target, name, label] of NETWORK_FUNCTIONS) {
    record(target, name, (args) => watch.requested.push(`${label}: ${String(args[0])}`));
  }
  for (const name of FS_FUNCTIONS) record(fs, name, onFsCall("fs.", name));
  for (const name of FS_PROMISES_FUNCTIONS) record(fs.promises, name, onFsCall("fs.promises.", name));
  syncBuiltinESMExports();
  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    for (const spy of spies) spy.mockRestore();
    workerThreads.Worker = OriginalWorker;
    syncBuiltinESMExports();
  }
  onTestFinished(stop);
  return watch;
}

/**
 * Stops the watch and checks that nothing ran and nothing guarded was read: no marker file, no
 * child process, no network request, no file system call on a guarded path, the guarded files
 * as they were, and no canary in what the tool printed.
 */
export function expectNothingRan(workspace: SafetyWorkspace, watch: Watch, outputs: readonly string[]): void {
  watch.stop();
  expect(readdirSync(workspace.markers), "files created by %(…) or Lua code").toEqual([]);
  const secretFiles = Object.fromEntries(
    readdirSync(workspace.secret).map((name) => [name, readFileSync(path.join(workspace.secret, name), "utf8")]),
  );
  expect(secretFiles, "the included and loaded files, unchanged").toEqual(SECRET_FILES);
  expect(watch.spawned, "child processes started").toEqual([]);
  expect(watch.requested, "network requests").toEqual([]);
  expect(watch.workers, "worker threads, which the watch cannot see into").toEqual([]);
  expect(watch.touched, "file system calls on the files %include and %{load:…} name").toEqual([]);
  for (const output of outputs) expect(output).not.toContain(CANARY);
}

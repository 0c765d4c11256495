#!/usr/bin/env node
// Development tool, not part of CI: compares `rpmspec-lint inspect` with rpm's own parse of the
// same specs (binary package names and BuildRequires), to measure the parser's fidelity.
//
// rpmspec EXECUTES `%(…)` and Lua from the spec: run this only on a trusted corpus (the Fedora
// specs beside the project), never on untrusted input. Each rpmspec run has a timeout.
//
// rpm needs Fedora's macro files to read Fedora specs. Pass a copy of rpm's configuration
// directory with them added (macros.d/, lua/) as --rpm-config; it is used as RPM_CONFIGDIR.
//
//   node scripts/compare-rpmspec.mjs --rpm-config /tmp/fedora-rpm [--corpus ../shared/corpus]
//     [--list python.txt] [--target fedora-43] [--jobs 2] [--timeout 30] [--only NAME.spec]
//     [--out report.json]
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values: args } = parseArgs({
  options: {
    "rpm-config": { type: "string" },
    corpus: { type: "string", default: resolve(root, "../shared/corpus") },
    list: { type: "string", default: "python.txt" },
    target: { type: "string", default: "fedora-43" },
    jobs: { type: "string", default: "2" },
    timeout: { type: "string", default: "30" },
    only: { type: "string", multiple: true },
    out: { type: "string" },
  },
});
if (args["rpm-config"] === undefined) {
  process.stderr.write("compare-rpmspec: --rpm-config DIR is required (rpm's configuration with Fedora's macros)\n");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "compare-rpmspec-"));
const bundle = join(work, "inspect.mjs");
await build({
  entryPoints: [join(root, "src/index.ts")],
  outfile: bundle,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
const { inspectSpec } = await import(pathToFileURL(bundle).href);

const specDir = join(args.corpus, "fedora");
const names = args.only ?? readFileSync(join(args.corpus, args.list), "utf8").split("\n").filter((line) => line.trim() !== "");

function runRpmspec(specPath, queryArgs) {
  return new Promise((done) => {
    execFile(
      "rpmspec",
      ["-q", ...queryArgs, "--define", `_sourcedir ${specDir}`, specPath],
      {
        env: { ...process.env, RPM_CONFIGDIR: args["rpm-config"], HOME: work, LC_ALL: "C.UTF-8" },
        timeout: Number(args.timeout) * 1000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const timedOut = error !== null && error.killed === true;
        done({ ok: error === null, timedOut, stdout, stderr });
      },
    );
  });
}

// rpm 4.18 does not know rpm 4.20's editedForRpm418 builds nor `%autosetup -C`. They change no
// package name and add no static BuildRequires, so for rpm the tags are commented out, and so are
// the headers of append and prepend sections (`%install -a`), whose lines then join the section
// before them; `-C` is dropped.
function forRpm418(text) {
  return text
    .replace(/^([ \t]*)(BuildSystem|BuildOption(?:\s*\([^)]*\))?)([ \t]*:)/gim, "#$1$2$3")
    .replace(/^(%(?:prep|conf|build|install|check|clean|generate_buildrequires)[ \t]+-[ap]\b.*)$/gim, "#$1")
    .replace(/^([ \t]*%autosetup\b.*?)[ \t]-C\b/gm, "$1");
}

async function rpmView(name) {
  const original = join(specDir, name);
  let specPath = original;
  let editedForRpm418 = false;
  const text = readFileSync(original, "utf8");
  const compatible = forRpm418(text);
  if (compatible !== text) {
    specPath = join(work, name);
    writeFileSync(specPath, compatible);
    editedForRpm418 = true;
  }
  const packages = await runRpmspec(specPath, ["--qf", PACKAGE_QUERY]);
  if (!packages.ok) return { ok: false, editedForRpm418, error: firstError(packages) };
  const buildRequires = await runRpmspec(specPath, ["--buildrequires"]);
  if (!buildRequires.ok) return { ok: false, editedForRpm418, error: firstError(buildRequires) };
  const names = [];
  const requires = new Map();
  for (const line of lines(packages.stdout)) {
    const [kind, name, dependency, flags, version] = line.split("\t");
    if (kind === "P") {
      names.push(name);
      requires.set(name, []);
    } else if ((Number(flags) & IMPLICIT_REQUIRE) === 0) {
      requires.get(name)?.push(formatRpmDependency(dependency, Number(flags), version));
    }
  }
  return { ok: true, editedForRpm418, names, requires, buildRequires: lines(buildRequires.stdout) };
}

// One line per package, then one per requirement, with rpm's sense flags.
const PACKAGE_QUERY = "P\\t%{NAME}\\n[R\\t%{=NAME}\\t%{REQUIRENAME}\\t%{REQUIREFLAGS}\\t%{REQUIREVERSION}\\n]";
// Requirements rpm adds itself: scriptlet interpreters (RPMSENSE_INTERP) and rpmlib() features.
const IMPLICIT_REQUIRE = (1 << 8) | (1 << 24);

function formatRpmDependency(name, flags, version) {
  const operator = (flags & 2 ? "<" : "") + (flags & 4 ? ">" : "") + (flags & 8 ? "=" : "");
  return operator === "" ? name : `${name} ${operator} ${version}`;
}

function firstError(run) {
  if (run.timedOut) return "timeout";
  const line = run.stderr.split("\n").find((l) => l.startsWith("error:")) ?? run.stderr.split("\n")[0] ?? "";
  return line.trim();
}

function lines(text) {
  return text.split("\n").filter((line) => line !== "");
}

/** rpm prints dependencies sorted by name (byte order) and without duplicates. */
function sortedSet(values) {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function compare(name, rpm, ours) {
  const record = { spec: name, editedForRpm418: rpm.editedForRpm418 };
  const ourNames = ours.packages.map((p) => p.name);
  if (ourNames.includes(null) || ours.unknown.some((u) => u.field === "packages")) {
    record.names = "unknown";
  } else if (JSON.stringify(ourNames) === JSON.stringify(rpm.names)) {
    record.names = "same";
  } else if (JSON.stringify(sortedSet(ourNames)) === JSON.stringify(sortedSet(rpm.names))) {
    record.names = "order";
    record.namesRpm = rpm.names;
    record.namesOurs = ourNames;
  } else {
    record.names = "different";
    record.namesMissing = rpm.names.filter((n) => !ourNames.includes(n));
    record.namesExtra = ourNames.filter((n) => !rpm.names.includes(n));
  }
  const ourKnown = sortedSet(ours.buildRequires.filter((d) => d !== null));
  const rpmSet = sortedSet(rpm.buildRequires);
  const missing = rpmSet.filter((d) => !ourKnown.includes(d));
  const extra = ourKnown.filter((d) => !rpmSet.includes(d));
  if (ours.buildRequires.includes(null)) {
    record.buildRequires = extra.length === 0 ? "unknown" : "different";
  } else {
    record.buildRequires = missing.length === 0 && extra.length === 0 ? "same" : "different";
  }
  if (missing.length > 0) record.buildRequiresMissing = missing;
  if (extra.length > 0) record.buildRequiresExtra = extra;
  record.requires = compareRequires(rpm, ours, record);
  if (record.names !== "same" || record.buildRequires !== "same") {
    record.unknown = ours.unknown.filter((u) => u.field === "packages" || u.field.endsWith(".name") || u.field === "buildRequires");
  }
  return record;
}

/**
 * Requires of each package both sides name (informational: the issue asks for names and
 * BuildRequires). A package with an unknown requirement agrees when its known ones are rpm's.
 */
function compareRequires(rpm, ours, record) {
  let verdict = "same";
  for (const entry of ours.packages) {
    const theirs = rpm.requires.get(entry.name);
    if (theirs === undefined) continue;
    const known = sortedSet(entry.requires.filter((d) => d !== null));
    const expected = sortedSet(theirs);
    const extra = known.filter((d) => !expected.includes(d));
    const missing = expected.filter((d) => !known.includes(d));
    if (extra.length > 0 || (missing.length > 0 && !entry.requires.includes(null))) {
      verdict = "different";
      (record.requiresDifferences ??= []).push({ package: entry.name, missing, extra });
    } else if (entry.requires.includes(null) && verdict === "same") {
      verdict = "unknown";
    }
  }
  return verdict;
}

const records = [];
let next = 0;
async function worker() {
  while (next < names.length) {
    const name = names[next++];
    const rpm = await rpmView(name);
    let ours;
    try {
      ours = inspectSpec(readFileSync(join(specDir, name)), { filePath: name, target: args.target });
    } catch (error) {
      records.push({ spec: name, crash: String(error?.stack ?? error) });
      continue;
    }
    if (!rpm.ok) {
      records.push({ spec: name, rpmFailed: rpm.error, editedForRpm418: rpm.editedForRpm418 });
      continue;
    }
    records.push(compare(name, rpm, ours));
    if (records.length % 100 === 0) process.stderr.write(`${records.length}/${names.length}\n`);
  }
}
await Promise.all(Array.from({ length: Math.max(1, Number(args.jobs)) }, worker));
rmSync(work, { recursive: true, force: true });

records.sort((a, b) => (a.spec < b.spec ? -1 : 1));
const compared = records.filter((r) => r.names !== undefined);
const count = (key, value) => compared.filter((r) => r[key] === value).length;
const summary = {
  specs: records.length,
  crashes: records.filter((r) => r.crash !== undefined).length,
  rpmFailed: records.filter((r) => r.rpmFailed !== undefined).length,
  compared: compared.length,
  comparedWithRpm418Edits: compared.filter((r) => r.editedForRpm418).length,
  names: { same: count("names", "same"), order: count("names", "order"), unknown: count("names", "unknown"), different: count("names", "different") },
  buildRequires: {
    same: count("buildRequires", "same"),
    unknown: count("buildRequires", "unknown"),
    different: count("buildRequires", "different"),
  },
  requires: { same: count("requires", "same"), unknown: count("requires", "unknown"), different: count("requires", "different") },
};
process.stdout.write(JSON.stringify(summary, null, 2) + "\n");
if (args.out !== undefined) writeFileSync(args.out, JSON.stringify({ summary, records }, null, 2) + "\n");

// The real-corpus check: every spec under the given directory parses without an exception,
// prints back byte for byte, and yields no spec-syntax-error unless it is listed with the reason in
// corpus-known-malformed.json (spec path relative to the directory → why the spec really is
// malformed). Prints parse-time figures: the first pass includes the JIT's warm-up, the second is
// the steady state. Run after `npm run build`:
//   npm run test:corpus -- ../shared/corpus/fedora
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

const USAGE = "usage: npm run test:corpus -- <directory of .spec files>";

function specFiles(directory) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...specFiles(path));
    else if (entry.name.endsWith(".spec")) found.push(path);
  }
  return found.sort();
}

function lineAndColumn(tree, offset, positionAt) {
  const { line, column } = positionAt(tree, offset);
  return `${line}:${column}`;
}

async function main(argv) {
  const directory = argv[0];
  if (directory === undefined || argv.length > 1) {
    console.error(USAGE);
    return 2;
  }
  try {
    if (!statSync(directory).isDirectory()) throw new Error("not a directory");
  } catch (error) {
    console.error(`corpus-check: cannot read ${directory}: ${error.message}`);
    return 2;
  }
  let library;
  try {
    library = await import(new URL("../dist/src/index.js", import.meta.url).href);
  } catch (error) {
    console.error(`corpus-check: cannot load dist/src/index.js (run npm run build first): ${error.message}`);
    return 2;
  }
  const { parseSpec, printSpecBytes, positionAt } = library;
  const knownMalformed = JSON.parse(
    readFileSync(fileURLToPath(new URL("corpus-known-malformed.json", import.meta.url)), "utf8"),
  );

  const files = specFiles(directory);
  let totalBytes = 0;
  let totalMilliseconds = 0;
  let diagnosticCount = 0;
  const failures = [];
  const withDiagnostics = [];
  for (const path of files) {
    const name = relative(directory, path);
    const bytes = readFileSync(path);
    totalBytes += bytes.length;
    let result;
    const started = performance.now();
    try {
      result = parseSpec(bytes);
    } catch (error) {
      failures.push(`${name}: parseSpec threw: ${error?.stack ?? error}`);
      continue;
    }
    totalMilliseconds += performance.now() - started;
    if (!Buffer.from(printSpecBytes(result.tree)).equals(bytes)) failures.push(`${name}: printed bytes differ from the file`);
    if (result.diagnostics.length > 0) {
      diagnosticCount += result.diagnostics.length;
      const first = result.diagnostics[0];
      withDiagnostics.push({
        name,
        count: result.diagnostics.length,
        first: `${lineAndColumn(result.tree, first.start, positionAt)} ${first.message}`,
      });
    }
  }

  // Second pass, for the steady-state figures and the slowest file.
  let steadyMilliseconds = 0;
  let slowest = { path: null, milliseconds: 0, bytes: 0 };
  for (const path of files) {
    const bytes = readFileSync(path);
    const started = performance.now();
    try {
      parseSpec(bytes);
    } catch {
      continue;
    }
    const elapsed = performance.now() - started;
    steadyMilliseconds += elapsed;
    if (elapsed > slowest.milliseconds) slowest = { path: relative(directory, path), milliseconds: elapsed, bytes: bytes.length };
  }

  const megabytes = Math.max(totalBytes / 1e6, 1e-9);
  console.log(`files: ${files.length}`);
  console.log(`size: ${(totalBytes / 1e6).toFixed(2)} MB`);
  console.log(`parse time, first pass: ${totalMilliseconds.toFixed(0)} ms total, ${(totalMilliseconds / megabytes).toFixed(1)} ms per MB`);
  console.log(`parse time, second pass: ${steadyMilliseconds.toFixed(0)} ms total, ${(steadyMilliseconds / megabytes).toFixed(1)} ms per MB`);
  if (slowest.path !== null) {
    console.log(`slowest (second pass): ${slowest.path} (${slowest.milliseconds.toFixed(1)} ms, ${(slowest.bytes / 1e3).toFixed(0)} kB)`);
  }
  console.log(`spec-syntax-error diagnostics: ${diagnosticCount} in ${withDiagnostics.length} files`);
  const unexpected = [];
  for (const entry of withDiagnostics) {
    const reason = knownMalformed[entry.name];
    const note = reason === undefined ? "UNEXPECTED" : `known malformed: ${reason}`;
    console.log(`  ${entry.name}: ${entry.count} (first at ${entry.first}) [${note}]`);
    if (reason === undefined) unexpected.push(entry.name);
  }
  const clean = new Set(withDiagnostics.map((entry) => entry.name));
  for (const name of Object.keys(knownMalformed)) {
    if (files.some((path) => relative(directory, path) === name) && !clean.has(name)) {
      console.log(`  note: ${name} is listed as malformed but now parses without diagnostics`);
    }
  }
  for (const failure of failures) console.log(`FAILED ${failure}`);
  if (failures.length > 0 || unexpected.length > 0) {
    console.log(`corpus check failed: ${failures.length} exceptions or round-trip mismatches, ${unexpected.length} files with unexpected diagnostics`);
    return 1;
  }
  console.log("corpus check passed");
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

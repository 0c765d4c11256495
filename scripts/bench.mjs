// The benchmark behind every performance claim of rpmspec-lint:
//
//   npm run bench [-- DIRECTORY] [--cold-runs N] [--warm-passes N] [--rpmlint-sample N] [--no-rpmlint]
//   npm run bench -- --compare OTHER_CHECKOUT [DIRECTORY] [--pairs N]
//
// DIRECTORY defaults to ../shared/corpus/fedora (next to the repository). It prints
// - the corpus linted in-process with every rule (files, MB, wall and CPU time, files/s, MB/s,
//   p50/p99/max per file, the slowest files, peak RSS), on the first pass as the CLI meets the
//   code and on the fastest of --warm-passes passes (default 5) with the JIT warm: on a shared
//   machine a single warm pass moves by 10% or more with the other load. Passes over the same
//   files again also find all their texts in the caches shared between specs, so the throughput
//   is also measured on specs not seen before: each half of the corpus after warming the JIT on
//   the other half (the figure the throughput target is about);
// - the whole corpus through the CLI as one process, and the same split over two worker processes
//   (whether a worker pool would pay on this machine);
// - the cold start of one small spec as a whole process (median of --cold-runs runs, default 15);
// - the largest spec of the corpus and a generated spec shaped like Fedora's largest (texlive:
//   2 MB, 45,000 lines, 1,644 subpackages), in-process and as a whole process;
// - linearity: time per MB of a generated spec and of the corpus spec with the longest body
//   (preamble and changelog aside) at 1x, 2x, 4x, 8x;
// - when rpmlint is installed, a sample of the corpus (--rpmlint-sample, default 50) linted by
//   rpmlint and by rpmspec-lint, one process per spec, side by side. rpmlint reads specs through
//   rpm, which runs their %(…) shell: run that part on trusted specs only.
//
// With --compare, it measures only this build against the build of another checkout (its dist/
// built, e.g. a `git worktree` of main): runs of the two alternate, each a child that times warm
// passes over the corpus, and it prints the CPU time per pass of each and their ratio. A change of
// a few percent is lost in the noise between separate benchmarks on a shared machine, but shows
// in the ratio, since both builds meet the same drifts of load.
//
// Every measurement runs in a fresh child process, so one does not warm the JIT for the next and
// the peak RSS is that of the measurement alone. The machine's load average is printed first:
// other processes on a small machine move every figure.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { syntheticSpec } from "./synthetic-spec.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "bin", "rpmspec-lint.js");
const LIBRARY = path.join(ROOT, "dist", "src", "index.js");
const DEFAULT_CORPUS = path.resolve(ROOT, "..", "shared", "corpus", "fedora");
const SMALL_SPEC = path.join(ROOT, "specs-corpus", "_readme", "python-example.spec");
const TEXLIVE_SUBPACKAGES = 1644;
const SCALES = [1, 2, 4, 8];
/** At 8x the generated series is texlive-sized. */
const SUBPACKAGES_PER_SCALE = Math.round(TEXLIVE_SUBPACKAGES / 8);

// ---------------------------------------------------------------------------------------------
// Helpers shared by the parent and the measuring children.

function specFiles(directory) {
  const found = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) found.push(...specFiles(file));
    else if (entry.name.endsWith(".spec")) found.push(file);
  }
  return found.sort();
}

function cpuMilliseconds() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function peakRssMegabytes() {
  return process.resourceUsage().maxRSS / 1024;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function percentile(sortedValues, fraction) {
  const index = Math.min(sortedValues.length - 1, Math.ceil(fraction * sortedValues.length) - 1);
  return sortedValues[Math.max(0, index)];
}

const SECTION_LINE = /^%(package|description|prep|build|install|check|files|pre|post)\b/;

/** A spec split into preamble, body (first section header up to %changelog) and changelog. */
function splitSpec(text) {
  const lines = text.split("\n");
  const firstSection = lines.findIndex((line) => SECTION_LINE.test(line));
  if (firstSection === -1) return { head: [], body: lines, tail: [] };
  let changelog = lines.findIndex((line, index) => index > firstSection && /^%changelog\b/.test(line));
  if (changelog === -1) changelog = lines.length;
  return { head: lines.slice(0, firstSection), body: lines.slice(firstSection, changelog), tail: lines.slice(changelog) };
}

/** The spec with its body repeated `times` times: a real spec grown by whole section blocks. */
function replicatedBody(text, times) {
  const { head, body, tail } = splitSpec(text);
  const grown = [...head];
  for (let copy = 0; copy < times; copy++) grown.push(...body);
  return [...grown, ...tail].join("\n");
}

/** The corpus spec with the longest body: the one whose replication grows the most real code. */
function longestBody(files) {
  let best = null;
  let bestLength = -1;
  for (const file of files) {
    const length = splitSpec(readFileSync(file, "utf8")).body.join("\n").length;
    if (length > bestLength) [best, bestLength] = [file, length];
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Measurements (each runs in a child: `node scripts/bench.mjs --measure KIND ...`).

async function loadLibrary(library = LIBRARY) {
  return import(pathToFileURL(library).href);
}

/** The file of the library built in a checkout of rpmspec-lint. */
function libraryOf(checkout) {
  return path.join(checkout, "dist", "src", "index.js");
}

/** Every spec of a directory, read and linted in turn: per-file times, on the cold pass and the fastest warm one. */
async function measureCorpus(directory, warmPasses) {
  const library = await loadLibrary();
  const files = specFiles(directory);
  const pass = () => {
    const perFile = [];
    let findings = 0;
    let bytes = 0;
    const wallStart = performance.now();
    const cpuStart = cpuMilliseconds();
    for (const file of files) {
      const started = performance.now();
      const content = readFileSync(file);
      findings += library.lintSpec(content, { filePath: file }).findings.length;
      perFile.push({ file: path.relative(directory, file), bytes: content.length, milliseconds: performance.now() - started });
      bytes += content.length;
    }
    return { wall: performance.now() - wallStart, cpu: cpuMilliseconds() - cpuStart, perFile, findings, bytes };
  };
  const first = pass();
  let fastestWarm = pass();
  for (let index = 1; index < warmPasses; index++) {
    const next = pass();
    if (next.wall < fastestWarm.wall) fastestWarm = next;
  }
  return { first, fastestWarm, peakRss: peakRssMegabytes() };
}

/**
 * One half of the corpus (every other file, from `half`) linted once after warm-up passes over
 * the other half: the JIT is warm, but the caches the linter shares between specs (expansions of
 * the target's macros, parsed dependency values) hold only what other specs put there, as in one
 * CLI run. Passes over the same files again find every text of them in those caches.
 */
async function measureUnseenHalf(directory, warmPasses, half) {
  const library = await loadLibrary();
  const files = specFiles(directory);
  const warmup = files.filter((_, index) => index % 2 !== half);
  const measured = files.filter((_, index) => index % 2 === half);
  for (let pass = 0; pass < warmPasses; pass++) for (const file of warmup) library.lintSpec(readFileSync(file));
  const wallStart = performance.now();
  const cpuStart = cpuMilliseconds();
  for (const file of measured) library.lintSpec(readFileSync(file), { filePath: file });
  return { files: measured.length, wall: performance.now() - wallStart, cpu: cpuMilliseconds() - cpuStart };
}

/** One spec linted in-process: the first call (cold JIT) and the median of warm calls. */
async function measureSpec(file, warmRuns) {
  const library = await loadLibrary();
  const content = readFileSync(file);
  let started = performance.now();
  const findings = library.lintSpec(content).findings.length;
  const cold = performance.now() - started;
  const warm = [];
  for (let run = 0; run < warmRuns; run++) {
    started = performance.now();
    library.lintSpec(content);
    warm.push(performance.now() - started);
  }
  return { bytes: content.length, findings, cold, warm: median(warm), peakRss: peakRssMegabytes() };
}

/** Generated and replicated specs at each scale: warm median time per MB. */
async function measureLinearity(corpusSpec) {
  const library = await loadLibrary();
  const series = [];
  const inputs = [
    { name: `generated spec, ${SUBPACKAGES_PER_SCALE} subpackages per 1x`, make: (scale) => syntheticSpec(SUBPACKAGES_PER_SCALE * scale) },
  ];
  if (corpusSpec !== null) {
    const text = readFileSync(corpusSpec, "utf8");
    inputs.push({ name: `${path.basename(corpusSpec)} (the corpus' longest body), body repeated`, make: (scale) => replicatedBody(text, scale) });
  }
  for (const input of inputs) {
    const points = [];
    for (const scale of SCALES) {
      const text = input.make(scale);
      library.lintSpec(text);
      // At least 5 warm runs and about a second of them: small inputs need more runs to be stable.
      const times = [];
      let spent = 0;
      while (times.length < 5 || (spent < 1000 && times.length < 50)) {
        const started = performance.now();
        library.lintSpec(text);
        times.push(performance.now() - started);
        spent += times[times.length - 1];
      }
      points.push({ scale, bytes: Buffer.byteLength(text), lines: text.split("\n").length, milliseconds: median(times) });
    }
    series.push({ name: input.name, points });
  }
  return series;
}

/** Warm passes over the corpus with one build (files read beforehand): CPU time of each measured pass. */
async function measureBuildPasses(directory, checkout, passes) {
  const library = await loadLibrary(libraryOf(checkout));
  const contents = specFiles(directory).map((file) => readFileSync(file));
  const pass = () => {
    const cpuStart = cpuMilliseconds();
    for (const content of contents) library.lintSpec(content);
    return cpuMilliseconds() - cpuStart;
  };
  // Two passes warm the JIT before anything is counted.
  pass();
  pass();
  const cpu = [];
  for (let index = 0; index < passes; index++) cpu.push(pass());
  return { files: contents.length, cpu };
}

async function runMeasurement(argv) {
  const [kind, ...rest] = argv;
  let result;
  if (kind === "corpus") result = await measureCorpus(rest[0], Number(rest[1]));
  else if (kind === "spec") result = await measureSpec(rest[0], Number(rest[1]));
  else if (kind === "linearity") result = await measureLinearity(rest[0] === "-" ? null : rest[0]);
  else if (kind === "unseen") result = await measureUnseenHalf(rest[0], Number(rest[1]), Number(rest[2]));
  else if (kind === "passes") result = await measureBuildPasses(rest[0], rest[1], Number(rest[2]));
  else throw new Error(`unknown measurement ${kind}`);
  process.stdout.write(JSON.stringify(result));
}

// ---------------------------------------------------------------------------------------------
// The parent: runs the children and prints the report.

function child(args) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--measure", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`measurement ${args[0]} failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout);
}

/** Wall time of a whole process (spawn to exit), in milliseconds. */
function timeProcess(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", ...options });
  const milliseconds = performance.now() - started;
  if (result.error !== undefined) throw result.error;
  return { milliseconds, status: result.status, stderr: result.stderr ?? "" };
}

/** Peak RSS of a CLI run: the child reports its own maxRSS on exit through this preload. */
function cliWithPeakRss(args, directory) {
  const preload = path.join(directory, "report-peak-rss.mjs");
  writeFileSync(
    preload,
    'process.on("exit", () => process.stderr.write(`\\nbench-peak-rss ${process.resourceUsage().maxRSS}\\n`));\n',
  );
  const run = timeProcess(process.execPath, ["--import", pathToFileURL(preload).href, BIN, ...args]);
  const match = /bench-peak-rss (\d+)/.exec(run.stderr);
  return { ...run, peakRss: match === null ? null : Number(match[1]) / 1024 };
}

const SOURCE_INPUTS = ["src", "rules", "package.json", "tsconfig.json", "tsconfig.build.json", "scripts/bundle.mjs"];

function newestModification(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

function distIsStale() {
  let built;
  try {
    built = Math.min(statSync(path.join(ROOT, "dist", "cli.js")).mtimeMs, statSync(LIBRARY).mtimeMs);
  } catch {
    return true;
  }
  return SOURCE_INPUTS.some((entry) => newestModification(path.join(ROOT, entry)) > built);
}

function ensureBuilt() {
  if (!distIsStale()) return true;
  console.log("dist/ is missing or older than the sources: running npm run build");
  const build = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status === 0) return true;
  console.error("bench: the build failed; fix it (or run npm run build) and run the benchmark again");
  return false;
}

function parseArguments(argv) {
  const options = { directory: DEFAULT_CORPUS, coldRuns: 15, warmPasses: 5, rpmlintSample: 50, rpmlint: true, compare: null, pairs: 4 };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const count = () => {
      const value = Number(argv[++index]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${argument} needs a positive integer`);
      return value;
    };
    if (argument === "--cold-runs") options.coldRuns = count();
    else if (argument === "--warm-passes") options.warmPasses = count();
    else if (argument === "--rpmlint-sample") options.rpmlintSample = count();
    else if (argument === "--no-rpmlint") options.rpmlint = false;
    else if (argument === "--pairs") options.pairs = count();
    else if (argument === "--compare") {
      const checkout = argv[++index];
      if (checkout === undefined) throw new Error("--compare needs the path of another checkout");
      options.compare = path.resolve(checkout);
    }
    else if (argument.startsWith("-")) throw new Error(`unknown option ${argument}`);
    else options.directory = path.resolve(argument);
  }
  return options;
}

const fixed = (value, digits = 1) => value.toFixed(digits);
const megabytes = (bytes) => bytes / 1e6;

function printPass(label, pass, files) {
  const times = pass.perFile.map((entry) => entry.milliseconds).sort((a, b) => a - b);
  const seconds = pass.wall / 1000;
  console.log(
    `  ${label}: ${fixed(pass.wall, 0)} ms wall (${fixed(pass.cpu, 0)} ms CPU), ` +
      `${fixed(files / seconds, 0)} files/s, ${fixed(megabytes(pass.bytes) / seconds, 2)} MB/s; ` +
      `per file p50 ${fixed(percentile(times, 0.5), 2)} ms, p99 ${fixed(percentile(times, 0.99), 1)} ms, max ${fixed(times[times.length - 1], 1)} ms`,
  );
}

async function reportCorpus(directory, warmPasses, scratch) {
  const result = child(["corpus", directory, String(warmPasses)]);
  const files = result.first.perFile.length;
  console.log(`\n== Corpus, in-process (lintSpec with every rule, reading included): ${directory}`);
  console.log(`  files: ${files}, ${fixed(megabytes(result.first.bytes), 2)} MB, findings: ${result.first.findings}`);
  printPass("first pass (cold JIT, as one CLI run)", result.first, files);
  printPass(`fastest of ${warmPasses} warm passes`, result.fastestWarm, files);
  // Each half is measured in its own child, after warming on the other half; fastest of three.
  const unseen = [0, 1].map((half) => {
    const runs = [0, 1, 2].map(() => child(["unseen", directory, String(warmPasses), String(half)]));
    return runs.reduce((fastest, run) => (run.wall < fastest.wall ? run : fastest));
  });
  const unseenWall = unseen[0].wall + unseen[1].wall;
  const unseenCpu = unseen[0].cpu + unseen[1].cpu;
  console.log(
    `  warm JIT, specs not seen before (each half after ${warmPasses} passes over the other half, fastest of 3): ` +
      `${fixed(unseenWall, 0)} ms wall (${fixed(unseenCpu, 0)} ms CPU), ${fixed(files / (unseenWall / 1000), 0)} files/s`,
  );
  console.log(`  peak RSS: ${fixed(result.peakRss, 0)} MB`);
  console.log("  slowest files (first pass):");
  const slowest = [...result.first.perFile].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, 5);
  for (const entry of slowest) {
    console.log(`    ${fixed(entry.milliseconds, 1).padStart(7)} ms  ${(entry.bytes / 1024).toFixed(0).padStart(5)} kB  ${entry.file}`);
  }

  console.log("\n== Corpus through the CLI (one process, --format json to /dev/null)");
  const whole = cliWithPeakRss(["--format", "json", "--no-config-lookup", directory], scratch);
  console.log(
    `  one process: ${fixed(whole.milliseconds, 0)} ms wall, ${fixed(files / (whole.milliseconds / 1000), 0)} files/s, ` +
      `${fixed(megabytes(result.first.bytes) / (whole.milliseconds / 1000), 2)} MB/s, peak RSS ${whole.peakRss === null ? "?" : fixed(whole.peakRss, 0)} MB`,
  );
  const all = specFiles(directory);
  const halves = [all.filter((_, index) => index % 2 === 0), all.filter((_, index) => index % 2 === 1)];
  const started = performance.now();
  await Promise.all(halves.map((half) => runInBackground(process.execPath, [BIN, "--format", "json", "--no-config-lookup", ...half])));
  const elapsed = performance.now() - started;
  console.log(
    `  two processes, half the files each (what a 2-worker pool could reach on ${cpus().length} CPUs): ` +
      `${fixed(elapsed, 0)} ms wall, ${fixed(files / (elapsed / 1000), 0)} files/s`,
  );
  const largest = [...result.first.perFile].sort((a, b) => b.bytes - a.bytes)[0];
  return { largest: largest === undefined ? null : path.join(directory, largest.file) };
}

function runInBackground(command, args) {
  return new Promise((resolve, reject) => {
    const running = spawn(command, args, { cwd: ROOT, stdio: "ignore" });
    running.on("error", reject);
    running.on("exit", resolve);
  });
}

function reportColdStart(runs) {
  console.log(`\n== Cold start, whole process, median of ${runs} runs`);
  const node = [];
  const lint = [];
  for (let run = 0; run < runs; run++) {
    node.push(timeProcess(process.execPath, ["-e", "0"]).milliseconds);
    const result = timeProcess(process.execPath, [BIN, "--no-config-lookup", SMALL_SPEC]);
    if (result.status !== 0 && result.status !== 1) throw new Error(`rpmspec-lint failed: ${result.stderr}`);
    lint.push(result.milliseconds);
  }
  console.log(`  node bin/rpmspec-lint.js ${path.relative(ROOT, SMALL_SPEC)}: ${fixed(median(lint), 0)} ms (min ${fixed(Math.min(...lint), 0)}, max ${fixed(Math.max(...lint), 0)})`);
  console.log(`  node -e 0 (Node's own start, for reference): ${fixed(median(node), 0)} ms`);
}

function reportLargeSpec(label, file, scratch) {
  const inProcess = child(["spec", file, "5"]);
  const whole = [];
  let peakRss = null;
  for (let run = 0; run < 3; run++) {
    const result = cliWithPeakRss(["--format", "json", "--no-config-lookup", file], scratch);
    whole.push(result.milliseconds);
    peakRss = Math.max(peakRss ?? 0, result.peakRss ?? 0);
  }
  const lines = readFileSync(file, "utf8").split("\n").length;
  console.log(
    `  ${label}: ${fixed(megabytes(inProcess.bytes), 2)} MB, ${lines} lines, ${inProcess.findings} findings; ` +
      `whole process ${fixed(median(whole), 0)} ms (median of 3, peak RSS ${fixed(peakRss, 0)} MB); ` +
      `in-process first lint ${fixed(inProcess.cold, 0)} ms, warm ${fixed(inProcess.warm, 0)} ms`,
  );
}

function reportLinearity(directory) {
  console.log("\n== Linearity: warm time per MB at 1x, 2x, 4x, 8x (flat ratios = linear)");
  for (const series of child(["linearity", longestBody(specFiles(directory)) ?? "-"])) {
    console.log(`  ${series.name}:`);
    const base = series.points[0].milliseconds / megabytes(series.points[0].bytes);
    for (const point of series.points) {
      const perMegabyte = point.milliseconds / megabytes(point.bytes);
      console.log(
        `    ${String(point.scale).padStart(2)}x  ${fixed(megabytes(point.bytes), 2).padStart(6)} MB ${String(point.lines).padStart(7)} lines ` +
          `${fixed(point.milliseconds, 0).padStart(6)} ms  ${fixed(perMegabyte, 0).padStart(5)} ms/MB  ratio ${fixed(perMegabyte / base, 2)}`,
      );
    }
  }
}

/**
 * This build (A) against another checkout's (B), each in children of its own (two builds in one
 * process share a heap and its collections): A B, B A, A B… so that drifts of the machine's load
 * fall on both alike. Each child warms up, then times three passes; the fastest pass of each
 * child counts.
 */
function reportComparison(directory, otherCheckout, pairs) {
  const checkouts = [ROOT, otherCheckout];
  const fastest = [[], []];
  let files = 0;
  for (let pair = 0; pair < pairs; pair++) {
    for (const index of pair % 2 === 0 ? [0, 1] : [1, 0]) {
      const result = child(["passes", directory, checkouts[index], "3"]);
      files = result.files;
      fastest[index].push(Math.min(...result.cpu));
    }
  }
  const [ours, theirs] = fastest;
  console.log(`\n== This build (A) against ${otherCheckout} (B): ${files} specs, ${pairs} pair${pairs === 1 ? "" : "s"} of alternating runs, CPU ms per warm pass`);
  const row = (label, passes) =>
    `  ${label}: min ${fixed(Math.min(...passes), 0)} ms (${fixed(files / (Math.min(...passes) / 1000), 0)} files/s), median ${fixed(median(passes), 0)} ms`;
  console.log(row("A", ours));
  console.log(row("B", theirs));
  console.log(
    `  A/B: min ${fixed(Math.min(...ours) / Math.min(...theirs), 3)}, median ${fixed(median(ours) / median(theirs), 3)} ` +
      "(below 1: this build is faster; differences of a few percent between runs are noise)",
  );
}

function commandExists(command) {
  const result = spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" });
  return result.status === 0 && result.stdout.trim() !== "";
}

function reportRpmlint(directory, sampleSize, scratch) {
  console.log("\n== rpmlint side by side (one process per spec, wall time)");
  if (!commandExists("rpmlint")) {
    console.log("  rpmlint is not installed: comparison skipped (Debian/Ubuntu: apt-get install -y rpmlint)");
    return;
  }
  const version = spawnSync("rpmlint", ["--version"], { encoding: "utf8" }).stdout.trim();
  const all = specFiles(directory);
  const step = Math.max(1, Math.floor(all.length / sampleSize));
  const sample = all.filter((_, index) => index % step === 0).slice(0, sampleSize);
  // rpmlint parses through rpm, which runs the spec's %(…): give it an empty home and directory.
  const environment = { ...process.env, HOME: scratch };
  const rows = [];
  for (const file of sample) {
    const rpmlint = timeProcess("rpmlint", [file], { cwd: scratch, env: environment });
    const ours = timeProcess(process.execPath, [BIN, "--no-config-lookup", file]);
    rows.push({ file: path.relative(directory, file), rpmlint: rpmlint.milliseconds, ours: ours.milliseconds });
  }
  console.log(`  rpmlint ${version}; ${rows.length} specs (every ${step}th of the sorted corpus)`);
  console.log(`  ${"spec".padEnd(40)} ${"rpmlint".padStart(9)} ${"rpmspec-lint".padStart(13)} ${"ratio".padStart(7)}`);
  for (const row of rows) {
    console.log(
      `  ${row.file.slice(0, 40).padEnd(40)} ${fixed(row.rpmlint, 0).padStart(6)} ms ${fixed(row.ours, 0).padStart(10)} ms ${fixed(row.rpmlint / row.ours, 1).padStart(6)}x`,
    );
  }
  const rpmlintTotal = rows.reduce((sum, row) => sum + row.rpmlint, 0);
  const oursTotal = rows.reduce((sum, row) => sum + row.ours, 0);
  console.log(
    `  median per spec: rpmlint ${fixed(median(rows.map((row) => row.rpmlint)), 0)} ms, rpmspec-lint ${fixed(median(rows.map((row) => row.ours)), 0)} ms; ` +
      `total ${fixed(rpmlintTotal / 1000, 1)} s vs ${fixed(oursTotal / 1000, 1)} s (${fixed(rpmlintTotal / oursTotal, 1)}x)`,
  );
}

async function main(argv) {
  if (argv[0] === "--measure") {
    await runMeasurement(argv.slice(1));
    return 0;
  }
  let options;
  try {
    options = parseArguments(argv);
  } catch (error) {
    console.error(
      `bench: ${error.message}\nusage: npm run bench [-- DIRECTORY] [--cold-runs N] [--warm-passes N] [--rpmlint-sample N] [--no-rpmlint]\n` +
        "       npm run bench -- --compare OTHER_CHECKOUT [DIRECTORY] [--pairs N]",
    );
    return 2;
  }
  if (!ensureBuilt()) return 2;
  if (options.compare !== null && !existsSync(libraryOf(options.compare))) {
    console.error(`bench: ${libraryOf(options.compare)} does not exist (run npm run build in ${options.compare})`);
    return 2;
  }
  let directoryOk = false;
  try {
    directoryOk = statSync(options.directory).isDirectory() && specFiles(options.directory).length > 0;
  } catch {
    directoryOk = false;
  }
  if (!directoryOk) {
    console.error(`bench: no .spec files under ${options.directory} (give a directory: npm run bench -- DIRECTORY)`);
    return 2;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), "rpmspec-lint-bench-"));
  try {
    const [one, five, fifteen] = loadavg();
    console.log(`rpmspec-lint benchmark: Node ${process.version}, ${cpus().length} CPUs, load average ${fixed(one, 2)} ${fixed(five, 2)} ${fixed(fifteen, 2)}`);
    if (options.compare !== null) {
      reportComparison(options.directory, options.compare, options.pairs);
      return 0;
    }
    const corpus = await reportCorpus(options.directory, options.warmPasses, scratch);
    reportColdStart(options.coldRuns);

    console.log("\n== Largest specs");
    if (corpus.largest !== null) reportLargeSpec(`largest of the corpus, ${path.basename(corpus.largest)}`, corpus.largest, scratch);
    const generated = path.join(scratch, "generated-texlive.spec");
    writeFileSync(generated, syntheticSpec(TEXLIVE_SUBPACKAGES));
    reportLargeSpec(`generated like texlive.spec, ${TEXLIVE_SUBPACKAGES} subpackages`, generated, scratch);

    reportLinearity(options.directory);
    if (options.rpmlint) reportRpmlint(options.directory, options.rpmlintSample, scratch);
    else console.log("\n== rpmlint side by side: skipped (--no-rpmlint)");
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));

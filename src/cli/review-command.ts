/**
 * `rpmspec-lint review`: loads review submissions (specs and source RPMs, by path or URL),
 * reviews each, and prints the checklists. The review code (source RPM readers, decompressors,
 * checklists) is loaded only when the command runs: plain linting starts without it.
 */
import { type Command, Option } from "commander";
import type { ReviewToolInfo } from "../formatters/review-markdown.js";
import type { CliStreams } from "./streams.js";

export interface ReviewCommandOptions {
  target?: string;
  format: "markdown" | "json";
  outputFile?: string;
}

export interface ReviewRun {
  streams: CliStreams;
  cwd: string;
  tool: ReviewToolInfo;
}

/** Adds the `review` subcommand to the program; `setStatus` receives its exit status. */
export function addReviewCommand(program: Command, run: ReviewRun, setStatus: (status: number) => void): void {
  program
    .command("review")
    .description("review a package submission (.spec, .src.rpm or their http(s) URLs) and print the review checklist")
    .argument("<submissions...>", "spec files, source RPMs, or http(s) URLs of either")
    .option("--target <target>", "build target: fedora-rawhide, fedora-N or epel-N (default: fedora-rawhide)")
    .addOption(new Option("-f, --format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .option("-o, --output-file <file>", "write the report to a file instead of standard output")
    .action(async (submissions: string[], options: ReviewCommandOptions) => {
      const { runReview } = await import("./review-run.js");
      setStatus(await runReview(submissions, options, run));
    });
}


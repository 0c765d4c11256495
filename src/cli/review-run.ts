/**
 * Runs `rpmspec-lint review`. A spec given together with one source RPM (a review request's Spec
 * URL and SRPM URL) is compared with the spec inside it.
 */
import path from "node:path";
import { formatReviewJson } from "../formatters/review-json.js";
import { formatReviewMarkdown } from "../formatters/review-markdown.js";
import { reviewSubmission } from "../review/report/review.js";
import { isRemoteUrl } from "../review/fetch.js";
import { describeLocation, SubmissionError } from "../review/submission-error.js";
import { loadSubmission, type Submission } from "../review/submission.js";
import { writeOutputFile } from "./write-file.js";
import type { ReviewCommandOptions, ReviewRun } from "./review-command.js";
import { writeOutput } from "./streams.js";
import { checkTargetOption } from "./target-option.js";

/** 0: no MUST item failed; 1: one did; 2: a submission could not be read (nothing is printed then). */
export async function runReview(inputs: readonly string[], options: ReviewCommandOptions, run: ReviewRun): Promise<number> {
  checkTargetOption(options.target);
  const loaded: Submission[] = [];
  const errors: string[] = [];
  for (const input of inputs) {
    try {
      loaded.push(await load(input, run.cwd));
    } catch (error) {
      if (!(error instanceof SubmissionError)) throw error;
      errors.push(describeError(error));
    }
  }
  if (errors.length > 0) {
    await writeOutput(run.streams.stderr, errors.map((message) => `rpmspec-lint: error: ${message}\n`).join(""));
    return 2;
  }
  const reports = pairSubmissions(loaded).map(({ submission, companionSpec }) =>
    reviewSubmission(submission, {
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(companionSpec === null ? {} : { companionSpec }),
    }),
  );
  const text = options.format === "json" ? formatReviewJson(reports, run.tool) : formatReviewMarkdown(reports, run.tool);
  await output(text, options, run);
  return reports.some((report) => report.mustFailed) ? 1 : 0;
}

/** Loads a path (relative to the working directory) or a URL, reporting it as given. */
async function load(input: string, cwd: string): Promise<Submission> {
  if (isRemoteUrl(input)) return loadSubmission(input);
  try {
    const submission = await loadSubmission(path.resolve(cwd, input));
    return { ...submission, source: input };
  } catch (error) {
    throw error instanceof SubmissionError ? new SubmissionError(error.detail, location(error), input) : error;
  }
}

function location(error: SubmissionError) {
  return error.offset === undefined || error.region === undefined ? undefined : { offset: error.offset, region: error.region };
}

/** One line: the message, with the byte offset when the message does not already give it. */
function describeError(error: SubmissionError): string {
  const where = location(error);
  if (where === undefined) return error.message;
  const described = describeLocation(where);
  return error.message.includes(described) ? error.message : `${error.message} (${described})`;
}

interface Pairing {
  submission: Submission;
  companionSpec: Submission | null;
}

/**
 * A spec goes with the source RPM whose spec has the same file name, or with the only source RPM
 * when exactly one spec and one source RPM were given; every other submission is reviewed alone.
 */
function pairSubmissions(submissions: readonly Submission[]): Pairing[] {
  const specs = submissions.filter((submission) => submission.kind === "spec");
  const srpms = submissions.filter((submission) => submission.kind === "srpm");
  const companions = new Map<Submission, Submission>();
  if (specs.length === 1 && srpms.length === 1) {
    companions.set(srpms[0] as Submission, specs[0] as Submission);
  } else {
    for (const srpm of srpms) {
      const spec = specs.find((candidate) => candidate.specFileName === srpm.specFileName && ![...companions.values()].includes(candidate));
      if (spec !== undefined) companions.set(srpm, spec);
    }
  }
  const paired = new Set(companions.values());
  return submissions
    .filter((submission) => !paired.has(submission))
    .map((submission) => ({ submission, companionSpec: companions.get(submission) ?? null }));
}

async function output(text: string, options: ReviewCommandOptions, run: ReviewRun): Promise<void> {
  if (options.outputFile === undefined) {
    await writeOutput(run.streams.stdout, text);
    return;
  }
  await writeOutputFile(run.cwd, options.outputFile, text);
}

/**
 * reviewSubmission and the review formatters on the specs of specs-corpus/_review and source RPMs
 * built from them by hand: golden reports for a clean and a flawed submission, then each source
 * RPM check on its own.
 */
import { describe, expect, it } from "vitest";
import { formatReviewJson } from "../../src/formatters/review-json.js";
import { formatReviewMarkdown } from "../../src/formatters/review-markdown.js";
import { reviewSubmission } from "../../src/review/report/review.js";
import type { CheckResult, ReviewReport } from "../../src/review/report/types.js";
import { readSrpm } from "../../src/review/srpm/srpm.js";
import type { Submission } from "../../src/review/submission.js";
import {
  CLEAN_SOURCES,
  CLEAN_SPEC_NAME,
  FLAWED_SPEC_NAME,
  cleanSrpm,
  corpusSpec,
  flawedSrpm,
} from "./helpers/review-fixtures.js";
import { SPECFILE_FLAG, TYPE } from "./helpers/srpm-builder.js";

const TOOL = { name: "rpmspec-lint", version: "0.1.0" };

async function srpmSubmission(bytes: Uint8Array, source: string): Promise<Submission> {
  const srpm = await readSrpm(bytes);
  return { kind: "srpm", source, specFileName: srpm.specFileName, specBytes: srpm.specBytes, srpm };
}

function specSubmission(text: string | Uint8Array, specFileName: string): Submission {
  const specBytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  return { kind: "spec", source: specFileName, specFileName, specBytes };
}

function check(report: ReviewReport, id: CheckResult["id"]): CheckResult {
  const result = report.checks.find((candidate) => candidate.id === id);
  if (result === undefined) throw new Error(`no check ${id}`);
  return result;
}

function item(report: ReviewReport, id: string) {
  const result = report.checklist.find((candidate) => candidate.item.id === id);
  if (result === undefined) throw new Error(`no checklist item ${id}`);
  return result;
}

function messages(result: CheckResult): string[] {
  return result.details.map((detail) => detail.message);
}

describe("golden review reports", () => {
  it("reports a clean source RPM with its Spec URL", async () => {
    const submission = await srpmSubmission(cleanSrpm(), "python-reviewdemo-1.2.0-1.fc43.src.rpm");
    const companionSpec = specSubmission(corpusSpec(CLEAN_SPEC_NAME), "https://example.org/python-reviewdemo.spec");
    const report = reviewSubmission(submission, { companionSpec });
    expect(report.mustFailed).toBe(false);
    expect(report.checks.map((result) => result.status)).toEqual(["pass", "pass", "pass", "pass", "pass"]);
    expect(report.findings).toEqual([]);
    expect(report.checklist.filter((result) => result.status === "fail")).toEqual([]);
    await expect(formatReviewMarkdown([report], TOOL)).toMatchFileSnapshot("__golden__/report-clean.md");
    await expect(formatReviewJson([report], TOOL)).toMatchFileSnapshot("__golden__/report-clean.json");
  });

  it("reports a flawed source RPM", async () => {
    const report = reviewSubmission(await srpmSubmission(flawedSrpm(), "python-reviewflaws-0.9-1.fc43.src.rpm"));
    expect(report.mustFailed).toBe(true);
    const failed = report.checklist.filter((result) => result.status === "fail").map((result) => result.item.id);
    expect(failed).toEqual(
      expect.arrayContaining([
        "spec-file-name",
        "required-tags",
        "srpm-matches-spec",
        "srpm-has-sources",
        "python3-devel",
        "tidy-tags",
        "srpm-only-referenced-files",
        "explicit-lists",
      ]),
    );
    await expect(formatReviewMarkdown([report], TOOL)).toMatchFileSnapshot("__golden__/report-flawed.md");
  });
});

describe("a submitted spec without a source RPM", () => {
  it("marks the source RPM items not applicable, saying why", () => {
    const report = reviewSubmission(specSubmission(corpusSpec(CLEAN_SPEC_NAME), CLEAN_SPEC_NAME));
    for (const id of ["srpm-matches-spec", "srpm-has-sources", "srpm-only-referenced-files", "spec-url-matches-srpm"]) {
      const result = item(report, id);
      expect(result.status).toBe("not-applicable");
      expect(result.notes[0]).toMatch(/^Not applicable: (only a spec file was submitted|no source RPM was submitted)/);
    }
    expect(check(report, "spec-file-name").status).toBe("pass");
    expect(report.submission.srpm).toBeNull();
  });

  it("checks the spec's file name against Name", () => {
    const report = reviewSubmission(specSubmission(corpusSpec(CLEAN_SPEC_NAME), "reviewdemo.spec"));
    expect(check(report, "spec-file-name")).toEqual({
      id: "spec-file-name",
      status: "fail",
      details: [
        {
          message: "the spec file is named `reviewdemo.spec`; after Name `python-reviewdemo` it should be `python-reviewdemo.spec`",
          line: 3,
        },
      ],
    });
    expect(item(report, "spec-file-name").status).toBe("fail");
    expect(report.mustFailed).toBe(true);
  });

  it("marks the Python items not applicable for a spec that does not use Python", () => {
    const spec = [
      "Name: hello",
      "Version: 2.12",
      "Release: 1%{?dist}",
      "Summary: Prints a greeting",
      "License: GPL-3.0-or-later",
      "Source0: https://ftp.gnu.org/gnu/hello/hello-%{version}.tar.gz",
      "BuildRequires: gcc",
      "%description",
      "Prints a greeting.",
      "%prep",
      "%autosetup",
      "%build",
      "%configure",
      "%make_build",
      "%install",
      "%make_install",
      "%files",
      "%{_bindir}/hello",
      "%changelog",
      "* Tue Jan 07 2025 Jane Packager <jane@example.org> - 2.12-1",
      "- Initial package",
      "",
    ].join("\n");
    const report = reviewSubmission(specSubmission(spec, "hello.spec"));
    const python = report.checklist.filter((result) => result.item.group === "Python");
    expect(python.length).toBeGreaterThan(10);
    for (const result of python) {
      expect(result.status).toBe("not-applicable");
      expect(result.notes[0]).toMatch(/^Not applicable: the spec (does not use Python|ships no importable Python module|builds no Python extras subpackage) for fedora-rawhide\.$/);
    }
  });

  it("applies the distro-wide items to a spec that only uses Python to build", () => {
    const spec = [
      "Name: tool",
      "Version: 1",
      "Release: 1%{?dist}",
      "Summary: A tool",
      "License: MIT",
      "BuildRequires: python3-devel",
      "%description",
      "A tool.",
      "%build",
      "%{python3} generate.py",
      "%files",
      "%{_bindir}/tool",
      "",
    ].join("\n");
    const report = reviewSubmission(specSubmission(spec, "tool.spec"));
    expect(item(report, "python3-devel").status).toBe("pass");
    expect(item(report, "library-naming").status).toBe("not-applicable");
  });

  it("rejects an unknown target", () => {
    expect(() => reviewSubmission(specSubmission(corpusSpec(CLEAN_SPEC_NAME), CLEAN_SPEC_NAME), { target: "fedora-1" })).toThrow(RangeError);
  });
});

describe("the source RPM's name, epoch, version and release", () => {
  it("names what disagrees when NAME and VERSION are not the spec's", async () => {
    const report = reviewSubmission(await srpmSubmission(cleanSrpm({ name: "python-other", version: "1.3.0" }), "other.src.rpm"));
    const result = check(report, "srpm-name-version-release");
    expect(result.status).toBe("fail");
    expect(result.details).toEqual([
      { message: "NAME is `python-other`, but the spec's Name is `python-reviewdemo`", line: 3 },
      { message: "neither the source RPM nor the spec sets an epoch", line: null },
      { message: "VERSION is `1.3.0`, but the spec's Version is `1.2.0`", line: 4 },
      {
        message: "RELEASE `1.fc43` matches Release `1%{?dist}`, which is `1.fc46` for fedora-rawhide (built with the dist tag `.fc43` of the machine that made it)",
        line: 5,
      },
    ]);
    expect(item(report, "srpm-matches-spec").status).toBe("fail");
    expect(report.mustFailed).toBe(true);
  });

  it("accepts any dist tag, or none, where the spec's release has %{?dist}", async () => {
    for (const [release, how] of [
      ["1.fc43", "built with the dist tag `.fc43` of the machine that made it"],
      ["1.el10_1", "built with the dist tag `.el10_1` of the machine that made it"],
      ["1.fc46", "built with the target's dist tag"],
      ["1", "built without a dist tag"],
    ] as const) {
      const report = reviewSubmission(await srpmSubmission(cleanSrpm({ release }), "demo.src.rpm"));
      const result = check(report, "srpm-name-version-release");
      expect(result.status).toBe("pass");
      expect(messages(result)[3]).toContain(`(${how})`);
    }
  });

  it("compares everything around the dist tag exactly", async () => {
    for (const release of ["2.fc43", "1.fc43.1", "1.2", "1fc43"]) {
      const report = reviewSubmission(await srpmSubmission(cleanSrpm({ release }), "demo.src.rpm"));
      const result = check(report, "srpm-name-version-release");
      expect(result.status).toBe("fail");
      expect(messages(result)[3]).toBe(
        `RELEASE is \`${release}\`, but the spec has Release \`1%{?dist}\`, which is \`1.fc46\` for fedora-rawhide (compared with any dist tag, or none, in place of \`.fc46\`)`,
      );
    }
  });

  it("compares the release for the given target", async () => {
    const report = reviewSubmission(await srpmSubmission(cleanSrpm({ release: "1.el9" }), "demo.src.rpm"), { target: "epel-9" });
    expect(messages(check(report, "srpm-name-version-release"))[3]).toBe(
      "RELEASE `1.el9` matches Release `1%{?dist}`, which is `1.el9` for epel-9 (built with the target's dist tag)",
    );
    expect(report.target).toBe("epel-9");
  });

  it("compares the epoch", async () => {
    const withEpoch = reviewSubmission(await srpmSubmission(cleanSrpm({ epoch: 1 }), "demo.src.rpm"));
    expect(messages(check(withEpoch, "srpm-name-version-release"))[1]).toBe("EPOCH is 1, but the spec has no Epoch tag");
    expect(check(withEpoch, "srpm-name-version-release").status).toBe("fail");
  });

  it("cannot compare a release the spec leaves to %autorelease, and says so", async () => {
    const spec = corpusSpec(CLEAN_SPEC_NAME).toString().replace("Release:        1%{?dist}", "Release:        %autorelease");
    const bytes = cleanSrpm({
      files: [...CLEAN_SOURCES, { name: CLEAN_SPEC_NAME, data: spec, flags: SPECFILE_FLAG }],
    });
    const report = reviewSubmission(await srpmSubmission(bytes, "demo.src.rpm"));
    const result = check(report, "srpm-name-version-release");
    expect(result.status).toBe("unknown");
    expect(messages(result)[3]).toBe(
      "the spec's Release `%autorelease` is not known statically: %{autorelease} comes from the build root's macro packages; its value is not modelled",
    );
    expect(item(report, "srpm-matches-spec").status).toBe("needs-human");
  });
});

describe("the source RPM's files", () => {
  it("finds a missing Source by the file name of its URL's #/ fragment", async () => {
    const files = [
      ...CLEAN_SOURCES.filter((file) => !file.name.includes("docs")),
      { name: CLEAN_SPEC_NAME, data: corpusSpec(CLEAN_SPEC_NAME), flags: SPECFILE_FLAG },
    ];
    const report = reviewSubmission(await srpmSubmission(cleanSrpm({ files }), "demo.src.rpm"));
    const result = check(report, "srpm-sources-present");
    expect(result.status).toBe("fail");
    expect(result.details).toEqual([
      {
        message:
          "Source0 `https://files.pythonhosted.org/packages/source/r/reviewdemo/reviewdemo-1.2.0.tar.gz` (file `reviewdemo-1.2.0.tar.gz`) is in the source RPM",
        line: 10,
      },
      {
        message:
          "Source1 `https://example.org/reviewdemo/archive/v1.2.0.tar.gz#/reviewdemo-docs-1.2.0.tar.gz` (file `reviewdemo-docs-1.2.0.tar.gz`) is not in the source RPM",
        line: 11,
      },
      { message: "Patch0 `0001-use-importlib-metadata.patch` is in the source RPM", line: 13 },
    ]);
    expect(item(report, "srpm-has-sources").status).toBe("fail");
    expect(report.mustFailed).toBe(true);
  });

  it("accepts a source the package declares NoSource", async () => {
    const files = [
      ...CLEAN_SOURCES.filter((file) => !file.name.startsWith("reviewdemo-1.2.0")),
      { name: CLEAN_SPEC_NAME, data: corpusSpec(CLEAN_SPEC_NAME), flags: SPECFILE_FLAG },
    ];
    const bytes = cleanSrpm({ files, extraEntries: [{ tag: 1051, type: TYPE.int32, value: [0] }] });
    const report = reviewSubmission(await srpmSubmission(bytes, "demo.src.rpm"));
    const result = check(report, "srpm-sources-present");
    expect(result.status).toBe("pass");
    expect(messages(result)[0]).toMatch(/^Source0 .* is declared NoSource\/NoPatch: the source RPM leaves it out on purpose$/);
  });

  it("notes files the spec does not name, as a SHOULD item", async () => {
    const files = [
      ...CLEAN_SOURCES,
      { name: "old-version.tar.gz", data: "stale\n" },
      { name: CLEAN_SPEC_NAME, data: corpusSpec(CLEAN_SPEC_NAME), flags: SPECFILE_FLAG },
    ];
    const report = reviewSubmission(await srpmSubmission(cleanSrpm({ files }), "demo.src.rpm"));
    expect(check(report, "srpm-unreferenced-files")).toEqual({
      id: "srpm-unreferenced-files",
      status: "fail",
      details: [
        { message: "`old-version.tar.gz` is in the source RPM, but no SourceN or PatchN of the spec names it for fedora-rawhide", line: null },
      ],
    });
    const result = item(report, "srpm-only-referenced-files");
    expect([result.item.level, result.status]).toEqual(["SHOULD", "fail"]);
    expect(report.mustFailed).toBe(false);
  });

  it("compares the submitted spec with the one in the source RPM", async () => {
    const changed = corpusSpec(CLEAN_SPEC_NAME).toString().replace("Initial package", "First package");
    const report = reviewSubmission(await srpmSubmission(cleanSrpm(), "demo.src.rpm"), {
      companionSpec: specSubmission(changed, "python-reviewdemo.spec"),
    });
    expect(check(report, "spec-matches-srpm")).toEqual({
      id: "spec-matches-srpm",
      status: "fail",
      details: [
        {
          message: "the spec `python-reviewdemo.spec` differs from `python-reviewdemo.spec` in the source RPM from line 58 on",
          line: 58,
        },
      ],
    });
    expect(report.submission.companionSpec).toBe("python-reviewdemo.spec");
  });
});

describe("the checklist", () => {
  it("fails an item on the findings of its rules and lists them", async () => {
    const report = reviewSubmission(await srpmSubmission(flawedSrpm(), "flawed.src.rpm"));
    const result = item(report, "python3-devel");
    expect(result.status).toBe("fail");
    expect(result.findings.map((finding) => [finding.rule, finding.line])).toEqual([["missing-python3-devel", 29]]);
  });

  it("asks a human where no static check can decide", () => {
    const report = reviewSubmission(specSubmission(corpusSpec(CLEAN_SPEC_NAME), CLEAN_SPEC_NAME));
    const result = item(report, "sources-match-upstream");
    expect(result.status).toBe("needs-human");
    expect(result.notes).toEqual([
      "To check by hand: download every remote Source (for example with `spectool -g`) and compare its checksum with the file in the source RPM (`sha256sum`).",
    ]);
  });

  it("says which rules did not run when only some are given", () => {
    const report = reviewSubmission(specSubmission(corpusSpec(FLAWED_SPEC_NAME), FLAWED_SPEC_NAME), { rules: [] });
    const result = item(report, "python3-devel");
    expect(result.status).toBe("needs-human");
    expect(result.notes).toEqual(["Not checked automatically: the rule `missing-python3-devel` was not run."]);
    expect(report.findings).toEqual([]);
  });
});

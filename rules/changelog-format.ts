import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { isSpaceCode } from "../src/parser/arguments.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { ChangelogHeaderLine, Section } from "../src/tree/nodes.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
/** rpm's own month lengths: it lets February have 29 days and finds a wrong 29th by its weekday. */
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Macros that write the whole changelog: the section then has no entries of its own. */
const CHANGELOG_WRITERS: ReadonlySet<string> = new Set(["autochangelog", "include"]);

type DateCheck = { ok: true; day: number } | { ok: false; problem: string };

/**
 * Reads an entry date as rpm does: `Mon Jan 01 2024`, or the long form with a time and a zone
 * before the year (`Tue Mar  2 11:16:25 CET 2021`). Entries are compared by their day: the time of
 * day and its zone would only order entries of one day among themselves.
 */
function readDate(written: string): DateCheck {
  const words = whitespaceSeparatedWords(written);
  const [weekday, month, day, fourth] = words;
  if (weekday === undefined || !(WEEKDAYS as readonly string[]).includes(weekday)) {
    return { ok: false, problem: `\`${weekday ?? ""}\` is not a weekday (${WEEKDAYS.join(", ")})` };
  }
  const monthIndex = (MONTHS as readonly string[]).indexOf(month ?? "");
  if (monthIndex < 0) return { ok: false, problem: `\`${month ?? ""}\` is not a month (${MONTHS.join(", ")})` };
  const dayOfMonth = wholeNumber(day);
  if (dayOfMonth < 1 || dayOfMonth > MONTH_LENGTHS[monthIndex]!) {
    return { ok: false, problem: `\`${day ?? ""}\` is not a day of ${month}` };
  }
  let yearWord = fourth;
  const long = fourth !== undefined && (fourth[1] === ":" || fourth[2] === ":");
  if (long) {
    const time = /^(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(fourth);
    if (time === null || Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3]) > 59) {
      return { ok: false, problem: `\`${fourth}\` is not a time of day` };
    }
    yearWord = words[5];
  }
  const year = wholeNumber(yearWord);
  if (year < 1990 || year >= 3000) {
    return { ok: false, problem: `\`${yearWord ?? ""}\` is not a year rpm accepts (1990 to 2999)` };
  }
  if (monthIndex === 1 && dayOfMonth === 29 && !isLeapYear(year)) {
    return { ok: false, problem: `${month} ${dayOfMonth} ${year} does not exist` };
  }
  const daysSinceEpoch = daysFromCivil(year, monthIndex, dayOfMonth);
  // 1 January 1970 was a Thursday.
  const actual = WEEKDAYS[(daysSinceEpoch + 4) % 7]!;
  if (actual !== weekday) return { ok: false, problem: `${month} ${dayOfMonth} ${year} is a ${actual}, not a ${weekday}` };
  return { ok: true, day: daysSinceEpoch * MS_PER_DAY };
}

const MS_PER_DAY = 86_400_000;

/** The value of a word of decimal digits; -1 for any other word. */
function wholeNumber(word: string | undefined): number {
  if (word === undefined || word.length === 0) return -1;
  let value = 0;
  for (let index = 0; index < word.length; index++) {
    const digit = word.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/**
 * Days from 1 January 1970 to a day of the Gregorian calendar, counted without a `Date`: building
 * one per changelog entry was most of this rule's time. (Howard Hinnant's `days_from_civil`.)
 */
function daysFromCivil(year: number, monthIndex: number, dayOfMonth: number): number {
  const marchBasedYear = monthIndex < 2 ? year - 1 : year;
  const era = Math.floor(marchBasedYear / 400);
  const yearOfEra = marchBasedYear - era * 400;
  const marchBasedMonth = monthIndex < 2 ? monthIndex + 10 : monthIndex - 2;
  const dayOfYear = Math.floor((153 * marchBasedMonth + 2) / 5) + dayOfMonth - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** `text.trim().split(/\s+/)` without the regexp, which dominated reading a date; empty text has no words. */
function whitespaceSeparatedWords(text: string): string[] {
  const words: string[] = [];
  let wordStart = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const space = code < 0x80 ? isSpaceCode(code) : /\s/.test(text[index]!);
    if (space) {
      if (wordStart >= 0) words.push(text.slice(wordStart, index));
      wordStart = -1;
    } else if (wordStart < 0) {
      wordStart = index;
    }
  }
  if (wordStart >= 0) words.push(text.slice(wordStart));
  return words;
}

function writtenDate(line: ChangelogHeaderLine): string {
  return line.date === null ? "" : whitespaceSeparatedWords(line.date.text).join(" ");
}

/** The text after an entry's `*` starts with a weekday word (`* Mon…`), even if its date is wrong. */
function startsWithWeekday(afterStar: string): boolean {
  const firstWord = whitespaceSeparatedWords(afterStar)[0] ?? "";
  return (WEEKDAYS as readonly string[]).includes(firstWord);
}

export default defineRule({
  meta: {
    name: "changelog-format",
    severity: "warning",
    type: "problem",
    guideline: packagingGuideline("_changelogs"),
    description: "A malformed `%changelog` entry header, an impossible date, or entries that are not newest first.",
    messages: {
      badDate: "the changelog entry's date `{{date}}` is wrong: {{problem}}",
      noDate: "a changelog entry must start with `* Day Mon DD YYYY`; this one has no date",
      noName: "the changelog entry names nobody after the date; rpm rejects it",
      format: "the newest changelog entry should name its author as `* {{date}} Name <email> - version-release`",
      bullet: "a line starting with `*` begins a new changelog entry in rpm, and this is not an entry header; start it with `-` or indent it",
      noText: "the changelog entry has no text, which rpm rejects; say what changed",
      textBeforeEntry: "%changelog text before the first `*` entry line; rpm requires every entry to start with `*`",
      order: "the entry of {{date}} is newer than the entry above it ({{previous}}); list entries newest first",
    },
    fix: "none",
  },
  create(context) {
    const { evaluation, tree } = context;

    const checkSection = (section: Section): void => {
      const lines = section.lines.filter((line) => evaluation.livenessAt(line.start) !== "dead");
      // Few changelog lines hold a `%`; the others need no macro scan.
      const holdsPercent = occurrenceFinder(tree.text, "%");
      const writesItself = lines.some(
        (line) =>
          line.type === "TextLine" &&
          holdsPercent(line.content.start, line.content.end) &&
          scanMacroUses(tree.text, line.content.start, line.content.end).some((use) => CHANGELOG_WRITERS.has(use.name)),
      );
      if (writesItself) return;
      let previous: { day: number; line: ChangelogHeaderLine } | null = null;
      let open: { line: ChangelogHeaderLine; hasText: boolean } | null = null;
      const closeEntry = (): void => {
        if (open !== null && !open.hasText) context.report({ messageId: "noText", start: open.line.start, end: open.line.start + 1 });
      };
      for (const line of lines) {
        if (line.type === "TextLine") {
          if (open !== null) open.hasText = true;
          else context.report({ messageId: "textBeforeEntry", start: line.content.start, end: line.content.end });
          continue;
        }
        if (line.type !== "ChangelogHeaderLine") continue;
        const headerEnd = tree.text.indexOf("\n", line.start);
        const lineEnd = headerEnd < 0 ? line.end : headerEnd;
        const check = line.date === null ? null : readDate(line.date.text);
        if (open !== null && (check === null || !check.ok) && !startsWithWeekday(tree.text.slice(line.start + 1, lineEnd))) {
          // `* Fixed the build` inside an entry's text: rpm takes every `*` in column 1 for a new entry.
          context.report({ messageId: "bullet", start: line.start, end: lineEnd });
          open.hasText = true;
          continue;
        }
        closeEntry();
        const newest = open === null;
        open = { line, hasText: false };
        if (line.date === null || check === null) {
          context.report({ messageId: "noDate", start: line.start, end: lineEnd });
          continue;
        }
        if (!check.ok) {
          context.report({ messageId: "badDate", data: { date: writtenDate(line), problem: check.problem }, start: line.date.start, end: line.date.end });
        } else {
          if (previous !== null && check.day > previous.day) {
            context.report({
              messageId: "order",
              data: { date: writtenDate(line), previous: writtenDate(previous.line) },
              start: line.date.start,
              end: line.date.end,
            });
          }
          previous = { day: check.day, line };
        }
        if (line.author === null && line.email === null && line.evr === null) {
          context.report({ messageId: "noName", start: line.start, end: lineEnd });
        } else if (newest && (line.author === null || line.email === null)) {
          // Old entries stay as they were written; the format applies to the entry being added.
          context.report({ messageId: "format", data: { date: writtenDate(line) }, start: line.date.end, end: lineEnd });
        }
      }
      closeEntry();
    };

    return {
      endOfFile() {
        for (const section of tree.sections) {
          if (section.kind !== "changelog" || section.header === null) continue;
          if (evaluation.livenessAt(section.header.start) === "dead") continue;
          checkSection(section);
        }
      },
    };
  },
});

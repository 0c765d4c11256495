import { defineRule, packagingGuideline } from "../src/engine/index.js";
import { isSpaceCode } from "../src/parser/arguments.js";
import { scanMacroUses } from "../src/parser/macros.js";
import type { ChangelogHeaderLine, Section, Span } from "../src/tree/nodes.js";
import { occurrenceFinder } from "../src/text/occurrences.js";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;
/** rpm's own month lengths: it lets February have 29 days and finds a wrong 29th by its weekday. */
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Macros that write the whole changelog: the section then has no entries of its own. */
const CHANGELOG_WRITERS: ReadonlySet<string> = new Set(["autochangelog", "include"]);

/**
 * The day of a well-formed date, counted from 1 January 1970 (a small integer, which V8 keeps
 * without a heap number and a reader without an object per entry); otherwise what is wrong with it.
 */
type DateCheck = number | string;

/**
 * The first six words of a range of the spec text, as offsets into it: every changelog entry's
 * date is read, and one reader for all of them spares an array and a copied string per word and
 * entry. Words are compared where they are written, and copied out only for a message.
 */
class LeadingWords {
  private text = "";
  private count = 0;
  private readonly bounds = new Int32Array(12);

  read(text: string, start: number, end: number): this {
    this.text = text;
    this.count = 0;
    let wordStart = -1;
    for (let index = start; index < end && this.count < 6; index++) {
      const code = text.charCodeAt(index);
      const space = code < 0x80 ? isSpaceCode(code) : /\s/.test(text[index]!);
      if (space) {
        if (wordStart >= 0) this.add(wordStart, index);
        wordStart = -1;
      } else if (wordStart < 0) {
        wordStart = index;
      }
    }
    if (wordStart >= 0 && this.count < 6) this.add(wordStart, end);
    return this;
  }

  private add(start: number, end: number): void {
    this.bounds[2 * this.count] = start;
    this.bounds[2 * this.count + 1] = end;
    this.count++;
  }

  /** Word `index`, copied out; undefined when there are fewer words. */
  word(index: number): string | undefined {
    return index < this.count ? this.text.slice(this.bounds[2 * index], this.bounds[2 * index + 1]) : undefined;
  }

  /**
   * Which of `names` word `index` is exactly; -1 for none or no such word. Compared by character:
   * most candidates differ in the first one, where a `startsWith` per candidate is a call each.
   */
  nameIndex(index: number, names: readonly string[]): number {
    if (index >= this.count) return -1;
    const start = this.bounds[2 * index]!;
    const length = this.bounds[2 * index + 1]! - start;
    for (let candidate = 0; candidate < names.length; candidate++) {
      const name = names[candidate]!;
      if (name.length !== length) continue;
      let at = 0;
      while (at < length && name.charCodeAt(at) === this.text.charCodeAt(start + at)) at++;
      if (at === length) return candidate;
    }
    return -1;
  }

  /** The value of word `index` if it is decimal digits; -1 for any other word or none. */
  number(index: number): number {
    if (index >= this.count) return -1;
    let value = 0;
    for (let at = this.bounds[2 * index]!; at < this.bounds[2 * index + 1]!; at++) {
      const digit = this.text.charCodeAt(at) - 0x30;
      if (digit < 0 || digit > 9) return -1;
      value = value * 10 + digit;
    }
    return value;
  }

  /** Word `index` has a `:` at `offset` within it (`11:16:25`, `9:05:00`). */
  hasColonAt(index: number, offset: number): boolean {
    if (index >= this.count) return false;
    const at = this.bounds[2 * index]! + offset;
    return at < this.bounds[2 * index + 1]! && this.text.charCodeAt(at) === 0x3a;
  }
}

const leadingWords = new LeadingWords();

/**
 * Reads an entry date as rpm does: `Mon Jan 01 2024`, or the long form with a time and a zone
 * before the year (`Tue Mar  2 11:16:25 CET 2021`). Entries are compared by their day: the time of
 * day and its zone would only order entries of one day among themselves.
 */
function readDate(text: string, { start, end }: Span): DateCheck {
  const words = leadingWords.read(text, start, end);
  const weekdayIndex = words.nameIndex(0, WEEKDAYS);
  if (weekdayIndex < 0) return `\`${words.word(0) ?? ""}\` is not a weekday (${WEEKDAYS.join(", ")})`;
  const monthIndex = words.nameIndex(1, MONTHS);
  if (monthIndex < 0) return `\`${words.word(1) ?? ""}\` is not a month (${MONTHS.join(", ")})`;
  const month = MONTHS[monthIndex]!;
  const dayOfMonth = words.number(2);
  if (dayOfMonth < 1 || dayOfMonth > MONTH_LENGTHS[monthIndex]!) {
    return `\`${words.word(2) ?? ""}\` is not a day of ${month}`;
  }
  let yearIndex = 3;
  if (words.hasColonAt(3, 1) || words.hasColonAt(3, 2)) {
    const fourth = words.word(3)!;
    const time = /^(\d{1,2}):(\d{1,2}):(\d{1,2})$/.exec(fourth);
    if (time === null || Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3]) > 59) {
      return `\`${fourth}\` is not a time of day`;
    }
    yearIndex = 5;
  }
  const year = words.number(yearIndex);
  if (year < 1990 || year >= 3000) {
    return `\`${words.word(yearIndex) ?? ""}\` is not a year rpm accepts (1990 to 2999)`;
  }
  if (monthIndex === 1 && dayOfMonth === 29 && !isLeapYear(year)) {
    return `${month} ${dayOfMonth} ${year} does not exist`;
  }
  const daysSinceEpoch = daysFromCivil(year, monthIndex, dayOfMonth);
  // 1 January 1970 was a Thursday.
  const actual = (daysSinceEpoch + 4) % 7;
  if (actual !== weekdayIndex) {
    return `${month} ${dayOfMonth} ${year} is a ${WEEKDAYS[actual]!}, not a ${WEEKDAYS[weekdayIndex]!}`;
  }
  return daysSinceEpoch;
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

/** The entry's date as written, blanks collapsed (for messages). */
function writtenDate(line: ChangelogHeaderLine): string {
  return line.date === null ? "" : line.date.text.trim().split(/\s+/).join(" ");
}

/** The text `[start, end)` (after an entry's `*`) starts with a weekday word (`* Mon…`), even if its date is wrong. */
function startsWithWeekday(text: string, start: number, end: number): boolean {
  return leadingWords.read(text, start, end).nameIndex(0, WEEKDAYS) >= 0;
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
      // The entry above, and the open entry, as plain variables: a corpus holds tens of thousands of entries.
      let previousDay = 0;
      let previousLine: ChangelogHeaderLine | null = null;
      let openLine: ChangelogHeaderLine | null = null;
      let openHasText = false;
      const closeEntry = (): void => {
        if (openLine !== null && !openHasText) context.report({ messageId: "noText", start: openLine.start, end: openLine.start + 1 });
      };
      for (const line of lines) {
        if (line.type === "TextLine") {
          if (openLine !== null) openHasText = true;
          else context.report({ messageId: "textBeforeEntry", start: line.content.start, end: line.content.end });
          continue;
        }
        if (line.type !== "ChangelogHeaderLine") continue;
        const headerEnd = tree.text.indexOf("\n", line.start);
        const lineEnd = headerEnd < 0 ? line.end : headerEnd;
        const check = line.date === null ? null : readDate(tree.text, line.date);
        if (openLine !== null && typeof check !== "number" && !startsWithWeekday(tree.text, line.start + 1, lineEnd)) {
          // `* Fixed the build` inside an entry's text: rpm takes every `*` in column 1 for a new entry.
          context.report({ messageId: "bullet", start: line.start, end: lineEnd });
          openHasText = true;
          continue;
        }
        closeEntry();
        const newest = openLine === null;
        openLine = line;
        openHasText = false;
        if (line.date === null || check === null) {
          context.report({ messageId: "noDate", start: line.start, end: lineEnd });
          continue;
        }
        if (typeof check === "string") {
          context.report({ messageId: "badDate", data: { date: writtenDate(line), problem: check }, start: line.date.start, end: line.date.end });
        } else {
          if (previousLine !== null && check > previousDay) {
            context.report({
              messageId: "order",
              data: { date: writtenDate(line), previous: writtenDate(previousLine) },
              start: line.date.start,
              end: line.date.end,
            });
          }
          previousDay = check;
          previousLine = line;
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

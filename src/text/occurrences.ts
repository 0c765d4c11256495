/**
 * Whether `needle` starts in `[start, end)` of `text`, for ranges asked about from the start of
 * the text to its end (the lines of a spec, in order): the next occurrence is searched once for
 * a run of ranges that hold none, so asking about every line costs one pass over the text, where
 * a search per line would cost a pass per line when the needle is rare. A range before the last
 * one asked about searches again.
 */
export function occurrenceFinder(text: string, needle: string): (start: number, end: number) => boolean {
  let searchedFrom = Infinity;
  let next = -1;
  return (start, end) => {
    if (start < searchedFrom || start > next) {
      const found = text.indexOf(needle, start);
      next = found === -1 ? text.length : found;
      searchedFrom = start;
    }
    return next < end;
  };
}

/**
 * `build`, run on the first call only; later calls return what it built. The chevrotain lexers
 * and grammars are made this way: their self-analysis is a large part of the CLI's start, and
 * many specs never need one of them.
 */
export function builtOnFirstUse<Value>(build: () => Value): () => Value {
  let built: { value: Value } | null = null;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}

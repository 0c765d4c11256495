/**
 * The line nodes of the tree (see `tree/nodes.ts`), made by constructors rather than object
 * literals. V8 pretenures an object literal whose objects keep surviving young-generation
 * collections, and the lines of a large spec do while it is linted: from then on every spec's
 * lines went straight to the old generation, and a run over the corpus took a third more CPU
 * time. Objects made by `new` are never pretenured. tsconfig's `useDefineForClassFields: false`
 * keeps the constructors plain assignments, which V8 runs faster than field definitions.
 */
import type {
  BcondLine,
  BlankLine,
  ChangelogHeaderLine,
  CommentLine,
  ConditionalBranch,
  ConditionalKeyword,
  ConditionalLine,
  FilesDirective,
  FilesLine,
  LineNode,
  MacroDefinitionLine,
  Span,
  TagLine,
  TextLine,
} from "../tree/nodes.js";

abstract class LineNodeBase<Type extends LineNode["type"]> {
  constructor(
    readonly type: Type,
    public start: number,
    public end: number,
    public line: number,
    public endLine: number,
    public branch: ConditionalBranch | null,
  ) {}
}

export class BlankLineNode extends LineNodeBase<"BlankLine"> implements BlankLine {
  constructor(start: number, end: number, line: number, endLine: number, branch: ConditionalBranch | null) {
    super("BlankLine", start, end, line, endLine, branch);
  }
}

export class CommentLineNode extends LineNodeBase<"CommentLine"> implements CommentLine {
  constructor(start: number, end: number, line: number, endLine: number, branch: ConditionalBranch | null, public content: Span) {
    super("CommentLine", start, end, line, endLine, branch);
  }
}

export class TextLineNode extends LineNodeBase<"TextLine"> implements TextLine {
  constructor(start: number, end: number, line: number, endLine: number, branch: ConditionalBranch | null, public content: Span) {
    super("TextLine", start, end, line, endLine, branch);
  }
}

export class TagLineNode extends LineNodeBase<"TagLine"> implements TagLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public tag: Span,
    public name: string,
    public number: number | null,
    public qualifiers: Span | null,
    public value: Span,
  ) {
    super("TagLine", start, end, line, endLine, branch);
  }
}

export class FilesLineNode extends LineNodeBase<"FilesLine"> implements FilesLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public directives: FilesDirective[],
    public paths: Span[],
  ) {
    super("FilesLine", start, end, line, endLine, branch);
  }
}

export class ChangelogHeaderLineNode extends LineNodeBase<"ChangelogHeaderLine"> implements ChangelogHeaderLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public date: Span | null,
    public author: Span | null,
    public email: Span | null,
    public evr: Span | null,
  ) {
    super("ChangelogHeaderLine", start, end, line, endLine, branch);
  }
}

export class MacroDefinitionLineNode extends LineNodeBase<"MacroDefinitionLine"> implements MacroDefinitionLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public keyword: MacroDefinitionLine["keyword"],
    public name: Span,
    public parameters: Span | null,
    public body: Span | null,
  ) {
    super("MacroDefinitionLine", start, end, line, endLine, branch);
  }
}

export class BcondLineNode extends LineNodeBase<"BcondLine"> implements BcondLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public keyword: BcondLine["keyword"],
    public name: Span,
    public defaultValue: Span | null,
  ) {
    super("BcondLine", start, end, line, endLine, branch);
  }
}

export class ConditionalLineNode extends LineNodeBase<"ConditionalLine"> implements ConditionalLine {
  constructor(
    start: number,
    end: number,
    line: number,
    endLine: number,
    branch: ConditionalBranch | null,
    public keyword: ConditionalKeyword,
    public keywordSpan: Span,
    public expression: Span | null,
    public trailing: Span | null,
  ) {
    super("ConditionalLine", start, end, line, endLine, branch);
  }
}

import { createScanner, type SyntaxKind } from 'jsonc-parser';
import { Lexer, Parser } from 'yaml';

/**
 * Deepest nesting of objects and arrays accepted in a manifest (the top-level object is level 1).
 * The real WIPP and ICT manifests in api/test/fixtures nest at most 6 levels. The parsers and the
 * checks after them recurse once per level, so the limit keeps hostile input far from the stack limit.
 */
export const maxManifestDepth = 64;

// jsonc-parser declares SyntaxKind as a const enum, which erasable TypeScript cannot read at run
// time, so its values (part of the library's public API) are repeated here.
const openBrace = 1 as SyntaxKind;
const closeBrace = 2 as SyntaxKind;
const openBracket = 3 as SyntaxKind;
const closeBracket = 4 as SyntaxKind;
const endOfFile = 17 as SyntaxKind;

/**
 * Returns the offset of the first `{` or `[` that opens a level deeper than `maxDepth`, or undefined.
 * It only tokenizes the text, so it runs in linear time without recursion before the JSON parser does.
 */
export function findDeepJsonNesting(text: string, maxDepth = maxManifestDepth): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let token = scanner.scan(); token !== endOfFile; token = scanner.scan()) {
    if (token === openBrace || token === openBracket) {
      depth += 1;
      if (depth > maxDepth) return scanner.getTokenOffset();
    } else if (token === closeBrace || token === closeBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

// The YAML parser's stack contains the document, one entry per open collection, and at most the
// scalar being read, so collections nest more than `maxDepth` levels once it is longer than this.
const yamlStackOverhead = 2;

/**
 * Returns the offset of the token where YAML collections (block or flow) open a level deeper than
 * about `maxDepth`, or undefined. Flow collections may pass one level more, so callers check the
 * composed value exactly afterwards. It drives the `yaml` package's concrete syntax tree parser one
 * token at a time and stops there, because composing a document recurses once per level. The parser
 * also slows down on deep input (about 7 s for 1 MiB of `[` with yaml 2.9.1 on a 2-core machine).
 */
export function findDeepYamlNesting(text: string, maxDepth = maxManifestDepth): number | undefined {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    const lexemeOffset = parser.offset;
    // Only the parser's stack matters here, so the tokens it completes are dropped.
    for (const completed of parser.next(lexeme)) void completed;
    if (parser.stack.length > maxDepth + yamlStackOverhead) return lexemeOffset;
  }
  return undefined;
}

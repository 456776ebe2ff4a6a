import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { isScalar, parseDocument, type Document } from 'yaml';
import type { ManifestError, ManifestWarning } from '../contract/manifest.ts';
import { findExcessiveNesting } from '../lib/nesting.ts';
import type { SourceText } from './identity.ts';
import { formatJsonPath, type JsonPath } from './json-path.ts';
import { findDeepJsonNesting, findDeepYamlNesting, maxManifestDepth } from './nesting.ts';

export type DocumentSyntax = 'json' | 'yaml';

export type SyntaxResult =
  | { ok: true; syntax: DocumentSyntax; value: unknown; sourceText: SourceText; warnings: ManifestWarning[] }
  | { ok: false; errors: ManifestError[] };

// YAML aliases can expand exponentially ("billion laughs"); 100 alias expansions are far more than
// any real manifest uses (the real ICT files use none).
const maxYamlAliasCount = 100;

/**
 * Parses manifest text as JSON or YAML. A `.json` name, or text that starts with `{` or `[` in a file
 * not named `.yaml`/`.yml`, is parsed as strict JSON; everything else as YAML 1.2 with the core schema,
 * no custom tags and no merge keys.
 */
export function parseDocumentText(text: string, fileName: string): SyntaxResult {
  if (text.trim() === '') {
    return {
      ok: false,
      errors: [
        { file: fileName, path: '$', problem: 'the file is empty.', expected: 'a JSON or YAML object' },
      ],
    };
  }
  const jsonByName = /\.json$/i.test(fileName);
  const yamlByName = /\.ya?ml$/i.test(fileName);
  if (jsonByName || (!yamlByName && /^\s*[{[]/.test(text))) {
    return parseJson(text, fileName);
  }
  return parseYaml(text, fileName);
}

// Keyed by jsonc-parser's error code names (printParseErrorCode).
const jsonErrorWording: Record<string, string> = {
  InvalidSymbol: 'this is not a JSON value',
  InvalidNumberFormat: 'this number is not valid JSON',
  PropertyNameExpected: 'a property name in double quotes is expected (JSON allows no trailing comma)',
  ValueExpected: 'a value is expected',
  ColonExpected: "':' is expected after the property name",
  CommaExpected: "',' is expected between items",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'the document should end here',
  InvalidCommentToken: 'JSON does not allow comments',
  UnexpectedEndOfComment: 'a comment is not closed',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'a number is cut off',
  InvalidUnicode: 'a \\u escape is not valid',
  InvalidEscapeCharacter: 'an escape sequence is not valid',
  InvalidCharacter: 'a control character must be escaped inside a string',
};

const nestingExpected = `objects and arrays nested at most ${maxManifestDepth} levels deep`;

function tooDeep(fileName: string, text: string, offset: number): SyntaxResult {
  const problem = `objects and arrays are nested more than ${maxManifestDepth} levels deep here.`;
  return { ok: false, errors: [syntaxError(fileName, text, offset, problem, nestingExpected)] };
}

function parseJson(text: string, fileName: string): SyntaxResult {
  // jsonc-parser and the duplicate-key walk below recurse once per level.
  const deepOffset = findDeepJsonNesting(text);
  if (deepOffset !== undefined) return tooDeep(fileName, text, deepOffset);

  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const [first] = parseErrors;
  if (first !== undefined || tree === undefined) {
    const offset = first?.offset ?? 0;
    const wording =
      (first && jsonErrorWording[printParseErrorCode(first.error)]) ?? 'the text is not valid JSON';
    return {
      ok: false,
      errors: [syntaxError(fileName, text, offset, `invalid JSON: ${wording}.`, 'a JSON object')],
    };
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // A safety net in case jsonc-parser accepts text that JSON.parse rejects; no such text is known.
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          path: '$',
          problem: `invalid JSON: ${(error as Error).message}.`,
          expected: 'a JSON object',
        },
      ],
    };
  }

  const warnings: ManifestWarning[] = [];
  findDuplicateKeys(tree, [], warnings);
  const sourceText: SourceText = (path) => {
    const node = findNodeAtLocation(tree, [...path]);
    return node === undefined ? undefined : text.slice(node.offset, node.offset + node.length);
  };
  return { ok: true, syntax: 'json', value, sourceText, warnings };
}

// JSON.parse keeps the last of several equal keys; RFC 8259 says names SHOULD be unique, so a
// duplicate is tolerated but reported, because the first value silently disappears.
function findDuplicateKeys(node: Node, path: JsonPath, warnings: ManifestWarning[]): void {
  if (node.type === 'array') {
    node.children?.forEach((child, index) => findDuplicateKeys(child, [...path, index], warnings));
    return;
  }
  if (node.type !== 'object') {
    return;
  }
  const seen = new Set<string>();
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    const key = String(keyNode?.value);
    if (seen.has(key)) {
      warnings.push({
        path: formatJsonPath([...path, key]),
        problem: `key '${key}' appears more than once; the last value is used.`,
        expected: 'unique keys',
      });
    }
    seen.add(key);
    if (valueNode !== undefined) findDuplicateKeys(valueNode, [...path, key], warnings);
  }
}

function parseYaml(text: string, fileName: string): SyntaxResult {
  // Composing the document recurses once per level.
  const deepOffset = findDeepYamlNesting(text);
  if (deepOffset !== undefined) return tooDeep(fileName, text, deepOffset);

  const doc: Document = parseDocument(text, {
    version: '1.2',
    schema: 'core',
    customTags: [],
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const [first] = doc.errors;
  if (first !== undefined) {
    const message = first.message.split('\n', 1)[0] ?? first.message;
    return {
      ok: false,
      errors: [syntaxError(fileName, text, first.pos[0], `invalid YAML: ${message}.`, 'a YAML mapping')],
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: maxYamlAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError) {
      return {
        ok: false,
        errors: [
          {
            file: fileName,
            path: '$',
            problem: `the YAML expands more than ${maxYamlAliasCount} aliases, as a resource exhaustion attack would.`,
            expected: 'a YAML mapping with few aliases',
          },
        ],
      };
    }
    throw error;
  }
  // The check above allows one extra level of flow nesting, and aliases can place an anchored
  // collection deep inside another one, or inside itself.
  const deepPath = findExcessiveNesting(value, maxManifestDepth);
  if (deepPath !== undefined) {
    return {
      ok: false,
      errors: [
        {
          file: fileName,
          path: deepPath,
          problem: `objects and arrays are nested more than ${maxManifestDepth} levels deep here, counting each YAML alias as the collection it refers to.`,
          expected: `${nestingExpected}, and no alias inside its own anchor`,
        },
      ],
    };
  }

  const warnings: ManifestWarning[] = doc.warnings.map((warning) => {
    const { line, column } = lineAndColumn(text, warning.pos[0]);
    return {
      path: '$',
      problem: `YAML at line ${line}, column ${column}: ${warning.message}.`,
      expected: 'plain YAML 1.2 without custom tags',
    };
  });
  const sourceText: SourceText = (path) => {
    const node = doc.getIn([...path], true);
    return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
  };
  return { ok: true, syntax: 'yaml', value, sourceText, warnings };
}

function syntaxError(
  fileName: string,
  text: string,
  offset: number,
  problem: string,
  expected: string,
): ManifestError {
  const { line, column } = lineAndColumn(text, offset);
  return {
    file: fileName,
    path: '$',
    problem: `${problem.replace(/\.$/, '')} (line ${line}, column ${column}).`,
    expected,
    line,
    column,
  };
}

/** Converts a character offset into a 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

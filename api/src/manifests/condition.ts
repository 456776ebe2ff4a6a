import type { UiCondition } from '../contract/manifest.ts';
import { tokenize, type Token } from './condition-tokens.ts';

/** A way in which a condition departs from the single comparison the schemas document. */
export type ConditionFeature =
  | 'model-prefix'
  | 'no-model-prefix'
  | 'list-literal'
  | 'or'
  | 'and'
  | 'not'
  | 'includes-call'
  | 'in-operator'
  | 'strict-equality'
  | 'value-first';

export type ConditionParse =
  { ok: true; condition: UiCondition; features: Set<ConditionFeature> } | { ok: false; problem: string };

type Literal = string | number | boolean;

const inputReference = /^(model\.)?inputs\.([A-Za-z0-9_][A-Za-z0-9_-]*)$/;
const numberPattern = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const maxConditionLength = 2000;

/**
 * Parses a UI condition written in any of the dialects found in real manifests:
 * `model.inputs.x=='A'`, `inputs.x==A`, `x!='A'`, `... or ...`, `... && ...`, `==['A','B']`,
 * `['A','B'].includes(model.inputs.x)`, `inputs.x in ['A','B']`, negation and parentheses.
 */
export function parseCondition(text: string): ConditionParse {
  if (text.length > maxConditionLength) {
    return { ok: false, problem: `it is longer than ${maxConditionLength} characters` };
  }
  const tokens = tokenize(text);
  if (typeof tokens === 'string') {
    return { ok: false, problem: tokens };
  }
  if (tokens.length === 0) {
    return { ok: false, problem: 'it is empty' };
  }
  const parser = new ConditionParser(tokens);
  try {
    const condition = parser.parseExpression();
    parser.expectEnd();
    return { ok: true, condition, features: parser.features };
  } catch (error) {
    if (error instanceof ConditionSyntaxError) {
      return { ok: false, problem: error.message };
    }
    throw error;
  }
}

class ConditionSyntaxError extends Error {}

class ConditionParser {
  readonly features = new Set<ConditionFeature>();
  readonly tokens: Token[];
  position = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  parseExpression(): UiCondition {
    return this.parseOr();
  }

  expectEnd(): void {
    const token = this.peek();
    if (token !== undefined) {
      throw new ConditionSyntaxError(
        `'${token.value}' at position ${token.offset + 1} is not expected there`,
      );
    }
  }

  private parseOr(): UiCondition {
    const terms = [this.parseAnd()];
    while (this.acceptKeyword('or', '||')) {
      this.features.add('or');
      terms.push(this.parseAnd());
    }
    return combine('or', terms);
  }

  private parseAnd(): UiCondition {
    const terms = [this.parseUnary()];
    while (this.acceptKeyword('and', '&&')) {
      this.features.add('and');
      terms.push(this.parseUnary());
    }
    return combine('and', terms);
  }

  private parseUnary(): UiCondition {
    if (this.acceptKeyword('not', '!')) {
      this.features.add('not');
      return negate(this.parseUnary());
    }
    return this.parsePrimary();
  }

  private parsePrimary(): UiCondition {
    const token = this.next('a comparison');
    if (token.kind === 'symbol' && token.value === '(') {
      const inner = this.parseOr();
      this.expectSymbol(')');
      return inner;
    }
    if (token.kind === 'symbol' && token.value === '[') {
      return this.parseIncludesCall(this.parseListBody());
    }
    const input = token.kind === 'word' ? readInputReference(token.value) : undefined;
    if (input !== undefined) {
      this.noteReference(token.value);
      return this.parseComparison(input);
    }
    // A value first, as in `'A'==model.inputs.x`.
    const value = literalOf(token);
    const operator = this.readOperator();
    const reference = this.next('an input reference such as model.inputs.name');
    const reversedInput = reference.kind === 'word' ? readInputReference(reference.value) : undefined;
    if (reversedInput === undefined) {
      throw new ConditionSyntaxError(`neither side of '${operator}' names an input (model.inputs.<name>)`);
    }
    this.noteReference(reference.value);
    this.features.add('value-first');
    return { kind: 'equals', input: reversedInput, values: [value], negate: operator.negate };
  }

  private parseComparison(input: string): UiCondition {
    if (this.acceptKeyword('in')) {
      this.features.add('in-operator');
      return { kind: 'equals', input, values: this.parseList(), negate: false };
    }
    if (this.acceptKeyword('not')) {
      if (!this.acceptKeyword('in')) {
        throw new ConditionSyntaxError(`'not' after an input must be followed by 'in'`);
      }
      this.features.add('in-operator');
      return { kind: 'equals', input, values: this.parseList(), negate: true };
    }
    const operator = this.readOperator();
    const right = this.peek();
    if (right?.kind === 'symbol' && right.value === '[') {
      this.features.add('list-literal');
      return { kind: 'equals', input, values: this.parseList(), negate: operator.negate };
    }
    const token = this.next('a value');
    if (token.kind === 'word' && readInputReference(token.value) !== undefined) {
      throw new ConditionSyntaxError('comparing two inputs with each other is not supported');
    }
    return { kind: 'equals', input, values: [literalOf(token)], negate: operator.negate };
  }

  private parseIncludesCall(values: Literal[]): UiCondition {
    const call = this.next('.includes(');
    if (call.kind !== 'word' || call.value !== '.includes') {
      throw new ConditionSyntaxError(`a list must be followed by .includes(<input>), not '${call.value}'`);
    }
    this.expectSymbol('(');
    const reference = this.next('an input reference such as model.inputs.name');
    const input = reference.kind === 'word' ? readInputReference(reference.value) : undefined;
    if (input === undefined) {
      throw new ConditionSyntaxError(
        `includes() must be given an input (model.inputs.<name>), not '${reference.value}'`,
      );
    }
    this.noteReference(reference.value);
    this.expectSymbol(')');
    this.features.add('includes-call');
    return { kind: 'equals', input, values, negate: false };
  }

  private parseList(): Literal[] {
    this.expectSymbol('[');
    return this.parseListBody();
  }

  /** Reads list items after the opening `[`, up to and including `]`; a trailing comma is allowed. */
  private parseListBody(): Literal[] {
    const values: Literal[] = [];
    for (;;) {
      const token = this.next("a list item or ']'");
      if (token.kind === 'symbol' && token.value === ']') {
        return values;
      }
      values.push(literalOf(token));
      const separator = this.next("',' or ']'");
      if (separator.kind === 'symbol' && separator.value === ']') {
        return values;
      }
      if (separator.kind !== 'symbol' || separator.value !== ',') {
        throw new ConditionSyntaxError(
          `expected ',' or ']' at position ${separator.offset + 1}, found '${separator.value}'`,
        );
      }
    }
  }

  private readOperator(): { negate: boolean } {
    const token = this.next("'==' or '!='");
    if (token.kind === 'symbol') {
      switch (token.value) {
        case '==':
          return { negate: false };
        case '!=':
          return { negate: true };
        case '===':
          this.features.add('strict-equality');
          return { negate: false };
        case '!==':
          this.features.add('strict-equality');
          return { negate: true };
        case '<':
        case '>':
        case '<=':
        case '>=':
          throw new ConditionSyntaxError(
            `the ordering operator '${token.value}' is not supported, only '==' and '!='`,
          );
        case '=':
          throw new ConditionSyntaxError(
            `'=' at position ${token.offset + 1} is an assignment; a comparison uses '=='`,
          );
      }
    }
    throw new ConditionSyntaxError(
      `expected '==' or '!=' at position ${token.offset + 1}, found '${token.value}'`,
    );
  }

  private noteReference(word: string): void {
    this.features.add(word.startsWith('model.') ? 'model-prefix' : 'no-model-prefix');
  }

  private acceptKeyword(word: string, symbol?: string): boolean {
    const token = this.peek();
    if (token === undefined) return false;
    const matches =
      (token.kind === 'word' && token.value.toLowerCase() === word) ||
      (token.kind === 'symbol' && token.value === symbol);
    if (matches) this.position += 1;
    return matches;
  }

  private expectSymbol(symbol: string): void {
    const token = this.next(`'${symbol}'`);
    if (token.kind !== 'symbol' || token.value !== symbol) {
      throw new ConditionSyntaxError(
        `expected '${symbol}' at position ${token.offset + 1}, found '${token.value}'`,
      );
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.position];
    if (token === undefined) {
      throw new ConditionSyntaxError(`it ends where ${expected} is expected`);
    }
    this.position += 1;
    return token;
  }
}

function readInputReference(word: string): string | undefined {
  return inputReference.exec(word)?.[2];
}

function literalOf(token: Token): Literal {
  if (token.kind === 'string') {
    return token.value;
  }
  if (token.kind === 'symbol') {
    throw new ConditionSyntaxError(`'${token.value}' at position ${token.offset + 1} is not a value`);
  }
  if (numberPattern.test(token.value)) {
    return Number(token.value);
  }
  const lower = token.value.toLowerCase();
  if (lower === 'true' || lower === 'false') {
    return lower === 'true';
  }
  // Unquoted words are string values (`inputs.methods==Elbow`).
  return token.value;
}

function combine(kind: 'and' | 'or', terms: UiCondition[]): UiCondition {
  const [only] = terms;
  if (terms.length === 1 && only !== undefined) {
    return only;
  }
  return { kind, terms: terms.flatMap((term) => (term.kind === kind ? term.terms : [term])) };
}

/** Negates a condition, pushing the negation down to the comparisons (De Morgan). */
export function negate(condition: UiCondition): UiCondition {
  if (condition.kind === 'equals') {
    return { ...condition, negate: !condition.negate };
  }
  return { kind: condition.kind === 'and' ? 'or' : 'and', terms: condition.terms.map(negate) };
}

/** Lists the comparisons of a condition, depth first. */
export function comparisons(condition: UiCondition): Array<Extract<UiCondition, { kind: 'equals' }>> {
  return condition.kind === 'equals' ? [condition] : condition.terms.flatMap(comparisons);
}

/** Lists every input a condition refers to, each once. */
export function conditionInputs(condition: UiCondition): string[] {
  if (condition.kind === 'equals') {
    return [condition.input];
  }
  return [...new Set(condition.terms.flatMap(conditionInputs))];
}

/** Writes a condition back as readable text, for warnings: `methods is one of 'A', 'B'`. */
export function describeCondition(condition: UiCondition): string {
  if (condition.kind !== 'equals') {
    return condition.terms
      .map((term) => (term.kind === 'equals' ? describeCondition(term) : `(${describeCondition(term)})`))
      .join(` ${condition.kind} `);
  }
  const values = condition.values.map((value) => (typeof value === 'string' ? `'${value}'` : String(value)));
  if (values.length === 1) {
    return `${condition.input} ${condition.negate ? 'is not' : 'is'} ${values[0]}`;
  }
  return `${condition.input} ${condition.negate ? 'is none of' : 'is one of'} ${values.join(', ')}`;
}

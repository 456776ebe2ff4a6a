import { describe, expect, it } from 'vitest';
import type { UiCondition } from '../../src/contract/manifest.ts';
import { evaluateCondition } from '../../src/contract/ui-condition.ts';
import { parseCondition } from '../../src/manifests/condition.ts';
import { parseObject } from './fixture-files.ts';

const equals = (input: string, values: Array<string | number | boolean>, negate = false): UiCondition => ({
  kind: 'equals',
  input,
  values,
  negate,
});

// Each dialect found in real manifests (or named in the schemas), with the tree it must parse to
// and form values under which it must hold and must not hold.
const dialects: Array<{
  dialect: string;
  text: string;
  tree: UiCondition;
  holds: Record<string, unknown>;
  fails: Record<string, unknown>;
}> = [
  {
    dialect: 'WIPP documented form',
    text: "model.inputs.thresholdtype=='Manual'",
    tree: equals('thresholdtype', ['Manual']),
    holds: { thresholdtype: 'Manual' },
    fails: { thresholdtype: 'Otsu' },
  },
  {
    dialect: 'double quotes',
    text: 'model.inputs.useTiling=="YES"',
    tree: equals('useTiling', ['YES']),
    holds: { useTiling: 'YES' },
    fails: { useTiling: 'NO' },
  },
  {
    dialect: 'ICT form without model prefix and quotes',
    text: 'inputs.methods==DaviesBouldin',
    tree: equals('methods', ['DaviesBouldin']),
    holds: { methods: 'DaviesBouldin' },
    fails: { methods: 'Elbow' },
  },
  {
    dialect: 'not equal',
    text: "model.inputs.mode!='auto'",
    tree: equals('mode', ['auto'], true),
    holds: { mode: 'manual' },
    fails: { mode: 'auto' },
  },
  {
    dialect: 'or chain of unquoted values',
    text: 'model.inputs.methods==Elbow or model.inputs.methods==CalinskiHarabasz or model.inputs.methods==DaviesBouldin',
    tree: {
      kind: 'or',
      terms: [
        equals('methods', ['Elbow']),
        equals('methods', ['CalinskiHarabasz']),
        equals('methods', ['DaviesBouldin']),
      ],
    },
    holds: { methods: 'CalinskiHarabasz' },
    fails: { methods: 'Manual' },
  },
  {
    dialect: 'list literal',
    text: "model.inputs.methods==['Elbow', 'CalinskiHarabasz', 'DaviesBouldin']",
    tree: equals('methods', ['Elbow', 'CalinskiHarabasz', 'DaviesBouldin']),
    holds: { methods: 'DaviesBouldin' },
    fails: { methods: 'Manual' },
  },
  {
    dialect: 'negated list literal',
    text: "model.inputs.metric!=['a','b']",
    tree: equals('metric', ['a', 'b'], true),
    holds: { metric: 'c' },
    fails: { metric: 'b' },
  },
  {
    dialect: 'JavaScript includes call',
    text: "['weightedMinkowski','minkowski'].includes(model.inputs.distanceMetric)",
    tree: equals('distanceMetric', ['weightedMinkowski', 'minkowski']),
    holds: { distanceMetric: 'minkowski' },
    fails: { distanceMetric: 'euclidean' },
  },
  {
    dialect: 'negated includes call',
    text: "!['a','b'].includes(model.inputs.x)",
    tree: equals('x', ['a', 'b'], true),
    holds: { x: 'c' },
    fails: { x: 'a' },
  },
  {
    dialect: 'JavaScript operators and parentheses',
    text: "(model.inputs.a==='x' || model.inputs.a==='y') && model.inputs.b!==true",
    tree: {
      kind: 'and',
      terms: [{ kind: 'or', terms: [equals('a', ['x']), equals('a', ['y'])] }, equals('b', [true], true)],
    },
    holds: { a: 'y', b: false },
    fails: { a: 'y', b: true },
  },
  {
    dialect: 'Python in operator',
    text: "inputs.groupBy in ['t', 'z']",
    tree: equals('groupBy', ['t', 'z']),
    holds: { groupBy: 'z' },
    fails: { groupBy: 'c' },
  },
  {
    dialect: 'Python not in operator',
    text: "inputs.groupBy not in ['t', 'z']",
    tree: equals('groupBy', ['t', 'z'], true),
    holds: { groupBy: 'c' },
    fails: { groupBy: 't' },
  },
  {
    dialect: 'value before the input',
    text: "'Manual'==model.inputs.diameterMode",
    tree: equals('diameterMode', ['Manual']),
    holds: { diameterMode: 'Manual' },
    fails: { diameterMode: 'Auto' },
  },
  {
    dialect: 'number and Python boolean literals',
    text: 'model.inputs.levels==3 and model.inputs.preview==True',
    tree: { kind: 'and', terms: [equals('levels', [3]), equals('preview', [true])] },
    holds: { levels: '3', preview: true },
    fails: { levels: 4, preview: true },
  },
  {
    dialect: 'negation pushed into an or (De Morgan)',
    text: "not (inputs.a=='x' or inputs.b=='y')",
    tree: { kind: 'and', terms: [equals('a', ['x'], true), equals('b', ['y'], true)] },
    holds: { a: 'z', b: 'z' },
    fails: { a: 'z', b: 'y' },
  },
];

describe('parseCondition', () => {
  it.each(dialects)('parses the $dialect', ({ text, tree }) => {
    const parsed = parseCondition(text);
    expect(parsed).toEqual({ ok: true, condition: tree, features: expect.any(Set) });
  });

  it.each(dialects)('evaluates the $dialect', ({ tree, holds, fails }) => {
    expect(evaluateCondition(tree, holds)).toBe(true);
    expect(evaluateCondition(tree, fails)).toBe(false);
  });

  it.each([
    { text: 'model.inputs.size>5', problem: /ordering operator '>' is not supported/ },
    { text: "model.inputs.x='A'", problem: /'=' at position 15 is an assignment/ },
    { text: "model.inputs.x=='A", problem: /string starting at character 17 is not closed/ },
    { text: 'model.inputs.x==', problem: /ends where a value is expected/ },
    { text: 'model.inputs.a==model.inputs.b', problem: /comparing two inputs/ },
    { text: "model.inputs.x=='A' model.inputs.y=='B'", problem: /is not expected there/ },
    { text: "['a'].map(model.inputs.x)", problem: /must be followed by .includes/ },
    { text: '   ', problem: /it is empty/ },
    { text: "model.inputs.x=='A' ; alert(1)", problem: /character ';' at position 21 is not understood/ },
  ])('rejects $text', ({ text, problem }) => {
    const parsed = parseCondition(text);
    expect(parsed.ok ? 'parsed' : parsed.problem).toMatch(problem);
  });

  it('rejects an overlong condition without scanning it', () => {
    const parsed = parseCondition(`model.inputs.x=='${'a'.repeat(5000)}'`);
    expect(parsed.ok ? 'parsed' : parsed.problem).toMatch(/longer than 2000 characters/);
  });
});

function manifestWithCondition(condition: unknown, format: 'wipp' | 'ict' = 'wipp') {
  const inputs = [
    { name: 'mode', type: 'enum', description: 'Mode', required: true, options: { values: ['A', 'B'] } },
    { name: 'level', type: 'number', description: 'Level', required: false },
  ];
  if (format === 'ict') {
    return parseObject(
      {
        specVersion: '1.0.0',
        name: 'example/conditions',
        version: '1.0.0',
        container: 'example/conditions:1.0.0',
        entrypoint: 'python3 -m conditions',
        author: ['Ada Lovelace'],
        contact: 'author@example.org',
        repository: 'https://example.org/conditions',
        inputs: [
          { name: 'mode', type: 'string', required: true, format: ['enum'] },
          { name: 'level', type: 'number', required: false, format: ['number'] },
        ],
        outputs: [{ name: 'outDir', type: 'path', required: true, format: ['collection'] }],
        ui: [
          { key: 'inputs.mode', title: 'Mode', type: 'select', fields: ['A', 'B'] },
          { key: 'inputs.level', title: 'Level', type: 'number', condition },
        ],
      },
      'ict.yaml',
    );
  }
  return parseObject({
    name: 'Conditions',
    version: '1.0.0',
    title: 'Conditions',
    description: 'Condition dialects',
    containerId: 'example/conditions:1.0.0',
    inputs,
    outputs: [{ name: 'outDir', type: 'collection', description: 'Output' }],
    ui: [
      { key: 'inputs.mode', title: 'Mode' },
      { key: 'inputs.level', title: 'Level', condition },
    ],
  });
}

function levelField(result: ReturnType<typeof parseObject>) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return {
    field: result.manifest.ui[1],
    warnings: result.warnings.filter((warning) => warning.path.startsWith('$.ui[1].condition')),
  };
}

describe('conditions in manifests', () => {
  it('accepts the documented WIPP form without a warning', () => {
    const { field, warnings } = levelField(manifestWithCondition("model.inputs.mode=='A'"));
    expect(field?.condition).toEqual(equals('mode', ['A']));
    expect(warnings).toEqual([]);
  });

  it('accepts the documented ICT form without a warning', () => {
    const { field, warnings } = levelField(manifestWithCondition('inputs.mode==A', 'ict'));
    expect(field?.condition).toEqual(equals('mode', ['A']));
    expect(warnings).toEqual([]);
  });

  it("warns when an ICT condition uses WIPP's model prefix", () => {
    const { warnings } = levelField(manifestWithCondition("model.inputs.mode=='A'", 'ict'));
    expect(warnings.map((warning) => warning.problem)).toEqual([
      expect.stringMatching(/uses WIPP's 'model.inputs.' prefix/),
    ]);
  });

  it('warns about an undocumented dialect and says how it is read', () => {
    const { warnings } = levelField(manifestWithCondition("['A','B'].includes(model.inputs.mode)"));
    expect(warnings).toEqual([
      {
        path: '$.ui[1].condition',
        problem:
          "condition '['A','B'].includes(model.inputs.mode)' uses JavaScript's includes(), which the schema does not document; it is read as: mode is one of 'A', 'B'.",
        expected: 'model.inputs.<name>==<value>',
      },
    ]);
  });

  it('keeps an unparseable condition as text and shows the field', () => {
    const { field, warnings } = levelField(manifestWithCondition('model.inputs.level>=5'));
    expect(field?.conditionText).toBe('model.inputs.level>=5');
    expect(field?.condition).toBeUndefined();
    expect(warnings.map((warning) => warning.problem)).toEqual([
      expect.stringMatching(
        /cannot be parsed because the ordering operator '>=' is not supported, only '==' and '!='; the field is always shown/,
      ),
    ]);
  });

  it('reads a list of conditions as all of them holding', () => {
    const { field, warnings } = levelField(
      manifestWithCondition(["model.inputs.mode=='A'", "model.inputs.mode!='B'"]),
    );
    expect(field?.condition).toEqual({
      kind: 'and',
      terms: [equals('mode', ['A']), equals('mode', ['B'], true)],
    });
    expect(field?.conditionText).toBe(`["model.inputs.mode=='A'","model.inputs.mode!='B'"]`);
    expect(warnings.map((warning) => warning.problem)).toEqual([
      'condition is a list; it is read as all of its conditions holding.',
    ]);
  });

  it('reads PolusAI validator clauses', () => {
    const { field } = levelField(manifestWithCondition([{ input: 'mode', value: 'B', eval: '==' }]));
    expect(field?.condition).toEqual(equals('mode', ['B']));
  });

  it('keeps a list with an unreadable item as text only', () => {
    const { field, warnings } = levelField(
      manifestWithCondition(["model.inputs.mode=='A'", { input: 'mode', value: 'A', eval: '<' }]),
    );
    expect(field?.condition).toBeUndefined();
    expect(warnings.map((warning) => warning.path)).toContain('$.ui[1].condition[1].eval');
  });

  it('warns about a condition on an input that does not exist', () => {
    const { warnings } = levelField(manifestWithCondition("model.inputs.mood=='A'"));
    expect(warnings.map((warning) => warning.problem)).toEqual([
      "condition refers to input 'mood', which the manifest does not define.",
    ]);
  });

  it('warns about a value that is not one of the enum options', () => {
    const { warnings } = levelField(manifestWithCondition("model.inputs.mode=='C'"));
    expect(warnings.map((warning) => warning.problem)).toEqual([
      "condition compares input 'mode' with 'C', which is not one of its options.",
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ManifestWarning, NormalisedManifest } from '../../src/contract/manifest.ts';
import type { ManifestParseResult } from '../../src/manifests/parse.ts';
import { parseObject, parseText } from './fixture-files.ts';

const wipp = {
  name: 'Example',
  version: '1.0.0',
  title: 'Example plugin',
  description: 'An example',
  author: 'Ada Lovelace',
  institution: 'Example Institute',
  repository: 'https://example.org/example',
  website: '',
  citation: '',
  containerId: 'example/example:1.0.0',
  inputs: [{ name: 'inpDir', type: 'collection', description: 'Input images', required: true }],
  outputs: [{ name: 'outDir', type: 'collection', description: 'Output images' }],
  ui: [{ key: 'inputs.inpDir', title: 'Input images' }],
};

const ictLines = [
  'specVersion: 1.0.0',
  'name: example/Example',
  'version: 1.0.0',
  'container: example/example:1.0.0',
  'entrypoint: python3 -m example',
  'title: Example',
  'author: [Ada Lovelace]',
  'contact: author@example.org',
  'repository: https://example.org/example',
  'inputs:',
  '  - {name: inpDir, type: path, required: true, format: [collection]}',
  'outputs:',
  '  - {name: outDir, type: path, required: true, format: [collection]}',
  'ui:',
  '  - {key: inputs.inpDir, title: Input images, type: path}',
];

function imported(result: ManifestParseResult): {
  manifest: NormalisedManifest;
  warnings: ManifestWarning[];
} {
  if (!result.ok) throw new Error(`expected the manifest to import, got ${JSON.stringify(result.errors)}`);
  return result;
}

function warningAt(result: ManifestParseResult, path: string): string[] {
  return imported(result)
    .warnings.filter((warning) => warning.path === path)
    .map((warning) => warning.problem);
}

describe('format detection', () => {
  it.each([
    { case: 'the official shape', text: JSON.stringify(wipp), fileName: 'plugin.json', format: 'wipp' },
    {
      case: 'a baseCommand',
      text: JSON.stringify({ ...wipp, baseCommand: ['python3'] }),
      fileName: 'plugin.json',
      format: 'wipp-polus',
    },
    {
      case: 'a genericData input',
      text: JSON.stringify({ ...wipp, inputs: [{ ...wipp.inputs[0], type: 'genericData' }] }),
      fileName: 'plugin.json',
      format: 'wipp-polus',
    },
    {
      case: 'dict-keyed inputs',
      text: JSON.stringify({ ...wipp, inputs: {} }),
      fileName: 'plugin.json',
      format: 'wipp-dict',
    },
    { case: 'ICT YAML', text: ictLines.join('\n'), fileName: 'ict.yaml', format: 'ict' },
    {
      case: 'ICT content in a JSON file',
      text: JSON.stringify({ specVersion: '1.0.0', name: 'a/b', version: '1.0.0', container: 'a/b:1.0.0' }),
      fileName: 'upload.json',
      format: 'ict',
    },
    {
      case: 'WIPP content in a file named ict.yaml',
      text: JSON.stringify(wipp),
      fileName: 'ict.yaml',
      format: 'wipp',
    },
    {
      case: 'a WIPP manifest without file name extension',
      text: JSON.stringify(wipp),
      fileName: 'pasted',
      format: 'wipp',
    },
    {
      case: 'ICT YAML without file name extension',
      text: ictLines.join('\n'),
      fileName: 'pasted',
      format: 'ict',
    },
  ])('detects $case as $format', ({ text, fileName, format }) => {
    const result = parseText(text, fileName);
    expect(result).toMatchObject({ ok: true, format });
  });
});

describe('WIPP normalisation', () => {
  it('reads a clean manifest without warnings', () => {
    const { manifest, warnings } = imported(parseObject(wipp));
    expect(warnings).toEqual([]);
    expect(manifest).toEqual({
      format: 'wipp',
      name: 'Example',
      title: 'Example plugin',
      version: '1.0.0',
      description: 'An example',
      author: 'Ada Lovelace',
      institution: 'Example Institute',
      repository: 'https://example.org/example',
      containerId: 'example/example:1.0.0',
      inputs: [
        {
          name: 'inpDir',
          type: 'collection',
          originalType: 'collection',
          description: 'Input images',
          required: true,
        },
      ],
      outputs: [
        { name: 'outDir', type: 'collection', originalType: 'collection', description: 'Output images' },
      ],
      ui: [{ key: 'inputs.inpDir', input: 'inpDir', title: 'Input images' }],
      extra: {},
    });
  });

  it('warns about a duplicate JSON key and keeps the last value', () => {
    const text = JSON.stringify(wipp).replace('"name":"Example",', '"name":"First","name":"Example",');
    const result = parseText(text);
    expect(imported(result).manifest.name).toBe('Example');
    expect(warningAt(result, '$.name')).toEqual([
      "key 'name' appears more than once; the last value is used.",
    ]);
  });

  it('keeps unknown top-level keys with a warning and well-known ones without', () => {
    const result = parseObject({
      ...wipp,
      $schema: 'https://example.org/schema.json',
      validators: [],
      runCommand: ['run'],
    });
    expect(imported(result).manifest.extra).toEqual({
      $schema: 'https://example.org/schema.json',
      validators: [],
      runCommand: ['run'],
    });
    expect(imported(result).warnings.map((warning) => warning.path)).toEqual(['$.$schema']);
  });

  it('joins an author list', () => {
    const result = parseObject({ ...wipp, author: ['Ada Lovelace', 'Alan Turing'] });
    expect(imported(result).manifest.author).toBe('Ada Lovelace, Alan Turing');
    expect(warningAt(result, '$.author')).toHaveLength(1);
  });

  it('uses the image tag when the version is missing', () => {
    const result = parseObject({ ...wipp, version: undefined });
    expect(imported(result).manifest.version).toBe('1.0.0');
    expect(warningAt(result, '$.version')).toEqual([
      "version is missing; the image tag '1.0.0' is used as the version.",
    ]);
  });

  it('reads a numeric JSON version as written', () => {
    const result = parseText(JSON.stringify(wipp).replace('"version":"1.0.0"', '"version":1.10'));
    expect(imported(result).manifest.version).toBe('1.10');
    expect(warningAt(result, '$.version')).toContain(
      "version is a number, not a string; it is read as '1.10'.",
    );
  });

  it('warns about an untagged image', () => {
    const result = parseObject({ ...wipp, containerId: 'example/example' });
    expect(warningAt(result, '$.containerId')).toEqual([
      "containerId 'example/example' has no tag, so registries resolve it to 'latest'.",
    ]);
  });

  it('accepts an image pinned by digest without a tag', () => {
    const result = parseObject({ ...wipp, containerId: `example/example@sha256:${'a'.repeat(64)}` });
    expect(warningAt(result, '$.containerId')).toEqual([]);
  });

  it('checks URLs and empty optional fields', () => {
    const result = parseObject({ ...wipp, repository: 'github.com/example' });
    expect(warningAt(result, '$.repository')).toEqual([
      "repository 'github.com/example' is not an absolute URL.",
    ]);
    expect(imported(result).manifest.website).toBeUndefined();
    expect(imported(result).manifest.citation).toBeUndefined();
  });

  it('reads null optional fields as absent without warnings', () => {
    const result = parseObject({ ...wipp, author: null, institution: null, website: null, citation: null });
    expect(imported(result).warnings).toEqual([]);
    expect(imported(result).manifest).toMatchObject({ author: '', institution: '' });
  });

  it('reads near-miss types and marks unknown ones', () => {
    const result = parseObject({
      ...wipp,
      inputs: [
        { name: 'a', type: 'Collection', description: 'A' },
        { name: 'b', type: 'bool', description: 'B' },
        { name: 'c', type: 'spreadsheet', description: 'C' },
        { name: 'd', description: 'D' },
      ],
      ui: [],
    });
    expect(imported(result).manifest.inputs.map((input) => input.type)).toEqual([
      'collection',
      'boolean',
      'unknown',
      'unknown',
    ]);
    expect(warningAt(result, '$.inputs[2].type')).toEqual([
      "type 'spreadsheet' is not a WIPP input type and is not understood.",
    ]);
    expect(warningAt(result, '$.inputs[3].type')).toEqual(['type is missing.']);
  });

  it('skips inputs without a name and repeated names', () => {
    const result = parseObject({
      ...wipp,
      inputs: [
        wipp.inputs[0],
        { type: 'string', description: 'no name' },
        { ...wipp.inputs[0], description: 'again' },
        'text',
      ],
    });
    expect(imported(result).manifest.inputs).toHaveLength(1);
    expect(warningAt(result, '$.inputs[1].name')).toEqual(['input has no name and is ignored.']);
    expect(warningAt(result, '$.inputs[2]')).toEqual([
      "input name 'inpDir' is used more than once; this later input is ignored.",
    ]);
    expect(warningAt(result, '$.inputs[3]')).toEqual(['entry is a string and is ignored.']);
  });

  it('reads enum options and checks the default against them', () => {
    const result = parseObject({
      ...wipp,
      inputs: [
        { name: 'method', type: 'enum', description: 'Method', options: { values: ['Otsu', 'Manual'] } },
        { name: 'other', type: 'enum', description: 'No options' },
      ],
      ui: [
        { key: 'inputs.method', title: 'Method', default: 'Huang' },
        { key: 'inputs.other', title: 'Other' },
      ],
    });
    expect(imported(result).manifest.inputs[0]?.options).toEqual(['Otsu', 'Manual']);
    expect(warningAt(result, '$.ui[0].default')).toEqual([
      "default 'Huang' is not one of the options of input 'method'.",
    ]);
    expect(warningAt(result, '$.inputs[1].options')).toEqual(['enum input has no options.']);
  });

  it('reads the allowed items of an array input', () => {
    const result = parseObject({
      ...wipp,
      inputs: [
        {
          name: 'features',
          type: 'array',
          description: 'Features',
          options: {
            items: {
              type: 'string',
              title: 'Select feature',
              oneOf: [
                { description: 'Area', enum: ['Feature2DJava_Area'] },
                { description: 'Mean', enum: ['Feature2DJava_Mean'] },
              ],
              default: 'Feature2DJava_Area',
              widget: 'select',
              minItems: 1,
              uniqueItems: 'true',
            },
          },
        },
      ],
      ui: [{ key: 'inputs.features', title: 'Features' }],
    });
    expect(imported(result).warnings).toEqual([]);
    expect(imported(result).manifest.inputs[0]?.options).toEqual([
      'Feature2DJava_Area',
      'Feature2DJava_Mean',
    ]);
  });

  it('converts numeric and boolean text defaults to the input type', () => {
    const result = parseObject({
      ...wipp,
      inputs: [
        { name: 'size', type: 'integer', description: 'Size' },
        { name: 'flag', type: 'boolean', description: 'Flag' },
      ],
      ui: [
        { key: 'inputs.size', title: 'Size', default: '32' },
        { key: 'inputs.flag', title: 'Flag', default: 'TRUE', hidden: 'false' },
      ],
    });
    const ui = imported(result).manifest.ui;
    expect(ui.map((field) => field.default)).toEqual([32, true]);
    expect(ui[1]?.hidden).toBe(false);
    expect(warningAt(result, '$.ui[1].hidden')).toEqual([
      "hidden is the string 'false', not a boolean; it is read as false.",
    ]);
  });

  it('checks fieldsets against the inputs', () => {
    const result = parseObject({
      ...wipp,
      ui: [
        ...wipp.ui,
        {
          key: 'fieldsets',
          fieldsets: [
            { title: 'Images', fields: ['inpDir', 'missing'] },
            { title: 'Empty', fields: [] },
          ],
        },
      ],
    });
    expect(imported(result).manifest.fieldsets).toEqual([
      { title: 'Images', fields: ['inpDir', 'missing'] },
      { title: 'Empty', fields: [] },
    ]);
    expect(warningAt(result, '$.ui[1].fieldsets[0].fields[1]')).toEqual([
      "fieldset names input 'missing', which the manifest does not define.",
    ]);
    expect(warningAt(result, '$.ui[1].fieldsets[1].fields')).toEqual(['fieldset has no fields.']);
  });

  it('warns about a ui key outside the schema pattern and an empty key', () => {
    const result = parseObject({
      ...wipp,
      ui: [...wipp.ui, { key: 'outputs.outDir', title: 'Out' }, { key: '', title: 'Nothing' }],
    });
    expect(warningAt(result, '$.ui[1].key')).toEqual([
      "key 'outputs.outDir' does not have the form 'inputs.<name>'.",
    ]);
    expect(warningAt(result, '$.ui[2].key')).toEqual([
      'key is empty, so the entry is linked to no input and is ignored.',
    ]);
    expect(imported(result).manifest.ui).toHaveLength(2);
  });

  it('warns when a dict-keyed entry names itself differently', () => {
    const result = parseObject({
      ...wipp,
      inputs: { inpDir: { name: 'inputDir', type: 'collection', description: 'Images', required: 'True' } },
      ui: { inpDir: { key: 'inputs.inputDir', title: 'Images' } },
    });
    expect(imported(result).manifest.inputs[0]?.name).toBe('inpDir');
    expect(warningAt(result, '$.inputs.inpDir.name')).toEqual([
      "input name 'inputDir' differs from its key 'inpDir'; the key is used.",
    ]);
    expect(warningAt(result, '$.ui.inpDir.key')).toEqual([
      "key 'inputs.inputDir' differs from the dict key; 'inputs.inpDir' is used.",
    ]);
  });

  it('warns about a bind to an unknown input', () => {
    const result = parseObject({
      ...wipp,
      ui: [{ key: 'inputs.inpDir', title: 'Input', bind: 'gridWidth' }],
    });
    expect(warningAt(result, '$.ui[0].bind')).toEqual([
      "bind names input 'gridWidth', which the manifest does not define.",
    ]);
  });
});

describe('ICT normalisation', () => {
  it('reads a clean manifest without warnings', () => {
    const { manifest, warnings } = imported(parseText(ictLines.join('\n'), 'ict.yaml'));
    expect(warnings).toEqual([]);
    expect(manifest).toMatchObject({
      format: 'ict',
      name: 'example/Example',
      title: 'Example',
      specVersion: '1.0.0',
      contact: 'author@example.org',
      baseCommand: ['python3', '-m', 'example'],
      containerId: 'example/example:1.0.0',
      inputs: [{ name: 'inpDir', type: 'collection', originalType: 'path', required: true, description: '' }],
    });
  });

  it('reads a numeric YAML version as written', () => {
    const text = ictLines.map((line) => (line === 'version: 1.0.0' ? 'version: 1.10' : line)).join('\n');
    const result = parseText(text, 'ict.yaml');
    expect(imported(result).manifest.version).toBe('1.10');
  });

  it('turns select and multiselect fields into enum and array inputs', () => {
    const text = [
      ...ictLines.slice(0, 10),
      '  - {name: method, type: string, required: true, format: [string]}',
      '  - {name: features, type: array, required: false, format: [array]}',
      ...ictLines.slice(11, 14),
      '  - {key: inputs.method, title: Method, type: select, fields: [Otsu, Huang]}',
      '  - {key: inputs.features, title: Features, type: multiselect, fields: [MEAN, MEDIAN]}',
    ].join('\n');
    const inputs = imported(parseText(text, 'ict.yaml')).manifest.inputs;
    expect(inputs).toEqual([
      {
        name: 'method',
        type: 'enum',
        originalType: 'string',
        description: '',
        required: true,
        options: ['Otsu', 'Huang'],
      },
      {
        name: 'features',
        type: 'array',
        originalType: 'array',
        description: '',
        required: false,
        options: ['MEAN', 'MEDIAN'],
      },
    ]);
  });

  it('checks ICT ui field properties', () => {
    const text = [
      ...ictLines.slice(0, 14),
      '  - {key: inputs.inpDir, title: Input images, type: select, placeholder: Pick one}',
    ].join('\n');
    const result = parseText(text, 'ict.yaml');
    expect(warningAt(result, '$.ui[0].placeholder')).toEqual([
      "property 'placeholder' is not allowed in a 'select' ui field.",
    ]);
    expect(warningAt(result, '$.ui[0].fields')).toEqual([
      "fields is missing, which a 'select' ui field requires.",
    ]);
  });

  it('warns about a single author string and a missing required flag', () => {
    const text = ictLines
      .map((line) => (line === 'author: [Ada Lovelace]' ? 'author: Ada Lovelace' : line))
      .map((line) => line.replace('{name: inpDir, type: path, required: true,', '{name: inpDir, type: path,'))
      .join('\n');
    const result = parseText(text, 'ict.yaml');
    expect(imported(result).manifest.author).toBe('Ada Lovelace');
    expect(warningAt(result, '$.author')).toEqual([
      'author is a single string; ICT expects a list of names.',
    ]);
    expect(warningAt(result, '$.inputs[0].required')).toEqual([
      'required is missing; the input is read as required.',
    ]);
  });

  it('warns about missing required ICT keys', () => {
    const text = ictLines
      .filter((line) => !/^(specVersion|entrypoint|contact|repository):/.test(line))
      .join('\n');
    const result = parseText(text, 'ict.yaml');
    expect(
      imported(result)
        .warnings.map((warning) => warning.path)
        .sort(),
    ).toEqual(['$.contact', '$.entrypoint', '$.repository', '$.specVersion']);
  });

  it('keeps hardware as resource requirements and documentation as website', () => {
    const text = [
      ...ictLines,
      'documentation: https://example.org/docs',
      'hardware:',
      '  gpu: {enabled: true}',
    ].join('\n');
    expect(imported(parseText(text, 'ict.yaml')).manifest).toMatchObject({
      website: 'https://example.org/docs',
      resourceRequirements: { gpu: { enabled: true } },
    });
  });

  it('warns about an ICT ui key for an unknown output', () => {
    const text = [...ictLines, '  - {key: outputs.result, title: Result, type: path}'].join('\n');
    expect(warningAt(parseText(text, 'ict.yaml'), '$.ui[1].key')).toEqual([
      "ui key 'outputs.result' names no output.",
    ]);
  });
});

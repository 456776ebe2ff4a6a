import { describe, expect, it } from 'vitest';
import type { NormalisedManifest } from '../../src/contract/manifest.ts';
import { parseFixture } from './fixture-files.ts';

function manifestOf(file: string): NormalisedManifest {
  const result = parseFixture(file);
  if (!result.ok) throw new Error(`${file} was rejected: ${JSON.stringify(result.errors)}`);
  return result.manifest;
}

function warningsAt(file: string, path: string): string[] {
  const result = parseFixture(file);
  if (!result.ok) throw new Error(`${file} was rejected: ${JSON.stringify(result.errors)}`);
  return result.warnings.filter((warning) => warning.path === path).map((warning) => warning.problem);
}

// One row per quirk that the fixtures' INDEX.tsv describes: the file, the exact warning path, and
// the text the warning must contain.
const quirks: Array<{ quirk: string; file: string; path: string; problem: RegExp }> = [
  {
    quirk: 'required written as the string True',
    file: 'PolusAI__image-tools__clustering__hdbscan-clustering-tool__plugin.json',
    path: '$.inputs.inpDir.required',
    problem: /required is the string 'True', not a boolean; it is read as true/,
  },
  {
    quirk: 'required written as the string false',
    file: 'usnistgov__WIPP-EGT-plugin__wipp-egt-plugin.json',
    path: '$.inputs[1].required',
    problem: /required is the string 'false', not a boolean; it is read as false/,
  },
  {
    quirk: 'dict-keyed inputs',
    file: 'PolusAI__image-tools__clustering__hdbscan-clustering-tool__plugin.json',
    path: '$.inputs',
    problem: /inputs is an object keyed by name; the schema expects a list/,
  },
  {
    quirk: 'dict-keyed ui',
    file: 'PolusAI__polus-plugins__segmentation__ome-zarr-autosegmentation-plugin__plugin.json',
    path: '$.ui',
    problem: /ui is an object keyed by name/,
  },
  {
    quirk: 'input type path from ICT',
    file: 'PolusAI__image-tools__segmentation__cellpose-inference-tool__plugin.json',
    path: '$.inputs[0].type',
    problem: /type 'path' is not a WIPP input type; it is read as 'genericData'/,
  },
  {
    quirk: 'input type int',
    file: 'PolusAI__polus-plugins__polus-feature-data-subset-plugin__plugin.json',
    path: '$.inputs[1].type',
    problem: /type 'int' is not a WIPP input type; it is read as 'integer'/,
  },
  {
    quirk: 'input type float',
    file: 'PolusAI__tabular-tools__transforms__dimension-reduction-tool__plugin.json',
    path: '$.inputs[7].type',
    problem: /type 'float' is not a WIPP input type; it is read as 'number'/,
  },
  {
    quirk: 'input type float in a dict-keyed manifest',
    file: 'PolusAI__polus-plugins__clustering__feature-subsetting-plugin__plugin.json',
    path: '$.inputs.percentile.type',
    problem: /type 'float' is not a WIPP input type; it is read as 'number'/,
  },
  {
    quirk: 'notebook as an output',
    file: 'at1112__polus-plugins__polus-notebook-plugin__plugin_img_to_csv.json',
    path: '$.outputs[1].type',
    problem: /type 'notebook' is not a WIPP output type; it is kept as the WIPP type 'notebook'/,
  },
  {
    quirk: 'version with a prefix',
    file: 'PolusAI__image-tools__dimension_reduction__UMAP__Shared-Memory-OpenMP__plugin.json',
    path: '$.version',
    problem: /version 'openmp-0.1.6' is not a semantic version/,
  },
  {
    quirk: 'version with a debug suffix',
    file: 'LabShare__polus-plugins-dl__polus-smp-training-plugin__plugin.json',
    path: '$.version',
    problem: /version '0.1.3debug4' is not a semantic version/,
  },
  {
    quirk: 'two-part version',
    file: 'usnistgov__WIPP-fpn-inference-plugin__plugin.json',
    path: '$.version',
    problem: /version '1.0' is not a semantic version/,
  },
  {
    quirk: 'ICT version that is a Python module path',
    file: 'PolusAI__image-tools__segmentation__imagej-threshold-huang-tool__ict.yml',
    path: '$.version',
    problem: /version 'polus.images.segmentation.imagej_threshold_huang' is not a semantic version/,
  },
  {
    quirk: 'containerId tag behind the version',
    file: 'PolusAI__polus-plugins__transforms__images__polus-ftl-label-plugin__plugin.json',
    path: '$.containerId',
    problem: /containerId tag '0.3.8' differs from version '0.3.9'/,
  },
  {
    quirk: 'containerId tag ahead of the version',
    file: 'usnistgov__WIPP-mrcnn2-inference-plugin__plugin.json',
    path: '$.containerId',
    problem: /containerId tag '1.6' differs from version '1.0'/,
  },
  {
    quirk: 'ICT container tag differing from the version',
    file: 'PolusAI__tabular-tools__clustering__k-means-clustering-tool__ict.yaml',
    path: '$.container',
    problem: /container tag '0.3.6-dev0' differs from version '0.3.5-dev0'/,
  },
  {
    quirk: 'input without a ui entry',
    file: 'PolusAI__image-tools__segmentation__rt-cetsa-plate-extraction-tool__plugin.json',
    path: '$.inputs[2]',
    problem: /input 'preview' has no ui entry; a form field titled 'preview' is generated/,
  },
  {
    quirk: 'another input without a ui entry',
    file: 'PolusAI__image-tools__transforms__imagej-deconvolve-richardsonlucytv-tool__plugin.json',
    path: '$.inputs[4]',
    problem: /input 'regularizationFactor' has no ui entry/,
  },
  {
    quirk: 'ui key for an input that does not exist',
    file: 'PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__plugin.json',
    path: '$.ui[1].key',
    problem: /ui key 'inputs.mask' names no input, so the field edits nothing/,
  },
  {
    quirk: 'ui entry without key but with a key-like name',
    file: 'PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__plugin.json',
    path: '$.ui[3].key',
    problem: /key is missing; the entry's name 'inputs.params' is used as its key/,
  },
  {
    quirk: 'typo between the input name and the ui key',
    file: 'PolusAI__polus-plugins__formats__polus-ome-zarr-converter-plugin__plugin.json',
    path: '$.ui[1].key',
    problem: /ui key 'inputs.filePattern' names no input; it is linked to input 'filePatter'/,
  },
  {
    quirk: 'the same typo in a test fixture of PolusAI/tools',
    file: 'PolusAI__tools__tests__plugins__resources__omeconverter022.json',
    path: '$.ui[1].key',
    problem: /linked to input 'filePatter'/,
  },
  {
    quirk: 'second ui entry for one input',
    file: 'PolusAI__tabular-tools__transforms__tabular-thresholding-tool__plugin.json',
    path: '$.ui[4].key',
    problem: /input 'posControl' already has a ui entry/,
  },
  {
    quirk: 'condition without the model prefix',
    file: 'PolusAI__image-tools__visualization__precompute-slide-tool__plugin.json',
    path: '$.ui[2].condition',
    problem: /refers to the input without the 'model.' prefix.*read as: pyramidType is 'Neuroglancer'/,
  },
  {
    quirk: 'conditions joined with or',
    file: 'PolusAI__tabular-tools__clustering__k-means-clustering-tool__plugin.json',
    path: '$.ui[3].condition',
    problem:
      /joins comparisons with 'or'.*read as: methods is 'Elbow' or methods is 'CalinskiHarabasz' or methods is 'DaviesBouldin'/,
  },
  {
    quirk: 'condition with a list literal',
    file: 'PolusAI__polus-plugins__polus-k-means-clustering-plugin__plugin.json',
    path: '$.ui[2].condition',
    problem:
      /compares with a list literal.*read as: methods is one of 'Elbow', 'CalinskiHarabasz', 'DaviesBouldin'/,
  },
  {
    quirk: 'placeholder condition on the field itself',
    file: 'PolusAI__image-tools__dimension_reduction__UMAP__Shared-Memory-GPU__ict.yaml',
    path: '$.ui[8].condition',
    problem: /compares number input 'distanceV1' with 'value', which no number equals/,
  },
  {
    quirk: 'authors instead of author',
    file: 'PolusAI__polus-plugins__transforms__images__binary-operations-plugin__plugin.json',
    path: '$.authors',
    problem: /authors is not a key of the WIPP schema; it is read as author/,
  },
  {
    quirk: 'ICT io type array[int]',
    file: 'PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__ict.yml',
    path: '$.inputs[2].type',
    problem: /type 'array\[int\]' is not an ICT input type; it is read as 'array'/,
  },
  {
    quirk: 'ICT io type integer',
    file: 'PolusAI__polus-plugins__formats__pyramid-generator-3d-tool__ict.yml',
    path: '$.inputs[7].type',
    problem: /type 'integer' is not an ICT input type; it is kept as the WIPP type 'integer'/,
  },
  {
    quirk: 'ICT ui type outside the ICT ui types',
    file: 'PolusAI__polus-plugins__formats__image-dimension-stacking-tool__ict.yaml',
    path: '$.ui[3].type',
    problem: /ui type 'boolean' is not an ICT ui type/,
  },
  {
    quirk: 'ICT entrypoint written as a list in a string',
    file: 'PolusAI__image-tools__segmentation__imagej-threshold-huang-tool__ict.yml',
    path: '$.entrypoint',
    problem:
      /entrypoint '\[python3, -m, polus.images.segmentation.imagej_threshold_huang\]' is a list written as a string/,
  },
  {
    quirk: 'ICT io without format',
    file: 'PolusAI__image-tools__segmentation__imagej-threshold-huang-tool__ict.yml',
    path: '$.inputs[1].format',
    problem: /format is missing/,
  },
  {
    quirk: 'WIPP manifest without name',
    file: 'PolusAI__tools__tests__plugins__resources__b1.json',
    path: '$.name',
    problem: /name is missing; the title 'Flatfield correction using BaSiC algorithm.' is used as the name/,
  },
  {
    quirk: 'ICT manifest without name',
    file: 'PolusAI__polus-plugins__formats__pyramid-generator-3d-tool__ict.yml',
    path: '$.name',
    problem: /name is missing; the title '3D Pyramid Generator Plugin' is used as the name/,
  },
  {
    quirk: 'manifest without title',
    file: 'PolusAI__tools__tests__plugins__resources__b2.json',
    path: '$.title',
    problem: /title is missing/,
  },
  {
    quirk: 'manifest without description',
    file: 'PolusAI__tools__tests__plugins__resources__b3.json',
    path: '$.description',
    problem: /description is missing/,
  },
  {
    quirk: 'input name with an underscore',
    file: 'PolusAI__polus-plugins__polus-cellpose-inference-plugin__plugin.json',
    path: '$.inputs[2].name',
    problem: /input name 'pretrained_model' does not match the schema's name pattern/,
  },
  {
    quirk: 'array input options without the schema properties',
    file: 'PolusAI__image-tools__transforms__images__montage-tool__plugin.json',
    path: '$.inputs[2].options.items',
    problem: /options.items lacks oneOf, default, minItems, uniqueItems/,
  },
  {
    quirk: 'boolean default written as text',
    file: 'PolusAI__polus-plugins__segmentation__ome-zarr-autosegmentation-plugin__plugin.json',
    path: '$.ui.preview.default',
    problem: /default 'False' is a string but input 'preview' is of type boolean; it is read as false/,
  },
  {
    quirk: 'enum default that is a boolean',
    file: 'mmvih__polus-plugins-dl__polus-cell-nuclei-segmentation__plugin.json',
    path: '$.ui[1].default',
    problem: /default true is a boolean but input 'model' is of type enum/,
  },
  {
    quirk: 'ui entry without title',
    file: 'usnistgov__WIPP-thresholding-plugin__plugin.json',
    path: '$.ui[2].title',
    problem: /title is missing/,
  },
];

describe('quirks of real manifests', () => {
  it.each(quirks)('warns about $quirk', ({ file, path, problem }) => {
    const problems = warningsAt(file, path);
    expect(
      problems.some((text) => problem.test(text)),
      `warnings at ${path}: ${JSON.stringify(problems)}`,
    ).toBe(true);
  });
});

describe('normalised values of quirky manifests', () => {
  it('reads string required flags as booleans', () => {
    const inputs = manifestOf(
      'PolusAI__image-tools__clustering__hdbscan-clustering-tool__plugin.json',
    ).inputs;
    expect(inputs.find((input) => input.name === 'inpDir')?.required).toBe(true);
    expect(inputs.find((input) => input.name === 'filePattern')?.required).toBe(false);
  });

  it('reads a missing required flag as the schema default true, without a warning', () => {
    const file = 'usnistgov__WIPP-thresholding-plugin__plugin.json';
    expect(manifestOf(file).inputs.find((input) => input.name === 'input')?.required).toBe(true);
    expect(warningsAt(file, '$.inputs[0].required')).toEqual([]);
  });

  it('turns dict-keyed inputs, outputs and ui into lists in file order', () => {
    const manifest = manifestOf('PolusAI__image-tools__clustering__hdbscan-clustering-tool__plugin.json');
    expect(manifest.inputs.map((input) => input.name)).toEqual([
      'inpDir',
      'filePattern',
      'groupingPattern',
      'averageGroups',
      'labelCol',
      'minClusterSize',
      'incrementOutlierId',
      'preview',
    ]);
    expect(manifest.outputs).toEqual([
      { name: 'outDir', type: 'genericData', originalType: 'genericData', description: 'Output collection.' },
    ]);
    expect(manifest.ui[0]).toMatchObject({
      key: 'inputs.inpDir',
      input: 'inpDir',
      title: 'Input tabular data',
    });
  });

  it('keeps the written type next to the normalised one', () => {
    const input = manifestOf('PolusAI__image-tools__segmentation__cellpose-inference-tool__plugin.json')
      .inputs[0];
    expect(input).toMatchObject({ type: 'genericData', originalType: 'path' });
  });

  it('generates a form field for an input without ui entry', () => {
    const ui = manifestOf(
      'PolusAI__image-tools__segmentation__rt-cetsa-plate-extraction-tool__plugin.json',
    ).ui;
    expect(ui.find((field) => field.input === 'preview')).toMatchObject({
      key: 'inputs.preview',
      title: 'preview',
      generated: true,
    });
  });

  it('links the typo field to the input it was meant for', () => {
    const ui = manifestOf('PolusAI__polus-plugins__formats__polus-ome-zarr-converter-plugin__plugin.json').ui;
    const field = ui.find((candidate) => candidate.key === 'inputs.filePattern');
    expect(field?.input).toBe('filePatter');
    expect(ui.some((candidate) => candidate.generated)).toBe(false);
  });

  it('keeps a ui field for a missing input, linked to nothing', () => {
    const ui = manifestOf(
      'PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__plugin.json',
    ).ui;
    expect(ui.find((field) => field.key === 'inputs.mask')?.input).toBeUndefined();
    expect(ui.find((field) => field.key === 'inputs.params')?.input).toBe('params');
  });

  it('keeps well-known extra keys verbatim without a warning', () => {
    const file = 'PolusAI__image-tools__transforms__images__binary-operations-tool__plugin.json';
    expect(manifestOf(file).extra).toEqual({
      runCommand: ['python3', '-m', 'polus.images.transforms.images.binary_operations'],
      validators: null,
    });
    expect(warningsAt(file, '$.runCommand')).toEqual([]);
    expect(warningsAt(file, '$.validators')).toEqual([]);
  });

  it('reads authors as author and keeps it as extra data', () => {
    const manifest = manifestOf(
      'PolusAI__polus-plugins__transforms__images__binary-operations-plugin__plugin.json',
    );
    expect(manifest.author).toBe('nicholas-schaub (author@example.org), Madhuri Vihani');
    expect(manifest.extra.authors).toBe(manifest.author);
  });

  it('joins the ICT author list', () => {
    expect(
      manifestOf('PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__ict.yml').author,
    ).toBe('Nick Schaub, Antoine Gerardin, Najib Ishaq');
  });

  it('splits the ICT entrypoint into the base command', () => {
    expect(
      manifestOf('PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool__ict.yml').baseCommand,
    ).toEqual(['python3', '-m', 'polus.images.features.rt_cetsa_intensity_extraction']);
    expect(
      manifestOf('PolusAI__image-tools__segmentation__imagej-threshold-huang-tool__ict.yml').baseCommand,
    ).toEqual(['python3', '-m', 'polus.images.segmentation.imagej_threshold_huang']);
  });

  it('restores WIPP types from the ICT format term and select fields', () => {
    const inputs = manifestOf('PolusAI__polus-plugins__formats__pyramid-generator-3d-tool__ict.yml').inputs;
    expect(inputs.find((input) => input.name === 'inpDir')).toMatchObject({
      type: 'collection',
      originalType: 'path',
    });
    expect(inputs.find((input) => input.name === 'subCmd')).toMatchObject({
      type: 'enum',
      originalType: 'string',
      options: ['Vol', 'Py3D'],
    });
  });

  it('matches the inputs of the WIPP companion', () => {
    const wipp = manifestOf('PolusAI__image-tools__features__nyxus-tool__plugin.json');
    const ict = manifestOf('PolusAI__image-tools__features__nyxus-tool__ict.yaml');
    expect(ict.inputs.map((input) => input.name)).toEqual(wipp.inputs.map((input) => input.name));
    expect(ict.inputs.map((input) => input.type)).toEqual(wipp.inputs.map((input) => input.type));
  });

  it('parses every real condition into its tree', () => {
    const ui = manifestOf(
      'PolusAI__image-tools__dimension_reduction__UMAP__Shared-Memory-GPU__plugin.json',
    ).ui;
    expect(ui.find((field) => field.conditionText?.includes('count_distance'))?.condition).toEqual({
      kind: 'equals',
      input: 'distanceMetric',
      values: ['weightedMinkowski', 'minkowski', 'ordinal_distance', 'count_distance', 'levenshtein'],
      negate: false,
    });
  });

  it('keeps the array options of a number input', () => {
    const input = manifestOf(
      'PolusAI__image-tools__regression__theia-bleedthrough-estimation-tool__plugin.json',
    ).inputs.find((candidate) => candidate.name === 'kernelSize');
    expect(input?.options).toEqual(['3', '5', '7']);
  });

  it('reads fieldsets into their own list', () => {
    const manifest = manifestOf('usnistgov__WIPP-3d-segmentation-plugin__plugin.json');
    expect(manifest.fieldsets?.[1]).toEqual({ title: 'Thresholding configuration', fields: ['threshold'] });
    expect(manifest.ui.some((field) => field.key === 'fieldsets')).toBe(false);
  });
});

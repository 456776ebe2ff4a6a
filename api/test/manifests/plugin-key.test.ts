import { describe, expect, it } from 'vitest';
import type { NormalisedManifest } from '../../src/contract/manifest.ts';
import { isCompanion, pluginKey, slugify } from '../../src/manifests/plugin-key.ts';
import { parseFixture } from './fixture-files.ts';

function manifestOf(file: string): NormalisedManifest {
  const result = parseFixture(file);
  if (!result.ok) throw new Error(`${file} was rejected: ${JSON.stringify(result.errors)}`);
  return result.manifest;
}

// Every ICT fixture whose folder also contains a plugin.json.
const companions: Array<{ plugin: string; folder: string; key: string }> = [
  { plugin: 'Nyxus', folder: 'PolusAI__image-tools__features__nyxus-tool', key: 'nyxus-tool' },
  {
    plugin: 'UMAP (CUDA)',
    folder: 'PolusAI__image-tools__dimension_reduction__UMAP__Shared-Memory-GPU',
    key: 'umap-cuda',
  },
  {
    plugin: 'RT-CETSA intensity extraction',
    folder: 'PolusAI__image-tools__features__rt-cetsa-intensity-extraction-tool',
    key: 'rt-cetsa-intensity-extraction',
  },
  {
    plugin: 'Cellpose inference',
    folder: 'PolusAI__image-tools__segmentation__cellpose-inference-tool',
    key: 'cellpose-inference',
  },
  {
    plugin: 'K-means clustering',
    folder: 'PolusAI__tabular-tools__clustering__k-means-clustering-tool',
    key: 'k-means-clustering',
  },
  {
    plugin: 'RT-CETSA Moltprot',
    folder: 'PolusAI__tabular-tools__regression__rt-cetsa-moltenprot-tool',
    key: 'rt-cetsa-moltprot',
  },
];

function companionFiles(folder: string): { wipp: NormalisedManifest; ict: NormalisedManifest } {
  const ictFile =
    folder.endsWith('rt-cetsa-intensity-extraction-tool') || folder.endsWith('rt-cetsa-moltenprot-tool')
      ? 'ict.yml'
      : 'ict.yaml';
  return { wipp: manifestOf(`${folder}__plugin.json`), ict: manifestOf(`${folder}__${ictFile}`) };
}

describe('pluginKey', () => {
  it.each(companions)('gives $plugin the same key in ICT and plugin.json', ({ folder, key }) => {
    const { wipp, ict } = companionFiles(folder);
    expect(pluginKey(wipp)).toBe(key);
    expect(pluginKey(ict)).toBe(key);
  });

  it.each(companions)('links the $plugin pair as companions', ({ folder }) => {
    const { wipp, ict } = companionFiles(folder);
    expect(isCompanion(wipp, ict)).toBe(true);
  });

  it('keys BaSiC flatfield estimation apart but links the pair by image', () => {
    const folder = 'PolusAI__image-tools__regression__basic-flatfield-estimation-tool';
    const wipp = manifestOf(`${folder}__plugin.json`);
    const ict = manifestOf(`${folder}__ict.yaml`);
    expect(pluginKey(wipp)).toBe('basic-flatfield-estimation');
    expect(pluginKey(ict)).toBe('flatfield-estimation-using-basic-algorithm');
    expect(isCompanion(wipp, ict)).toBe(true);
  });

  it('does not link two WIPP manifests as companions', () => {
    const a = manifestOf('PolusAI__tools__tests__plugins__resources__g2.json');
    const b = manifestOf('PolusAI__tools__tests__plugins__resources__g3.json');
    expect(isCompanion(a, b)).toBe(false);
  });

  it.each([
    {
      case: 'different plugins with one title',
      a: 'usnistgov__WIPP-mrcnn-inference-plugin__plugin.json',
      b: 'usnistgov__WIPP-mrcnn2-inference-plugin__plugin.json',
    },
    {
      case: 'two manifests of one image',
      a: 'at1112__polus-plugins__polus-notebook-plugin__plugin_csv_to_csv.json',
      b: 'at1112__polus-plugins__polus-notebook-plugin__plugin_img_to_csv.json',
    },
  ])('keeps $case apart', ({ a, b }) => {
    expect(pluginKey(manifestOf(a))).not.toBe(pluginKey(manifestOf(b)));
  });

  it.each([
    {
      case: 'versions of one plugin across repositories',
      files: [
        'PolusAI__tools__tests__plugins__resources__omeconverter022.json',
        'PolusAI__image-tools__formats__ome-converter-tool__plugin.json',
      ],
      key: 'ome-converter',
    },
    {
      case: 'a LabShare fork and its origin',
      files: [
        'LabShare__polus-plugins-dl__polus-smp-training-plugin__plugin.json',
        'nishaq503__polus-plugins-dl__polus-smp-training-plugin__plugin.json',
      ],
      key: 'smp-training',
    },
  ])('joins $case', ({ files, key }) => {
    expect(files.map((file) => pluginKey(manifestOf(file)))).toEqual(files.map(() => key));
  });

  it.each([
    { name: 'Nyxus tool', format: 'wipp', key: 'nyxus-tool' },
    { name: 'UMAP (CUDA)', format: 'wipp', key: 'umap-cuda' },
    { name: 'cellpose-inference ', format: 'wipp', key: 'cellpose-inference' },
    { name: 'ome_zarr_autosegmentation', format: 'wipp-dict', key: 'ome-zarr-autosegmentation' },
    { name: 'wipp/wipp-3d-segmentation-plugin', format: 'wipp-polus', key: 'wipp-3d-segmentation-plugin' },
    { name: 'Demo SMP Training/Inference', format: 'wipp-polus', key: 'demo-smp-training-inference' },
    { name: 'Notebook executor (CSV->CSV)', format: 'wipp', key: 'notebook-executor-csv-csv' },
    { name: 'Détection des noyaux', format: 'wipp', key: 'detection-des-noyaux' },
  ] as const)('keys WIPP name $name as $key', ({ name, format, key }) => {
    expect(pluginKey({ format, name, title: 'ignored', containerId: 'example/ignored:1' })).toBe(key);
  });

  it('keys an ICT manifest without title by its name, split into words', () => {
    expect(
      pluginKey({
        format: 'ict',
        name: 'polusai/RTCETSAIntensityExtraction',
        title: '',
        containerId: 'x/y:1',
      }),
    ).toBe('rtcetsa-intensity-extraction');
  });

  it('falls back to the image name', () => {
    expect(
      pluginKey({
        format: 'wipp',
        name: '???',
        title: '!!!',
        containerId: 'registry.example.org:5000/lab/segmenter:1.0',
      }),
    ).toBe('segmenter');
  });
});

describe('slugify', () => {
  it.each([
    ['  Leading and trailing  ', 'leading-and-trailing'],
    ['A--B__C', 'a-b-c'],
    ['K-NN (CUDA)', 'k-nn-cuda'],
    ['Ünïcödé', 'unicode'],
    ['', ''],
  ])('turns %j into %j', (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });
});

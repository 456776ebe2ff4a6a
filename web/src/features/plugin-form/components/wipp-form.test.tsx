import type { PluginInput, UiField } from '@assay/api/contract';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { WippForm, type WippFormManifest } from './wipp-form';

function input(name: string, type: string, extra: Partial<PluginInput> = {}): PluginInput {
  return { name, type, originalType: type, description: '', required: false, ...extra };
}

function field(name: string, title: string, extra: Partial<UiField> = {}): UiField {
  return { key: `inputs.${name}`, input: name, title, ...extra };
}

// Inputs, ui entries, fieldsets and conditions of usnistgov/WIPP-unet-train-plugin plugin.json, in normalised form.
const unetTrain: WippFormManifest = {
  inputs: [
    input('imageDir', 'collection', { required: true }),
    input('useTiling', 'enum', { required: true, default: 'NO', options: ['NO', 'YES'] }),
    input('tileSize', 'number', { default: 256 }),
    input('useAugmentation', 'enum', { default: 'NO', options: ['NO', 'YES'] }),
    input('augmentationRotation', 'enum', { options: ['NO', 'YES'] }),
  ],
  ui: [
    field('imageDir', 'Image Collection: '),
    field('useTiling', 'Tile Input Images: '),
    field('tileSize', 'Tile Size: ', {
      conditionText: "model.inputs.useTiling=='YES'",
      condition: { kind: 'equals', input: 'useTiling', values: ['YES'], negate: false },
    }),
    field('useAugmentation', 'Use Data Augmentation: '),
    field('augmentationRotation', 'Use Rotation Augmentation: ', {
      conditionText: "model.inputs.useAugmentation=='YES'",
      condition: { kind: 'equals', input: 'useAugmentation', values: ['YES'], negate: false },
    }),
  ],
  fieldsets: [
    { title: '-- Input images --', fields: ['imageDir'] },
    { title: '-- Data Configuration --', fields: ['useTiling', 'tileSize'] },
    { title: '-- Training Configuration --', fields: ['useAugmentation', 'augmentationRotation'] },
  ],
};

// The `or` dialect of PolusAI k-means clustering: model.inputs.methods==Elbow or model.inputs.methods==CalinskiHarabasz.
const clustering: WippFormManifest = {
  inputs: [
    input('methods', 'enum', { options: ['Elbow', 'CalinskiHarabasz', 'Manual'], default: 'Manual' }),
    input('maximumrange', 'integer'),
    input('numofclus', 'integer'),
  ],
  ui: [
    field('methods', 'Select Methods'),
    field('maximumrange', 'Enter maximum k-value', {
      conditionText: 'model.inputs.methods==Elbow or model.inputs.methods==CalinskiHarabasz',
      condition: {
        kind: 'or',
        terms: [
          { kind: 'equals', input: 'methods', values: ['Elbow'], negate: false },
          { kind: 'equals', input: 'methods', values: ['CalinskiHarabasz'], negate: false },
        ],
      },
    }),
    field('numofclus', 'Enter number of clusters', {
      conditionText: "model.inputs.methods!='Elbow'",
      condition: { kind: 'equals', input: 'methods', values: ['Elbow', 'CalinskiHarabasz'], negate: true },
    }),
  ],
};

describe('WippForm', () => {
  it('applies defaults to the fields', () => {
    render(<WippForm manifest={unetTrain} />);

    expect(screen.getByLabelText(/Tile Input Images/)).toHaveValue('NO');
    expect(screen.getByLabelText(/Use Data Augmentation/)).toHaveValue('NO');
  });

  it('hides fields whose condition is false', () => {
    render(<WippForm manifest={unetTrain} />);

    expect(screen.queryByLabelText(/Tile Size/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Use Rotation Augmentation/)).not.toBeInTheDocument();
  });

  it('shows a field when the user meets its condition', async () => {
    const user = userEvent.setup();
    render(<WippForm manifest={unetTrain} />);

    await user.selectOptions(screen.getByLabelText(/Tile Input Images/), 'YES');

    expect(screen.getByLabelText(/Tile Size/)).toHaveValue(256);
    expect(screen.queryByLabelText(/Use Rotation Augmentation/)).not.toBeInTheDocument();
  });

  it('hides the field again when the value changes back', async () => {
    const user = userEvent.setup();
    render(<WippForm manifest={unetTrain} />);

    await user.selectOptions(screen.getByLabelText(/Use Data Augmentation/), 'YES');
    expect(screen.getByLabelText(/Use Rotation Augmentation/)).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText(/Use Data Augmentation/), 'NO');
    expect(screen.queryByLabelText(/Use Rotation Augmentation/)).not.toBeInTheDocument();
  });

  it('renders fieldsets in manifest order', () => {
    render(<WippForm manifest={unetTrain} />);

    const groups = screen.getAllByRole('group', { name: /^--/ });
    const legends = groups.map((group) => group.querySelector('legend')?.textContent);
    expect(legends).toEqual([
      '-- Input images --',
      '-- Data Configuration --',
      '-- Training Configuration --',
    ]);
  });

  it.each([
    { method: 'Elbow', maximumShown: true, clustersShown: false },
    { method: 'CalinskiHarabasz', maximumShown: true, clustersShown: false },
    { method: 'Manual', maximumShown: false, clustersShown: true },
  ])('evaluates or and negated conditions for $method', async ({ method, maximumShown, clustersShown }) => {
    const user = userEvent.setup();
    render(<WippForm manifest={clustering} />);

    await user.selectOptions(screen.getByLabelText(/Select Methods/), method);

    expect(screen.queryByLabelText(/maximum k-value/) !== null).toBe(maximumShown);
    expect(screen.queryByLabelText(/number of clusters/) !== null).toBe(clustersShown);
  });

  it('always shows a field whose condition could not be parsed', () => {
    const manifest: WippFormManifest = {
      inputs: [input('a', 'string'), input('b', 'string')],
      ui: [field('a', 'Field A'), field('b', 'Field B', { conditionText: 'model.inputs.a.startsWith("x")' })],
    };

    render(<WippForm manifest={manifest} />);

    expect(screen.getByLabelText('Field B')).toBeInTheDocument();
    expect(screen.getByText(/could not read its condition/)).toBeInTheDocument();
  });

  it('lists the fields hidden by conditions', () => {
    render(<WippForm manifest={unetTrain} />);

    expect(screen.getByText('2 fields are hidden by their conditions')).toBeInTheDocument();
  });

  it('disables the run button', () => {
    render(<WippForm manifest={unetTrain} />);

    expect(screen.getByRole('button', { name: 'Run plugin' })).toBeDisabled();
  });
});

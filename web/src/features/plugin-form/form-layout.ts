import type { NormalisedManifest, PluginInput, UiField } from '@assay/api/contract';

/** One group of the rendered form: a titled fieldset, or the untitled list of all fields when the manifest has no fieldsets. */
export interface FormGroup {
  title?: string;
  fields: UiField[];
}

/** Checks whether a fieldset entry names this field. WIPP manifests list input names, and some write the full `inputs.x` key. */
function fieldsetNamesField(entry: string, field: UiField): boolean {
  return entry === field.input || entry === field.key || `inputs.${entry}` === field.key;
}

/**
 * Groups the form's visible fields as WIPP renders them: in fieldset order when the manifest
 * has fieldsets, otherwise in `ui` order. Fields that no fieldset lists are appended in a last
 * group, so no field of the manifest disappears from the preview.
 */
export function groupFields(manifest: Pick<NormalisedManifest, 'ui' | 'fieldsets'>): FormGroup[] {
  const fields = manifest.ui.filter((field) => !field.hidden);
  const fieldsets = manifest.fieldsets ?? [];
  if (fieldsets.length === 0) return fields.length > 0 ? [{ fields }] : [];

  const placed = new Set<UiField>();
  const groups: FormGroup[] = [];
  for (const fieldset of fieldsets) {
    const members: UiField[] = [];
    for (const entry of fieldset.fields) {
      const field = fields.find(
        (candidate) => !placed.has(candidate) && fieldsetNamesField(entry, candidate),
      );
      if (!field) continue;
      placed.add(field);
      members.push(field);
    }
    if (members.length > 0) groups.push({ title: fieldset.title, fields: members });
  }

  const rest = fields.filter((field) => !placed.has(field));
  if (rest.length > 0) groups.push({ title: 'Fields in no fieldset', fields: rest });
  return groups;
}

export function findInput(inputs: PluginInput[], field: UiField): PluginInput | undefined {
  if (field.input === undefined) return undefined;
  return inputs.find((input) => input.name === field.input);
}

/** Reads a form value as a checkbox state; manifests write boolean defaults as `true`, `"true"` or Python's `"True"`. */
export function isChecked(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/** Turns a form value into the text of a text, number or select field. */
export function toFieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Turns a form value into the selected items of a multi-select field. */
export function toSelectedItems(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => toFieldText(item));
  if (typeof value === 'string' && value !== '') return value.split(',').map((item) => item.trim());
  return [];
}

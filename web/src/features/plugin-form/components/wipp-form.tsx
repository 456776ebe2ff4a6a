import { applyDefaults, evaluateCondition, type NormalisedManifest, type UiField } from '@assay/api/contract';
import { useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { MutedText, Panel } from '@/components/ui/panel';
import { findInput, groupFields } from '../form-layout';
import { FormField } from './form-field';

/** Checks whether WIPP shows the field for these values. A condition that Assay could not parse never hides a field. */
function isShown(field: UiField, values: Record<string, unknown>): boolean {
  return field.condition === undefined || evaluateCondition(field.condition, values);
}

/** Returns the field's title without the trailing colon that many manifests add (`"Tile Size: "`). */
function fieldName(field: UiField): string {
  return field.title.replace(/[\s:]+$/, '') || field.input || field.key;
}

export type WippFormManifest = Pick<NormalisedManifest, 'inputs' | 'ui' | 'fieldsets'>;

/**
 * The plugin's form as WIPP renders it: fieldsets, defaults applied, and fields shown or hidden
 * live by their conditions as the user changes values. Submitting is disabled because Assay
 * does not run plugins. Render it with a `key` per version so values reset when the manifest changes.
 */
export function WippForm({ manifest }: { manifest: WippFormManifest }) {
  const [values, setValues] = useState<Record<string, unknown>>(() => applyDefaults(manifest));
  const noteId = useId();
  const groups = groupFields(manifest);
  const hiddenByCondition = groups
    .flatMap((group) => group.fields)
    .filter((field) => !isShown(field, values));

  function setValue(field: UiField, value: unknown) {
    if (field.input === undefined) return;
    const name = field.input;
    setValues((previous) => ({ ...previous, [name]: value }));
  }

  return (
    <Panel title="Form preview">
      {groups.length === 0 ? (
        <MutedText>The manifest defines no form fields.</MutedText>
      ) : (
        <form aria-label="Form preview" onSubmit={(event) => event.preventDefault()} className="space-y-6">
          {groups.map((group, groupIndex) => {
            const shown = group.fields.filter((field) => isShown(field, values));
            const fields = shown.map((field, index) => (
              <FormField
                key={`${index}-${field.key}`}
                field={field}
                input={findInput(manifest.inputs, field)}
                value={field.input === undefined ? undefined : values[field.input]}
                onChange={(value) => setValue(field, value)}
              />
            ));
            if (group.title === undefined) {
              return (
                <div key={groupIndex} className="space-y-4">
                  {fields}
                </div>
              );
            }
            return (
              <fieldset
                key={groupIndex}
                className="space-y-4 rounded-md border border-slate-200 p-3 dark:border-slate-700"
              >
                <legend className="px-1 text-sm font-semibold">{group.title}</legend>
                {shown.length === 0 ? (
                  <MutedText>All fields of this group are hidden by their conditions.</MutedText>
                ) : (
                  fields
                )}
              </fieldset>
            );
          })}

          {hiddenByCondition.length > 0 && (
            <details className="text-sm">
              <summary className="cursor-pointer text-slate-700 dark:text-slate-300">
                {hiddenByCondition.length === 1
                  ? '1 field is hidden by its condition'
                  : `${hiddenByCondition.length} fields are hidden by their conditions`}
              </summary>
              <ul className="mt-2 list-disc space-y-1 pl-5">
                {hiddenByCondition.map((field, index) => (
                  <li key={`${index}-${field.key}`}>
                    {fieldName(field)}, shown when{' '}
                    <code className="font-mono text-xs">{field.conditionText}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}

          <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
            <Button type="submit" variant="primary" disabled aria-describedby={noteId}>
              Run plugin
            </Button>
            <p id={noteId} className="text-sm text-slate-600 dark:text-slate-400">
              Assay does not run plugins. This preview shows the form as WIPP renders it, with conditions
              applied.
            </p>
          </div>
        </form>
      )}
    </Panel>
  );
}

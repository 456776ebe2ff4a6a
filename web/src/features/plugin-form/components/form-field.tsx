import type { PluginInput, UiField } from '@assay/api/contract';
import { useId, type ReactNode } from 'react';
import { focusRing } from '@/components/ui/button';
import { isChecked, toFieldText, toSelectedItems } from '../form-layout';

const controlClasses = `w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950 ${focusRing}`;

// WIPP data types are chosen from WIPP's own data store, so the preview can only show a text field for them.
const dataTypes = new Set([
  'collection',
  'csvCollection',
  'stitchingVector',
  'tensorflowModel',
  'pyramid',
  'pyramidAnnotation',
  'notebook',
  'genericData',
]);

export interface FormFieldProps {
  field: UiField;
  input: PluginInput | undefined;
  value: unknown;
  onChange: (value: unknown) => void;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
      {children}
    </p>
  );
}

function Notes({ field, input }: { field: UiField; input: PluginInput | undefined }) {
  return (
    <>
      {field.conditionText && field.condition && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          Shown when <code className="font-mono">{field.conditionText}</code>
        </p>
      )}
      {field.conditionText && !field.condition && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
          Always shown: Assay could not read its condition{' '}
          <code className="font-mono">{field.conditionText}</code>
        </p>
      )}
      {field.generated && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          The manifest has no ui entry for this input; Assay added the field.
        </p>
      )}
      {!input && field.input && (
        <p className="mt-1 text-xs text-amber-800 dark:text-amber-300">
          The manifest has no input named <code className="font-mono">{field.input}</code>.
        </p>
      )}
    </>
  );
}

/** One field of the WIPP form preview, with the control that WIPP uses for the input's type. */
export function FormField({ field, input, value, onChange }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const type = input?.type ?? 'string';
  const required = input?.required ?? false;
  const describedBy = field.description ? hintId : undefined;
  const label = (
    <>
      {field.title || field.input || field.key}
      {required && <span className="text-red-700 dark:text-red-400"> (required)</span>}
    </>
  );

  if (type === 'boolean') {
    return (
      <div>
        <div className="flex items-start gap-2">
          <input
            id={id}
            type="checkbox"
            checked={isChecked(value)}
            onChange={(event) => onChange(event.target.checked)}
            aria-describedby={describedBy}
            className={`mt-0.5 size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
          />
          <label htmlFor={id} className="text-sm font-medium">
            {label}
          </label>
        </div>
        {field.description && <Hint id={hintId}>{field.description}</Hint>}
        <Notes field={field} input={input} />
      </div>
    );
  }

  if (type === 'array' && input?.options && input.options.length > 0) {
    const selected = toSelectedItems(value);
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="text-sm font-medium">{label}</legend>
        {field.description && <Hint id={hintId}>{field.description}</Hint>}
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {input.options.map((option) => (
            <label key={option} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                checked={selected.includes(option)}
                onChange={() =>
                  onChange(
                    selected.includes(option)
                      ? selected.filter((item) => item !== option)
                      : [...selected, option],
                  )
                }
                className={`size-4 accent-blue-700 dark:accent-sky-400 ${focusRing}`}
              />
              {option}
            </label>
          ))}
        </div>
        <Notes field={field} input={input} />
      </fieldset>
    );
  }

  let control: ReactNode;
  if (type === 'enum' && input?.options && input.options.length > 0) {
    const text = toFieldText(value);
    control = (
      <select
        id={id}
        value={text}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-required={required}
        className={controlClasses}
      >
        {!input.options.includes(text) && <option value={text}>{text === '' ? 'Choose…' : text}</option>}
        {input.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    const numeric = type === 'number' || type === 'integer';
    let step: number | 'any' | undefined;
    if (type === 'integer') step = 1;
    else if (numeric) step = 'any';
    control = (
      <input
        id={id}
        type={numeric ? 'number' : 'text'}
        step={step}
        value={toFieldText(value)}
        onChange={(event) => onChange(event.target.value)}
        placeholder={field.placeholder ?? (dataTypes.has(type) ? `Chosen from WIPP ${type} data` : undefined)}
        aria-describedby={describedBy}
        aria-required={required}
        className={controlClasses}
      />
    );
  }

  return (
    <div>
      <div className="mb-1 flex flex-wrap items-baseline gap-x-2">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {input && <span className="font-mono text-xs text-slate-600 dark:text-slate-400">{type}</span>}
      </div>
      {control}
      {field.description && <Hint id={hintId}>{field.description}</Hint>}
      <Notes field={field} input={input} />
    </div>
  );
}

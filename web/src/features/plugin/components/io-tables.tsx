import type { PluginInput, PluginOutput } from '@assay/api/contract';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { MutedText, Panel } from '@/components/ui/panel';
import { ScrollRegion } from '@/components/ui/scroll-region';

/** Formats a default value for a table cell; objects and arrays as compact JSON. */
export function formatDefault(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function TypeCell({ type, originalType }: { type: string; originalType: string }) {
  return (
    <>
      <code className="font-mono text-xs">{type}</code>
      {originalType !== type && (
        <span className="block text-xs text-slate-600 dark:text-slate-400">
          written as <code className="font-mono">{originalType}</code>
        </span>
      )}
    </>
  );
}

// Below the md breakpoint each row becomes a card: cells stack and show their column name before the value.
const rowClasses =
  'max-md:block max-md:border-t max-md:border-slate-200 max-md:py-2 max-md:dark:border-slate-800';
const cell =
  'border-t border-slate-200 px-3 py-2 align-top dark:border-slate-800 max-md:flex max-md:gap-3 max-md:border-0 max-md:px-0 max-md:py-0.5 max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:font-semibold max-md:before:text-slate-600 max-md:before:content-[attr(data-label)] max-md:dark:before:text-slate-400 max-md:empty:hidden';
const nameCell = `${cell} text-left font-mono text-xs font-medium whitespace-nowrap max-md:whitespace-normal max-md:break-all max-md:before:hidden`;
const headCell =
  'px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase dark:text-slate-400';

function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <ScrollRegion label={`${caption} table`}>
      <table className="w-full border-collapse text-sm max-md:block">
        <caption className="sr-only">{caption}</caption>
        <thead className="max-md:sr-only">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className={headCell}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="max-md:block">{children}</tbody>
      </table>
    </ScrollRegion>
  );
}

export function InputsTable({ inputs }: { inputs: PluginInput[] }) {
  return (
    <Panel title="Inputs" aside={<Badge>{inputs.length}</Badge>}>
      {inputs.length === 0 ? (
        <MutedText>This plugin declares no inputs.</MutedText>
      ) : (
        <Table caption="Inputs" headers={['Name', 'Type', 'Required', 'Description', 'Default']}>
          {inputs.map((input, index) => (
            <tr key={`${index}-${input.name}`} className={rowClasses}>
              <th scope="row" className={nameCell}>
                {input.name}
              </th>
              <td data-label="Type" className={cell}>
                <span>
                  <TypeCell type={input.type} originalType={input.originalType} />
                  {input.options && input.options.length > 0 && (
                    <span className="mt-1 block text-xs text-slate-600 dark:text-slate-400">
                      one of {input.options.join(', ')}
                    </span>
                  )}
                </span>
              </td>
              <td data-label="Required" className={cell}>
                {input.required ? 'Yes' : 'No'}
              </td>
              <td data-label="Description" className={`${cell} whitespace-pre-line`}>
                {input.description}
              </td>
              <td data-label="Default" className={`${cell} font-mono text-xs break-all`}>
                {formatDefault(input.default)}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Panel>
  );
}

export function OutputsTable({ outputs }: { outputs: PluginOutput[] }) {
  return (
    <Panel title="Outputs" aside={<Badge>{outputs.length}</Badge>}>
      {outputs.length === 0 ? (
        <MutedText>This plugin declares no outputs.</MutedText>
      ) : (
        <Table caption="Outputs" headers={['Name', 'Type', 'Description']}>
          {outputs.map((output, index) => (
            <tr key={`${index}-${output.name}`} className={rowClasses}>
              <th scope="row" className={nameCell}>
                {output.name}
              </th>
              <td data-label="Type" className={cell}>
                <span>
                  <TypeCell type={output.type} originalType={output.originalType} />
                </span>
              </td>
              <td data-label="Description" className={`${cell} whitespace-pre-line`}>
                {output.description}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Panel>
  );
}

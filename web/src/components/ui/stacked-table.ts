/**
 * Classes for a table that becomes a list of cards below the `md` breakpoint (768 px). Each row is a
 * card, and each cell stacks under the previous one with its column name before the value, read from
 * the cell's `data-label` attribute. The header row stays for screen readers only.
 *
 * Usage: `<table className={stackedTable.table}>`, `<thead className={stackedTable.head}>`,
 * `<tbody className={stackedTable.body}>`, `<tr className={stackedTable.row}>` and
 * `<td data-label="Actor" className={stackedTable.cell}>`. A row header cell that names the card
 * (`<th scope="row">`) takes `stackedTable.titleCell`, which shows no label.
 */
export const stackedTable = {
  table: 'w-full border-collapse text-sm max-md:block',
  head: 'max-md:sr-only',
  body: 'max-md:block',
  row: 'align-top max-md:block max-md:border-t max-md:border-slate-200 max-md:py-2 max-md:dark:border-slate-800',
  headCell:
    'border-b border-slate-200 px-3 py-1 text-left text-xs font-medium text-slate-600 first:pl-0 dark:border-slate-700 dark:text-slate-400',
  cell: 'border-t border-slate-100 px-3 py-2 align-top first:pl-0 dark:border-slate-800 max-md:flex max-md:min-w-0 max-md:items-baseline max-md:gap-3 max-md:border-0 max-md:px-0 max-md:py-0.5 max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:font-sans max-md:before:font-semibold max-md:before:text-slate-600 max-md:before:content-[attr(data-label)] max-md:dark:before:text-slate-400 max-md:empty:hidden',
  titleCell:
    'border-t border-slate-100 px-3 py-2 text-left align-top first:pl-0 dark:border-slate-800 max-md:block max-md:border-0 max-md:px-0 max-md:py-0.5',
} as const;

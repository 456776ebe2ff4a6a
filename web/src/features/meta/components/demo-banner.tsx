import { useMeta } from '../api/get-meta';

/** Shown on every page while the API serves the embedded demo data set. */
export function DemoBanner() {
  const { data } = useMeta();
  if (!data?.demo) return null;
  return (
    <section
      aria-label="Demo data"
      className="border-b border-amber-300 bg-amber-100 px-4 py-2 text-center text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <strong className="font-semibold">Demo data.</strong> The plugins, images, signatures and scan results
      here are samples for trying Assay, not facts about real images.
    </section>
  );
}

/** Read-only star rating, announced as "4 out of 5 stars". */
export function Stars({ value, size = 'sm' }: { value: number; size?: 'sm' | 'lg' }) {
  const rounded = Math.round(value);
  return (
    <span
      role="img"
      aria-label={`${Number.isInteger(value) ? value : value.toFixed(1)} out of 5 stars`}
      className={`inline-flex ${size === 'lg' ? 'text-xl' : 'text-sm'} leading-none`}
    >
      {[1, 2, 3, 4, 5].map((star) => (
        <span
          key={star}
          aria-hidden="true"
          className={
            star <= rounded ? 'text-amber-600 dark:text-amber-400' : 'text-slate-300 dark:text-slate-600'
          }
        >
          ★
        </span>
      ))}
    </span>
  );
}

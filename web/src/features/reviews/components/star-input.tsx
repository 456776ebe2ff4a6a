import { useId } from 'react';

const labels = ['1 star: poor', '2 stars: fair', '3 stars: good', '4 stars: very good', '5 stars: excellent'];

/**
 * Star rating as a native radio group, so arrow keys move between stars, Space selects, and screen
 * readers announce each choice; the stars are only the visual form of the radio buttons.
 */
export function StarInput({
  value,
  onChange,
  legend = 'Your rating',
}: {
  value: number | undefined;
  onChange: (stars: number) => void;
  legend?: string;
}) {
  const name = useId();
  return (
    <fieldset>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="mt-1 flex gap-1">
        {labels.map((label, index) => {
          const star = index + 1;
          const filled = value !== undefined && star <= value;
          return (
            <label key={star} className="relative cursor-pointer">
              <input
                type="radio"
                name={name}
                value={star}
                checked={value === star}
                onChange={() => onChange(star)}
                className="peer absolute inset-0 m-0 cursor-pointer opacity-0"
                aria-label={label}
              />
              <span
                aria-hidden="true"
                className={`block rounded px-0.5 text-2xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-blue-600 dark:peer-focus-visible:outline-sky-400 ${
                  filled
                    ? 'text-amber-600 dark:text-amber-400'
                    : 'text-slate-300 hover:text-amber-400 dark:text-slate-600'
                }`}
              >
                ★
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

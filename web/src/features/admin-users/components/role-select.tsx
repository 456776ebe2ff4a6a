import type { AccountRole } from '@assay/api/contract';
import { useId } from 'react';
import { inputClasses } from '@/components/ui/text-field';

export function RoleSelect({
  label,
  value,
  onChange,
  disabled,
  hideLabel = false,
}: {
  label: string;
  value: AccountRole;
  onChange: (role: AccountRole) => void;
  disabled?: boolean;
  hideLabel?: boolean;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'block text-sm font-medium'}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as AccountRole)}
        // The minimum width keeps the chosen role readable where a table squeezes the cell.
        className={`${hideLabel ? '' : 'mt-1'} ${inputClasses} w-auto min-w-28`}
      >
        <option value="reviewer">Reviewer</option>
        <option value="admin">Admin</option>
      </select>
    </div>
  );
}

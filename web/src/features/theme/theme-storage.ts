export type Theme = 'light' | 'dark';

// public/theme-init.js reads the same key before React starts.
export const themeStorageKey = 'assay.theme';

/** Returns the theme the user chose earlier, or undefined when they never chose (the system preference applies). */
export function readStoredTheme(storage: Pick<Storage, 'getItem'> | undefined): Theme | undefined {
  try {
    const value = storage?.getItem(themeStorageKey);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function storeTheme(storage: Pick<Storage, 'setItem'> | undefined, theme: Theme): void {
  try {
    storage?.setItem(themeStorageKey, theme);
  } catch {
    // Storage disabled or full: the choice lasts for this page only.
  }
}

export function applyTheme(root: HTMLElement, theme: Theme): void {
  root.classList.toggle('dark', theme === 'dark');
  root.style.colorScheme = theme;
}

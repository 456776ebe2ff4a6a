import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { applyTheme, readStoredTheme, storeTheme, type Theme } from '../theme-storage';

interface ThemeContextValue {
  theme: Theme;
  /** Whether the theme follows the operating system because the user has not chosen one. */
  followsSystem: boolean;
  setTheme: (theme: Theme) => void;
}

const ThemeContext = createContext<ThemeContextValue | undefined>(undefined);

const darkQuery = '(prefers-color-scheme: dark)';

function subscribeToSystemTheme(onChange: () => void): () => void {
  const media = window.matchMedia(darkQuery);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function readSystemTheme(): Theme {
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const systemTheme = useSyncExternalStore(subscribeToSystemTheme, readSystemTheme, () => 'light' as const);
  const [chosen, setChosen] = useState<Theme | undefined>(() => readStoredTheme(localStorageOrUndefined()));
  const theme = chosen ?? systemTheme;

  useEffect(() => {
    applyTheme(document.documentElement, theme);
  }, [theme]);

  const value: ThemeContextValue = {
    theme,
    followsSystem: chosen === undefined,
    setTheme: (next) => {
      storeTheme(localStorageOrUndefined(), next);
      setChosen(next);
    },
  };
  return <ThemeContext value={value}>{children}</ThemeContext>;
}

export function useTheme(): ThemeContextValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme must be called inside <ThemeProvider>.');
  return value;
}

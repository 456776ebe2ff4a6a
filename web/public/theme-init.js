// Applies the stored or system colour theme before React starts. Keep in sync with src/features/theme/theme-storage.ts.
/* global window, document */
(function () {
  var stored = null;
  try {
    stored = window.localStorage.getItem('assay.theme');
  } catch {
    // Storage can be disabled by the browser; the system preference applies then.
  }
  var dark =
    stored === 'dark' || (stored !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
})();

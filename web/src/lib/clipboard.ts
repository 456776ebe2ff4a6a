/** Copies text to the clipboard; rejects when the browser refuses (insecure origin, denied permission). */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) {
    throw new Error(
      'The clipboard is only available on HTTPS pages and on localhost. Select the text and copy it.',
    );
  }
  await navigator.clipboard.writeText(text);
}

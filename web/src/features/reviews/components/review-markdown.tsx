import Markdown, { type Components } from 'react-markdown';
import { toSafeHttpUrl } from '@/lib/safe-url';

// The subset a review needs. Raw HTML in the text is never parsed as HTML (react-markdown escapes it
// without rehype-raw), other elements are unwrapped to their text, and links keep only http(s) URLs.
const allowedElements = ['p', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a', 'br', 'hr'];

// Each block takes its direction from its own first strong character, so a Hebrew paragraph reads
// right to left inside an English review, and `dir` isolates it from the blocks around it.
const components: Components = {
  p: ({ children }) => <p dir="auto">{children}</p>,
  li: ({ children }) => <li dir="auto">{children}</li>,
  blockquote: ({ children }) => <blockquote dir="auto">{children}</blockquote>,
  a: ({ href, children }) =>
    // urlTransform blanks every URL that is not http(s); such a link is shown as its text.
    !href ? (
      <span>{children}</span>
    ) : (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-blue-700 underline underline-offset-2 dark:text-sky-300"
      >
        {children}
      </a>
    ),
};

/**
 * Renders review Markdown as text. The `dir` attribute makes the review a bidirectional isolate (HTML's
 * default style for `[dir]` blocks is `unicode-bidi: isolate`), so its direction controls cannot reorder
 * the page around it.
 */
export function ReviewMarkdown({ text }: { text: string }) {
  return (
    <div
      dir="auto"
      className="review-text space-y-2 text-sm break-words text-slate-800 dark:text-slate-200 [&_blockquote]:border-l-4 [&_blockquote]:pl-3 [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5"
    >
      <Markdown
        allowedElements={allowedElements}
        unwrapDisallowed
        urlTransform={(url) => toSafeHttpUrl(url) ?? ''}
        components={components}
      >
        {text}
      </Markdown>
    </div>
  );
}

import { Button, focusRing } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { Panel } from '@/components/ui/panel';
import { toBibtex, bibtexKey } from '../lib/bibtex';
import { formatCitationText, type SoftwareCitation } from '../lib/citation';

function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the object URL is no longer needed afterwards.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

export interface CitationPanelProps {
  citation: SoftwareCitation;
  /** The manifest's own `citation` field; real manifests put the method's paper or a DOI link there. */
  manifestCitation?: string;
}

export function CitationPanel({ citation, manifestCitation }: CitationPanelProps) {
  const text = formatCitationText(citation);
  const bibtex = toBibtex(citation);
  return (
    <Panel title="Citation">
      <div className="space-y-4 text-sm">
        <div>
          <h3 className="mb-1 font-medium">This plugin version</h3>
          <p className="break-words text-slate-700 dark:text-slate-300">{text}</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <CopyButton text={text} label="Copy citation">
              Copy citation
            </CopyButton>
            <Button
              size="sm"
              onClick={() => downloadText(`${bibtexKey(citation)}.bib`, bibtex, 'application/x-bibtex')}
            >
              Download BibTeX
            </Button>
          </div>
          <details className="mt-2">
            <summary className="cursor-pointer text-slate-700 dark:text-slate-300">Show BibTeX</summary>
            <pre
              tabIndex={0}
              aria-label="BibTeX entry"
              className={`mt-2 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950 ${focusRing}`}
            >
              {bibtex}
            </pre>
            <CopyButton text={bibtex} label="Copy BibTeX">
              Copy BibTeX
            </CopyButton>
          </details>
          {citation.year === undefined && (
            <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              No year: the manifest has no date and the image’s creation time is unknown.
            </p>
          )}
        </div>
        {manifestCitation?.trim() && (
          <div>
            <h3 className="mb-1 font-medium">Cited by the manifest</h3>
            <blockquote className="border-l-4 border-slate-300 pl-3 break-words whitespace-pre-line text-slate-700 dark:border-slate-600 dark:text-slate-300">
              {manifestCitation.trim()}
            </blockquote>
            <div className="mt-2">
              <CopyButton text={manifestCitation.trim()} label="Copy the manifest’s citation">
                Copy
              </CopyButton>
            </div>
          </div>
        )}
      </div>
    </Panel>
  );
}

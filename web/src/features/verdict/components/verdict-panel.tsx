import { MutedText, Panel } from '@/components/ui/panel';

export interface VerdictPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

// TODO: replace with the trust verdict and its reasons once the API serves them.
export function VerdictPanel(_props: VerdictPanelProps) {
  return (
    <Panel title="Verdict">
      <MutedText>Not available yet.</MutedText>
    </Panel>
  );
}

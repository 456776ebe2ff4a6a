import { MutedText, Panel } from '@/components/ui/panel';

export interface VulnerabilitiesPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

// TODO: replace with the scan reports and findings for the digest once the API serves them.
export function VulnerabilitiesPanel(_props: VulnerabilitiesPanelProps) {
  return (
    <Panel title="Vulnerabilities">
      <MutedText>Not available yet.</MutedText>
    </Panel>
  );
}

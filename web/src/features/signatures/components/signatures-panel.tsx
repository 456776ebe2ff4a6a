import { MutedText, Panel } from '@/components/ui/panel';

export interface SignaturesPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

// TODO: replace with the image's signatures, their signers and verification results once the API serves them.
export function SignaturesPanel(_props: SignaturesPanelProps) {
  return (
    <Panel title="Signatures">
      <MutedText>Not available yet.</MutedText>
    </Panel>
  );
}

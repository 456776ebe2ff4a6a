import { MutedText, Panel } from '@/components/ui/panel';

export interface ReviewsPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

// TODO: replace with the reviews of this version and the rating form once the API serves them.
export function ReviewsPanel(_props: ReviewsPanelProps) {
  return (
    <Panel title="Reviews">
      <MutedText>Not available yet.</MutedText>
    </Panel>
  );
}

import type { SignatureSubject, VersionSignatures } from '@assay/api/contract';
import { SignatureStateBadge } from '@/components/signature-state-badge';
import { Callout } from '@/components/ui/callout';
import { ErrorState } from '@/components/ui/error-state';
import { MutedText, Panel } from '@/components/ui/panel';
import { Skeleton } from '@/components/ui/skeleton';
import { describeError } from '@/lib/describe-error';
import { formatTime, shortDigest } from '@/lib/format';
import { useVersionSignatures } from '../api/get-version-signatures';
import { SignatureItem } from './signature-item';

export interface SignaturesPanelProps {
  plugin: string;
  version: string;
  /** Image digest of the version; undefined when the image could not be resolved. */
  digest?: string;
}

const subjectHeadings: Record<SignatureSubject['role'], string> = {
  current: 'Current digest (what the tag points to now)',
  registered: 'Registered digest (before the tag moved)',
};

function Subject({ subject, showHeading }: { subject: SignatureSubject; showHeading: boolean }) {
  const counted = subject.signatures.filter((signature) => signature.state !== 'ignored').length;
  return (
    <section aria-label={subjectHeadings[subject.role]} className="space-y-2">
      {showHeading && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="text-sm font-semibold">{subjectHeadings[subject.role]}</h3>
          <SignatureStateBadge state={subject.state} />
        </div>
      )}
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <code title={subject.digest} className="font-mono">
          {shortDigest(subject.digest)}
        </code>
        {' · '}
        {counted === 1 ? '1 signature' : `${counted} signatures`}
      </p>
      {subject.signatures.length === 0 ? (
        <MutedText>No signature was found for this digest or its platform manifests.</MutedText>
      ) : (
        <ul className="space-y-2">
          {subject.signatures.map((signature) => (
            <li key={signature.id}>
              <SignatureItem signature={signature} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CheckStatus({ data, digest }: { data: VersionSignatures; digest: string | undefined }) {
  const checked = data.check.checkedAt ? formatTime(data.check.checkedAt) : undefined;
  if (data.check.status === 'failed') {
    return (
      <Callout tone="warning" title="The last signature check failed" role="status">
        <p>{data.check.error}</p>
        {data.subjects.length > 0 && <p>The results below are from the check before it.</p>}
      </Callout>
    );
  }
  if (data.check.status === 'not-checked') {
    return (
      <MutedText>
        {digest
          ? 'Signatures have not been checked for this digest yet. They are looked up after the image is resolved.'
          : 'The image could not be resolved, so there is no digest to check signatures for.'}
      </MutedText>
    );
  }
  if (!checked) return null;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400">
      Looked up{' '}
      <time dateTime={checked.iso} title={checked.absolute}>
        {checked.relative}
      </time>
      . Signer statuses are current.
    </p>
  );
}

/** The signatures of a plugin version: each one's signer, status, reason and the digest it covers. */
export function SignaturesPanel({ plugin, version, digest }: SignaturesPanelProps) {
  const query = useVersionSignatures(plugin, version);

  if (query.isPending) {
    return (
      <Panel title="Signatures">
        <div aria-busy="true" className="space-y-2">
          <Skeleton className="h-4 w-1/2" />
          <Skeleton className="h-16 w-full" />
        </div>
      </Panel>
    );
  }
  if (query.isError) {
    return (
      <Panel title="Signatures">
        <ErrorState text={describeError(query.error)} onRetry={() => void query.refetch()} />
      </Panel>
    );
  }

  const data = query.data;
  return (
    <Panel title="Signatures" aside={<SignatureStateBadge state={data.state} />}>
      <div id="signatures" className="scroll-mt-4 space-y-4">
        <CheckStatus data={data} digest={digest} />
        {data.subjects.map((subject) => (
          <Subject key={subject.digest} subject={subject} showHeading={data.subjects.length > 1} />
        ))}
      </div>
    </Panel>
  );
}

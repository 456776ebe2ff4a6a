import type { SignedImage } from '@assay/api/contract';
import { Link } from 'react-router';
import { TrustStateBadge } from '@/components/signature-trust-badge';
import { linkClasses } from '@/components/ui/external-link';
import { paths } from '@/config/paths';
import { shortDigest } from '@/lib/format';

/**
 * Lists every plugin version whose image carries a signature or a vulnerability attestation by this
 * signer, with its trust state.
 */
export function SignedImages({ images, truncated }: { images: SignedImage[]; truncated: boolean }) {
  if (images.length === 0) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No image carries a signature or scan attestation by this signer.
      </p>
    );
  }
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Images signed by this signer</caption>
        <thead className="text-xs text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="py-1 pr-3 font-medium">
              Plugin version
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              Image
            </th>
            <th scope="col" className="py-1 font-medium">
              Signature
            </th>
          </tr>
        </thead>
        <tbody>
          {images.map((image) => (
            <tr
              key={`${image.plugin}-${image.version}-${image.digest}`}
              className="border-t border-slate-200 align-top dark:border-slate-800"
            >
              <td className="py-2 pr-3">
                <Link to={paths.pluginVersion.build(image.plugin, image.version)} className={linkClasses}>
                  {image.pluginTitle || image.plugin} {image.version}
                </Link>
              </td>
              <td className="py-2 pr-3 font-mono text-xs break-all">
                {image.repository}
                <br />
                <span title={image.digest}>{shortDigest(image.digest)}</span>
              </td>
              <td className="py-2">
                <TrustStateBadge state={image.state} />
                {image.kind === 'attestation' && (
                  <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">scan attestation</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          Only the first 200 images are listed.
        </p>
      )}
    </div>
  );
}

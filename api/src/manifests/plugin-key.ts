import type { NormalisedManifest } from '../contract/manifest.ts';

/**
 * Returns the plugin's stable identity for URLs: a lowercase slug of letters, digits and single
 * dashes.
 *
 * WIPP manifests are keyed by `name` (`Nyxus tool` -> `nyxus-tool`), without a leading organisation
 * such as `wipp/` (`wipp/wipp-3d-segmentation-plugin` -> `wipp-3d-segmentation-plugin`).
 *
 * ICT manifests are keyed by `title`. The WIPP-to-ICT converter of foundationopenresearch/ict-spec
 * (`wipp_utils/metadata.py`) writes the ICT `name` as the image's organisation plus the WIPP title
 * without spaces (`polusai/Nyxustool`), which loses the word breaks. It writes the ICT `title` as the
 * WIPP title verbatim, and for six of the seven real ICT/plugin.json pairs that equals the WIPP name. The seventh, BaSiC flatfield estimation, has WIPP name `BaSiC
 * Flatfield Estimation` and title `Flatfield Estimation using BaSiC algorithm.`, so no rule on names
 * or titles keys both files alike without also merging different plugins that share a title (the
 * two `Mask R-CNN for nucleus segmentation` plugins); {@link isCompanion} links such pairs instead.
 */
export function pluginKey(
  manifest: Pick<NormalisedManifest, 'format' | 'name' | 'title' | 'containerId'>,
): string {
  const candidates =
    manifest.format === 'ict'
      ? [manifest.title, splitWords(withoutOrganisation(manifest.name))]
      : [withoutOrganisation(manifest.name), manifest.title];
  candidates.push(imageName(manifest.containerId));
  for (const candidate of candidates) {
    const key = slugify(candidate);
    if (key !== '') return key;
  }
  return 'plugin';
}

/**
 * Tells whether an ICT manifest and a WIPP manifest describe the same plugin: the same plugin key,
 * or the same container image reference. Pairs whose names differ (BaSiC flatfield estimation) share
 * the image; pairs whose images differ by a typo (`rt-cetsa-moltenproten-tool` against
 * `rt-cetsa-moltproten-tool`) share the key.
 */
export function isCompanion(
  a: Pick<NormalisedManifest, 'format' | 'name' | 'title' | 'containerId'>,
  b: Pick<NormalisedManifest, 'format' | 'name' | 'title' | 'containerId'>,
): boolean {
  if ((a.format === 'ict') === (b.format === 'ict')) {
    return false;
  }
  return pluginKey(a) === pluginKey(b) || a.containerId === b.containerId;
}

/** Lowercases, strips accents and joins runs of letters and digits with single dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// `org/name` as the PolusAI schema and ICT describe it: a lowercase organisation without spaces.
// `Demo SMP Training/Inference` keeps its slash because its first part is not an organisation.
function withoutOrganisation(name: string): string {
  const match = /^[a-z0-9][a-z0-9._-]*\/([^/\s][^/]*)$/.exec(name.trim());
  return match?.[1] ?? name;
}

// `RTCETSAIntensityExtraction` -> `RTCETSA Intensity Extraction`, for ICT names without a title.
function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z])([A-Z][a-z])/g, '$1 $2');
}

function imageName(reference: string): string {
  const repository = reference.split('@', 1)[0]?.replace(/:[^/:]*$/, '') ?? reference;
  return repository.slice(repository.lastIndexOf('/') + 1);
}

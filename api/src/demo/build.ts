import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NormalisedManifest } from '../contract/manifest.ts';
import { scanManifestFolder } from '../manifests/folder.ts';
import { versionSortKey } from '../catalog/version-order.ts';
import { parseImageReference } from '../registry/reference.ts';
import type { Descriptor } from '../registry/types.ts';
import { addDemoImage, type DemoImageSpec } from './images.ts';
import { LayoutWriter } from './layout-writer.ts';
import { addDemoSignatures, type DemoImage } from './signatures.ts';
import { addDemoAttestations, demoScanEpoch } from './attestations.ts';

/** The registry host the demo layout stands in for: the manifests' containerIds mostly name Docker Hub. */
export const demoRegistryHost = 'docker.io';

// Bump when the demo's content changes, so an existing data folder gets the new layout.
const demoLayoutVersion = '5';

// A few containerIds stay out of the demo registry so the demo also shows the "not found" state.
const omittedRepositories = new Set([
  'mmvihani/polus-precompute-25slide-plugin',
  'wipp/wipp-stardist-inference-plugin',
]);

export interface DemoBuildResult {
  /** The build's own folder below the root; a new build never overwrites a folder in use. */
  dir: string;
  images: number;
  rebuilt: boolean;
}

/** Returns the folder below DATA_DIR that contains the demo registry's builds, one subfolder per build. */
export function demoLayoutRoot(dataDir: string): string {
  return path.join(dataDir, 'demo-layout');
}

function specsFromManifests(manifests: NormalisedManifest[]): DemoImageSpec[] {
  const specs = new Map<string, DemoImageSpec>();
  for (const manifest of manifests) {
    let reference;
    try {
      reference = parseImageReference(manifest.containerId);
    } catch {
      continue;
    }
    if (
      reference.registry !== demoRegistryHost ||
      !reference.tag ||
      omittedRepositories.has(reference.repository)
    )
      continue;
    const key = `${reference.repository}:${reference.tag}`;
    if (specs.has(key)) continue;
    specs.set(key, {
      repository: reference.repository,
      tag: reference.tag,
      title: manifest.title,
      version: manifest.version,
      description: manifest.description,
      ...(manifest.repository ? { source: manifest.repository } : {}),
      // Every third image is multi-platform, chosen by order so the demo is the same on every build.
      multiPlatform: specs.size % 3 === 0,
    });
  }
  return [...specs.values()].sort((a, b) =>
    `${a.repository}:${a.tag}`.localeCompare(`${b.repository}:${b.tag}`),
  );
}

/**
 * Builds the demo OCI image layout from the manifests in `manifestDir` into a subfolder of `root`
 * named after what it is built from: one small synthetic image per distinct containerId, with
 * deterministic image bytes. A build whose folder exists already is reused. The scans are dated
 * relative to `now`, and the build changes once a day (see `demoScanEpoch`).
 */
export async function buildDemoLayout(
  manifestDir: string,
  root: string,
  now: Date = new Date(),
): Promise<DemoBuildResult> {
  const manifests: NormalisedManifest[] = [];
  for await (const { result } of scanManifestFolder(manifestDir)) {
    if (result.ok) manifests.push(result.manifest);
  }
  const specs = specsFromManifests(manifests);
  const stamp = JSON.stringify({ demoLayoutVersion, specs, scanEpoch: demoScanEpoch(now) });
  const dir = path.join(root, createHash('sha256').update(stamp).digest('hex').slice(0, 16));
  const stampFile = path.join(dir, 'assay-demo.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { dir, images: specs.length, rebuilt: false };
  }
  // Assay up to layout version 3 wrote one layout straight into the root.
  if (existsSync(path.join(root, 'oci-layout'))) rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });

  const writer = new LayoutWriter();
  const newest = new Map<string, { key: string; descriptor: Descriptor }>();
  const images: DemoImage[] = [];
  for (const spec of specs) {
    const descriptor = addDemoImage(writer, spec);
    images.push({ spec, descriptor });
    const key = versionSortKey(spec.version);
    const current = newest.get(spec.repository);
    if (!current || key > current.key) newest.set(spec.repository, { key, descriptor });
  }
  // Real repositories usually carry a moving `latest` tag, which the image panel lists among other tags.
  for (const [repository, { descriptor }] of newest) writer.tag(repository, 'latest', descriptor);
  addDemoSignatures(writer, images);
  addDemoAttestations(writer, images, now);
  writer.write(dir);
  writeFileSync(stampFile, stamp);
  return { dir, images: specs.length, rebuilt: true };
}

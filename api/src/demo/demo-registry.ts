import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createOciLayoutSource } from '../registry/oci-layout-source.ts';
import type { RegistrySource } from '../registry/types.ts';
import { buildDemoLayout, demoLayoutRoot, demoRegistryHost } from './build.ts';

// Often enough that the daily rebuild follows midnight (UTC) within the hour.
const rebuildCheckMs = 60 * 60 * 1000;

/** The demo registry: its layout as a registry source, rebuilt once a day so its scans stay fresh. */
export interface DemoRegistry {
  /** Serves the newest build as `docker.io`; it switches to a new build without a new source. */
  readonly source: RegistrySource;
  /** The folder of the build the source serves now. */
  readonly dir: string;
  /** Builds the layout again when the day changed since the last build; true when it did. */
  refresh(now: Date): Promise<boolean>;
  /** Checks every hour whether a new build is due; returns a function that stops the checks. */
  startRebuilds(logger: Logger): () => void;
}

/** Removes the builds below `root` except the named ones; a build that another read still uses stays. */
function removeOtherBuilds(root: string, keep: string[]): void {
  for (const entry of readdirSync(root)) {
    const dir = path.join(root, entry);
    if (!keep.includes(dir)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Creates a source that forwards every request to the current layout source. An OCI layout source reads its
 * index once, so a rebuilt layout needs a new one, while the registry directory keeps this object.
 */
function switchingSource(initial: RegistrySource): {
  source: RegistrySource;
  switchTo(next: RegistrySource): void;
} {
  let current = initial;
  const source: RegistrySource = {
    host: initial.host,
    kind: initial.kind,
    ping: (signal) => current.ping(signal),
    listTags: (repository, signal) => current.listTags(repository, signal),
    headManifest: (repository, reference, signal) => current.headManifest(repository, reference, signal),
    getManifest: (repository, reference, signal) => current.getManifest(repository, reference, signal),
    getBlob: (repository, descriptor, signal) => current.getBlob(repository, descriptor, signal),
    listReferrers: (repository, digest, signal) => current.listReferrers(repository, digest, signal),
  };
  return {
    source,
    switchTo(next) {
      current = next;
    },
  };
}

/**
 * Builds (or reuses) the demo layout below `DATA_DIR/demo-layout` from the manifests in `manifestDir`
 * and serves it as `docker.io`. Builds from earlier days are removed.
 */
export async function openDemoRegistry(
  manifestDir: string,
  dataDir: string,
  now: Date = new Date(),
): Promise<DemoRegistry & { images: number; rebuilt: boolean }> {
  const root = demoLayoutRoot(dataDir);
  const first = await buildDemoLayout(manifestDir, root, now);
  removeOtherBuilds(root, [first.dir]);
  const layoutSource = (dir: string) => createOciLayoutSource({ host: demoRegistryHost, dir });
  const switching = switchingSource(layoutSource(first.dir));
  let dir = first.dir;
  let building: Promise<boolean> | undefined;

  async function rebuild(at: Date): Promise<boolean> {
    const build = await buildDemoLayout(manifestDir, root, at);
    if (build.dir === dir) return false;
    const previous = dir;
    switching.switchTo(layoutSource(build.dir));
    dir = build.dir;
    // The previous build stays for reads that started before the switch; the next rebuild removes it.
    removeOtherBuilds(root, [build.dir, previous]);
    return true;
  }

  const registry = {
    source: switching.source,
    images: first.images,
    rebuilt: first.rebuilt,
    get dir() {
      return dir;
    },
    refresh(at: Date) {
      // One build at a time: a second call while one runs waits for it instead of writing the same folder.
      building ??= rebuild(at).finally(() => {
        building = undefined;
      });
      return building;
    },
    startRebuilds(logger: Logger) {
      const timer = setInterval(() => {
        registry.refresh(new Date()).then(
          (rebuilt) => {
            if (rebuilt) logger.info({ dir }, 'demo registry rebuilt with fresh scan dates');
          },
          (error: unknown) => logger.error({ err: error }, 'demo registry rebuild failed'),
        );
      }, rebuildCheckMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return registry;
}

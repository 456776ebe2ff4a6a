import { RegistryError, type RegistrySource } from './types.ts';

// Names Docker clients use for Docker Hub. An image reference may carry any of them.
const dockerHubAliases = ['docker.io', 'index.docker.io', 'registry-1.docker.io'];

/** Hosts compare case-insensitively, as DNS names do. */
function normalizeHost(host: string): string {
  return host.trim().toLowerCase();
}

/**
 * The configured registries by host. Only sources given here are ever contacted: a reference to any
 * other host gets RegistryError 'not-configured' and no request.
 */
export class RegistryDirectory {
  readonly #sources = new Map<string, RegistrySource>();
  readonly #aliases = new Map<string, string>();

  /**
   * @param sources One source per host; a repeated host throws.
   * @param aliases Extra names for a configured host, as `{ alias: host }`. Docker Hub's three names
   *   (docker.io, index.docker.io, registry-1.docker.io) are always aliases of each other.
   */
  constructor(sources: Iterable<RegistrySource>, aliases: Record<string, string> = {}) {
    for (const source of sources) {
      const host = normalizeHost(source.host);
      if (this.#sources.has(host))
        throw new Error(`Registry ${source.host} is configured twice; keep one entry per host.`);
      this.#sources.set(host, source);
    }

    const dockerHub = dockerHubAliases.find((name) => this.#sources.has(name));
    if (dockerHub !== undefined) {
      for (const alias of dockerHubAliases)
        if (!this.#sources.has(alias)) this.#aliases.set(alias, dockerHub);
    }
    for (const [alias, host] of Object.entries(aliases)) {
      if (!this.#sources.has(normalizeHost(host))) {
        throw new Error(`Registry alias ${alias} points to ${host}, which is not a configured registry.`);
      }
      this.#aliases.set(normalizeHost(alias), normalizeHost(host));
    }
  }

  /** Finds the source for `host` or one of its aliases; returns undefined when no such registry is configured. */
  find(host: string): RegistrySource | undefined {
    const name = normalizeHost(host);
    return this.#sources.get(name) ?? this.#sources.get(this.#aliases.get(name) ?? '');
  }

  /** Returns the source for `host`, or throws RegistryError 'not-configured' when the registry is not configured. */
  get(host: string): RegistrySource {
    const source = this.find(host);
    if (source === undefined) {
      throw new RegistryError(
        'not-configured',
        host,
        `Registry ${host} is not configured in Assay, so images there are never fetched.`,
      );
    }
    return source;
  }

  has(host: string): boolean {
    return this.find(host) !== undefined;
  }

  /** Lists the configured sources in configuration order. */
  list(): RegistrySource[] {
    return [...this.#sources.values()];
  }
}

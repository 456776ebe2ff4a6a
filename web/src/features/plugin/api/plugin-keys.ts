/**
 * Query keys of one plugin, nested so that invalidating `detail(name)` also refreshes its versions
 * and their manifests. Only the queryOptions factories in this folder use them.
 */
export const pluginKeys = {
  detail: (name: string) => ['plugins', name] as const,
  version: (name: string, version: string) => ['plugins', name, 'versions', version] as const,
  rawManifest: (name: string, version: string) =>
    ['plugins', name, 'versions', version, 'manifest', 'raw'] as const,
};

export function pluginApiPath(name: string): string {
  return `/plugins/${encodeURIComponent(name)}`;
}

export function versionApiPath(name: string, version: string): string {
  return `${pluginApiPath(name)}/versions/${encodeURIComponent(version)}`;
}

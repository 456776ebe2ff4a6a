import { useMeta } from '../api/get-meta';

/** One line about the running server for the footer: version, database and configured registries. */
export function ServerInfo() {
  const { data, isError } = useMeta();
  if (isError) return <span>Server information is unavailable.</span>;
  if (!data) return null;
  const registries = data.registries.map((registry) =>
    registry.kind === 'oci-layout' ? `${registry.host} (OCI layout)` : registry.host,
  );
  return (
    <span>
      Assay {data.version} · {data.database === 'postgres' ? 'PostgreSQL' : 'SQLite'} ·{' '}
      {registries.length === 0 ? 'no registries configured' : `registries: ${registries.join(', ')}`}
    </span>
  );
}

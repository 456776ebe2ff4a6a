import { describe, expect, test } from 'vitest';
import { RegistryDirectory } from '../../src/registry/directory.ts';
import { RegistryError, type RegistrySource } from '../../src/registry/types.ts';

/** A source that must never be used: the directory only looks at its host. */
function sourceFor(host: string): RegistrySource {
  const unused = () => Promise.reject(new Error(`source ${host} was called`));
  return {
    host,
    kind: 'http',
    ping: unused,
    listTags: unused,
    headManifest: unused,
    getManifest: unused,
    getBlob: unused,
    listReferrers: unused,
  };
}

describe('RegistryDirectory', () => {
  const hub = sourceFor('docker.io');
  const local = sourceFor('localhost:5000');
  const directory = new RegistryDirectory([hub, local], { 'registry.local:5000': 'localhost:5000' });

  const found: [string, RegistrySource][] = [
    ['docker.io', hub],
    ['index.docker.io', hub],
    ['registry-1.docker.io', hub],
    ['Docker.IO', hub],
    ['localhost:5000', local],
    ['registry.local:5000', local],
  ];
  test.each(found)('finds %s', (host, expected) => {
    expect(directory.get(host)).toBe(expected);
  });

  test('rejects a host that is not configured', () => {
    let caught: unknown;
    try {
      directory.get('ghcr.io');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RegistryError);
    expect((caught as RegistryError).kind).toBe('not-configured');
    expect((caught as RegistryError).host).toBe('ghcr.io');
    expect(directory.find('ghcr.io')).toBeUndefined();
  });

  test('does not treat another port as the same registry', () => {
    expect(directory.has('localhost:5001')).toBe(false);
    expect(directory.has('localhost')).toBe(false);
  });

  test('lists the configured sources', () => {
    expect(directory.list()).toEqual([hub, local]);
  });

  test('rejects a host configured twice', () => {
    expect(() => new RegistryDirectory([sourceFor('ghcr.io'), sourceFor('GHCR.io')])).toThrow(
      /configured twice/,
    );
  });

  test('rejects an alias of an unknown host', () => {
    expect(() => new RegistryDirectory([local], { mirror: 'ghcr.io' })).toThrow(/not a configured registry/);
  });

  test('gives Docker Hub aliases only when Docker Hub is configured', () => {
    expect(new RegistryDirectory([local]).has('index.docker.io')).toBe(false);
  });
});

import { describe, expect, test } from 'vitest';
import { httpRegistryConfigSchema } from '../../src/registry/http-source.ts';

describe('httpRegistryConfigSchema', () => {
  test('applies the default limits', () => {
    const config = httpRegistryConfigSchema.parse({ host: 'ghcr.io', url: 'https://ghcr.io' });

    expect(config).toMatchObject({
      timeoutMs: 10_000,
      maxManifestBytes: 4 * 1024 * 1024,
      maxBlobBytes: 16 * 1024 * 1024,
      maxTagPages: 20,
      maxReferrers: 100,
      maxRetries: 2,
      blobRedirectHosts: [],
      authRealmHosts: [],
    });
    expect(config.tagPageSize).toBeUndefined();
  });

  test('lowercases redirect and realm hosts', () => {
    const config = httpRegistryConfigSchema.parse({
      host: 'docker.io',
      url: 'https://registry-1.docker.io',
      authRealmHosts: ['Auth.Docker.IO'],
    });

    expect(config.authRealmHosts).toEqual(['auth.docker.io']);
  });

  const invalid: { name: string; input: Record<string, unknown>; message: RegExp }[] = [
    { name: 'missing host', input: { url: 'https://ghcr.io' }, message: /host/ },
    { name: 'ftp url', input: { host: 'a', url: 'ftp://a' }, message: /http or https/ },
    { name: 'url with a path', input: { host: 'a', url: 'https://a/v2/' }, message: /registry origin/ },
    {
      name: 'url with credentials',
      input: { host: 'a', url: 'https://user:pw@a' },
      message: /registry origin/,
    },
    {
      name: 'username without password',
      input: { host: 'a', url: 'https://a', username: 'u' },
      message: /set together/,
    },
    {
      name: 'zero timeout',
      input: { host: 'a', url: 'https://a', timeoutMs: 0 },
      message: /timeoutMs must be 1-600000/,
    },
    {
      name: 'fractional page bound',
      input: { host: 'a', url: 'https://a', maxTagPages: 1.5 },
      message: /whole number/,
    },
    {
      name: 'too many retries',
      input: { host: 'a', url: 'https://a', maxRetries: 11 },
      message: /maxRetries must be 0-10/,
    },
  ];

  test.each(invalid)('rejects $name', ({ input, message }) => {
    const result = httpRegistryConfigSchema.safeParse(input);

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });

  test('keeps the password out of validation messages', () => {
    const result = httpRegistryConfigSchema.safeParse({
      host: 'a',
      url: 'https://a',
      password: 'secret-value',
    });

    expect(JSON.stringify(result.error?.issues)).not.toContain('secret-value');
  });
});

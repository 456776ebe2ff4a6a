import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRegistryConfigSchema } from '../../src/registry/http-config.ts';
import { scopedRegistryAuthorization } from '../../src/scans/scanner/registry-credential.ts';
import { startRegistry, type RegistryAuthMode, type TestRegistry } from '../support/registry/index.ts';

const deps = { fetch: globalThis.fetch, now: Date.now, logger: undefined };

describe.each<RegistryAuthMode>(['none', 'basic', 'token'])(
  'scanner pull credential for a %s registry',
  (auth) => {
    let registry: TestRegistry;

    beforeAll(async () => {
      registry = await startRegistry({ auth });
    });

    afterAll(async () => {
      await registry?.stop();
    });

    it('fits the registry auth scheme', async () => {
      const config = httpRegistryConfigSchema.parse({
        host: registry.host,
        url: registry.url,
        ...registry.credentials,
        ...(registry.tokenServer === undefined ? {} : { authRealmHosts: [registry.tokenServer.host] }),
      });

      const authorization = await scopedRegistryAuthorization(config, 'plugins/threshold', deps);

      if (auth === 'none') expect(authorization).toBeUndefined();
      if (auth === 'basic') {
        const { username, password } = registry.credentials ?? { username: '', password: '' };
        expect(authorization).toBe(`Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`);
      }
      if (auth === 'token') {
        expect(authorization).toMatch(/^Bearer \S+$/);
        expect(registry.tokenServer?.requests.at(-1)?.scopes).toEqual(['repository:plugins/threshold:pull']);
      }
    });
  },
);

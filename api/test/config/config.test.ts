import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('starts the embedded default with no variables', () => {
    const config = loadConfig({});

    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8080);
    expect(config.demo).toBe(true);
    expect(config.database).toEqual({ engine: 'sqlite', file: path.resolve('data', 'assay.sqlite') });
    expect(config.registries).toEqual([]);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://assay:secret@db.internal:5432/assay' });

    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://assay:secret@db.internal:5432/assay',
    });
  });

  it('turns the demo off when registries are configured', () => {
    const config = loadConfig({ ASSAY_REGISTRIES: '[{"host":"ghcr.io","url":"https://ghcr.io"}]' });

    expect(config.demo).toBe(false);
    expect(config.registries[0]).toMatchObject({
      host: 'ghcr.io',
      url: 'https://ghcr.io',
      timeoutMs: 10_000,
    });
  });

  it('lists every invalid variable in one error', () => {
    const problems = problemsOf({
      PORT: '70000',
      DATABASE_URL: 'mysql://localhost/assay',
      LOG_LEVEL: 'loud',
      ASSAY_TAG_TTL_SECONDS: '-5',
      ASSAY_DEMO: 'maybe',
    });

    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be 0-65535',
        expect.stringMatching(/^DATABASE_URL: must be a postgres:\/\/ URL/),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^ASSAY_TAG_TTL_SECONDS: /),
        'ASSAY_DEMO: must be true or false',
      ]),
    );
  });

  it('points a removed stale-age variable to the trust policy', () => {
    expect(problemsOf({ ASSAY_SCAN_STALE_DAYS: '14' })).toEqual([
      'ASSAY_SCAN_STALE_DAYS: is no longer read: a scan is stale when it is older than the trust policy allows; an administrator sets "maximum scan age" on the Policy page',
    ]);
  });

  it.each([
    ['not JSON', '{host:', 'must be a JSON array'],
    ['a missing url', '[{"host":"ghcr.io"}]', 'ASSAY_REGISTRIES.0.url'],
    ['an ftp url', '[{"host":"ghcr.io","url":"ftp://ghcr.io"}]', 'url must be an http or https URL'],
    [
      'a username without password',
      '[{"host":"a.io","url":"https://a.io","username":"u"}]',
      'username and password must be set together',
    ],
  ])('rejects registries with %s', (_case, value, expected) => {
    const problems = problemsOf({ ASSAY_REGISTRIES: value });

    expect(problems.join('\n')).toContain(expected);
  });

  it('never puts a registry password into the error message', () => {
    const problems = problemsOf({
      ASSAY_REGISTRIES: '[{"host":"a.io","url":"not a url","username":"reader","password":"hunter2-secret"}]',
    });

    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).not.toContain('hunter2-secret');
  });
});

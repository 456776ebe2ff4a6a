import { describe, expect, test } from 'vitest';
import {
  parseWwwAuthenticate,
  WwwAuthenticateSyntaxError,
  type AuthChallenge,
} from '../../src/registry/www-authenticate.ts';

describe('parseWwwAuthenticate', () => {
  const valid: { name: string; header: string; expected: AuthChallenge[] }[] = [
    {
      name: 'Distribution Bearer challenge',
      header:
        'Bearer realm="https://auth.example.org/token",service="registry.example.org",scope="repository:a/b:pull"',
      expected: [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.example.org/token',
            service: 'registry.example.org',
            scope: 'repository:a/b:pull',
          },
        },
      ],
    },
    {
      name: 'quoted scope containing commas',
      header: 'Bearer realm="https://r/token",scope="repository:a/b:pull,push repository:c:pull"',
      expected: [
        {
          scheme: 'bearer',
          params: { realm: 'https://r/token', scope: 'repository:a/b:pull,push repository:c:pull' },
        },
      ],
    },
    {
      name: 'several challenges in one header',
      header:
        'Basic realm="simple", Bearer realm="https://r/token", service="s", Newauth realm="apps", type=1',
      expected: [
        { scheme: 'basic', params: { realm: 'simple' } },
        { scheme: 'bearer', params: { realm: 'https://r/token', service: 's' } },
        { scheme: 'newauth', params: { realm: 'apps', type: '1' } },
      ],
    },
    {
      name: 'escaped quotes and backslashes',
      header: String.raw`Newauth title="Login to \"apps\"", path="C:\\dir"`,
      expected: [{ scheme: 'newauth', params: { title: 'Login to "apps"', path: String.raw`C:\dir` } }],
    },
    {
      name: 'case-insensitive scheme and parameter names',
      header: 'BEARER Realm="https://r/token", SERVICE=registry',
      expected: [{ scheme: 'bearer', params: { realm: 'https://r/token', service: 'registry' } }],
    },
    {
      name: 'token68 followed by another challenge',
      header: 'Negotiate abc+/def==, Basic realm="r"',
      expected: [
        { scheme: 'negotiate', params: {}, token68: 'abc+/def==' },
        { scheme: 'basic', params: { realm: 'r' } },
      ],
    },
    {
      name: 'scheme without parameters between others',
      header: 'Basic, Bearer realm="r"',
      expected: [
        { scheme: 'basic', params: {} },
        { scheme: 'bearer', params: { realm: 'r' } },
      ],
    },
    {
      name: 'spaces around equals signs and empty list elements',
      header: ' , Bearer realm = "r" ,, service= s ,',
      expected: [{ scheme: 'bearer', params: { realm: 'r', service: 's' } }],
    },
    {
      name: 'name and equals sign without a value as token68',
      header: 'Bearer realm=',
      expected: [{ scheme: 'bearer', params: {}, token68: 'realm=' }],
    },
    {
      name: 'empty quoted value',
      header: 'Bearer realm="", error="invalid_token"',
      expected: [{ scheme: 'bearer', params: { realm: '', error: 'invalid_token' } }],
    },
  ];

  test.each(valid)('parses $name', ({ header, expected }) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  const invalid: { name: string; header: string; message: RegExp }[] = [
    { name: 'empty header', header: '', message: /at least one challenge/ },
    { name: 'unterminated quoted string', header: 'Bearer realm="https://r', message: /closing quote/ },
    { name: 'repeated parameter', header: 'Bearer realm="a", realm="b"', message: /realm only once/ },
    {
      name: 'parameters without a comma',
      header: 'Bearer realm="x" service="y"',
      message: /comma between parameters/,
    },
    {
      name: 'quoted string in place of a token68',
      header: 'Negotiate "abc"',
      message: /token68 value or parameters/,
    },
    { name: 'garbage after token68', header: 'Negotiate abc== def', message: /comma after the token68/ },
    { name: 'missing space after scheme', header: 'Bearer"realm"', message: /space after the scheme/ },
  ];

  test.each(invalid)('rejects $name', ({ header, message }) => {
    expect(() => parseWwwAuthenticate(header)).toThrow(WwwAuthenticateSyntaxError);
    expect(() => parseWwwAuthenticate(header)).toThrow(message);
  });
});

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddSignerForm } from './add-signer-form';

const publicKeyMessage =
  'publicKeyPem contains a certificate, not a public key. Paste one PEM "PUBLIC KEY" block of an ECDSA (P-256, P-384 or P-521), Ed25519 or RSA (2048 bits or more) key, as `cosign public-key` prints it.';
const issuerMessage = 'issuer must be a URL that starts with https://, such as https://accounts.google.com';
const expiryMessage =
  'expiresAt must be in the future, but 2020-01-01T23:59:59Z is not after the current time 2026-01-10T12:00:00.000Z. To stop trusting a signer now, revoke it.';

/** Stubs fetch: `GET /session` returns a CSRF token and `POST /signers` returns 400 on `path` with `message`. */
function stubRejection(path: string, message: string) {
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const url = new URL(String(input), 'http://assay.test').pathname;
    if (url === '/api/v1/session')
      return new Response(JSON.stringify({ csrfToken: 'csrf' }), { status: 200 });
    if (url === '/api/v1/signers') {
      const error = {
        code: 'invalid-input',
        message: `Invalid body: ${message}`,
        details: [{ path, message }],
      };
      return new Response(JSON.stringify({ error }), { status: 400 });
    }
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function signerRequests(fetch: ReturnType<typeof stubRejection>) {
  return fetch.mock.calls.filter(([input]) => String(input).endsWith('/signers'));
}

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AddSignerForm onCreated={() => {}} />
    </QueryClientProvider>,
  );
  return userEvent.setup();
}

describe('AddSignerForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('shows a public key error under the key field', async () => {
    stubRejection('publicKeyPem', publicKeyMessage);
    const user = renderForm();

    await user.type(screen.getByLabelText('Display name'), 'Lab key');
    await user.click(screen.getByLabelText('Public key'));
    await user.paste('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----');
    await user.click(screen.getByRole('button', { name: 'Add signer' }));

    const field = screen.getByLabelText('Public key');
    expect(await screen.findByText(publicKeyMessage)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(publicKeyMessage));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('keeps a pasted private key in the browser', async () => {
    const fetch = stubRejection('publicKeyPem', publicKeyMessage);
    const user = renderForm();

    await user.type(screen.getByLabelText('Display name'), 'Lab key');
    await user.click(screen.getByLabelText('Public key'));
    await user.paste(
      '-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nc2VjcmV0\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----',
    );
    await user.click(screen.getByRole('button', { name: 'Add signer' }));

    const field = screen.getByLabelText('Public key');
    expect(signerRequests(fetch)).toEqual([]);
    expect(field).toHaveValue('');
    expect(field).toHaveAccessibleDescription(expect.stringContaining('That was a private key'));
  });

  it('shows an issuer error under the issuer field', async () => {
    stubRejection('issuer', issuerMessage);
    const user = renderForm();

    await user.click(screen.getByLabelText('Keyless identity (SAN and issuer)'));
    await user.type(screen.getByLabelText('Display name'), 'Release bot');
    await user.type(screen.getByLabelText('Subject alternative name (SAN)'), 'bot@lab.example.org');
    await user.type(screen.getByLabelText('OIDC issuer'), 'accounts.google.com');
    await user.click(screen.getByRole('button', { name: 'Add signer' }));

    const field = screen.getByLabelText('OIDC issuer');
    expect(await screen.findByText(issuerMessage)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
  });

  it('shows an expiry error under the date field', async () => {
    const fetch = stubRejection('expiresAt', expiryMessage);
    const user = renderForm();

    await user.type(screen.getByLabelText('Display name'), 'Lab key');
    await user.click(screen.getByLabelText('Public key'));
    await user.paste('-----BEGIN PUBLIC KEY-----\nMFkw\n-----END PUBLIC KEY-----');
    await user.type(screen.getByLabelText('Approval expires on (optional)'), '2020-01-01');
    await user.click(screen.getByRole('button', { name: 'Add signer' }));

    const field = screen.getByLabelText('Approval expires on (optional)');
    expect(await screen.findByText(expiryMessage)).toBeInTheDocument();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    const [, init] = signerRequests(fetch)[0]!;
    expect(JSON.parse(String(init?.body))).toMatchObject({ expiresAt: '2020-01-01T23:59:59Z' });
  });
});

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportManifestForm } from './import-manifest-form';

/** Stubs fetch: `GET /session` returns a CSRF token and `POST /manifests` returns `importResponse`. */
function stubImport(importResponse: Response) {
  const fetch = vi.fn(async (input: RequestInfo | URL, _init?: RequestInit) => {
    const path = new URL(String(input), 'http://assay.test').pathname;
    if (path === '/api/v1/session')
      return new Response(JSON.stringify({ csrfToken: 'csrf' }), { status: 200 });
    if (path === '/api/v1/manifests') return importResponse;
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

function renderForm() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ImportManifestForm />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

async function pasteAndImport(text: string) {
  const user = userEvent.setup();
  await user.click(screen.getByLabelText('Paste the text'));
  await user.click(screen.getByLabelText('Manifest text'));
  await user.paste(text);
  await user.click(screen.getByRole('button', { name: 'Import' }));
}

describe('ImportManifestForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends pasted text under its file name', async () => {
    const fetch = stubImport(
      new Response(JSON.stringify({ status: 'created', plugin: 'montage', version: '0.5.2', warnings: [] }), {
        status: 201,
      }),
    );
    renderForm();

    await pasteAndImport('{"name": "Montage"}');

    expect(await screen.findByRole('status')).toHaveTextContent('Imported montage 0.5.2');
    const [url, init] = fetch.mock.calls.find(([input]) => String(input).includes('/manifests'))!;
    expect(url).toBe('/api/v1/manifests?fileName=plugin.json');
    expect(await (init?.body as Blob).text()).toBe('{"name": "Montage"}');
  });

  it('counts a single warning as one place', async () => {
    const warning = { path: '$.title', problem: 'title is missing.', expected: 'a string' };
    stubImport(
      new Response(
        JSON.stringify({ status: 'created', plugin: 'montage', version: '0.5.2', warnings: [warning] }),
        { status: 201 },
      ),
    );
    renderForm();

    await pasteAndImport('{}');

    expect(await screen.findByRole('status')).toHaveTextContent('deviates from its schema in 1 place;');
  });

  it('lists manifest errors in place', async () => {
    const error = {
      file: 'upload/plugin.json',
      path: '$',
      problem: 'invalid JSON: a value is expected (line 5, column 1).',
      expected: 'a JSON object',
      line: 5,
      column: 1,
    };
    stubImport(
      new Response(
        JSON.stringify({
          error: {
            code: 'invalid-input',
            message: 'upload/plugin.json: $ invalid JSON: a value is expected (line 5, column 1).',
            details: { errors: [error] },
          },
        }),
        { status: 400 },
      ),
    );
    renderForm();

    await pasteAndImport('{\n  "inputs": [\n}');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The manifest was not imported')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Fix the 1 error below');
    const items = within(within(alert).getByRole('list', { name: 'Manifest errors' })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('$ (line 5, column 1): invalid JSON: a value is expected');
  });
});

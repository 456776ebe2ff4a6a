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

const shown = {
  source: 'upload/montage/plugin.json',
  origin: 'upload',
  format: 'wipp',
  importedAt: '2025-01-02T03:04:05Z',
};

/** A successful import's body: `created` with no warnings unless `fields` say otherwise. */
function outcomeBody(fields: Record<string, unknown> = {}) {
  return JSON.stringify({
    status: 'created',
    plugin: 'montage',
    version: '0.5.2',
    warnings: [],
    shown,
    changed: [],
    ...fields,
  });
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
    const fetch = stubImport(new Response(outcomeBody(), { status: 201 }));
    renderForm();

    await pasteAndImport('{"name": "Montage"}');

    expect(await screen.findByRole('status')).toHaveTextContent('Imported montage 0.5.2');
    const [url, init] = fetch.mock.calls.find(([input]) => String(input).includes('/manifests'))!;
    expect(url).toBe('/api/v1/manifests?fileName=plugin.json');
    expect(await (init?.body as Blob).text()).toBe('{"name": "Montage"}');
  });

  it('counts a single warning as one place', async () => {
    const warning = { path: '$.title', problem: 'title is missing.', expected: 'a string' };
    stubImport(new Response(outcomeBody({ warnings: [warning] }), { status: 201 }));
    renderForm();

    await pasteAndImport('{}');

    expect(await screen.findByRole('status')).toHaveTextContent('deviates from its schema in 1 place;');
  });

  it.each([
    [
      'updated',
      { status: 'updated', changed: ['containerId', 'title'] },
      ['Updated montage 0.5.2', 'Changed fields: containerId, title.', 'looks up its digest'],
    ],
    [
      'added',
      { status: 'added', shown: { ...shown, source: 'montage__plugin.json', origin: 'folder' } },
      ['Added a second manifest to montage 0.5.2', 'still shows montage__plugin.json (wipp)'],
    ],
    [
      'unchanged',
      { status: 'unchanged' },
      ['Already up to date: montage 0.5.2', 'nothing changed', 'shows upload/montage/plugin.json'],
    ],
  ])('says what an %s import changed', async (_status, fields, texts) => {
    stubImport(new Response(outcomeBody(fields), { status: 200 }));
    renderForm();

    await pasteAndImport('{"name": "Montage"}');

    const status = await screen.findByRole('status');
    for (const text of texts) expect(status).toHaveTextContent(text);
  });

  it('explains a conflict with the version that exists', async () => {
    stubImport(
      new Response(
        JSON.stringify({
          error: {
            code: 'conflict',
            message: 'montage 0.5.2 already exists.',
            details: {
              plugin: 'montage',
              version: '0.5.2',
              shown: { ...shown, source: 'montage__plugin.json', origin: 'folder' },
              differences: ['containerId', 'title'],
              containerId: { shown: 'polusai/montage:0.5.2', imported: 'wipp/other:1' },
            },
          },
        }),
        { status: 409 },
      ),
    );
    renderForm();

    await pasteAndImport('{"name": "Montage"}');

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Not imported: montage 0.5.2 exists already')).toBeInTheDocument();
    expect(alert).toHaveTextContent('Its page shows the manifest from montage__plugin.json (wipp)');
    expect(alert).toHaveTextContent(
      'This manifest names the image wipp/other:1, but the version’s image is polusai/montage:0.5.2.',
    );
    expect(alert).toHaveTextContent('Fields that differ: containerId, title.');
    expect(alert).toHaveTextContent('edit that file in the manifest folder');
    expect(within(alert).getByRole('link', { name: 'Open the version that exists' })).toHaveAttribute(
      'href',
      '/plugins/montage/versions/0.5.2',
    );
  });

  it('says how to replace an uploaded manifest', async () => {
    stubImport(
      new Response(
        JSON.stringify({
          error: {
            code: 'conflict',
            message: 'montage 0.5.2 already exists.',
            details: { plugin: 'montage', version: '0.5.2', shown, differences: ['title'] },
          },
        }),
        { status: 409 },
      ),
    );
    renderForm();

    await pasteAndImport('{"name": "Montage"}');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('To change this version, upload the new manifest as plugin.json.');
    expect(alert).not.toHaveTextContent('names the image');
  });

  it('states the rule for versions that exist', () => {
    stubImport(new Response(null, { status: 500 }));
    renderForm();

    expect(screen.getByText(/Each plugin version shows one manifest/)).toHaveTextContent(
      'give a changed manifest a new version number',
    );
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

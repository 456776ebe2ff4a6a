import { expect, test } from '@playwright/test';
import { apiSignIn, e2eAccounts } from '../support/accounts.ts';

// Script and HTML payloads placed in review text and display names. The API stores them as given, and
// the page must show them as text. No dialog may open and no element from a payload may appear.
const corpus = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror=alert("xss-2")>',
  '<svg onload=alert("xss-3")></svg>',
  '<iframe src="javascript:alert(`xss-4`)"></iframe>',
  '"><script>alert("xss-5")</script>',
  "'; alert('xss-6'); //",
  '[click me](javascript:alert("xss-7"))',
  '<a href="javascript:alert(\'xss-8\')">link</a>',
  '![img](x" onerror="alert(\'xss-9\'))',
  '<details open ontoggle=alert("xss-10")>',
];

const plugin = 'cellpose-inference';

test('script and HTML in reviews and display names render as text', async ({ page, baseURL }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const admin = await apiSignIn(baseURL!, e2eAccounts.admin.username, e2eAccounts.admin.password);
  const versions = (
    (await (await admin.request.get(`/api/v1/plugins/${plugin}`)).json()) as {
      versions: Array<{ version: string }>;
    }
  ).versions;
  const version = versions[0]!.version;

  for (const [index, payload] of corpus.entries()) {
    const password = `xss user password ${index}`;
    const created = await admin.send('POST', '/users', {
      username: `xss-user-${index}`,
      displayName: payload.slice(0, 80),
      role: 'reviewer',
      password,
    });
    expect(created.status).toBe(201);
    const author = await apiSignIn(baseURL!, `xss-user-${index}`, password);
    const posted = await author.send(
      'POST',
      `/plugins/${plugin}/versions/${encodeURIComponent(version)}/reviews`,
      {
        stars: (index % 5) + 1,
        text: payload,
      },
    );
    expect(posted.status).toBe(201);
    await author.dispose();
  }
  await admin.dispose();

  await page.goto(`/plugins/${plugin}`);
  const reviews = page.getByRole('region', { name: 'Reviews' });
  await expect(reviews.getByRole('article')).toHaveCount(corpus.length);

  await expect(reviews).toContainText('<script>alert("xss-1")</script>');
  await expect(reviews).toContainText('<img src=x onerror=alert("xss-2")>');
  await expect(reviews).toContainText('<svg onload=alert("xss-3")></svg>');
  const injected = await page.evaluate(() => {
    const region = [...document.querySelectorAll('section')].find(
      (section) => section.querySelector('h2')?.textContent === 'Reviews',
    );
    if (!region) throw new Error('no Reviews section on the page');
    return {
      scripts: [...document.querySelectorAll('script')].filter((script) => !script.src).length,
      handlers: region.querySelectorAll('[onerror], [onload], [ontoggle]').length,
      frames: region.querySelectorAll('iframe, details, svg[onload]').length,
      images: region.querySelectorAll('img').length,
      scriptLinks: [...document.querySelectorAll('a')].filter((link) => link.href.startsWith('javascript:'))
        .length,
    };
  });
  expect(injected).toEqual({ scripts: 0, handlers: 0, frames: 0, images: 0, scriptLinks: 0 });

  // Display names: as review authors here, and in the admin user list.
  for (const payload of corpus)
    await expect(reviews.getByText(payload.slice(0, 80), { exact: true }).first()).toBeAttached();
  await page.goto('/sign-in?returnTo=/admin/users');
  await page.getByLabel('Username').fill(e2eAccounts.admin.username);
  await page.getByLabel('Password').fill(e2eAccounts.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page.getByRole('region', { name: 'Users' }).getByText('<svg onload=alert("xss-3")></svg>'),
  ).toBeVisible();
  expect(await page.locator('[onerror], [onload], [ontoggle], iframe').count()).toBe(0);

  expect(dialogs).toEqual([]);
});

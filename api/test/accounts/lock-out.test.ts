import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAssay } from '../support/assay.ts';
import { startTestAssay } from '../support/assay.ts';
import { engineCases, type TestDatabase } from '../support/database.ts';
import { createUser, startVisitor } from '../support/session.ts';

interface Attempt {
  status: number;
  message: string;
}

describe.each(engineCases)('sign-in lock-out on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({
      database,
      env: {
        ASSAY_SIGN_IN_MAX_FAILURES: '3',
        ASSAY_SIGN_IN_MAX_FAILURES_PER_USERNAME: '5',
        ASSAY_SIGN_IN_MAX_FAILURES_PER_ADDRESS: '1000',
        // The unknown-username path hashes with the configured cost; the test users use N=2^14.
        ASSAY_SCRYPT_LOG2_N: '14',
      },
    });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  async function attempt(username: string, password: string): Promise<Attempt> {
    const visitor = await startVisitor(assay);
    const response = await fetch(`${assay.url}/api/v1/session`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-csrf-token': visitor.csrfToken,
        cookie: visitor.jar.header(),
      },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json()) as { error?: { message: string } };
    return { status: response.status, message: body.error?.message ?? '' };
  }

  /**
   * Signs in from another loopback address (127.0.0.2, 127.0.0.3, ...), which Linux routes to the
   * server on 127.0.0.1, so the server gets a second client address without a proxy header.
   */
  async function attemptFrom(localAddress: string, username: string, password: string): Promise<Attempt> {
    const visitor = await startVisitor(assay);
    const body = JSON.stringify({ username, password });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        `${assay.url}/api/v1/session`,
        {
          method: 'POST',
          localAddress,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-csrf-token': visitor.csrfToken,
            cookie: visitor.jar.header(),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              error?: { message: string };
            };
            resolve({ status: response.statusCode ?? 0, message: parsed.error?.message ?? '' });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  it.skipIf(unavailable)('locks a username out only at the address of the failures', async () => {
    const user = await createUser(assay, { role: 'admin' });

    for (let index = 0; index < 3; index += 1)
      await attemptFrom('127.0.0.1', user.username, 'wrong-password');
    const attacker = await attemptFrom('127.0.0.1', user.username, user.password);
    const owner = await attemptFrom('127.0.0.2', user.username, user.password);

    expect(attacker.status).toBe(429);
    expect(owner.status).toBe(200);
  });

  it.skipIf(unavailable)('locks a username out everywhere after failures from many addresses', async () => {
    const user = await createUser(assay, { role: 'admin' });

    const failures = [];
    for (const address of ['127.0.0.1', '127.0.0.1', '127.0.0.1', '127.0.0.2', '127.0.0.2'])
      failures.push((await attemptFrom(address, user.username, 'wrong-password')).status);
    const locked = await attemptFrom('127.0.0.3', user.username, user.password);

    expect(failures).toEqual([401, 401, 401, 401, 401]);
    expect(locked.status).toBe(429);
    expect(locked.message).toMatch(/Too many failed sign-in attempts/);
  });

  it.skipIf(unavailable)(
    'locks a username out after repeated failures, even with the right password',
    async () => {
      const user = await createUser(assay, { role: 'reviewer' });

      const failures = [];
      for (let index = 0; index < 3; index += 1)
        failures.push(await attempt(user.username, 'wrong-password'));
      const locked = await attempt(user.username, user.password);

      expect(failures.map((failure) => failure.status)).toEqual([401, 401, 401]);
      expect(locked.status).toBe(429);
      expect(locked.message).toMatch(/Too many failed sign-in attempts .* Try again in \d+ minutes?\./);
    },
  );

  it.skipIf(unavailable)('words lock-outs of unknown and existing accounts the same', async () => {
    const user = await createUser(assay, { role: 'reviewer' });
    const outcomes: Record<string, Attempt[]> = { existing: [], unknown: [] };

    for (let index = 0; index < 4; index += 1) {
      outcomes.existing!.push(await attempt(user.username, 'wrong-password'));
      outcomes.unknown!.push(await attempt('nobody-by-this-name', 'wrong-password'));
    }

    expect(outcomes.unknown).toEqual(outcomes.existing);
  });

  it.skipIf(unavailable)('does not count successful sign-ins', async () => {
    const user = await createUser(assay, { role: 'reviewer' });

    const results = [];
    for (let index = 0; index < 5; index += 1)
      results.push((await attempt(user.username, user.password)).status);

    expect(results).toEqual([200, 200, 200, 200, 200]);
  });

  it.skipIf(unavailable)('audits one failure burst per window', async () => {
    const user = await createUser(assay, { role: 'reviewer' });

    for (let index = 0; index < 6; index += 1) await attempt(user.username, 'wrong-password');
    const events = await assay.server.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'auth.failure-burst')
      .where('target_id', '=', user.username)
      .execute();

    expect(events).toHaveLength(1);
    expect(events[0]?.target_type).toBe('username');
    expect(events[0]?.actor_id).toBeNull();
  });
});

describe.each(engineCases)('sign-up limits on $engine', ({ create, unavailable }) => {
  let database: TestDatabase;
  let assay: TestAssay;

  beforeAll(async () => {
    if (unavailable) return;
    database = await create();
    assay = await startTestAssay({
      database,
      env: { ASSAY_SIGN_UP: 'open', ASSAY_SIGN_UP_MAX_PER_HOUR: '2' },
    });
  });

  afterAll(async () => {
    await assay?.stop();
    await database?.drop();
  });

  it.skipIf(unavailable)('rate limits account creation per address', async () => {
    const statuses = [];
    for (let index = 0; index < 3; index += 1) {
      const visitor = await startVisitor(assay);
      const response = await fetch(`${assay.url}/api/v1/sign-up`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': visitor.csrfToken,
          cookie: visitor.jar.header(),
        },
        body: JSON.stringify({
          username: `new-user-${index}`,
          displayName: `New ${index}`,
          password: 'a long enough password',
        }),
      });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([201, 201, 429]);
  });
});

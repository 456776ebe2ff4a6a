import { Router, type Request } from 'express';
import { z } from 'zod';
import { updateTrustPolicyBodySchema, type TrustPolicyHistory } from '../contract/policy.ts';
import type { DatabaseContext } from '../db/engine.ts';
import { auditContext, requireRole } from '../http/auth.ts';
import { AppError } from '../http/errors.ts';
import { parseBody } from '../http/validate.ts';
import { listPolicyVersions, loadCurrentPolicy, loadPolicyVersion } from './store.ts';
import { updateTrustPolicy } from './update.ts';
import { policyVersionView } from './view.ts';

export interface PolicyRouteDeps {
  context: DatabaseContext;
  now?: () => Date;
  /** Runs after a new version commits, so stored verdicts follow the policy at once. */
  afterChange?: () => Promise<void>;
}

const versionNumber = z.coerce.number().int().positive();

function isAdmin(request: Request): boolean {
  return request.user?.role === 'admin';
}

/** The trust policy: everyone may read every version, since verdicts name the version they used. */
export function policyRoutes(deps: PolicyRouteDeps): Router {
  const router = Router();
  const { db } = deps.context;
  const now = deps.now ?? (() => new Date());

  async function viewOf(version: number, request: Request) {
    const [stored, current] = await Promise.all([loadPolicyVersion(db, version), loadCurrentPolicy(db)]);
    const previous = version > 1 ? await loadPolicyVersion(db, version - 1) : undefined;
    return policyVersionView(stored, previous, {
      currentVersion: current.version,
      includeAuthor: isAdmin(request),
    });
  }

  router.get('/policy', async (request, response) => {
    const current = await loadCurrentPolicy(db);

    response.json(await viewOf(current.version, request));
  });

  router.get('/policy/versions', async (request, response) => {
    const versions = await listPolicyVersions(db);

    const currentVersion = versions[0]?.version ?? 1;
    const history: TrustPolicyHistory = {
      items: versions.map((version, index) => {
        const { policy: _policy, ...view } = policyVersionView(version, versions[index + 1], {
          currentVersion,
          includeAuthor: isAdmin(request),
        });
        return view;
      }),
    };
    response.json(history);
  });

  router.get('/policy/versions/:version', async (request, response) => {
    const parsed = versionNumber.safeParse(request.params.version);
    if (!parsed.success) {
      throw new AppError(
        'invalid-input',
        `Invalid policy version "${request.params.version}": use a whole number such as 3.`,
        [{ path: 'version', message: 'must be a whole number, 1 or more' }],
      );
    }

    response.json(await viewOf(parsed.data, request));
  });

  router.put('/policy', requireRole('admin'), async (request, response) => {
    const body = parseBody(request, updateTrustPolicyBodySchema);

    const { actor, requestId, ip } = auditContext(request);
    const saved = await updateTrustPolicy(db, body, {
      actor,
      requestId,
      ...(ip !== undefined ? { ip } : {}),
      now: now(),
    });
    await deps.afterChange?.();

    response.json(await viewOf(saved.version, request));
  });

  return router;
}

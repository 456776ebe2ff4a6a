import type { PolicyChange, PolicyException, TrustPolicy } from '../contract/policy.ts';

const ruleWords: Record<TrustPolicy['signerRule'], string> = {
  'approved-in-scope': 'approved signers within their scope',
  approved: 'approved signers in any repository',
};

function severityList(severities: readonly string[]): string {
  return severities.length === 0 ? 'none' : severities.join(', ');
}

function exceptionKey(exception: PolicyException): string {
  return exception.vulnerabilityId;
}

function describeException(exception: PolicyException): string {
  const where = exception.repositories.length > 0 ? ` for ${exception.repositories.join(', ')}` : '';
  return `${exception.vulnerabilityId}${where} (until ${exception.expiresAt.slice(0, 10)})`;
}

/** Checks whether two exceptions have the same content. Who added them does not matter. */
export function sameException(a: PolicyException, b: Omit<PolicyException, 'addedBy' | 'addedAt'>): boolean {
  return (
    a.vulnerabilityId === b.vulnerabilityId &&
    a.justification === b.justification &&
    Date.parse(a.expiresAt) === Date.parse(b.expiresAt) &&
    a.repositories.length === b.repositories.length &&
    a.repositories.every((repository, index) => repository === b.repositories[index])
  );
}

/** Lists, in plain words, what differs between two policy documents. */
export function describePolicyChanges(before: TrustPolicy, after: TrustPolicy): PolicyChange[] {
  const changes: PolicyChange[] = [];
  if (before.signerRule !== after.signerRule) {
    changes.push({
      field: 'signerRule',
      description: `signatures count from ${ruleWords[after.signerRule]}, not ${ruleWords[before.signerRule]}`,
    });
  }
  if (before.maxScanAgeDays !== after.maxScanAgeDays) {
    changes.push({
      field: 'maxScanAgeDays',
      description: `maximum scan age ${before.maxScanAgeDays} days to ${after.maxScanAgeDays} days`,
    });
  }
  const beforeSeverities = [...before.failSeverities].sort();
  const afterSeverities = [...after.failSeverities].sort();
  if (beforeSeverities.join() !== afterSeverities.join()) {
    changes.push({
      field: 'failSeverities',
      description: `failing severities ${severityList(before.failSeverities)} to ${severityList(after.failSeverities)}`,
    });
  }
  if (before.fixableOnly !== after.fixableOnly) {
    changes.push({
      field: 'fixableOnly',
      description: after.fixableOnly
        ? 'only findings that have a fix count'
        : 'findings count whether or not they have a fix',
    });
  }

  const beforeExceptions = new Map(
    before.exceptions.map((exception) => [exceptionKey(exception), exception]),
  );
  const afterExceptions = new Map(after.exceptions.map((exception) => [exceptionKey(exception), exception]));
  for (const [key, exception] of afterExceptions) {
    const previous = beforeExceptions.get(key);
    if (previous === undefined) {
      changes.push({ field: 'exceptions', description: `added ${describeException(exception)}` });
    } else if (!sameException(previous, exception)) {
      changes.push({ field: 'exceptions', description: `changed ${describeException(exception)}` });
    }
  }
  for (const [key, exception] of beforeExceptions) {
    if (!afterExceptions.has(key)) {
      changes.push({ field: 'exceptions', description: `removed ${describeException(exception)}` });
    }
  }
  return changes;
}

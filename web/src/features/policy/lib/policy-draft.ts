import {
  updateTrustPolicyBodySchema,
  type Severity,
  type SignerRule,
  type TrustPolicy,
  type UpdateTrustPolicyBody,
} from '@assay/api/contract';
import { fieldErrorsOf, fieldLabels, fieldMessage, type FieldLabels } from '@/lib/field-errors';

/** An exception as the editor keeps it: text fields, plus the author facts of the stored version. */
export interface ExceptionDraft {
  /** Stable key for React lists; not sent. */
  key: string;
  vulnerabilityId: string;
  justification: string;
  /** ISO 8601; a date input edits the day and keeps the end of that day in UTC. */
  expiresAt: string;
  /** Repository prefixes, one a line. */
  repositories: string;
  addedBy: string | null;
  addedAt: string | null;
}

export interface PolicyDraft {
  signerRule: SignerRule;
  maxScanAgeDays: string;
  failSeverities: Severity[];
  fixableOnly: boolean;
  exceptions: ExceptionDraft[];
  reason: string;
}

/** Field messages keyed by the body path, such as `policy.exceptions.0.expiresAt`. */
export type DraftErrors = Record<string, string>;

/** Labels for the policy editor's messages; the reason field is labelled for this form. */
export const policyFieldLabels: FieldLabels = { ...fieldLabels, reason: 'Reason for this change' };

let nextKey = 0;

function newKey(): string {
  nextKey += 1;
  return `exception-${nextKey}`;
}

export function draftOf(policy: TrustPolicy): PolicyDraft {
  return {
    signerRule: policy.signerRule,
    maxScanAgeDays: String(policy.maxScanAgeDays),
    failSeverities: [...policy.failSeverities],
    fixableOnly: policy.fixableOnly,
    exceptions: policy.exceptions.map((exception) => ({
      key: newKey(),
      vulnerabilityId: exception.vulnerabilityId,
      justification: exception.justification,
      expiresAt: exception.expiresAt,
      repositories: exception.repositories.join('\n'),
      addedBy: exception.addedBy,
      addedAt: exception.addedAt,
    })),
    reason: '',
  };
}

/** Creates a new exception that expires in 30 days, at the end of that day in UTC. */
export function emptyException(now: Date = new Date()): ExceptionDraft {
  const day = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  return {
    key: newKey(),
    vulnerabilityId: '',
    justification: '',
    expiresAt: endOfDayUtc(day),
    repositories: '',
    addedBy: null,
    addedAt: null,
  };
}

export function endOfDayUtc(day: string): string {
  return `${day}T23:59:59Z`;
}

function repositoriesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function bodyOf(draft: PolicyDraft, baseVersion: number): UpdateTrustPolicyBody {
  const age = draft.maxScanAgeDays.trim();
  return {
    baseVersion,
    reason: draft.reason,
    policy: {
      signerRule: draft.signerRule,
      // An empty or non-numeric field is sent as NaN, which the schema reports with the valid range.
      maxScanAgeDays: age === '' ? Number.NaN : Number(age),
      failSeverities: draft.failSeverities,
      fixableOnly: draft.fixableOnly,
      exceptions: draft.exceptions.map((exception) => ({
        vulnerabilityId: exception.vulnerabilityId,
        justification: exception.justification,
        expiresAt: exception.expiresAt,
        repositories: repositoriesOf(exception.repositories),
      })),
    },
  };
}

/** True when the exception is one the stored policy already has, unchanged (it may have expired since). */
function isUnchanged(draft: ExceptionDraft, original: TrustPolicy): boolean {
  return original.exceptions.some(
    (exception) =>
      exception.vulnerabilityId === draft.vulnerabilityId.trim() &&
      exception.justification === draft.justification.trim() &&
      Date.parse(exception.expiresAt) === Date.parse(draft.expiresAt) &&
      exception.repositories.join('\n') === repositoriesOf(draft.repositories).join('\n'),
  );
}

/**
 * Checks the draft with the API's own schema, plus the rule that a new or changed exception must
 * expire in the future, and returns the body to send or the messages to show next to each field.
 */
export function validateDraft(
  draft: PolicyDraft,
  original: TrustPolicy,
  baseVersion: number,
  now: Date = new Date(),
): { body: UpdateTrustPolicyBody } | { errors: DraftErrors } {
  const body = bodyOf(draft, baseVersion);
  const errors: DraftErrors = {};
  const parsed = updateTrustPolicyBodySchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String).join('.');
      errors[path] ??= fieldMessage(path, issue.message, policyFieldLabels);
    }
  }
  draft.exceptions.forEach((exception, index) => {
    const path = `policy.exceptions.${index}.expiresAt`;
    if (
      !errors[path] &&
      Date.parse(exception.expiresAt) <= now.getTime() &&
      !isUnchanged(exception, original)
    ) {
      errors[path] = fieldMessage(
        path,
        'expiresAt must be in the future for a new or changed exception',
        policyFieldLabels,
      );
    }
  });
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

/** Collects the field messages of an `invalid-input` response, keyed by path and worded with the form's labels. */
export function errorsFromApi(error: unknown): DraftErrors {
  return fieldErrorsOf(error, policyFieldLabels);
}

import { isApiError } from './api-client';

/** Labels for the API's JSON field names, keyed by the field name (the last name in a detail's path). */
export type FieldLabels = Readonly<Record<string, string>>;

/**
 * Labels that forms show for the fields the API validates. API messages start with the JSON name
 * (`displayName must not be empty`), which people filling in a form never see. A form whose label
 * differs passes its own map, such as `{ ...fieldLabels, reason: 'Reason for revoking' }`.
 */
export const fieldLabels: FieldLabels = {
  // Accounts and invitations
  username: 'Username',
  displayName: 'Display name',
  password: 'Password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  role: 'Role',
  note: 'Note',
  expiresInDays: 'Days until the invitation expires',
  // Trust policy and its exceptions
  signerRule: 'Signatures that count',
  maxScanAgeDays: 'Maximum scan age',
  failSeverities: 'Severities that fail the policy',
  fixableOnly: 'Count only findings that have a fix',
  exceptions: 'Exceptions',
  vulnerabilityId: 'Vulnerability id',
  justification: 'Justification',
  expiresAt: 'Expiry date',
  repositories: 'Repositories',
  reason: 'Reason',
  // Signers
  kind: 'Signer kind',
  publicKeyPem: 'Public key',
  san: 'Subject alternative name (SAN)',
  issuer: 'OIDC issuer',
  scope: 'Scope',
  // Reviews
  stars: 'Rating',
  text: 'Review text',
  // Audit log filters
  actor: 'Actor',
  action: 'Action',
  targetType: 'Target type',
  targetId: 'Target id',
  from: 'From',
  to: 'Until',
  // Catalog search
  q: 'Search text',
  page: 'Page',
  pageSize: 'Page size',
};

interface FieldProblem {
  path: string;
  message: string;
}

/** Returns the field a detail path names: `policy.exceptions.0.expiresAt` names `expiresAt`. */
export function fieldNameOf(path: string): string {
  const names = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  return names[names.length - 1] ?? '';
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * Replaces the JSON field name or full path that starts `message` (`maxScanAgeDays must ...`,
 * `policy.maxScanAgeDays is required`) with its label; undefined when the message starts with neither.
 */
function withLabel(path: string, message: string, labels: FieldLabels): string | undefined {
  const name = fieldNameOf(path);
  const label = labels[name];
  if (label === undefined) return undefined;
  const subject = [path, name].find((candidate) => candidate !== '' && message.startsWith(`${candidate} `));
  return subject === undefined ? undefined : `${label}${message.slice(subject.length)}`;
}

/**
 * Words an API field message for display under its field: `maxScanAgeDays must be 1-365 days`
 * becomes `Maximum scan age must be 1-365 days.` Other messages are capitalised and end with a full stop.
 */
export function fieldMessage(path: string, message: string, labels: FieldLabels = fieldLabels): string {
  return asSentence(withLabel(path, message, labels) ?? message);
}

/**
 * Words an API field message for a summary away from the field: like {@link fieldMessage}, but a
 * message that does not start with the field's name is prefixed with its label, so it names its field.
 */
export function problemSentence(path: string, message: string, labels: FieldLabels = fieldLabels): string {
  const labelled = withLabel(path, message, labels);
  if (labelled !== undefined) return asSentence(labelled);
  const label = labels[fieldNameOf(path)];
  return asSentence(label === undefined ? message : `${label}: ${message}`);
}

function problemsOf(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (detail): detail is FieldProblem =>
      typeof (detail as Partial<FieldProblem>)?.path === 'string' &&
      typeof (detail as Partial<FieldProblem>)?.message === 'string',
  );
}

/**
 * Collects the field messages of an `invalid-input` error (`details: [{ path, message }]`), keyed by
 * the full path and worded with labels. The first message for a path wins.
 */
export function fieldErrorsOf(error: unknown, labels: FieldLabels = fieldLabels): Record<string, string> {
  if (!isApiError(error) || error.failure.kind !== 'api' || error.failure.code !== 'invalid-input') return {};
  const errors: Record<string, string> = {};
  for (const problem of problemsOf(error.failure.details)) {
    errors[problem.path] ??= fieldMessage(problem.path, problem.message, labels);
  }
  return errors;
}

// A summary names this many problems; the fields themselves show every one.
const maxSummaryProblems = 3;

/**
 * Words an `invalid-input` response as plain sentences for a banner: each problem with its field's
 * label (`Display name must not be empty.`) in place of the API's `Invalid body: displayName must not
 * be empty`. Without details, the message loses its `Invalid body:` prefix.
 */
export function invalidInputText(
  failure: { message: string; details?: unknown },
  labels: FieldLabels = fieldLabels,
): string {
  const sentences = [
    ...new Set(
      problemsOf(failure.details).map((problem) => problemSentence(problem.path, problem.message, labels)),
    ),
  ];
  if (sentences.length === 0) {
    const message = asSentence(failure.message.replace(/^Invalid (body|query|request)(: |$)/, ''));
    return message === '' ? 'Some of the values sent are not valid.' : message;
  }
  const listed = sentences.slice(0, maxSummaryProblems);
  const rest = sentences.length - listed.length;
  if (rest > 0) listed.push(`${rest} more ${rest === 1 ? 'field needs' : 'fields need'} a change.`);
  return listed.join(' ');
}

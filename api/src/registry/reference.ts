import { isDigest } from './digest.ts';

/** A parsed image reference; `tag` defaults to `latest` when neither a tag nor a digest is given. */
export interface ImageReference {
  /** Registry host as written (`ghcr.io`, `localhost:5000`); `docker.io` when none is given. */
  registry: string;
  /** Repository path, with `library/` added for single-name Docker Hub images. */
  repository: string;
  tag?: string;
  digest?: string;
}

export class ImageReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageReferenceError';
  }
}

export const dockerHubRegistry = 'docker.io';
// Docker clients rewrite this legacy name of Docker Hub to docker.io.
const legacyDockerHubRegistry = 'index.docker.io';
// Distribution limits a repository name to 255 characters.
const maxRepositoryLength = 255;

// Grammar of github.com/distribution/reference (the grammar Docker and OCI clients use).
const pathComponentPattern = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^\w[\w.-]{0,127}$/;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainPattern = new RegExp(
  `^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`,
);
const digestShapePattern = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** True for a valid repository path such as `polusai/image-tools` (lowercase components separated by `/`). */
export function isValidRepository(repository: string): boolean {
  return (
    repository.length > 0 &&
    repository.length <= maxRepositoryLength &&
    repository.split('/').every((component) => pathComponentPattern.test(component))
  );
}

/** True for a valid tag: a word character, then up to 127 word characters, dots or dashes. */
export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

/** Splits the first path component off as the registry when it looks like a host (Docker's rule). */
function splitRegistry(name: string): { registry: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const looksLikeHost =
    first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase();
  if (slash === -1 || !looksLikeHost) return { registry: dockerHubRegistry, path: name };
  return { registry: first, path: name.slice(slash + 1) };
}

function checkPath(containerId: string, path: string): void {
  if (path.length > maxRepositoryLength) {
    throw new ImageReferenceError(
      `invalid image reference "${containerId}": the repository name is longer than ${maxRepositoryLength} characters.`,
    );
  }
  for (const component of path.split('/')) {
    if (pathComponentPattern.test(component)) continue;
    const problem =
      component === ''
        ? 'has an empty path component (two slashes or a trailing slash)'
        : `has the path component "${component}"; components must be lowercase letters and digits, separated by ".", "_", "__" or "-"`;
    throw new ImageReferenceError(`invalid image reference "${containerId}": the repository ${problem}.`);
  }
}

/**
 * Parses a Docker-style image reference (a WIPP `containerId`): `[registry/]repository[:tag][@digest]`.
 * `polusai/x:1.0` is `docker.io`, `polusai/x`, tag `1.0`; `ubuntu` is `docker.io/library/ubuntu:latest`;
 * `localhost:5000/x@sha256:...` keeps the host and the digest.
 * Throws ImageReferenceError saying which part is invalid.
 */
export function parseImageReference(containerId: string): ImageReference {
  if (containerId === '') throw new ImageReferenceError('invalid image reference: it is empty.');
  if (/\s/.test(containerId)) {
    throw new ImageReferenceError(`invalid image reference "${containerId}": it contains whitespace.`);
  }

  const at = containerId.indexOf('@');
  const nameAndTag = at === -1 ? containerId : containerId.slice(0, at);
  const digest = at === -1 ? undefined : containerId.slice(at + 1);
  if (digest !== undefined && !isDigest(digest)) {
    const problem = digestShapePattern.test(digest)
      ? 'uses an unsupported algorithm or encoding; expected sha256: and 64 lowercase hex digits'
      : 'is not of the form algorithm:hex';
    throw new ImageReferenceError(
      `invalid image reference "${containerId}": the digest "${digest}" ${problem}.`,
    );
  }

  // A colon after the last slash starts the tag; an earlier one belongs to a registry port.
  const colon = nameAndTag.lastIndexOf(':');
  const hasTag = colon > nameAndTag.lastIndexOf('/');
  const name = hasTag ? nameAndTag.slice(0, colon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(colon + 1) : undefined;
  if (tag !== undefined && !isValidTag(tag)) {
    throw new ImageReferenceError(
      `invalid image reference "${containerId}": the tag "${tag}" must start with a letter, digit or "_" and contain at most 128 letters, digits, "_", "." or "-".`,
    );
  }
  if (name === '')
    throw new ImageReferenceError(
      `invalid image reference "${containerId}": the repository name is missing.`,
    );

  const split = splitRegistry(name);
  if (!domainPattern.test(split.registry)) {
    throw new ImageReferenceError(
      `invalid image reference "${containerId}": the registry "${split.registry}" is not a valid host or host:port.`,
    );
  }
  checkPath(containerId, split.path);

  const registry = split.registry === legacyDockerHubRegistry ? dockerHubRegistry : split.registry;
  const repository =
    registry === dockerHubRegistry && !split.path.includes('/') ? `library/${split.path}` : split.path;

  const reference: ImageReference = { registry, repository };
  if (tag !== undefined || digest === undefined) reference.tag = tag ?? 'latest';
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

/** Formats a reference back to `registry/repository[:tag][@digest]`. */
export function formatImageReference(reference: ImageReference): string {
  const tag = reference.tag === undefined ? '' : `:${reference.tag}`;
  const digest = reference.digest === undefined ? '' : `@${reference.digest}`;
  return `${reference.registry}/${reference.repository}${tag}${digest}`;
}

/** Throws ImageReferenceError unless `repository` is a valid repository path; guards URL and file paths. */
export function assertRepository(repository: string): void {
  if (!isValidRepository(repository)) {
    throw new ImageReferenceError(
      `invalid repository "${repository}": expected lowercase path components such as polusai/image-tools.`,
    );
  }
}

/** Throws ImageReferenceError unless `reference` is a valid tag or a sha256/sha512 digest. */
export function assertManifestReference(reference: string): void {
  if (!isValidTag(reference) && !isDigest(reference)) {
    throw new ImageReferenceError(
      `invalid tag or digest "${reference}": expected a tag such as 1.0.0 or sha256:<64 hex digits>.`,
    );
  }
}

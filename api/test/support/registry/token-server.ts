import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import forge from 'node-forge';

/** One access grant in a registry token (Distribution token spec). */
export interface TokenAccess {
  type: string;
  name: string;
  actions: string[];
}

/** A request the token endpoint received; tests count these to check token caching. */
export interface TokenRequestRecord {
  service: string | null;
  scopes: string[];
  /** Username from Basic credentials, or undefined for an anonymous request. */
  username: string | undefined;
  status: number;
}

export interface TokenServerOptions {
  /** Accepted Basic credentials, `{ username: password }`; these users get every action they ask for. */
  users?: Record<string, string>;
  /** Whether a request without credentials gets `pull` (default false: it gets a token without access). */
  anonymousPull?: boolean;
  /** Field the token is returned in (default `token`). */
  tokenField?: 'token' | 'access_token' | 'both';
  /** `expires_in` to send and the JWT lifetime; `null` omits the field (default 300). */
  expiresInSeconds?: number | null;
}

export interface TokenServer {
  /** Realm URL for the registry's `auth.token.realm`. */
  realm: string;
  /** Host and port of the endpoint, for the client's authRealmHosts. */
  host: string;
  service: string;
  issuer: string;
  /** PEM of the self-signed certificate whose key signs tokens, for `auth.token.rootcertbundle`. */
  certificatePem: string;
  requests: TokenRequestRecord[];
  close(): Promise<void>;
}

const service = 'assay-test-registry';
const issuer = 'assay-test-token-issuer';

/**
 * Creates a self-signed certificate for the token-signing key. Node's crypto can read X.509 but not
 * write it, so node-forge builds the certificate.
 */
function selfSignedCertificate(publicKey: KeyObject, privateKey: KeyObject): { pem: string; der: Buffer } {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  );
  certificate.serialNumber = '01';
  certificate.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  certificate.validity.notAfter = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const name = [{ name: 'commonName', value: issuer }];
  certificate.setSubject(name);
  certificate.setIssuer(name);
  certificate.sign(
    forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
    forge.md.sha256.create(),
  );

  const pem = forge.pki.certificateToPem(certificate);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(certificate)).getBytes(), 'binary');
  return { pem, der };
}

function basicUser(request: IncomingMessage): { username: string; password: string } | undefined {
  const header = request.headers.authorization;
  if (header === undefined || !header.toLowerCase().startsWith('basic ')) return undefined;
  const decoded = Buffer.from(header.slice('basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Parses `repository:name:pull,push` scopes; other scope types are granted nothing. */
function requestedAccess(scopes: string[]): TokenAccess[] {
  return scopes.flatMap((scope) => {
    const [type, ...rest] = scope.split(':');
    const actions = rest.pop();
    const name = rest.join(':');
    if (type !== 'repository' || actions === undefined || name === '') return [];
    return [{ type, name, actions: actions.split(',').filter((action) => action !== '') }];
  });
}

/**
 * Starts a token endpoint on 127.0.0.1 that issues RS256 JWTs in the Docker token format, signed by a
 * key whose self-signed certificate goes into the registry's rootcertbundle (sent as `x5c`).
 */
export async function startTokenServer(options: TokenServerOptions = {}): Promise<TokenServer> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const certificate = selfSignedCertificate(publicKey, privateKey);
  const users = options.users ?? {};
  const requests: TokenRequestRecord[] = [];
  const expiresIn = options.expiresInSeconds === undefined ? 300 : options.expiresInSeconds;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((scope) => scope.split(' ').filter((part) => part !== ''));
    const user = basicUser(request);
    const record: TokenRequestRecord = {
      service: url.searchParams.get('service'),
      scopes,
      username: user?.username,
      status: 200,
    };
    requests.push(record);

    if (url.pathname !== '/token') {
      record.status = 404;
      response.writeHead(404).end();
      return;
    }
    if (user !== undefined && users[user.username] !== user.password) {
      record.status = 401;
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"details":"invalid username or password"}');
      return;
    }

    const wanted = requestedAccess(scopes);
    const access =
      user !== undefined
        ? wanted
        : options.anonymousPull === true
          ? wanted.map((grant) => ({
              ...grant,
              actions: grant.actions.filter((action) => action === 'pull'),
            }))
          : [];
    const lifetime = expiresIn ?? 60;
    const token = await new SignJWT({ access })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c: [certificate.der.toString('base64')] })
      .setIssuer(issuer)
      .setAudience(service)
      .setSubject(user?.username ?? 'anonymous')
      .setIssuedAt()
      .setNotBefore(Math.floor(Date.now() / 1000) - 60)
      .setExpirationTime(Math.floor(Date.now() / 1000) + lifetime)
      .setJti(randomUUID())
      .sign(privateKey);

    const body: Record<string, unknown> = { issued_at: new Date().toISOString() };
    if (options.tokenField !== 'access_token') body.token = token;
    if (options.tokenField === 'access_token' || options.tokenField === 'both') body.access_token = token;
    if (expiresIn !== null) body.expires_in = expiresIn;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    host: `127.0.0.1:${port}`,
    service,
    issuer,
    certificatePem: certificate.pem,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

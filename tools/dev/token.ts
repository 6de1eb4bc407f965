// `npm run token -- --sub u1 --tenant tn_demo --roles exec,admin --scope "events:publish notifications:read"`
// prints a dev JWT signed with JWT_SECRET (HS256) carrying the SPEC §3 claims.
import { parseArgs } from 'node:util';
import { ROLES, Role, SCOPES, Scope } from '@herald/contracts';
import { signDevToken } from '@herald/platform/auth';
import { loadConfig } from '@herald/platform/config';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    tenant: { type: 'string', default: 'tn_demo' },
    roles: { type: 'string', default: '' },
    groups: { type: 'string', default: '' },
    scope: { type: 'string', default: '' },
    ttl: { type: 'string', default: '43200' },
  },
});

function fail(message: string): never {
  process.stderr.write(`token: ${message}\n`);
  process.exit(2);
}

if (!values.sub) fail('--sub is required (the user id)');
const roles = values.roles.split(',').filter(Boolean);
const scopes = values.scope.split(/[ ,]+/).filter(Boolean);
const badRole = roles.find((r) => !(ROLES as readonly string[]).includes(r));
if (badRole) fail(`unknown role "${badRole}" (known: ${ROLES.join(', ')})`);
const badScope = scopes.find((s) => !(SCOPES as readonly string[]).includes(s));
if (badScope) fail(`unknown scope "${badScope}" (known: ${SCOPES.join(', ')})`);
if (!/^\d+$/.test(values.ttl)) fail('--ttl must be seconds');

const config = loadConfig({ appName: 'token', port: 0 });
process.stdout.write(
  signDevToken(config, {
    sub: values.sub,
    tenant_id: values.tenant,
    roles: roles as Role[],
    groups: values.groups.split(',').filter(Boolean),
    scope: scopes as Scope[],
    expiresInSeconds: Number(values.ttl),
  }) + '\n',
);

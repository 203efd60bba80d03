// Signs each request of AWS's SigV4 test suite with the console's signer and prints, per case,
// "PASS name", "FAIL name expected got" or "SKIP name why". Cases the console never makes (paths
// to normalize, repeated header or query names, folded header lines) are skipped, not bent to fit.
// Usage: node sigv4-vectors.mjs <sigv4.js> <suite directory> [secret override]
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [signerPath, suite, secretOverride] = process.argv.slice(2);
const { sign } = await import(pathToFileURL(signerPath).href);

for (const name of readdirSync(suite).sort()) {
  const dir = join(suite, name);
  if (!existsSync(join(dir, 'request.txt'))) continue;
  const context = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8'));
  const raw = readFileSync(join(dir, 'request.txt'), 'utf8');
  const [head, ...bodyParts] = raw.split('\n\n');
  const lines = head.split('\n').filter((l) => l !== '');
  const words = lines[0].split(' ');
  const [method, target] = [words[0], words.slice(1, -1).join(' ')];
  const why = skip(lines, target, context);
  if (why) {
    console.log(`SKIP ${name} ${why}`);
    continue;
  }
  const headers = {};
  let host;
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    const key = line.slice(0, i).toLowerCase();
    const value = line.slice(i + 1);
    if (key === 'host') host = value;
    else if (key !== 'x-amz-date' && key !== 'x-amz-security-token') headers[key] = value;
  }
  const [path, queryText] = target.split('?');
  const query = {};
  for (const pair of (queryText || '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  const request = { method, path, query, headers, body: bodyParts.join('\n\n') };
  const c = context.credentials;
  sign(request, { accessKeyId: c.access_key_id, secretAccessKey: secretOverride || c.secret_access_key, sessionToken: c.token },
    context.region, context.service, host, new Date(context.timestamp));
  const expected = readFileSync(join(dir, 'header-signature.txt'), 'utf8').trim();
  const got = request.headers.authorization.split('Signature=')[1];
  console.log(got === expected ? `PASS ${name}` : `FAIL ${name} ${expected} ${got}`);
}

function skip(lines, target, context) {
  const names = lines.slice(1).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
  if (lines.slice(1).some((l) => !l.includes(':') || /^\s/.test(l))) return 'folded header lines';
  if (new Set(names).size !== names.length) return 'repeated header names';
  const [path, query] = target.split('?');
  if (/\/\.\.?(\/|$)|\/\//.test(path) || !context.normalize) return 'path to normalize';
  const keys = (query || '').split('&').filter(Boolean).map((p) => p.split('=')[0]);
  if (new Set(keys).size !== keys.length) return 'repeated query names';
  if (context.sign_body) return 'signed payload header';
  if (context.omit_session_token) return 'session token left unsigned (the console signs it)';
  return null;
}

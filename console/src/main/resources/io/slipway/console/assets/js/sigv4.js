// AWS Signature Version 4, as every AWS SDK signs, in plain JavaScript: SubtleCrypto exists only in
// secure contexts, and a team's Slipway is often reached over plain HTTP by a host name.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);

const encoder = new TextEncoder();
const bytes = (data) => (typeof data === 'string' ? encoder.encode(data) : data);

/** SHA-256 of a string (UTF-8) or bytes, as bytes. */
export function sha256(data) {
  const message = bytes(data);
  const length = message.length;
  const padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const hash = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = hash;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7)))
        + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10)))
        + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    hash[0] += a; hash[1] += b; hash[2] += c; hash[3] += d;
    hash[4] += e; hash[5] += f; hash[6] += g; hash[7] += h;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  hash.forEach((word, i) => outView.setUint32(i * 4, word));
  return out;
}

export function hmac(key, data) {
  let k = bytes(key);
  if (k.length > 64) k = sha256(k);
  const inner = new Uint8Array(64 + bytes(data).length);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] || 0) ^ 0x36;
    outer[i] = (k[i] || 0) ^ 0x5c;
  }
  inner.set(bytes(data), 64);
  outer.set(sha256(inner), 64);
  return sha256(outer);
}

export const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** RFC 3986 encoding, as SigV4 wants it: everything but unreserved characters (and '/' if asked). */
export function uriEncode(s, keepSlash) {
  return Array.from(encoder.encode(s), (c) => {
    const ch = String.fromCharCode(c);
    if (/[A-Za-z0-9\-._~]/.test(ch) || (keepSlash && ch === '/')) return ch;
    return '%' + c.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

export function canonicalQuery(params) {
  return Object.entries(params)
    .map(([k, v]) => [uriEncode(k), uriEncode(String(v))])
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`).join('&');
}

const amzDate = (now) => now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

function signingKey(secret, day, region, service) {
  return hmac(hmac(hmac(hmac('AWS4' + secret, day), region), service), 'aws4_request');
}

/**
 * Signs a request in place. `request`: {method, path (already percent-encoded), query (object),
 * headers (object, lower-case names), body (string)}; `credentials`: {accessKeyId, secretAccessKey,
 * sessionToken}. S3 paths are encoded once in the canonical request, every other service's twice.
 */
export function sign(request, credentials, region, service, host, now = new Date()) {
  const date = amzDate(now);
  const headers = request.headers;
  headers['x-amz-date'] = date;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const payloadHash = headers['x-amz-content-sha256'] || hex(sha256(request.body || ''));
  const all = { ...headers, host };
  const names = Object.keys(all).map((n) => n.toLowerCase()).sort();
  const canonicalHeaders = names.map((n) => `${n}:${String(all[n]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const signedHeaders = names.join(';');
  const path = service === 's3' ? request.path : uriEncode(request.path, true);
  const canonical = [request.method, path, canonicalQuery(request.query || {}), canonicalHeaders, signedHeaders,
    payloadHash].join('\n');
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, hex(sha256(canonical))].join('\n');
  const signature = hex(hmac(signingKey(credentials.secretAccessKey, date.slice(0, 8), region, service), toSign));
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, `
    + `SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return request;
}

/** A presigned GET URL (S3 downloads) with `extra` query parameters signed too, valid for `expires` seconds. */
export function presign(path, extra, credentials, region, service, host, origin, expires = 300, now = new Date()) {
  const date = amzDate(now);
  const scope = `${date.slice(0, 8)}/${region}/${service}/aws4_request`;
  const query = {
    ...extra,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
    'X-Amz-Date': date,
    'X-Amz-Expires': String(expires),
    'X-Amz-SignedHeaders': 'host',
  };
  if (credentials.sessionToken) query['X-Amz-Security-Token'] = credentials.sessionToken;
  const canonical = ['GET', path, canonicalQuery(query), `host:${host}\n`, 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', date, scope, hex(sha256(canonical))].join('\n');
  query['X-Amz-Signature'] = hex(hmac(signingKey(credentials.secretAccessKey, date.slice(0, 8), region, service), toSign));
  return `${origin}${path}?${canonicalQuery(query)}`;
}

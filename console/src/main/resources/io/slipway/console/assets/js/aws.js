// Slipway's own AWS APIs, called the way the SDKs call them: awsJson 1.1 (CodeDeploy, CodePipeline),
// awsQuery (CloudFormation), restJson (Lambda) and S3's REST XML, each request signed with SigV4.
import { sign, presign, uriEncode, canonicalQuery } from './sigv4.js';

/** An AWS error answer: its code, message and HTTP status. */
export class AwsError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

const TARGETS = { codedeploy: 'CodeDeploy_20141006', codepipeline: 'CodePipeline_20150709' };

/** The caller: keys and region. Without verification an account id works as an access key. */
export class Session {
  constructor({ accessKeyId, secretAccessKey, sessionToken, region }) {
    this.credentials = { accessKeyId, secretAccessKey, sessionToken };
    this.region = region;
  }

  async send(service, method, path, query, headers, body) {
    const request = { method, path, query: query || {}, headers: headers || {}, body: body || '' };
    sign(request, this.credentials, this.region, service, location.host);
    const qs = canonicalQuery(request.query);
    const response = await fetch(path + (qs ? '?' + qs : ''), {
      method, headers: request.headers, body: method === 'GET' || method === 'HEAD' ? undefined : request.body,
      cache: 'no-store',
    });
    const text = await response.text();
    if (!response.ok) throw errorOf(response, text);
    return text;
  }

  /** CodeDeploy and CodePipeline: POST / with X-Amz-Target. */
  async json(service, operation, input = {}) {
    const text = await this.send(service, 'POST', '/', {}, {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `${TARGETS[service]}.${operation}`,
    }, JSON.stringify(input));
    return text ? JSON.parse(text) : {};
  }

  codedeploy(operation, input) {
    return this.json('codedeploy', operation, input);
  }

  codepipeline(operation, input) {
    return this.json('codepipeline', operation, input);
  }

  /** CloudFormation: a form POST, answered in XML; returns the operation's Result element as an object. */
  async cloudformation(action, params = {}) {
    const form = canonicalQuery({ Action: action, Version: '2010-05-15', ...flatten(params) });
    const text = await this.send('cloudformation', 'POST', '/', {},
      { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, form);
    const result = xml(text)[`${action}Result`];
    return result && typeof result === 'object' ? result : {};
  }

  /** Lambda's REST API: `path` segments are encoded here. */
  async lambda(method, segments, query) {
    const path = '/2015-03-31/' + segments.map((s) => uriEncode(s)).join('/');
    const text = await this.send('lambda', method, path, query, {});
    return text ? JSON.parse(text) : {};
  }

  /** S3, path-style: `/bucket` or `/bucket/key`, answered in XML. */
  async s3(path, query) {
    const text = await this.send('s3', 'GET', uriEncode(path, true), query,
      { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    return xml(text);
  }

  s3DownloadUrl(bucket, key, versionId) {
    const path = uriEncode(`/${bucket}/${key}`, true);
    return presign(path, versionId ? { versionId } : {}, this.credentials, this.region, 's3', location.host,
      location.origin);
  }

  /** Slipway's own read-only endpoints, signed like an API call so verification mode lets them in. */
  async slipway(path, query = {}) {
    const text = await this.send('execute-api', 'GET', path, query, {});
    return JSON.parse(text);
  }
}

/** awsQuery's list and map members: {Parameters: [{ParameterKey: 'a'}]} → Parameters.member.1.ParameterKey=a */
function flatten(params, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix + key;
    if (Array.isArray(value)) {
      value.forEach((v, i) => (typeof v === 'object' ? flatten(v, `${name}.member.${i + 1}.`, out)
        : (out[`${name}.member.${i + 1}`] = v)));
    } else if (value !== undefined && value !== null) {
      out[name] = value;
    }
  }
  return out;
}

/**
 * An XML answer as plain objects: an element with only text is its text; `member` children and
 * repeated names make arrays. A list of one is an object, so readers use `list()`.
 */
export function xml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const convert = (el) => {
    const children = Array.from(el.children);
    if (children.length === 0) return el.textContent;
    if (children.every((c) => c.localName === 'member')) return children.map(convert);
    const out = {};
    for (const c of children) {
      const value = convert(c);
      if (c.localName in out) {
        out[c.localName] = [].concat(out[c.localName], [value]);
      } else {
        out[c.localName] = value;
      }
    }
    return out;
  };
  const root = doc.documentElement;
  return root ? convert(root) : {};
}

/** A value that may be missing, one item, or a list, as a list. */
export const list = (x) => (x === undefined || x === null || x === '' ? [] : Array.isArray(x) ? x : [x]);

function errorOf(response, text) {
  const status = response.status;
  const typeHeader = response.headers.get('x-amzn-errortype');
  try {
    const body = JSON.parse(text);
    const type = (body.__type || typeHeader || body.code || 'Error').split('#').pop().split(':')[0];
    return new AwsError(type, body.message || body.Message, status);
  } catch (notJson) {
    const doc = xml(text);
    const error = doc.Error || doc;
    return new AwsError(error.Code || typeHeader || `HTTP ${status}`, error.Message || text.slice(0, 200), status);
  }
}

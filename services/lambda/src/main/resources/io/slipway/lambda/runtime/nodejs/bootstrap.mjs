// Slipway's Node.js runtime: loads the handler `path/module.export` from LAMBDA_TASK_ROOT (ESM .mjs,
// CommonJS .cjs, .js of either kind) and serves it through the Lambda Runtime API, as Lambda's own
// runtime interface client does: async and callback-style handlers (async only from nodejs24.x), the same context, the same error
// documents ({errorType, errorMessage, trace}) and init error types.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [host, port] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
// A connection per request: the Runtime API server drops connections idle for 30 s, which a handler that runs
// longer would otherwise find out when it posts its answer.
const agent = new http.Agent({ keepAlive: false });
const BASE = '/2018-06-01/runtime';

function call(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, path: BASE + urlPath, method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function postJson(urlPath, doc, errorType) {
  const headers = { 'Content-Type': 'application/json' };
  if (errorType) headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  return call('POST', urlPath, JSON.stringify(doc), headers);
}

// ---- errors, as Lambda's runtime reports them ----
function isError(e) {
  return e instanceof Error || (e !== null && typeof e === 'object' && typeof e.name === 'string' && typeof e.message === 'string');
}

function errorDocument(e) {
  if (isError(e)) {
    return { errorType: e.name, errorMessage: e.message, trace: String(e.stack || '').split('\n') };
  }
  return { errorType: typeof e, errorMessage: e === undefined ? 'handled' : String(e), trace: [] };
}

function typed(type, e) {
  const doc = errorDocument(e);
  const message = isError(e) ? `${e.name}: ${e.message}` : doc.errorMessage;
  return { errorType: type, errorMessage: message, trace: doc.trace };
}

// ---- logging: console lines carry time, request id and level, as in Lambda ----
let currentRequestId;
for (const [name, level] of [['log', 'INFO'], ['info', 'INFO'], ['warn', 'WARN'], ['error', 'ERROR'], ['debug', 'DEBUG'], ['trace', 'TRACE']]) {
  console[name] = (...args) => {
    const text = util.format(...args).replace(/\n/g, '\r');
    process.stdout.write(`${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${text}\n`);
  };
}

// ---- loading the handler ----
// Errors of the user's code keep their own name in the message ("SyntaxError: ..."); the runtime's own don't.
class InitError extends Error {
  constructor(type, cause) {
    super(typeof cause === 'string' ? cause : cause.message);
    this.name = type;
    this.document = typeof cause === 'string' ? errorDocument(this) : typed(type, cause);
  }
}

// Lambda's own message (its runtime interface client's wording).
const CALLBACK_HANDLER_REMOVED = 'ERROR: AWS Lambda has removed support for callback-based function handlers starting with '
  + 'Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. '
  + 'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

function splitHandler(handler) {
  const slash = handler.lastIndexOf('/');
  const dir = handler.slice(0, slash + 1);
  const rest = handler.slice(slash + 1);
  const dot = rest.indexOf('.');
  if (dot <= 0 || dot === rest.length - 1) {
    throw new InitError('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  }
  return [dir + rest.slice(0, dot), rest.slice(dot + 1)];
}

function packageType(file, root) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        return JSON.parse(fs.readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return 'commonjs';
      }
    }
    if (dir === root || dir === path.dirname(dir)) return 'commonjs';
  }
}

async function loadModule(root, moduleName) {
  const require = createRequire(path.join(root, 'noop.js'));
  const base = path.resolve(root, moduleName);
  for (const ext of ['.js', '.mjs', '.cjs']) {
    const file = base + ext;
    if (!fs.existsSync(file)) continue;
    if (ext === '.mjs' || (ext === '.js' && packageType(file, root) === 'module')) {
      return import(pathToFileURL(file).href);
    }
    try {
      return require(file);
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file).href);
      throw e;
    }
  }
  try {
    return require(require.resolve(moduleName, { paths: [root] }));
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND') {
      throw new InitError('Runtime.ImportModuleError', new Error(`Cannot find module '${moduleName}'`));
    }
    throw e;
  }
}

async function loadHandler() {
  const root = process.env.LAMBDA_TASK_ROOT;
  const handlerString = process.env._HANDLER;
  const [moduleName, handlerPath] = splitHandler(handlerString);
  let mod;
  try {
    mod = await loadModule(root, moduleName);
  } catch (e) {
    if (e instanceof InitError) throw e;
    if (e instanceof SyntaxError) throw new InitError('Runtime.UserCodeSyntaxError', e);
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new InitError('Runtime.ImportModuleError', e);
    }
    throw e; // an error thrown by the module's own top-level code is reported as it is
  }
  let fn = mod;
  for (const part of handlerPath.split('.')) {
    fn = fn == null ? undefined : fn[part];
  }
  if (fn === undefined && mod && mod.default) {
    fn = handlerPath.split('.').reduce((o, p) => (o == null ? undefined : o[p]), mod.default);
  }
  if (typeof fn !== 'function') {
    throw new InitError('Runtime.HandlerNotFound', `${handlerString} is undefined or not exported`);
  }
  // From nodejs24.x on, Lambda refuses a handler that declares a third (callback) parameter, at init.
  const major = Number((/^AWS_Lambda_nodejs(\d+)\.x$/.exec(process.env.AWS_EXECUTION_ENV || '') || [])[1]);
  if (major >= 24 && fn.length >= 3) {
    throw new InitError('Runtime.CallbackHandlerDeprecated', CALLBACK_HANDLER_REMOVED);
  }
  return fn;
}

// ---- invoking ----
let settle; // settles the invocation in progress; also used when the event loop drains or code crashes

function runHandler(fn, event, context) {
  return new Promise((resolve, reject) => {
    let done = false;
    const callback = (err, result) => {
      if (done) return;
      done = true;
      settle = undefined;
      if (err !== undefined && err !== null) reject(err);
      else resolve(result);
    };
    settle = callback;
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (err) => callback(err === undefined || err === null ? 'handled' : err);
    let returned;
    try {
      returned = fn(event, context, callback);
    } catch (e) {
      callback(e);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((r) => callback(null, r), (e) => callback(e === undefined || e === null ? new Error('handled') : e));
    }
  });
}

// A callback-style handler that never calls back answers null once nothing is left to run, as in Lambda.
process.on('beforeExit', () => {
  if (settle) settle(null, null);
});

async function crash(type, e) {
  const doc = type ? typed(type, e) : errorDocument(e);
  console.error('Invoke Error', JSON.stringify(doc));
  if (currentRequestId) {
    try {
      await postJson(`/invocation/${currentRequestId}/error`, doc, doc.errorType);
    } catch {
      // the Runtime API is gone too
    }
  }
  process.exit(129);
}
process.on('uncaughtException', (e) => crash(undefined, e));
process.on('unhandledRejection', (reason) => crash('Runtime.UnhandledPromiseRejection',
  isError(reason) ? reason : new Error(String(reason))));

async function main() {
  let handler;
  try {
    handler = await loadHandler();
  } catch (e) {
    const doc = e instanceof InitError ? e.document : errorDocument(e);
    console.error('Init Error', JSON.stringify(doc));
    await postJson('/init/error', doc, doc.errorType);
    process.exit(129);
  }
  const env = process.env;
  for (;;) {
    const next = await call('GET', '/invocation/next');
    const h = next.headers;
    const requestId = h['lambda-runtime-aws-request-id'];
    const deadline = Number(h['lambda-runtime-deadline-ms']);
    if (h['lambda-runtime-trace-id']) env._X_AMZN_TRACE_ID = h['lambda-runtime-trace-id'];
    else delete env._X_AMZN_TRACE_ID;
    currentRequestId = requestId;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      awsRequestId: requestId,
      logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      identity: undefined,
      clientContext: undefined,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    let event;
    try {
      event = JSON.parse(next.body.toString('utf8'));
    } catch (e) {
      const doc = typed('Runtime.UnmarshalError', e);
      await postJson(`/invocation/${requestId}/error`, doc, doc.errorType);
      continue;
    }
    let body;
    try {
      const result = await runHandler(handler, event, context);
      body = JSON.stringify(result === undefined ? null : result);
    } catch (e) {
      const doc = errorDocument(e);
      console.error('Invoke Error', JSON.stringify(doc));
      await postJson(`/invocation/${requestId}/error`, doc, doc.errorType);
      currentRequestId = undefined;
      continue;
    }
    await call('POST', `/invocation/${requestId}/response`, body, { 'Content-Type': 'application/json' });
    currentRequestId = undefined;
  }
}

main().catch((e) => {
  process.stderr.write(`Slipway runtime failed: ${e && e.stack ? e.stack : e}\n`);
  process.exit(1);
});

// The console's shell: who is signed in, which account and region are shown, the route table, and
// the live loop that reloads the open view every few seconds while the tab is visible.
import { Session, AwsError } from './aws.js';
import { h } from './ui.js';
import * as overview from './views/overview.js';
import * as codedeploy from './views/codedeploy.js';
import * as codepipeline from './views/codepipeline.js';
import * as cloudformation from './views/cloudformation.js';
import * as lambda from './views/lambda.js';
import * as s3 from './views/s3.js';

const REFRESH_MS = 2000;
const DEFAULT_ACCOUNT = '000000000000';

/** Route patterns, by hash path, to view constructors; captured parts arrive decoded. */
const ROUTES = [
  [/^\/$/, overview.home, 'overview'],
  [/^\/codedeploy$/, codedeploy.applications, 'codedeploy'],
  [/^\/codedeploy\/applications\/([^/]+)$/, codedeploy.application, 'codedeploy'],
  [/^\/codedeploy\/deployments\/([^/]+)$/, codedeploy.deployment, 'codedeploy'],
  [/^\/codepipeline$/, codepipeline.pipelines, 'codepipeline'],
  [/^\/codepipeline\/pipelines\/([^/]+)$/, codepipeline.pipeline, 'codepipeline'],
  [/^\/codepipeline\/pipelines\/([^/]+)\/executions\/([^/]+)$/, codepipeline.execution, 'codepipeline'],
  [/^\/cloudformation$/, cloudformation.stacks, 'cloudformation'],
  [/^\/cloudformation\/stacks\/([^/]+)$/, cloudformation.stack, 'cloudformation'],
  [/^\/lambda$/, lambda.functions, 'lambda'],
  [/^\/lambda\/functions\/([^/]+)$/, lambda.fn, 'lambda'],
  [/^\/s3$/, s3.buckets, 's3'],
  [/^\/s3\/buckets\/([^/]+)$/, s3.bucket, 's3'],
];

const NAV = [['overview', '#/', 'Overview'], ['codedeploy', '#/codedeploy', 'CodeDeploy'],
  ['codepipeline', '#/codepipeline', 'CodePipeline'], ['cloudformation', '#/cloudformation', 'CloudFormation'],
  ['lambda', '#/lambda', 'Lambda'], ['s3', '#/s3', 'S3']];

const state = { session: null, verifying: false, view: null, key: null, lastJson: null, timer: null, busy: 0 };
const main = document.getElementById('main');
const live = document.getElementById('live');

function stored() {
  const raw = sessionStorage.getItem('slipway.session');
  return raw ? JSON.parse(raw) : null;
}

function useSession(settings) {
  sessionStorage.setItem('slipway.session', JSON.stringify(settings));
  state.session = new Session(settings);
}

async function start() {
  applyTheme(localStorage.getItem('slipway.theme'));
  const health = await fetch('/_slipway/health', { cache: 'no-store' }).then((r) => r.json());
  state.verifying = health.signatureVerification === true;
  const params = new URLSearchParams(location.search);
  const saved = stored();
  if (saved) {
    useSession(saved);
  } else if (!state.verifying) {
    useSession({ accessKeyId: DEFAULT_ACCOUNT, secretAccessKey: 'console', region: 'us-east-1' });
  }
  // a link may name the namespace to show (?account=&region=); signed in, only the region can change
  if (state.session && (params.get('account') || params.get('region'))) {
    const current = stored();
    useSession({ ...current, region: params.get('region') || current.region,
      accessKeyId: state.verifying ? current.accessKeyId : params.get('account') || current.accessKeyId });
  }
  window.addEventListener('hashchange', route);
  // the skip link must not change the hash: the hash is the route
  document.querySelector('.skip').addEventListener('click', (event) => { event.preventDefault(); main.focus(); });
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refresh());
  route();
}

function signInForm(message) {
  const form = h('form', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' },
    h('h1', { id: 'sign-in-title' }, 'Sign in to Slipway'),
    h('p', {}, 'This Slipway verifies signatures. Sign in with access keys it issued: an operator key, an IAM user\'s '
      + 'access key, or STS session credentials. They stay in this tab only.'),
    message ? h('p', { class: 'error', role: 'alert' }, message) : null,
    labelled('Access key ID', h('input', { id: 'access-key-id', name: 'accessKeyId', required: true, autocomplete: 'username' })),
    labelled('Secret access key', h('input', { id: 'secret-access-key', name: 'secretAccessKey', type: 'password',
      required: true, autocomplete: 'current-password' })),
    labelled('Session token (optional)', h('input', { id: 'session-token', name: 'sessionToken' })),
    labelled('Region', h('input', { id: 'region', name: 'region', value: 'us-east-1', required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    if (!data.sessionToken) delete data.sessionToken;
    useSession(data);
    try {
      await state.session.slipway('/_slipway/console/namespaces');
      route();
    } catch (e) {
      sessionStorage.removeItem('slipway.session');
      state.session = null;
      show(signInForm(`Those keys were refused: ${e.message}`), 'Sign in');
    }
  });
  return form;
}

function labelled(text, input) {
  return h('label', { for: input.id }, h('span', {}, text), input);
}

function header(active) {
  const session = state.session;
  return [
    h('a', { class: 'brand', href: '#/' }, h('img', { class: 'logo', src: '/_slipway/console/icon.svg', alt: '', width: 24, height: 24 }), 'Slipway'),
    h('nav', { 'aria-label': 'Services' }, h('ul', {}, NAV.map(([key, href, text]) =>
      h('li', {}, h('a', { href, 'aria-current': key === active ? 'page' : null }, text))))),
    h('div', { class: 'tools' },
      session ? namespacePicker(session) : null,
      h('button', { type: 'button', class: 'ghost', onclick: toggleTheme, 'aria-label': 'Switch light or dark theme' },
        document.documentElement.dataset.theme === 'dark' ? '☀ Light' : '☾ Dark'),
      session && state.verifying ? h('button', { type: 'button', class: 'ghost', onclick: signOut }, 'Sign out') : null),
  ];
}

function namespacePicker(session) {
  const picker = h('form', { class: 'namespace', 'aria-label': 'Account and region' });
  const account = h('input', { id: 'ns-account', value: session.credentials.accessKeyId, size: 14,
    readonly: state.verifying, 'aria-label': state.verifying ? 'Access key' : 'Account' });
  const region = h('input', { id: 'ns-region', value: session.region, size: 11, 'aria-label': 'Region' });
  const choices = h('datalist', { id: 'ns-regions' });
  region.setAttribute('list', 'ns-regions');
  session.slipway('/_slipway/console/namespaces').then((answer) => {
    const regions = new Set(answer.namespaces.filter((n) => state.verifying || n.account === account.value)
      .map((n) => n.region));
    regions.forEach((r) => choices.append(h('option', { value: r })));
    const accounts = h('datalist', { id: 'ns-accounts' },
      [...new Set(answer.namespaces.map((n) => n.account))].map((a) => h('option', { value: a })));
    if (!state.verifying) { account.setAttribute('list', 'ns-accounts'); picker.append(accounts); }
  }).catch(() => {});
  picker.append(h('label', { for: 'ns-account' }, state.verifying ? 'Key' : 'Account'), account,
    h('label', { for: 'ns-region' }, 'Region'), region, choices,
    h('button', { type: 'submit', class: 'ghost' }, 'Show'));
  picker.addEventListener('submit', (event) => {
    event.preventDefault();
    const saved = stored();
    useSession({ ...saved, accessKeyId: account.value.trim(), region: region.value.trim() });
    route();
  });
  return picker;
}

function signOut() {
  sessionStorage.removeItem('slipway.session');
  state.session = null;
  route();
}

function applyTheme(theme) {
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

function toggleTheme() {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem('slipway.theme', next);
  applyTheme(next);
  renderHeader();
}

function renderHeader() {
  const active = ROUTES.find(([pattern]) => pattern.test(path()))?.[2];
  document.getElementById('top').replaceChildren(...header(active));
}

const path = () => (location.hash.replace(/^#/, '') || '/').split('?')[0];

function route() {
  clearTimeout(state.timer);
  document.getElementById('notice').textContent = ''; // an action's outcome belongs to the view it was taken on
  renderHeader();
  if (!state.session) {
    show(signInForm(), 'Sign in');
    return;
  }
  const match = ROUTES.map(([pattern, view]) => [path().match(pattern), view]).find(([m]) => m);
  if (!match) {
    show(h('p', {}, 'Nothing here. ', h('a', { href: '#/' }, 'Back to the overview.')), 'Not found');
    return;
  }
  const [m, view] = match;
  state.view = view(...m.slice(1).map(decodeURIComponent));
  state.key = location.hash;
  state.lastJson = null;
  document.title = `${state.view.title} · Slipway`;
  main.replaceChildren(h('h1', {}, state.view.title), h('p', { class: 'loading' }, 'Loading…'));
  main.removeAttribute('data-loaded');
  refresh(true);
}

function show(node, title) {
  document.title = `${title} · Slipway`;
  main.replaceChildren(node);
  main.setAttribute('data-loaded', 'true');
}

/** Loads the open view and draws it again if what it shows changed; then waits and does it again. */
async function refresh(first) {
  clearTimeout(state.timer);
  const view = state.view;
  const key = state.key;
  if (!view) return;
  const started = performance.now();
  try {
    const data = await view.load(state.session);
    if (key !== state.key) return;
    const json = JSON.stringify(data);
    if (json !== state.lastJson && state.busy === 0) {
      state.lastJson = json;
      draw(view, data);
    }
    live.textContent = `Live · updated ${new Date().toLocaleTimeString()} (${Math.round(performance.now() - started)} ms)`;
    live.classList.remove('stale');
  } catch (e) {
    if (key !== state.key) return;
    if (e instanceof AwsError && state.verifying && /Signature|ClientTokenId|AccessKeyId|Token|AccessDenied/.test(e.code)
      && e.status === 403 && first) {
      sessionStorage.removeItem('slipway.session');
      state.session = null;
      show(signInForm(`Signed out: ${e.message}`), 'Sign in');
      return;
    }
    if (first) {
      main.replaceChildren(h('h1', {}, view.title), h('p', { class: 'error', role: 'alert' }, `${e.code || 'Error'}: ${e.message}`));
      main.setAttribute('data-loaded', 'true');
    }
    live.textContent = `Not updated: ${e.message}`;
    live.classList.add('stale');
  }
  if (key === state.key && document.visibilityState === 'visible') {
    state.timer = setTimeout(() => refresh(false), REFRESH_MS);
  }
}

function draw(view, data) {
  const focused = document.activeElement?.dataset?.key;
  const scroll = window.scrollY;
  const ctx = { refresh: () => refresh(false), act, session: state.session };
  main.replaceChildren(h('h1', {}, view.title), h('div', { class: 'view' }, view.render(data, ctx)));
  main.setAttribute('data-loaded', 'true');
  if (focused) main.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
  window.scrollTo(0, scroll);
}

/**
 * Runs an action a button asked for (approve, stop, report a hook), says how it went in the live
 * region, and reloads the view at once so its effect shows.
 */
async function act(label, action) {
  state.busy += 1;
  const notice = document.getElementById('notice');
  notice.className = 'notice';
  notice.textContent = `${label}…`;
  try {
    await action(state.session);
    notice.textContent = `${label}: done.`;
    notice.classList.add('good');
  } catch (e) {
    notice.textContent = `${label} failed: ${e.code || 'Error'}: ${e.message}`;
    notice.classList.add('bad');
  } finally {
    state.busy -= 1;
    state.lastJson = null;
    refresh(false);
  }
}

start();

// Lambda: functions; a function's configuration, versions, aliases with their routing weights, and
// its recent invocations on this Slipway with duration, status and log tail.
import { h, badge, time, table, section, link, field, duration, Pager } from '../ui.js';

const enc = encodeURIComponent;

export function functions() {
  const pager = new Pager('Functions');
  return {
    title: 'Lambda functions',
    async load(session) {
      const page = await session.lambda('GET', ['functions'], { MaxItems: 50, ...(pager.token ? { Marker: pager.token } : {}) });
      pager.seen(page.NextMarker);
      return page.Functions || [];
    },
    render(rows, ctx) {
      return section('Functions', table('Functions', [
        ['Name', (f) => link(`#/lambda/functions/${enc(f.FunctionName)}`, f.FunctionName)],
        ['Runtime', (f) => f.Runtime || f.PackageType],
        ['Handler', (f) => f.Handler || ''],
        ['Memory', (f) => `${f.MemorySize} MB`],
        ['Timeout', (f) => `${f.Timeout} s`],
        ['Modified', (f) => time(f.LastModified)],
      ], rows, 'No functions in this account and region yet.'), pager.controls(ctx));
    },
  };
}

export function fn(name) {
  return {
    title: name,
    async load(session) {
      const [fnInfo, versions, aliases, invocations] = await Promise.all([
        session.lambda('GET', ['functions', name]),
        session.lambda('GET', ['functions', name, 'versions'], { MaxItems: 50 }),
        session.lambda('GET', ['functions', name, 'aliases'], { MaxItems: 50 }),
        session.slipway('/_slipway/lambda/invocations', { functionName: name }),
      ]);
      return { config: fnInfo.Configuration, versions: versions.Versions || [], aliases: aliases.Aliases || [],
        invocations: invocations.invocations };
    },
    render({ config: c, versions, aliases, invocations }) {
      return [
        h('p', { class: 'crumbs' }, link('#/lambda', 'Lambda'), ' / ', name),
        section('Configuration', h('dl', { class: 'facts' },
          field('State', badge(c.State)),
          field('Runtime', c.Runtime), field('Handler', c.Handler),
          field('Memory', `${c.MemorySize} MB`), field('Timeout', `${c.Timeout} s`),
          field('Execution role', c.Role), field('Code size', `${c.CodeSize} bytes`),
          field('Code SHA-256', h('code', {}, c.CodeSha256)),
          c.Description ? field('Description', c.Description) : null,
          field('Modified', time(c.LastModified)),
          Object.keys(c.Environment?.Variables || {}).length
            ? field('Environment', h('pre', {}, Object.entries(c.Environment.Variables).map(([k, v]) => `${k}=${v}`).join('\n'))) : null)),
        h('div', { class: 'grid' },
          section('Aliases', table('Aliases', [
            ['Alias', (a) => a.Name],
            ['Version', (a) => a.FunctionVersion],
            ['Routing', (a) => routing(a)],
            ['Description', (a) => a.Description || ''],
          ], aliases, 'No aliases.')),
          section('Versions', table('Versions', [
            ['Version', (v) => v.Version], ['Description', (v) => v.Description || ''],
            ['Code SHA-256', (v) => h('code', {}, (v.CodeSha256 || '').slice(0, 12))], ['Modified', (v) => time(v.LastModified)],
          ], versions, 'No versions.'))),
        section('Recent invocations', h('p', { class: 'stat-label' }, 'The last invocations this Slipway ran (kept in memory).'),
          invocations.length ? invocations.map((i) => h('details', { class: 'target', 'data-invocation': i.requestId },
            h('summary', {}, badge(i.status), ' ', time(i.startedAt), ` · version ${i.version} · ${duration(i.durationMillis)}`,
              i.functionError ? ` · ${i.functionError}` : ''),
            h('pre', { class: 'log-tail' }, i.logTail))) : h('p', { class: 'empty' }, 'No invocations yet.')),
      ];
    },
  };
}

function routing(alias) {
  const weights = Object.entries(alias.RoutingConfig?.AdditionalVersionWeights || {});
  if (!weights.length) return `100% → ${alias.FunctionVersion}`;
  const extra = weights.reduce((sum, [, w]) => sum + w, 0);
  return [`${Math.round((1 - extra) * 100)}% → ${alias.FunctionVersion}`,
    ...weights.map(([v, w]) => `, ${Math.round(w * 100)}% → ${v}`)].join('');
}

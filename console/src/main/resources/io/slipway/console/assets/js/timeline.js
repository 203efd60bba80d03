// A target's lifecycle events drawn as bars over one time axis, each with its diagnostics under it
// when it failed or its script printed something (error code, script, message, log tail).
import { h, badge, tone, millis, duration } from './ui.js';

/** `events`: CodeDeploy's LifecycleEvent list; `now`: where running events end on the axis. */
export function lifecycleTimeline(targetId, events, now = Date.now()) {
  const spans = events.map((e) => {
    const start = millis(e.startTime);
    const end = millis(e.endTime) ?? (start !== null && e.status === 'InProgress' ? now : start);
    return { e, start, end };
  });
  const known = spans.filter((s) => s.start !== null);
  const from = known.length ? Math.min(...known.map((s) => s.start)) : now;
  const to = Math.max(from + 1000, ...known.map((s) => s.end));
  const pct = (t) => `${(((t - from) / (to - from)) * 100).toFixed(2)}%`;
  const rows = [];
  for (const { e, start, end } of spans) {
    const status = e.status || 'Pending';
    rows.push(h('tr', { class: 'lifecycle-event', 'data-event': e.lifecycleEventName, 'data-status': status },
      h('th', { scope: 'row' }, e.lifecycleEventName),
      h('td', {}, badge(status)),
      h('td', { class: 'bar-cell' }, h('div', { class: 'track', role: 'img',
        'aria-label': start === null ? `${e.lifecycleEventName} has not started`
          : `${e.lifecycleEventName} ${status}, ${duration(end - start)}` },
      start === null ? null : h('div', { class: `bar ${tone(status)}`,
        style: { left: pct(start), width: `calc(${pct(end)} - ${pct(start)})` } }))),
      h('td', {}, start === null ? '—' : duration(end - start))));
    const d = e.diagnostics;
    // a script that succeeded has diagnostics too (errorCode Success): worth showing when it printed something
    if (d && ((d.errorCode && d.errorCode !== 'Success') || d.logTail)) {
      rows.push(h('tr', { class: `diagnostics ${tone(status)}`, 'data-status': status }, h('td', { colspan: 4, 'data-testid': 'diagnostics' },
        h('strong', {}, d.errorCode || 'Diagnostics'), d.scriptName ? ` in ${d.scriptName}` : '',
        d.message ? h('p', {}, d.message) : null,
        d.logTail ? [h('div', { class: 'stat-label' }, 'Log tail'), h('pre', { class: 'log-tail' }, d.logTail)] : null)));
    }
  }
  return h('table', { class: 'timeline' },
    h('caption', { class: 'visually-hidden' }, `Lifecycle events of ${targetId}`),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Lifecycle event'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col', class: 'bar-cell' }, h('div', { class: 'axis' },
        h('span', {}, new Date(from).toLocaleTimeString()), h('span', {}, duration(to - from)),
        h('span', {}, new Date(to).toLocaleTimeString()))),
      h('th', { scope: 'col' }, 'Duration'))),
    h('tbody', {}, rows));
}

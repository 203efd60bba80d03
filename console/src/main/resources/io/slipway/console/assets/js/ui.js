// Small DOM helpers shared by the views: element building, status badges, times, tables, paging.

/** h('a', {href: '#/x', class: 'y', onclick: fn}, 'text', child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

const TONES = {
  good: ['Succeeded', 'CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE', 'Active', 'Ready', 'Approved',
    'HOOK_COMPLETE_SUCCEEDED', 'DELETE_COMPLETE', 'Complete', 'AVAILABLE', 'EXECUTE_COMPLETE', 'SUCCEEDED'],
  bad: ['Failed', 'Stopped', 'Rejected', 'Abandoned', 'CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_FAILED',
    'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED',
    'HOOK_COMPLETE_FAILED', 'HOOK_FAILED', 'IMPORT_ROLLBACK_COMPLETE', 'EXECUTE_FAILED', 'FAILED', 'Inactive'],
  wait: ['InProgress', 'Created', 'Queued', 'Baking', 'Pending', 'Stopping', 'HOOK_IN_PROGRESS', 'InProgress'],
};

/** The tone a status is drawn in: good, bad, wait or idle (never colour alone: the word is shown too). */
export function tone(status) {
  if (!status) return 'idle';
  for (const [name, statuses] of Object.entries(TONES)) if (statuses.includes(status)) return name;
  if (/IN_PROGRESS$/.test(status)) return /ROLLBACK|DELETE/.test(status) ? 'bad' : 'wait';
  if (/FAILED$/.test(status)) return 'bad';
  if (/COMPLETE$/.test(status)) return 'good';
  return 'idle';
}

export const badge = (status, attrs = {}) =>
  h('span', { class: `badge ${tone(status)}`, ...attrs }, status || '—');

export function time(value) {
  if (value === undefined || value === null || value === '') return '—';
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return h('time', { datetime: date.toISOString(), title: date.toISOString() }, date.toLocaleString());
}

/** Seconds (epoch) or ISO text, as milliseconds. */
export const millis = (value) => (value === undefined || value === null || value === '' ? null
  : typeof value === 'number' ? value * 1000 : Date.parse(value));

export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60000);
  return m < 60 ? `${m} min ${Math.round((ms % 60000) / 1000)} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** A table: `columns` are [heading, row => cell]; an empty list shows `empty`. */
export function table(caption, columns, rows, empty = 'None.') {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row)))))));
}

export const section = (title, ...children) => h('section', { 'aria-label': title }, h('h2', {}, title), children);

export const link = (hash, text) => h('a', { href: hash }, text);

export const field = (label, value) => [h('dt', {}, label), h('dd', {}, value === undefined || value === '' ? '—' : value)];

/**
 * Paging by opaque tokens, as every list operation pages: `tokens[i]` starts page i. A view keeps
 * one Pager per list and asks it for the current token; the buttons move and reload.
 */
export class Pager {
  constructor(label) {
    this.label = label;
    this.tokens = [undefined];
    this.index = 0;
    this.next = undefined;
  }

  get token() {
    return this.tokens[this.index];
  }

  /** Remembers the token the current page's answer gave for the next one. */
  seen(nextToken) {
    this.next = nextToken || undefined;
  }

  controls(ctx) {
    if (this.index === 0 && !this.next) return null;
    return h('nav', { class: 'pager', 'aria-label': `${this.label} pages` },
      h('button', {
        type: 'button', disabled: this.index === 0, onclick: () => { this.index -= 1; ctx.refresh(); },
      }, '← Previous'),
      h('span', {}, `Page ${this.index + 1}`),
      h('button', {
        type: 'button', disabled: !this.next,
        onclick: () => { this.tokens[this.index + 1] = this.next; this.index += 1; ctx.refresh(); },
      }, 'Next →'));
  }
}

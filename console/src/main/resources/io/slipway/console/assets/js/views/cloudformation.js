// CloudFormation: stacks; a stack's status, hook results with their reasons, events as a timeline,
// resources (run by Slipway or recorded) linking to the other services' pages, outputs and change sets.
import { h, badge, tone, time, table, section, link, field, Pager } from '../ui.js';
import { list, AwsError } from '../aws.js';

const enc = encodeURIComponent;
const EVENTS_SHOWN = 100;
const CHANGE_SETS_DESCRIBED = 5;

export function stacks() {
  const pager = new Pager('Stacks');
  return {
    title: 'Stacks',
    async load(session) {
      const page = await session.cloudformation('DescribeStacks', pager.token ? { NextToken: pager.token } : {});
      pager.seen(page.NextToken);
      return list(page.Stacks);
    },
    render(rows, ctx) {
      return section('Stacks', table('Stacks', [
        ['Name', (s) => link(`#/cloudformation/stacks/${enc(s.StackName)}`, s.StackName)],
        ['Status', (s) => badge(s.StackStatus)],
        ['Reason', (s) => s.StackStatusReason || ''],
        ['Created', (s) => time(s.CreationTime)],
        ['Updated', (s) => time(s.LastUpdatedTime)],
      ], rows, 'No stacks in this account and region yet.'), pager.controls(ctx));
    },
  };
}

export function stack(name) {
  let runs = null;
  return {
    title: name,
    async load(session) {
      const described = list((await session.cloudformation('DescribeStacks', { StackName: name })).Stacks)[0];
      const [events, resources, changeSets, hookResults] = await Promise.all([
        session.cloudformation('DescribeStackEvents', { StackName: name }).then((r) => list(r.StackEvents).slice(0, EVENTS_SHOWN)),
        session.cloudformation('ListStackResources', { StackName: name }).then((r) => list(r.StackResourceSummaries)),
        session.cloudformation('ListChangeSets', { StackName: name }).then((r) => list(r.Summaries)),
        session.cloudformation('ListHookResults', { TargetType: 'STACK', TargetId: described.StackId })
          .then((r) => list(r.HookResults))
          .catch((e) => { if (e instanceof AwsError && /HookResultNotFound/.test(e.code)) return []; throw e; }),
      ]);
      const changes = await Promise.all(changeSets.slice(0, CHANGE_SETS_DESCRIBED).map((c) =>
        session.cloudformation('DescribeChangeSet', { StackName: name, ChangeSetName: c.ChangeSetName })
          .then((r) => list(r.Changes))));
      runs = runs || new Set((await session.slipway('/_slipway/cloudformation/resource-types')).runs);
      return { stack: described, events, resources, changeSets, changes, hookResults, runs: [...runs] };
    },
    render(data) {
      const s = data.stack;
      const runs = new Set(data.runs);
      const hookEvents = data.events.filter((e) => e.HookType);
      return [
        h('p', { class: 'crumbs' }, link('#/cloudformation', 'CloudFormation'), ' / ', name),
        section('Summary', h('dl', { class: 'facts' },
          field('Status', badge(s.StackStatus, { 'data-testid': 'stack-status' })),
          s.StackStatusReason ? field('Reason', s.StackStatusReason) : null,
          field('Stack ID', h('code', {}, s.StackId)),
          s.Description ? field('Description', s.Description) : null,
          field('Created', time(s.CreationTime)),
          s.LastUpdatedTime ? field('Updated', time(s.LastUpdatedTime)) : null,
          list(s.Parameters).length ? field('Parameters', list(s.Parameters).map((p) => `${p.ParameterKey}=${p.ParameterValue}`).join(', ')) : null)),
        hooks(data.hookResults, hookEvents),
        [
          section('Resources', table('Resources', [
            ['Logical ID', (r) => r.LogicalResourceId],
            ['Physical ID', (r) => physical(r.ResourceType, r.PhysicalResourceId)],
            ['Type', (r) => r.ResourceType],
            ['Status', (r) => badge(r.ResourceStatus)],
            ['Kind', (r) => (runs.has(r.ResourceType) ? h('span', { class: 'badge good', title: 'Slipway creates this resource' }, 'real')
              : h('span', { class: 'badge idle', title: 'Slipway records this resource without running it' }, 'recorded'))],
          ], data.resources, 'No resources.')),
          section('Outputs', table('Outputs', [
            ['Key', (o) => o.OutputKey], ['Value', (o) => h('code', {}, o.OutputValue)],
            ['Export', (o) => o.ExportName || ''], ['Description', (o) => o.Description || ''],
          ], list(s.Outputs), 'No outputs.'))],
        section('Events', eventTimeline(data.events)),
        section('Change sets', data.changeSets.length ? data.changeSets.map((c, i) => h('div', { class: 'target' },
          h('h3', {}, c.ChangeSetName, ' ', badge(c.Status), ' ', badge(c.ExecutionStatus)),
          c.StatusReason ? h('p', {}, c.StatusReason) : null,
          i < data.changes.length ? table(`Changes of ${c.ChangeSetName}`, [
            ['Action', (x) => x.ResourceChange?.Action], ['Logical ID', (x) => x.ResourceChange?.LogicalResourceId],
            ['Type', (x) => x.ResourceChange?.ResourceType], ['Replacement', (x) => x.ResourceChange?.Replacement || ''],
          ], data.changes[i], 'No changes.') : null)) : h('p', { class: 'empty' }, 'No change sets.')),
      ];
    },
  };
}

/** Hook verdicts: ListHookResults' summaries, else the hook events of the stack's history. */
function hooks(results, hookEvents) {
  const rows = results.length ? results.map((r) => ({ type: r.TypeName, status: r.Status, reason: r.HookStatusReason,
    mode: r.FailureMode, point: r.InvocationPoint, at: r.InvokedAt, target: r.HookExecutionTarget }))
    : hookEvents.map((e) => ({ type: e.HookType, status: e.HookStatus, reason: e.HookStatusReason, mode: e.HookFailureMode,
      point: e.HookInvocationPoint, at: e.Timestamp, target: e.LogicalResourceId }));
  if (!rows.length) return null;
  return section('Hook results', rows.map((r) => h('div', { class: 'hook-result', 'data-hook-status': r.status,
    'data-mode': r.mode, 'data-tone': tone(r.status) },
  h('div', {}, h('strong', {}, r.type), ' ', badge(r.status), ' ',
    h('span', { class: `badge ${r.mode === 'FAIL' ? 'bad' : 'wait'}` }, `failure mode ${r.mode || '—'}`)),
  h('div', { class: 'stat-label' }, [r.point, r.target].filter(Boolean).join(' · '), r.at ? [' · ', time(r.at)] : null),
  r.reason ? h('p', { class: 'reason' }, r.reason) : null)));
}

function eventTimeline(events) {
  if (!events.length) return h('p', { class: 'empty' }, 'No events.');
  return h('ol', { class: 'events', 'aria-label': 'Stack events, newest first' }, events.map((e) => {
    const status = e.HookStatus || e.ResourceStatus;
    return h('li', { 'data-tone': tone(status) },
      h('span', { class: 'when' }, time(e.Timestamp)),
      h('strong', {}, e.LogicalResourceId), ' ', badge(status), ' ',
      h('span', { class: 'stat-label' }, e.HookType ? `hook ${e.HookType}` : e.ResourceType),
      e.ResourceStatusReason || e.HookStatusReason ? h('div', {}, e.HookStatusReason || e.ResourceStatusReason) : null);
  }));
}

/** A physical id as a link to the page of the service that owns it, where the console has one. */
function physical(type, id) {
  if (!id) return '—';
  const arnName = (arn, index) => arn.split(':')[index] || arn;
  const pages = {
    'AWS::Lambda::Function': () => `#/lambda/functions/${enc(id.startsWith('arn:') ? arnName(id, 6) : id)}`,
    'AWS::Lambda::Alias': () => `#/lambda/functions/${enc(arnName(id, 6))}`,
    'AWS::Lambda::Version': () => `#/lambda/functions/${enc(arnName(id, 6))}`,
    'AWS::S3::Bucket': () => `#/s3/buckets/${enc(id)}`,
    'AWS::CodeDeploy::Application': () => `#/codedeploy/applications/${enc(id)}`,
    'AWS::CodePipeline::Pipeline': () => `#/codepipeline/pipelines/${enc(id)}`,
    'AWS::CloudFormation::Stack': () => `#/cloudformation/stacks/${enc(id.split('/')[1] || id)}`,
  };
  const page = pages[type];
  return page ? link(page(), id) : h('code', {}, id);
}

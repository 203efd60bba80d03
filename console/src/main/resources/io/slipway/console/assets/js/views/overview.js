// What is happening now in the signed-in account and region: deployments, hooks waiting for a report,
// jobs waiting for a worker, pipeline executions, stack operations, and what failed recently; plus the namespaces in use.
import { h, badge, time, table, section, link } from '../ui.js';
import { list } from '../aws.js';
import { deploymentsById, deploymentTable } from './codedeploy.js';
import { hookCard } from './deployment.js';

const enc = encodeURIComponent;
const RUNNING_DEPLOYMENTS = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];
const STACK_RUNNING = ['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS',
  'UPDATE_ROLLBACK_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
  'REVIEW_IN_PROGRESS', 'IMPORT_IN_PROGRESS', 'IMPORT_ROLLBACK_IN_PROGRESS'];
const STACK_FAILED = ['CREATE_FAILED', 'ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'DELETE_FAILED', 'UPDATE_FAILED',
  'UPDATE_ROLLBACK_COMPLETE', 'UPDATE_ROLLBACK_FAILED', 'IMPORT_ROLLBACK_COMPLETE'];
/** How many pipelines the overview asks for their latest execution: the first page only. */
const PIPELINES_SHOWN = 20;
const MAX_PAGES = 20;
const SHOWN = 100;

export function home() {
  return {
    title: 'Overview',
    async load(session) {
      const deployments = (statuses) => allPages((token) => session.codedeploy('ListDeployments',
        { includeOnlyStatuses: statuses, nextToken: token }), (p) => p.nextToken, (p) => p.deployments || [])
        .then((ids) => deploymentsInChunks(session, ids));
      const stacks = (statuses) => allPages((token) => session.cloudformation('ListStacks',
        { StackStatusFilter: statuses, NextToken: token }), (p) => p.NextToken, (p) => list(p.StackSummaries));
      const [namespaces, running, failed, hooks, jobs, stacksRunning, stacksFailed, pipelines] = await Promise.all([
        session.slipway('/_slipway/console/namespaces'),
        deployments(RUNNING_DEPLOYMENTS),
        deployments(['Failed', 'Stopped']),
        session.slipway('/_slipway/codedeploy/hook-executions').then((a) => a.hookExecutions),
        session.slipway('/_slipway/codepipeline/jobs').then((a) => a.jobs),
        stacks(STACK_RUNNING),
        stacks(STACK_FAILED),
        latestExecutions(session),
      ]);
      return { namespaces, running, failed: failed.slice(0, 10), hooks, jobs, stacksRunning, stacksFailed: stacksFailed.slice(0, 10), pipelines };
    },
    render(data, ctx) {
      const runningPipelines = data.pipelines.filter((p) => p.execution?.status === 'InProgress');
      const failedPipelines = data.pipelines.filter((p) => ['Failed', 'Stopped'].includes(p.execution?.status));
      return [
        h('div', { class: 'grid' },
          stat('Deployments running', data.running.length, '#/codedeploy'),
          stat('Hooks waiting for a report', data.hooks.length, null),
          stat('Jobs waiting for a worker', data.jobs.length, null),
          stat('Pipeline executions running', runningPipelines.length, '#/codepipeline'),
          stat('Stack operations running', data.stacksRunning.length, '#/cloudformation')),
        h('div', { style: { height: '1rem' } }),
        data.hooks.length ? section('Hooks waiting for a report', data.hooks.map((e) => [
          h('p', { class: 'crumbs' }, 'Deployment ', link(`#/codedeploy/deployments/${enc(e.deploymentId)}`, e.deploymentId)),
          hookCard(e, ctx)])) : null,
        data.jobs.length ? section('Jobs waiting for a worker', table('Jobs waiting for a worker', [
          ['Pipeline', (j) => link(`#/codepipeline/pipelines/${enc(j.pipelineName)}`, j.pipelineName)],
          ['Stage / action', (j) => `${j.stageName} / ${j.actionName}`],
          ['Action type', (j) => `${j.actionTypeId.category} · ${j.actionTypeId.owner} · ${j.actionTypeId.provider} v${j.actionTypeId.version}`],
          ['Job', (j) => h('code', {}, j.jobId)],
          ['Queued', (j) => time(j.queuedAt)],
        ], data.jobs)) : null,
        section('Running now',
          h('h3', {}, 'Deployments'), deploymentTable('Running deployments', data.running, 'No deployment is running.'),
          h('h3', {}, 'Pipeline executions'), pipelineTable('Running executions', runningPipelines, 'No pipeline is running.'),
          h('h3', {}, 'Stack operations'), stackTable('Running stack operations', data.stacksRunning, 'No stack operation is running.')),
        section('Recent failures',
          h('h3', {}, 'Deployments'), deploymentTable('Failed deployments', data.failed, 'No failed deployments.'),
          h('h3', {}, 'Pipelines'), pipelineTable('Failed pipelines', failedPipelines, 'No failed pipeline executions.'),
          h('h3', {}, 'Stacks'), stackTable('Failed stacks', data.stacksFailed, 'No failed stacks.')),
        section('Accounts and regions in use', table('Namespaces', [
          ['Account', (n) => n.account], ['Region', (n) => n.region], ['Stored records', (n) => n.resources],
          ['', (n) => h('a', { href: `?account=${enc(n.account)}&region=${enc(n.region)}#/` }, 'Show')],
        ], data.namespaces.namespaces, 'Nothing stored yet.')),
      ];
    },
  };
}

/**
 * Every page of a filtered list, up to `MAX_PAGES`: CodeDeploy and CloudFormation filter one stored
 * page at a time, so what is running may sit on any page.
 */
async function allPages(fetchPage, nextOf, itemsOf) {
  const items = [];
  let token;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await fetchPage(token);
    items.push(...itemsOf(answer));
    token = nextOf(answer);
    if (!token) break;
  }
  return items;
}

/** BatchGetDeployments takes 25 ids at a time; the overview shows up to `SHOWN` deployments of a kind. */
async function deploymentsInChunks(session, ids) {
  const chunks = [];
  for (let i = 0; i < Math.min(ids.length, SHOWN); i += 25) chunks.push(ids.slice(i, i + 25));
  return (await Promise.all(chunks.map((c) => deploymentsById(session, c)))).flat()
    .sort((a, b) => (b.createTime || 0) - (a.createTime || 0));
}

async function latestExecutions(session) {
  const { pipelines = [] } = await session.codepipeline('ListPipelines', { maxResults: PIPELINES_SHOWN });
  return Promise.all(pipelines.map(async (p) => {
    const { pipelineExecutionSummaries = [] } = await session.codepipeline('ListPipelineExecutions',
      { pipelineName: p.name, maxResults: 1 });
    return { name: p.name, execution: pipelineExecutionSummaries[0] };
  }));
}

function stat(label, value, href) {
  return h('section', { 'aria-label': label }, h('div', { class: 'stat' }, String(value)),
    h('div', { class: 'stat-label' }, href ? link(href, label) : label));
}

function pipelineTable(caption, rows, empty) {
  return table(caption, [
    ['Pipeline', (p) => link(`#/codepipeline/pipelines/${enc(p.name)}`, p.name)],
    ['Status', (p) => badge(p.execution.status)],
    ['Execution', (p) => link(`#/codepipeline/pipelines/${enc(p.name)}/executions/${enc(p.execution.pipelineExecutionId)}`,
      p.execution.pipelineExecutionId)],
    ['Started', (p) => time(p.execution.startTime)],
  ], rows, empty);
}

export function stackTable(caption, rows, empty) {
  return table(caption, [
    ['Stack', (s) => link(`#/cloudformation/stacks/${enc(s.StackName)}`, s.StackName)],
    ['Status', (s) => badge(s.StackStatus)],
    ['Reason', (s) => s.StackStatusReason || ''],
    ['Updated', (s) => time(s.LastUpdatedTime || s.CreationTime)],
  ], rows, empty);
}

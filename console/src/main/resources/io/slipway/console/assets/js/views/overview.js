// What is happening now in the signed-in account and region: deployments, hooks waiting for a report,
// pipeline executions, stack operations, and what failed recently; plus the namespaces in use.
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

export function home() {
  return {
    title: 'Overview',
    async load(session) {
      const [namespaces, running, failed, hooks, stacksRunning, stacksFailed, pipelines] = await Promise.all([
        session.slipway('/_slipway/console/namespaces'),
        session.codedeploy('ListDeployments', { includeOnlyStatuses: RUNNING_DEPLOYMENTS })
          .then((p) => deploymentsById(session, p.deployments || [])),
        session.codedeploy('ListDeployments', { includeOnlyStatuses: ['Failed', 'Stopped'] })
          .then((p) => deploymentsById(session, p.deployments || [])),
        session.slipway('/_slipway/codedeploy/hook-executions').then((a) => a.hookExecutions),
        session.cloudformation('ListStacks', { StackStatusFilter: STACK_RUNNING }).then((r) => list(r.StackSummaries)),
        session.cloudformation('ListStacks', { StackStatusFilter: STACK_FAILED }).then((r) => list(r.StackSummaries)),
        latestExecutions(session),
      ]);
      return { namespaces, running, failed: failed.slice(0, 10), hooks, stacksRunning, stacksFailed: stacksFailed.slice(0, 10), pipelines };
    },
    render(data, ctx) {
      const runningPipelines = data.pipelines.filter((p) => p.execution?.status === 'InProgress');
      const failedPipelines = data.pipelines.filter((p) => ['Failed', 'Stopped'].includes(p.execution?.status));
      return [
        h('div', { class: 'grid' },
          stat('Deployments running', data.running.length, '#/codedeploy'),
          stat('Hooks waiting for a report', data.hooks.length, null),
          stat('Pipeline executions running', runningPipelines.length, '#/codepipeline'),
          stat('Stack operations running', data.stacksRunning.length, '#/cloudformation')),
        h('div', { style: { height: '1rem' } }),
        data.hooks.length ? section('Hooks waiting for a report', data.hooks.map((e) => [
          h('p', { class: 'crumbs' }, 'Deployment ', link(`#/codedeploy/deployments/${enc(e.deploymentId)}`, e.deploymentId)),
          hookCard(e, ctx)])) : null,
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

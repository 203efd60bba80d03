// CodePipeline: pipelines; a pipeline drawn as stages and actions with their live state, approvals,
// transitions, retries and executions; an execution's action executions with artifacts and variables.
import { h, badge, tone, time, table, section, link, field, Pager } from '../ui.js';

const enc = encodeURIComponent;

export function pipelines() {
  const pager = new Pager('Pipelines');
  return {
    title: 'Pipelines',
    async load(session) {
      const page = await session.codepipeline('ListPipelines', { nextToken: pager.token, maxResults: 50 });
      pager.seen(page.nextToken);
      return page.pipelines || [];
    },
    render(rows, ctx) {
      return section('Pipelines', table('Pipelines', [
        ['Name', (p) => link(`#/codepipeline/pipelines/${enc(p.name)}`, p.name)],
        ['Type', (p) => p.pipelineType || 'V1'],
        ['Execution mode', (p) => p.executionMode || 'SUPERSEDED'],
        ['Version', (p) => p.version],
        ['Updated', (p) => time(p.updated)],
      ], rows, 'No pipelines in this account and region yet.'), pager.controls(ctx));
    },
  };
}

export function pipeline(name) {
  const pager = new Pager('Executions');
  return {
    title: name,
    async load(session) {
      const [{ pipeline: structure }, state, executions, jobs] = await Promise.all([
        session.codepipeline('GetPipeline', { name }),
        session.codepipeline('GetPipelineState', { name }),
        session.codepipeline('ListPipelineExecutions', { pipelineName: name, maxResults: 20, nextToken: pager.token }),
        session.slipway('/_slipway/codepipeline/jobs').then((a) => a.jobs.filter((j) => j.pipelineName === name)),
      ]);
      pager.seen(executions.nextToken);
      return { structure, state, executions: executions.pipelineExecutionSummaries || [], jobs };
    },
    render({ structure, state, executions, jobs }, ctx) {
      const queued = new Map(jobs.map((j) => [`${j.stageName}/${j.actionName}`, j]));
      const stageStates = new Map((state.stageStates || []).map((s) => [s.stageName, s]));
      const running = executions.find((e) => e.status === 'InProgress');
      return [
        h('p', { class: 'crumbs' }, link('#/codepipeline', 'CodePipeline'), ' / ', name),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', 'data-key': 'release',
            onclick: () => ctx.act('Release change', (s) => s.codepipeline('StartPipelineExecution', { name })) }, 'Release change'),
          running ? h('button', { type: 'button', 'data-key': 'stop',
            onclick: () => ctx.act('Stop execution', (s) => s.codepipeline('StopPipelineExecution',
              { pipelineName: name, pipelineExecutionId: running.pipelineExecutionId, reason: 'Stopped from the Slipway console' })) },
          'Stop execution') : null),
        h('div', { class: 'pipeline' }, structure.stages.map((stage, i) =>
          [i > 0 ? transition(name, stage.name, stageStates.get(stage.name)?.inboundTransitionState, ctx) : null,
            stageCard(name, stage, stageStates.get(stage.name) || {}, queued, ctx)])),
        h('div', { style: { height: '1rem' } }),
        section('Executions', table('Executions', [
          ['Execution', (e) => link(`#/codepipeline/pipelines/${enc(name)}/executions/${enc(e.pipelineExecutionId)}`, e.pipelineExecutionId)],
          ['Status', (e) => badge(e.status)],
          ['Trigger', (e) => e.trigger ? `${e.trigger.triggerType}${e.trigger.triggerDetail ? ` (${e.trigger.triggerDetail})` : ''}` : '—'],
          ['Started', (e) => time(e.startTime)],
          ['Updated', (e) => time(e.lastUpdateTime)],
          ['Summary', (e) => e.statusSummary || ''],
        ], executions, 'No executions yet.'), pager.controls(ctx)),
      ];
    },
  };
}

function transition(pipelineName, stageName, t, ctx) {
  const enabled = !t || t.enabled !== false;
  return h('div', { class: 'transition', 'data-transition': stageName, 'data-enabled': String(enabled) },
    h('span', { class: 'arrow', 'aria-hidden': 'true' }, enabled ? '↓' : '⊘'),
    enabled ? 'Transition enabled' : `Transition disabled${t.disabledReason ? `: ${t.disabledReason}` : ''}`,
    h('button', { type: 'button', class: 'ghost', 'data-key': `transition-${stageName}`,
      onclick: () => ctx.act(`${enabled ? 'Disable' : 'Enable'} transition into ${stageName}`, (s) => s.codepipeline(
        enabled ? 'DisableStageTransition' : 'EnableStageTransition',
        { pipelineName, stageName, transitionType: 'Inbound', reason: enabled ? 'Disabled from the Slipway console' : undefined })) },
    enabled ? 'Disable' : 'Enable'));
}

function stageCard(pipelineName, stage, stageState, queued, ctx) {
  const latest = stageState.latestExecution;
  const actionStates = new Map((stageState.actionStates || []).map((a) => [a.actionName, a]));
  const byRunOrder = new Map();
  for (const a of stage.actions) {
    const order = a.runOrder || 1;
    byRunOrder.set(order, [...(byRunOrder.get(order) || []), a]);
  }
  return h('section', { class: 'stage', 'aria-label': `Stage ${stage.name}`, 'data-stage': stage.name },
    h('div', { class: 'stage-head' }, h('h3', {}, stage.name), latest ? badge(latest.status) : badge('Didn\'t run'),
      latest?.status === 'Failed' ? h('button', { type: 'button', 'data-key': `retry-${stage.name}`,
        onclick: () => ctx.act(`Retry ${stage.name}`, (s) => s.codepipeline('RetryStageExecution', {
          pipelineName, stageName: stage.name, pipelineExecutionId: latest.pipelineExecutionId, retryMode: 'FAILED_ACTIONS' })) },
      'Retry failed actions') : null),
    [...byRunOrder.keys()].sort((a, b) => a - b).map((order) => h('div', { class: 'run-order', 'aria-label': `Run order ${order}` },
      byRunOrder.get(order).map((a) => actionCard(pipelineName, stage.name, a, actionStates.get(a.name),
        queued.get(`${stage.name}/${a.name}`), ctx)))));
}

function actionCard(pipelineName, stageName, action, state, job, ctx) {
  const e = state?.latestExecution;
  const status = e?.status;
  const type = action.actionTypeId;
  const approval = type.category === 'Approval' && status === 'InProgress' && e.token;
  const answer = (result) => ctx.act(`${result === 'Approved' ? 'Approve' : 'Reject'} ${action.name}`, (s) =>
    s.codepipeline('PutApprovalResult', { pipelineName, stageName, actionName: action.name, token: e.token,
      result: { status: result, summary: `${result} from the Slipway console` } }));
  return h('div', { class: 'action', 'data-action': action.name, 'data-status': status || 'None', 'data-tone': tone(status) },
    h('div', {}, h('strong', {}, action.name), ' ', status ? badge(status) : null),
    h('div', { class: 'kind' }, `${type.category} · ${type.owner} · ${type.provider} v${type.version}`),
    e?.summary ? h('div', {}, e.summary) : null,
    e?.errorDetails ? h('div', { class: 'reason' }, `${e.errorDetails.code}: ${e.errorDetails.message}`) : null,
    job ? h('div', { class: 'stat-label', 'data-job': job.jobId }, 'Job queued for a worker since ', time(job.queuedAt))
      : type.owner === 'Custom' && status === 'InProgress' ? h('div', { class: 'stat-label' }, 'Job taken by a worker') : null,
    e?.lastStatusChange ? h('div', { class: 'stat-label' }, 'Changed ', time(e.lastStatusChange)) : null,
    e?.externalExecutionUrl ? h('div', {}, h('a', { href: e.externalExecutionUrl }, e.externalExecutionId || 'details')) : null,
    approval ? h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'good', 'data-approval': 'Approved', 'data-key': `approve-${action.name}`,
        'aria-label': `Approve ${action.name}`, onclick: () => answer('Approved') }, 'Approve'),
      h('button', { type: 'button', class: 'bad', 'data-approval': 'Rejected', 'data-key': `reject-${action.name}`,
        'aria-label': `Reject ${action.name}`, onclick: () => answer('Rejected') }, 'Reject')) : null);
}

export function execution(name, id) {
  const pager = new Pager('Action executions');
  return {
    title: `Execution ${id}`,
    async load(session) {
      const [{ pipelineExecution }, actions] = await Promise.all([
        session.codepipeline('GetPipelineExecution', { pipelineName: name, pipelineExecutionId: id }),
        session.codepipeline('ListActionExecutions', { pipelineName: name, filter: { pipelineExecutionId: id },
          maxResults: 100, nextToken: pager.token }),
      ]);
      pager.seen(actions.nextToken);
      return { execution: pipelineExecution, actions: actions.actionExecutionDetails || [] };
    },
    render({ execution: x, actions }, ctx) {
      return [
        h('p', { class: 'crumbs' }, link('#/codepipeline', 'CodePipeline'), ' / ',
          link(`#/codepipeline/pipelines/${enc(name)}`, name), ' / ', id),
        section('Summary', h('dl', { class: 'facts' },
          field('Status', badge(x.status, { 'data-testid': 'execution-status' })),
          field('Pipeline version', x.pipelineVersion),
          field('Trigger', x.trigger ? x.trigger.triggerType : '—'),
          x.statusSummary ? field('Summary', x.statusSummary) : null,
          (x.artifactRevisions || []).length ? field('Revisions', x.artifactRevisions.map((r) => `${r.name}: ${r.revisionId}`).join(', ')) : null,
          (x.variables || []).length ? field('Variables', x.variables.map((v) => `${v.name}=${v.resolvedValue}`).join(', ')) : null)),
        section('Action executions', actions.length ? actions.slice().reverse().map((a) => actionExecution(a))
          : h('p', { class: 'empty' }, 'No action has run yet.'), pager.controls(ctx)),
      ];
    },
  };
}

function actionExecution(a) {
  const input = a.input || {};
  const output = a.output || {};
  const artifacts = (list) => (list || []).map((r) => `${r.name}${r.s3location ? ` (s3://${r.s3location.bucket}/${r.s3location.key})` : ''}`).join(', ') || '—';
  const vars = Object.entries(output.outputVariables || {});
  return h('div', { class: 'target', 'data-action-execution': a.actionName },
    h('h3', {}, `${a.stageName} / ${a.actionName} `, badge(a.status)),
    h('dl', { class: 'facts' },
      field('Action type', input.actionTypeId ? `${input.actionTypeId.category} · ${input.actionTypeId.owner} · ${input.actionTypeId.provider}` : '—'),
      field('Started', time(a.startTime)),
      field('Updated', time(a.lastUpdateTime)),
      field('Input artifacts', artifacts(input.inputArtifacts)),
      field('Output artifacts', artifacts(output.outputArtifacts)),
      input.namespace ? field('Variable namespace', input.namespace) : null,
      field('Resolved configuration', Object.keys(input.resolvedConfiguration || input.configuration || {}).length
        ? h('pre', {}, JSON.stringify(input.resolvedConfiguration || input.configuration, null, 2)) : '—'),
      field('Output variables', vars.length ? h('pre', {}, vars.map(([k, v]) => `${k} = ${v}`).join('\n')) : '—'),
      output.executionResult?.externalExecutionSummary ? field('Result', output.executionResult.externalExecutionSummary) : null,
      output.executionResult?.errorDetails ? field('Error', h('span', { class: 'reason' },
        `${output.executionResult.errorDetails.code}: ${output.executionResult.errorDetails.message}`)) : null));
}

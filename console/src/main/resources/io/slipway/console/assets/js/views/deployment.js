// One deployment: its facts, the hooks waiting for an answer (with Succeeded / Failed), the traffic
// split of a Lambda or ECS deployment, and every target's lifecycle events as a timeline.
import { h, badge, time, section, link, field, millis } from '../ui.js';
import { lifecycleTimeline } from '../timeline.js';

const enc = encodeURIComponent;
const RUNNING = ['Created', 'Queued', 'InProgress', 'Baking', 'Ready'];

export function deployment(id) {
  let config = null;
  return {
    title: `Deployment ${id}`,
    async load(session) {
      const { deploymentsInfo = [] } = await session.codedeploy('BatchGetDeployments', { deploymentIds: [id] });
      const d = deploymentsInfo[0];
      if (!d) throw Object.assign(new Error(`No deployment ${id} in this account and region.`), { code: 'DeploymentDoesNotExistException' });
      const { targetIds = [] } = await session.codedeploy('ListDeploymentTargets', { deploymentId: id });
      const targets = targetIds.length ? (await session.codedeploy('BatchGetDeploymentTargets',
        { deploymentId: id, targetIds: targetIds.slice(0, 25) })).deploymentTargets || [] : [];
      const hooks = RUNNING.includes(d.status) ? (await session.slipway('/_slipway/codedeploy/hook-executions'))
        .hookExecutions.filter((e) => e.deploymentId === id) : [];
      if (!config && d.deploymentConfigName) {
        config = (await session.codedeploy('GetDeploymentConfig', { deploymentConfigName: d.deploymentConfigName }))
          .deploymentConfigInfo;
      }
      return { d, targets, hooks, more: targetIds.length > 25, config };
    },
    render({ d, targets, hooks, more, config: cfg }, ctx) {
      return [
        h('p', { class: 'crumbs' }, link('#/codedeploy', 'CodeDeploy'), ' / ',
          link(`#/codedeploy/applications/${enc(d.applicationName)}`, d.applicationName), ' / ', d.deploymentGroupName),
        summary(d, ctx),
        hooks.length ? section('Waiting for a hook report', hooks.map((e) => hookCard(e, ctx))) : null,
        traffic(d, targets, cfg),
        section(`Targets (${targets.length}${more ? '+' : ''})`,
          targets.length ? targets.map((t) => target(t)) : h('p', { class: 'empty' }, 'No targets yet.')),
      ];
    },
  };
}

function summary(d, ctx) {
  const rollback = d.rollbackInfo || {};
  const running = RUNNING.includes(d.status);
  return section('Summary',
    h('dl', { class: 'facts' },
      field('Status', badge(d.status, { 'data-testid': 'deployment-status' })),
      field('Compute platform', d.computePlatform),
      field('Deployment config', d.deploymentConfigName),
      field('Created', time(d.createTime)),
      field('Completed', d.completeTime ? time(d.completeTime) : running ? 'running' : '—'),
      field('Created by', d.creator),
      d.description ? field('Description', d.description) : null,
      d.errorInformation ? field('Error', h('span', { class: 'reason' }, `${d.errorInformation.code}: ${d.errorInformation.message}`)) : null,
      rollback.rollbackDeploymentId ? field('Rolled back by', link(`#/codedeploy/deployments/${enc(rollback.rollbackDeploymentId)}`,
        rollback.rollbackDeploymentId)) : null,
      rollback.rollbackTriggeringDeploymentId ? field('Rollback of', link(
        `#/codedeploy/deployments/${enc(rollback.rollbackTriggeringDeploymentId)}`, rollback.rollbackTriggeringDeploymentId)) : null,
      rollback.rollbackMessage ? field('Rollback', rollback.rollbackMessage) : null,
      d.deploymentOverview ? field('Targets', Object.entries(d.deploymentOverview).map(([k, v]) => `${k} ${v}`).join(' · ')) : null),
    running ? h('div', { class: 'actions' },
      d.status === 'Ready' ? h('button', { type: 'button', class: 'primary', 'data-key': 'continue',
        onclick: () => ctx.act('Continue deployment', (s) => s.codedeploy('ContinueDeployment',
          { deploymentId: d.deploymentId, deploymentWaitType: 'READY_WAIT' })) }, 'Continue deployment') : null,
      h('button', { type: 'button', 'data-key': 'stop',
        onclick: () => ctx.act('Stop deployment', (s) => s.codedeploy('StopDeployment', { deploymentId: d.deploymentId })) },
      'Stop deployment'),
      h('button', { type: 'button', 'data-key': 'stop-rollback',
        onclick: () => ctx.act('Stop and roll back', (s) => s.codedeploy('StopDeployment',
          { deploymentId: d.deploymentId, autoRollbackEnabled: true })) }, 'Stop and roll back')) : null);
}

/** A hook that was called and waits for PutLifecycleEventHookExecutionStatus: answer it here. */
export function hookCard(e, ctx) {
  const report = (status) => ctx.act(`Report ${e.lifecycleEventName} ${status}`, (s) =>
    s.codedeploy('PutLifecycleEventHookExecutionStatus',
      { deploymentId: e.deploymentId, lifecycleEventHookExecutionId: e.lifecycleEventHookExecutionId, status }));
  return h('div', { class: 'hook-card', 'data-hook-execution-id': e.lifecycleEventHookExecutionId },
    h('strong', {}, e.lifecycleEventName), ' called ', h('code', {}, e.functionName), ' at ', time(e.startedAt),
    ' and waits for its status.',
    e.functionError ? [h('p', { class: 'reason' }, `The function failed: ${e.functionError}`),
      e.logTail ? h('pre', { class: 'log-tail' }, e.logTail) : null] : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'good', 'data-hook-status': 'Succeeded', 'data-key': `ok-${e.lifecycleEventHookExecutionId}`,
        'aria-label': `Report ${e.lifecycleEventName} Succeeded`, onclick: () => report('Succeeded') }, '✓ Succeeded'),
      h('button', { type: 'button', class: 'bad', 'data-hook-status': 'Failed', 'data-key': `fail-${e.lifecycleEventHookExecutionId}`,
        'aria-label': `Report ${e.lifecycleEventName} Failed`, onclick: () => report('Failed') }, '✗ Failed')));
}

/**
 * Where traffic is now (the alias's weights or the ECS task sets'), and the schedule the deployment
 * config gives it: a canary's two steps or a linear config's equal ones.
 */
function traffic(d, targets, cfg) {
  const lambdas = targets.map((t) => t.lambdaTarget).filter((t) => t?.lambdaFunctionInfo);
  const ecs = targets.map((t) => t.ecsTarget).filter((t) => t?.taskSetsInfo?.length);
  if (!lambdas.length && !ecs.length) return null;
  const routing = cfg?.trafficRoutingConfig;
  return section('Traffic',
    lambdas.map((t) => {
      const f = t.lambdaFunctionInfo;
      const to = Math.round(f.targetVersionWeight || 0); // a percentage, as CodeDeploy reports it
      return [h('p', {}, h('code', {}, `${f.functionName}:${f.functionAlias}`), ` — version ${f.currentVersion} → ${f.targetVersion}`),
        split([[`v${f.currentVersion}`, 100 - to, 'from'], [`v${f.targetVersion}`, to, 'to']])];
    }),
    ecs.map((t) => split(t.taskSetsInfo.map((s) => [`${s.taskSetLabel || s.identifer} task set`,
      Math.round(s.trafficWeight || 0), s.taskSetLabel === 'Green' ? 'to' : 'from']))),
    routing ? schedule(d, routing, targets) : null);
}

function split(parts) {
  return h('div', { class: 'traffic', role: 'img', 'aria-label': parts.map(([n, w]) => `${n} ${w}%`).join(', ') },
    parts.filter(([, w]) => w > 0).map(([name, weight, kind]) =>
      h('span', { class: kind, style: { width: `${weight}%` } }, `${name} ${weight}%`)));
}

function schedule(d, routing, targets) {
  const steps = [];
  if (routing.type === 'TimeBasedCanary' && routing.timeBasedCanary) {
    const c = routing.timeBasedCanary;
    steps.push([0, c.canaryPercentage], [c.canaryInterval, 100]);
  } else if (routing.type === 'TimeBasedLinear' && routing.timeBasedLinear) {
    const l = routing.timeBasedLinear;
    for (let p = l.linearPercentage, i = 0; p < 100 + l.linearPercentage; p += l.linearPercentage, i++) {
      steps.push([i * l.linearInterval, Math.min(100, p)]);
    }
  } else {
    steps.push([0, 100]);
  }
  const shift = targets.flatMap((t) => (t.lambdaTarget || t.ecsTarget || {}).lifecycleEvents || [])
    .find((e) => e.lifecycleEventName === 'AllowTraffic' || e.lifecycleEventName === 'AllowTestTraffic');
  const began = millis(shift?.startTime);
  return h('div', {}, h('h3', {}, `Schedule (${routing.type})`),
    h('ol', { class: 'schedule' }, steps.map(([minutes, percent]) => {
      const at = began === null ? null : began + minutes * 60000;
      const reached = at !== null && at <= Date.now() && d.status !== 'Failed' && d.status !== 'Stopped';
      return h('li', { 'data-reached': reached ? 'true' : 'false' },
        `${minutes === 0 ? 'At the start' : `After ${minutes} min`}: ${percent}% to the new version`,
        at !== null ? [' — ', reached ? 'reached ' : 'due ', time(new Date(at).toISOString())] : '');
    })));
}

function target(t) {
  const kind = t.deploymentTargetType;
  const info = t.instanceTarget || t.lambdaTarget || t.ecsTarget || t.cloudFormationTarget || {};
  return h('div', { class: 'target', 'data-target-id': info.targetId },
    h('h3', {}, info.targetId, ' ', badge(info.status), ' ', h('span', { class: 'stat-label' }, kind)),
    t.instanceTarget?.instanceLabel ? h('p', { class: 'stat-label' }, `Label: ${t.instanceTarget.instanceLabel}`) : null,
    lifecycleTimeline(info.targetId, info.lifecycleEvents || []));
}

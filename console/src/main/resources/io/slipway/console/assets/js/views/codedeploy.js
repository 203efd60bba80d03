// CodeDeploy: applications, an application's deployment groups and deployments.
import { h, badge, time, table, section, link, field, Pager } from '../ui.js';

export { deployment } from './deployment.js';

const enc = encodeURIComponent;

/** Up to 25 deployments by id (BatchGetDeployments' limit), newest first. */
export async function deploymentsById(session, ids) {
  if (!ids.length) return [];
  const { deploymentsInfo = [] } = await session.codedeploy('BatchGetDeployments', { deploymentIds: ids.slice(0, 25) });
  return deploymentsInfo.sort((a, b) => (b.createTime || 0) - (a.createTime || 0));
}

export function deploymentTable(caption, deployments, empty) {
  return table(caption, [
    ['Deployment', (d) => link(`#/codedeploy/deployments/${enc(d.deploymentId)}`, d.deploymentId)],
    ['Status', (d) => badge(d.status)],
    ['Application', (d) => link(`#/codedeploy/applications/${enc(d.applicationName)}`, d.applicationName)],
    ['Group', (d) => d.deploymentGroupName],
    ['Platform', (d) => d.computePlatform],
    ['Config', (d) => d.deploymentConfigName],
    ['Created', (d) => time(d.createTime)],
    ['Error', (d) => d.errorInformation?.message || ''],
  ], deployments, empty);
}

export function applications() {
  const pager = new Pager('Applications');
  return {
    title: 'CodeDeploy applications',
    async load(session) {
      const page = await session.codedeploy('ListApplications', { nextToken: pager.token });
      pager.seen(page.nextToken);
      const names = page.applications || [];
      const info = names.length ? (await session.codedeploy('BatchGetApplications', { applicationNames: names }))
        .applicationsInfo || [] : [];
      return { info, next: page.nextToken };
    },
    render({ info }, ctx) {
      return section('Applications',
        table('Applications', [
          ['Name', (a) => link(`#/codedeploy/applications/${enc(a.applicationName)}`, a.applicationName)],
          ['Compute platform', (a) => a.computePlatform],
          ['Created', (a) => time(a.createTime)],
          ['Linked to GitHub', (a) => (a.linkedToGitHub ? 'yes' : 'no')],
        ], info, 'No applications in this account and region yet.'),
        pager.controls(ctx));
    },
  };
}

export function application(name) {
  const pagers = new Map();
  const pagerOf = (group) => pagers.get(group) || pagers.set(group, new Pager(`${group} deployments`)).get(group);
  return {
    title: name,
    async load(session) {
      const { deploymentGroups = [] } = await session.codedeploy('ListDeploymentGroups', { applicationName: name });
      const groups = deploymentGroups.length ? (await session.codedeploy('BatchGetDeploymentGroups',
        { applicationName: name, deploymentGroupNames: deploymentGroups.slice(0, 100) })).deploymentGroupsInfo || [] : [];
      const deployments = await Promise.all(groups.map(async (g) => {
        const pager = pagerOf(g.deploymentGroupName);
        const page = await session.codedeploy('ListDeployments', {
          applicationName: name, deploymentGroupName: g.deploymentGroupName, nextToken: pager.token,
        });
        pager.seen(page.nextToken);
        return deploymentsById(session, page.deployments || []);
      }));
      return { groups, deployments };
    },
    render({ groups, deployments }, ctx) {
      return [
        h('p', { class: 'crumbs' }, link('#/codedeploy', 'CodeDeploy'), ' / ', name),
        groups.length ? null : h('p', { class: 'empty' }, 'This application has no deployment groups.'),
        groups.map((g, i) => section(`Deployment group ${g.deploymentGroupName}`,
          h('dl', { class: 'facts' },
            field('Deployment config', g.deploymentConfigName),
            field('Deployment style', g.deploymentStyle ? `${g.deploymentStyle.deploymentType} · ${g.deploymentStyle.deploymentOption}` : '—'),
            field('Service role', g.serviceRoleArn),
            field('Last attempted', g.lastAttemptedDeployment
              ? link(`#/codedeploy/deployments/${enc(g.lastAttemptedDeployment.deploymentId)}`, g.lastAttemptedDeployment.deploymentId) : '—'),
            field('Auto rollback', g.autoRollbackConfiguration?.enabled ? (g.autoRollbackConfiguration.events || []).join(', ') : 'off')),
          h('h3', {}, 'Deployments'),
          deploymentTable(`Deployments of ${g.deploymentGroupName}`, deployments[i], 'No deployments yet.'),
          pagerOf(g.deploymentGroupName).controls(ctx))),
      ];
    },
  };
}

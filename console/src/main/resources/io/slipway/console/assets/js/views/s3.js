// S3: buckets; a bucket's objects by prefix ("folders"), downloads through presigned URLs, and an
// object's versions.
import { h, time, table, section, link, Pager } from '../ui.js';
import { list } from '../aws.js';

const enc = encodeURIComponent;

export function buckets() {
  return {
    title: 'S3 buckets',
    async load(session) {
      return list((await session.s3('/')).Buckets?.Bucket);
    },
    render(rows) {
      return section('Buckets', table('Buckets', [
        ['Name', (b) => link(`#/s3/buckets/${enc(b.Name)}`, b.Name)],
        ['Created', (b) => time(b.CreationDate)],
      ], rows, 'No buckets in this account yet.'));
    },
  };
}

export function bucket(name) {
  const query = new URLSearchParams(location.hash.split('?')[1] || '');
  const prefix = query.get('prefix') || '';
  const versionsOf = query.get('versions');
  const pager = new Pager('Objects');
  return {
    title: name,
    async load(session) {
      const page = await session.s3(`/${name}`, { 'list-type': 2, delimiter: '/', prefix, 'max-keys': 100,
        ...(pager.token ? { 'continuation-token': pager.token } : {}) });
      pager.seen(page.NextContinuationToken);
      const versions = versionsOf === null ? null
        : list((await session.s3(`/${name}`, { versions: '', prefix: versionsOf, 'max-keys': 100 })).Version)
          .filter((v) => v.Key === versionsOf);
      return { folders: list(page.CommonPrefixes).map((p) => p.Prefix), objects: list(page.Contents), versions };
    },
    render({ folders, objects, versions }, ctx) {
      const here = (p) => `#/s3/buckets/${enc(name)}?prefix=${enc(p)}`;
      const parts = prefix.split('/').filter(Boolean);
      return [
        h('p', { class: 'crumbs' }, link('#/s3', 'S3'), ' / ', link(here(''), name),
          parts.map((p, i) => [' / ', link(here(parts.slice(0, i + 1).join('/') + '/'), p)])),
        section('Objects', table('Objects', [
          ['Key', (o) => (o.folder ? link(here(o.Key), o.Key.slice(prefix.length)) : o.Key.slice(prefix.length))],
          ['Size', (o) => (o.folder ? 'folder' : `${Number(o.Size).toLocaleString()} bytes`)],
          ['Modified', (o) => (o.folder ? '' : time(o.LastModified))],
          ['ETag', (o) => (o.folder ? '' : h('code', {}, o.ETag))],
          ['', (o) => (o.folder ? '' : [
            h('a', { href: ctx.session.s3DownloadUrl(name, o.Key), download: o.Key.split('/').pop() }, 'Download'), ' · ',
            link(`#/s3/buckets/${enc(name)}?prefix=${enc(prefix)}&versions=${enc(o.Key)}`, 'Versions')])],
        ], [...folders.map((f) => ({ Key: f, folder: true })), ...objects], 'Nothing here.'), pager.controls(ctx)),
        versions ? section(`Versions of ${versionsOf}`, table('Versions', [
          ['Version ID', (v) => h('code', {}, v.VersionId)],
          ['Latest', (v) => (v.IsLatest === 'true' ? 'yes' : '')],
          ['Size', (v) => `${Number(v.Size).toLocaleString()} bytes`],
          ['Modified', (v) => time(v.LastModified)],
          ['', (v) => h('a', { href: ctx.session.s3DownloadUrl(name, v.Key, v.VersionId) }, 'Download')],
        ], versions, 'No versions (versioning was never enabled on this bucket).')) : null,
      ];
    },
  };
}

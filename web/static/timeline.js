// Time in the explorer: a province's documents on a timeline (issued, in
// force from, until, draft, only named), a date that redraws the network as
// of that day, and what one version of a document changes from another.
// The page tells this module which province is shown (showProvince); the
// module tells the page that the date changed with a "regnet:asof" event on
// document, and the page asks it for the network's date (asOfVariables).
import { gql } from './api.js';
import { names, t } from './i18n.js';

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);

const Q = {
  documents: `query Timeline($province: String!) {
    documents(filter: { province: $province, includeNamed: true }, first: 100) {
      edges { node { id number title kind status named issued effective validFrom validUntil replacesNumbers } }
    }
  }`,
  compare: `query CompareDocuments($a: String!, $b: String!) {
    compareDocuments(a: $a, b: $b) {
      same
      added { ...Change } removed { ...Change } changed { ...Change }
    }
  }
  fragment Change on StatementChange {
    change kind field { code name } area { code name }
    a { ...Side } b { ...Side }
  }
  fragment Side on Statement { role text agency { name } provision { path } }`,
};

// el builds an element: the page's builder (h in app.js), given to
// initTimeline, so that document text is never markup here either.
let el;

/** asOfVariables are the network query's time arguments: none without a date. */
export function asOfVariables() {
  const date = $('as-of').value;
  return date ? { asOf: date, includeDrafts: $('include-drafts').checked } : {};
}

function label(d) {
  return d.number ?? `${d.kind} (${d.status === 'DRAFT' ? names.status('DRAFT') : t('doc.unnumbered')})`;
}

/** when is the day a document is placed at on the timeline. */
function when(d) {
  return d.validFrom ?? d.effective ?? d.issued ?? '';
}

function documentItem(d, date) {
  // As the API reads it (Document.inForce): a draft never; a named document
  // until it is replaced; a loaded one without a first day after its issue.
  const started = d.validFrom !== null ? d.validFrom <= date : d.named || (d.issued !== null && d.issued < date);
  const inForce = date && d.status !== 'DRAFT' && started && (d.validUntil === null || date <= d.validUntil);
  const facts = [
    d.issued && t('time.issued', d.issued),
    d.validFrom && t('time.from', d.validFrom),
    d.validUntil && t('time.until', d.validUntil),
    d.status === 'DRAFT' && t('time.draft'),
    d.named && t('time.named'),
    d.replacesNumbers.length > 0 && t('time.replaces', d.replacesNumbers.join(', ')),
  ].filter(Boolean);
  return el('li', {
    'data-testid': 'timeline-document', 'data-id': d.id, 'data-status': d.status,
    'data-in-force': date ? String(Boolean(inForce)) : null, class: d.named ? 'named' : null,
  }, el('strong', {}, label(d)), ' ', el('span', { class: 'when' }, facts.join(' · ')),
  d.title ? el('span', { class: 'snippet' }, d.title) : null);
}

let documents = [];

function drawTimeline() {
  const date = $('as-of').value;
  const sorted = [...documents].sort((x, y) => (when(x) || '9999').localeCompare(when(y) || '9999'));
  $('timeline').replaceChildren(...sorted.map((d) => documentItem(d, date)));
}

/** showProvince lists the documents of the province the page shows. */
export async function showProvince(province) {
  documents = [];
  $('timeline').replaceChildren();
  for (const sel of [$('version-a'), $('version-b')]) sel.replaceChildren();
  if (!province) return;
  const data = await gql(Q.documents, { province });
  documents = data.documents.edges.map((e) => e.node);
  drawTimeline();
  const loaded = documents.filter((d) => !d.named);
  for (const sel of [$('version-a'), $('version-b')]) {
    sel.append(...loaded.map((d) => el('option', { value: d.id }, `${label(d)} — ${d.kind}`)));
  }
  if (loaded.length > 1) $('version-b').selectedIndex = 1;
}

function side(s) {
  if (!s) return '—';
  return `${names.role(s.role)} (${s.agency?.name ?? '?'}), ${s.provision?.path ?? ''}: ${s.text}`;
}

function changeItem(c) {
  const slot = [names.kind(c.kind), c.field?.name, c.area?.name].filter(Boolean).join(' · ');
  return el('li', { 'data-testid': 'version-change', 'data-change': c.change, 'data-kind': c.kind },
    el('strong', {}, `${t(`change.${c.change}`)}: ${slot}`),
    el('p', {}, t('version.before'), side(c.a)), el('p', {}, t('version.after'), side(c.b)));
}

async function compareVersions(e) {
  e.preventDefault();
  const out = $('version-changes');
  out.setAttribute('aria-busy', 'true');
  try {
    const { compareDocuments: c } = await gql(Q.compare, { a: $('version-a').value, b: $('version-b').value });
    out.replaceChildren(
      el('p', {}, t('version.summary', c.added.length, c.removed.length, c.changed.length, c.same)),
      ...[...c.added, ...c.removed, ...c.changed].map(changeItem));
  } catch (err) {
    out.replaceChildren(el('p', { class: 'error', 'data-testid': 'version-error' }, `${t('version.failed')}: ${err.message}`));
  } finally {
    out.removeAttribute('aria-busy');
  }
}

function dateChanged() {
  drawTimeline();
  document.dispatchEvent(new CustomEvent('regnet:asof', { detail: asOfVariables() }));
}

/** initTimeline wires the time controls; build is the page's element builder. */
export function initTimeline(build) {
  el = build;
  $('time-form').addEventListener('submit', (e) => e.preventDefault());
  $('as-of').addEventListener('change', dateChanged);
  $('include-drafts').addEventListener('change', dateChanged);
  $('version-form').addEventListener('submit', compareVersions);
}

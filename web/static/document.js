// The document view (/van-ban/<slug>#<provision>): a document's metadata —
// number, dates, status, legal bases, what it replaces — and its full text,
// one block per provision, each with its own anchor, so that every fact in
// the explorer can link to the words it was read from.
import { gql } from './api.js';
import { names, t } from './i18n.js';

const PAGE = 100; // provisions per request, the API's largest page
const MAX_PAGES = 50; // a bound on one document's provisions (5000)

const QUERY = `query Document($id: ID!, $first: Int, $after: String) {
  document(id: $id) {
    id number kind title status issued effective effectiveRule signer url
    province { id name }
    basedOn { id number title url named } basedOnNumbers
    replaces { id number title url named } replacesNumbers
    provisions(first: $first, after: $after) {
      totalCount
      edges { node { id part path heading text url chapter article clause point } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** documentID is the id of the document the address names, or "" on other pages. */
export function documentID(pathname) {
  const m = /^\/van-ban\/([^/]+)$/.exec(pathname);
  return m ? `doc:${decodeURIComponent(m[1])}` : '';
}

/** loadDocument fetches a document with every one of its provisions, page by page. */
export async function loadDocument(id) {
  let doc = null;
  const provisions = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { document: d } = await gql(QUERY, { id, first: PAGE, after });
    doc ??= d;
    provisions.push(...d.provisions.edges.map((e) => e.node));
    if (!d.provisions.pageInfo.hasNextPage) break;
    after = d.provisions.pageInfo.endCursor;
  }
  return { ...doc, provisions };
}

/** depth is how far a provision is indented: articles at 0, clauses 1, points 2. */
const depth = (p) => (p.point ? 2 : p.clause ? 1 : 0);

/**
 * documentView builds the document's page with h (app.js's element
 * builder). Every provision is an element whose id is its anchor.
 */
export function documentView(h, d) {
  const list = (label, docs, numbers, testid) => {
    if (!numbers.length) return null;
    // A named document (text not loaded) has no page to link to.
    const inStore = new Map(docs.filter((x) => !x.named).map((x) => [x.number, x]));
    return h('p', { 'data-testid': testid }, label, numbers.flatMap((n, i) => {
      const x = inStore.get(n);
      return [i ? '; ' : '', x ? h('a', { href: x.url, title: x.title }, n) : n];
    }));
  };
  const meta = [
    [t('doc.number'), d.number ?? t('doc.unnumbered')],
    [t('doc.status'), names.status(d.status)],
    [t('doc.issued'), d.issued],
    [t('doc.effective'), d.effective ?? d.effectiveRule],
    [t('doc.signer'), d.signer],
    [t('province'), d.province?.name ?? t('national')],
  ].filter(([, v]) => v);
  return h('article', { class: 'document', 'data-testid': 'document', 'data-id': d.id, lang: 'vi' },
    h('h2', { 'data-testid': 'document-title' }, d.title),
    h('dl', { class: 'doc-meta' }, meta.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    list(t('doc.basedOn'), d.basedOn, d.basedOnNumbers, 'based-on'),
    list(t('doc.replaces'), d.replaces, d.replacesNumbers, 'replaces'),
    h('div', { class: 'doc-text' }, d.provisions.map((p) => {
      const anchor = p.url.slice(p.url.indexOf('#') + 1);
      // A provision's text starts with its heading, shown apart.
      const body = p.heading && p.text.startsWith(p.heading) ? p.text.slice(p.heading.length).trim() : p.text;
      return h('section', { id: anchor, class: `prov prov-depth-${depth(p)}`, 'data-testid': 'provision', 'data-id': p.id },
        h('p', { class: 'prov-head' }, h('a', { class: 'prov-path', href: `#${anchor}` }, p.path),
          p.heading ? [' ', h('strong', {}, p.heading)] : null),
        body ? h('p', { class: 'prov-body' }, body) : null);
    })));
}

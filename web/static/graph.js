// Drawing a province's agency network as SVG: a force-directed layout written
// out by hand (Fruchterman–Reingold, deterministic, so a network looks the
// same every time it is drawn), nodes coloured by agency kind, edges styled
// by type.

const SVG = 'http://www.w3.org/2000/svg';
const W = 1000;
const H = 680;
const R = 9; // node radius
const MX = 90; // room for labels at the left and right
const MY = 30; // and at the top and bottom
const GRAVITY = 2; // pull towards the centre, per unit of distance

/** svg builds an SVG element; null attributes are left out. */
function svg(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

/**
 * kindColour gives every agency kind its own colour, the same in every
 * province and every view, from a hash of the code (no list of kinds to keep
 * in step with the ontology).
 */
export function kindColour(kind) {
  let x = 2166136261;
  for (const c of kind) x = Math.imul(x ^ c.codePointAt(0), 16777619);
  x >>>= 0;
  return `hsl(${x % 360}, 60%, ${38 + ((x >>> 9) % 18)}%)`;
}

/** edgeClass turns HANDS_OFF_TO into the CSS class edge-hands-off-to. */
// Links that go one way: a handoff from its initiator, a report to its recipient.
const directed = new Set(['HANDS_OFF_TO', 'REPORTS_TO']);
const edgeClass = (type) => `edge-${type.toLowerCase().replaceAll('_', '-')}`;

/**
 * layout places the nodes: they start on a circle, repel one another and are
 * pulled together along edges, while a falling "temperature" bounds how far
 * a node moves per step. Returns one {x, y} per node, in order.
 */
export function layout(nodes, edges, iterations = 300) {
  const n = nodes.length;
  const k = 0.9 * Math.sqrt(((W - 2 * MX) * (H - 2 * MY)) / Math.max(n, 1));
  const pos = nodes.map((_, i) => {
    const a = (2 * Math.PI * i) / Math.max(n, 1);
    return { x: W / 2 + (W / 3) * Math.cos(a), y: H / 2 + (H / 3) * Math.sin(a) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  // One spring per linked pair, however many duties or rules link it, so
  // that a busy pair is not pulled into one point.
  const pairs = new Map();
  for (const e of edges) {
    const [a, b] = [index.get(e.source), index.get(e.target)].sort((x, y) => x - y);
    if (a !== undefined && b !== undefined && a !== b) pairs.set(`${a} ${b}`, [a, b]);
  }
  const links = [...pairs.values()];

  for (let it = 0; it < iterations; it++) {
    const temp = (W / 10) * (1 - it / iterations);
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    const push = (i, j, f) => {
      const dx = pos[i].x - pos[j].x;
      const dy = pos[i].y - pos[j].y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const fd = f(d) / d;
      disp[i].x += dx * fd; disp[i].y += dy * fd;
      disp[j].x -= dx * fd; disp[j].y -= dy * fd;
    };
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) push(i, j, (d) => (k * k) / d);
    for (const [a, b] of links) push(a, b, (d) => -(d * d) / k);
    for (let i = 0; i < n; i++) {
      // Gravity keeps unlinked agencies near the middle instead of in the corners.
      disp[i].x -= GRAVITY * (pos[i].x - W / 2);
      disp[i].y -= GRAVITY * (pos[i].y - H / 2) * (W / H);
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      const step = Math.min(d, temp) / d;
      pos[i].x = Math.min(W - MX, Math.max(MX, pos[i].x + disp[i].x * step));
      pos[i].y = Math.min(H - MY, Math.max(MY, pos[i].y + disp[i].y * step));
    }
  }
  return pos;
}

/** shortLabel keeps long agency names from covering the drawing; the full name is in the tooltip. */
const shortLabel = (s) => (s.length > 26 ? `${s.slice(0, 25)}…` : s);

/**
 * drawNetwork replaces the content of the svg element with the network and
 * the legend's with its kinds and edge types. onSelect(id) is called when a
 * node is clicked (or chosen with Enter or Space).
 */
export function drawNetwork(root, legend, { nodes, edges }, onSelect) {
  const pos = layout(nodes, edges);
  const at = new Map(nodes.map((node, i) => [node.id, pos[i]]));

  const edgeLayer = svg('g', { class: 'edges' });
  for (const e of edges) {
    const a = at.get(e.source);
    const b = at.get(e.target);
    if (!a || !b || a === b) continue;
    // End the arrows of directed links at the rim of the target node, not under it.
    const d = Math.max(Math.hypot(b.x - a.x, b.y - a.y), 0.01);
    const cut = directed.has(e.type) ? (R + 2) / d : 0;
    edgeLayer.append(svg('line', {
      x1: a.x, y1: a.y, x2: b.x - (b.x - a.x) * cut, y2: b.y - (b.y - a.y) * cut,
      class: `edge ${edgeClass(e.type)}`,
      'data-testid': 'edge', 'data-type': e.type,
      'marker-end': directed.has(e.type) ? 'url(#arrow)' : null,
    }, svg('title', {}, `${e.type}${e.label ? `: ${e.label}` : ''}`)));
  }

  // Labels sit under the circles, so that a long label never hides a node.
  const labelLayer = svg('g', { class: 'labels' });
  const nodeLayer = svg('g', { class: 'nodes' });
  nodes.forEach((node, i) => {
    const { x, y } = pos[i];
    const pick = () => onSelect(node.id);
    const label = svg('text', { x, y: y + R + 12, 'text-anchor': 'middle', class: 'label', 'data-id': node.id },
      shortLabel(node.label));
    label.addEventListener('click', pick);
    labelLayer.append(label);
    const circle = svg('circle', {
      cx: x, cy: y, r: R, fill: kindColour(node.kind), class: 'node',
      tabindex: 0, role: 'button', 'aria-label': `${node.label} (${node.kind})`,
      'data-testid': 'node', 'data-id': node.id, 'data-kind': node.kind,
    }, svg('title', {}, `${node.label} — ${node.kind}`));
    circle.addEventListener('click', pick);
    circle.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); }
    });
    nodeLayer.append(circle);
  });

  const arrow = svg('marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  root.replaceChildren(svg('defs', {}, arrow), edgeLayer, labelLayer, nodeLayer);
  drawLegend(legend, nodes, edges);
}

/** drawLegend lists the kinds and edge types present, with their colours and strokes. */
function drawLegend(legend, nodes, edges) {
  const item = (sample, text) => {
    const span = document.createElement('span');
    span.append(svg('svg', { width: 26, height: 12, 'aria-hidden': 'true' }, sample), text);
    return span;
  };
  const kinds = [...new Set(nodes.map((n) => n.kind))].sort();
  const types = [...new Set(edges.map((e) => e.type))].sort();
  legend.replaceChildren(
    ...kinds.map((k) => item(svg('circle', { cx: 13, cy: 6, r: 5, fill: kindColour(k) }), k)),
    ...types.map((t) => item(svg('line', { x1: 1, y1: 6, x2: 25, y2: 6, class: `edge ${edgeClass(t)}` }), t)),
  );
}

/** markSelected outlines the node (and label) of the selected agency, if it is drawn. */
export function markSelected(root, id) {
  for (const e of root.querySelectorAll('.selected')) e.classList.remove('selected');
  if (!id) return;
  for (const e of root.querySelectorAll(`[data-id="${CSS.escape(id)}"]`)) e.classList.add('selected');
}

// The timeline (an SVG of stacked bars) and the world outline's antimeridian fix.

import { $, el, svgEl } from './dom.js';

// 16 distinct colours, one per PLOVER type when the timeline is by type, then grey for "other"
export const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
  '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#ad494a', '#637939', '#e7ba52',
  '#a55194', '#6baed6'];
const OTHER = '#c7c7c7';

export function colour(series, k) {
  return series.key === 'other' ? OTHER : COLORS[k % COLORS.length];
}
export const ANTARCTICA = '010'; // ISO 3166 numeric id in world-atlas; no events, and it spans every longitude

export function drawTimeline(body) {
  const svg = $('#timeline');
  const width = Math.max(300, svg.clientWidth || svg.parentNode.clientWidth);
  const height = 170;
  const left = 36;
  const bottom = 22;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const buckets = body.buckets;
  const totals = buckets.map((_, i) => body.series.reduce((sum, s) => sum + s.counts[i], 0));
  const grand = totals.reduce((a, b) => a + b, 0);
  svg.dataset.total = String(grand);
  svg.dataset.buckets = String(buckets.length);
  const nodes = [];
  const top = Math.max(1, ...totals);
  const step = buckets.length ? (width - left - 4) / buckets.length : 0;
  const bar = Math.max(1, step * 0.8);
  const scale = (height - bottom - 8) / top;
  for (const tick of [0, Math.round(top / 2), top]) {
    const y = height - bottom - tick * scale;
    nodes.push(svgEl('line', { x1: left - 3, x2: width, y1: y, y2: y, class: 'grid' }));
    const label = svgEl('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' });
    label.textContent = String(tick);
    nodes.push(label);
  }
  buckets.forEach((bucket, i) => {
    let y = height - bottom;
    body.series.forEach((series, k) => {
      const n = series.counts[i];
      if (!n) return;
      const h = n * scale;
      y -= h;
      const rect = svgEl('rect', { x: left + i * step, y, width: bar, height: Math.max(h, 0.5),
        fill: colour(series, k), class: 'bar' });
      const title = svgEl('title');
      title.textContent = `${bucket} · ${series.key}: ${n}`;
      rect.append(title);
      nodes.push(rect);
    });
  });
  const every = Math.max(1, Math.ceil(buckets.length / Math.floor((width - left) / 70)));
  buckets.forEach((bucket, i) => {
    if (i % every) return;
    const label = svgEl('text', { x: left + i * step + bar / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' });
    label.textContent = bucket;
    nodes.push(label);
  });
  if (!buckets.length) {
    const empty = svgEl('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' });
    empty.textContent = 'no dated events match';
    nodes.push(empty);
  }
  svg.replaceChildren(...nodes);
  $('#legend').replaceChildren(...body.series.map((series, k) => el('span', { class: 'key' },
    el('i', { style: `background:${colour(series, k)}` }), `${series.key} (${series.total})`)));
}

// Rings that cross the antimeridian (Fiji, Chukotka) would be drawn as lines across the
// whole map: their western points move east by 360 degrees.
export function unwrap(feature) {
  const fix = (ring) => {
    const crosses = ring.some((p, i) => i && Math.abs(p[0] - ring[i - 1][0]) > 180);
    return crosses ? ring.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : ring;
  };
  const g = feature.geometry;
  if (g && g.type === 'Polygon') g.coordinates = g.coordinates.map(fix);
  if (g && g.type === 'MultiPolygon') g.coordinates = g.coordinates.map((poly) => poly.map(fix));
  return feature;
}

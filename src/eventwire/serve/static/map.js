// The map's layers: event places as circles at their own coordinates (a city's point when
// the place is a city, a country's centre only when the country is all the text says),
// countries shaded by their number of events (a choropleth), and the legend of both.

import { $, el } from './dom.js';

export const SHADES = ['#fde0c5', '#facba6', '#f8b58b', '#f59e72', '#f2855d', '#ef6a4c', '#c23b22'];
let numeric = null; // ISO 3166 numeric id -> alpha-3, for the world outline's features

export async function loadCodes() {
  if (numeric) return numeric;
  const response = await fetch('/static/iso-numeric.json');
  numeric = (await response.json()).codes;
  return numeric;
}

export function radius(events) {
  return 4 + 2.5 * Math.sqrt(events);
}

// Events per ISO3 country, from the places answer (each place carries its country).
export function byCountry(items) {
  const totals = {};
  for (const place of items) {
    if (place.country) totals[place.country] = (totals[place.country] || 0) + place.events;
  }
  return totals;
}

// The shade of a count on a log scale up to the largest count.
export function shadeOf(n, top) {
  if (!n) return null;
  const step = top > 1 ? Math.log(n) / Math.log(top) : 1;
  return SHADES[Math.min(SHADES.length - 1, Math.round(step * (SHADES.length - 1)))];
}

export function shadeCountries(world, items, on) {
  if (!world) return;
  const totals = on ? byCountry(items) : {};
  const top = Math.max(1, ...Object.values(totals));
  let shaded = 0;
  world.eachLayer((layer) => {
    const iso3 = numeric ? numeric[layer.feature.id] : undefined;
    const fill = shadeOf(totals[iso3] || 0, top);
    shaded += fill ? 1 : 0;
    layer.setStyle({ fillColor: fill || '#eef1ea' });
    layer.getElement()?.classList.toggle('ew-shaded', Boolean(fill));
  });
  $('#map').dataset.shaded = String(shaded);
}

function circleKey(events) {
  const size = 2 * radius(events);
  return el('span', { class: 'key' },
    el('i', { class: 'dot', style: `width:${size}px;height:${size}px` }), `${events}`);
}

export function drawLegend(items, mode) {
  const legend = $('#map-legend');
  const parts = [];
  if (mode !== 'countries') {
    const top = Math.max(1, ...items.map((p) => p.events));
    const steps = [...new Set([1, Math.max(1, Math.round(top / 4)), top])];
    parts.push(el('span', { class: 'title' }, 'events at a place'), ...steps.map(circleKey));
  }
  if (mode !== 'places') {
    const totals = Object.values(byCountry(items));
    const top = Math.max(1, ...totals);
    parts.push(el('span', { class: 'title' }, 'events in a country'),
      el('span', { class: 'key' }, el('i', { style: `background:${SHADES[0]}` }), '1'),
      el('span', { class: 'key' }, el('i', { style: `background:${SHADES[SHADES.length - 1]}` }), `${top}`));
  }
  legend.replaceChildren(...parts);
  legend.dataset.mode = mode;
}

'use strict';
// The dashboard page: polls the dashboard's /api every 2 s and renders it. No external libraries.
const REFRESH_MS = 2000;
const state = { tab: 'overview', previous: {}, journeyOrder: null, sagaOrder: null };

const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const short = (type) => String(type ?? '').split('.').pop();
const time = (iso) => { if (!iso) return ''; const d = new Date(iso); return isNaN(d) ? esc(iso) : d.toLocaleTimeString([], { hour12: false }) + '.' + String(d.getMilliseconds()).padStart(3, '0'); };
const duration = (ms) => ms == null ? '–' : ms < 1000 ? ms + ' ms' : ms < 120000 ? (ms / 1000).toFixed(1) + ' s' : Math.round(ms / 60000) + ' min';
const statusOf = (eventName) => eventName.replace(/^Order/, '').replace(/Event$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

async function api(path, options = {}) {
  const response = await fetch('api' + path, { headers: { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' }, ...options });
  if (response.redirected || response.status === 401) { location.href = 'login.html'; throw new Error('signed out'); }
  const text = await response.text();
  const body = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(body.error || body.detail || response.status);
  return body;
}

function toast(message, ok = true) {
  const el = $('#toast');
  el.textContent = message; el.className = ok ? 'ok' : 'bad'; el.hidden = false;
  clearTimeout(toast.timer); toast.timer = setTimeout(() => { el.hidden = true; }, 4000);
}

// Replaces content only when it changed: no flicker, and what the operator points at stays put between refreshes.
function put(element, html) { if (element.dataset.last !== html) { element.dataset.last = html; element.innerHTML = html; } }
function rows(table, html) { put($(table + ' tbody'), html.join('')); }

async function refreshOverview() {
  const [overview, recent] = await Promise.all([api('/overview'), api('/events/recent?limit=15')]);
  const now = Date.now();
  const cards = []; const statuses = {}; const sagas = []; let deadLetters = 0;
  for (const [service, s] of Object.entries(overview)) {
    const ops = s.ops || {};
    const prev = state.previous[service];
    let commandsPerSec = '–', eventsPerSec = '–';
    if (prev && !ops.error && now > prev.at) {
      const dt = (now - prev.at) / 1000;
      commandsPerSec = Math.max(0, (ops.commandsHandled - prev.commands) / dt).toFixed(1);
      eventsPerSec = Math.max(0, (ops.eventsAppended - prev.events) / dt).toFixed(1);
    }
    if (!ops.error) state.previous[service] = { at: now, commands: ops.commandsHandled, events: ops.eventsAppended };
    deadLetters += ops.deadLetters || 0;
    const healthClass = s.health === 'UP' ? 'up' : 'down';
    const db = ops.checks?.db, kafka = ops.checks?.kafka;
    cards.push(`<div class="card service" data-service="${esc(service)}">
      <h2>${esc(service)} <span class="pill ${healthClass}">${esc(s.health)}</span></h2>
      ${ops.error ? `<p class="error">${esc(ops.error)}</p>` : `
      <dl>
        <dt>commands/s</dt><dd class="commands-rate">${commandsPerSec}</dd>
        <dt>events/s</dt><dd class="events-rate">${eventsPerSec}</dd>
        <dt>events stored</dt><dd>${ops.eventsAppended}</dd>
        <dt>processors</dt><dd>${ops.processorsRunning}/${ops.processors} running${ops.processorsInError ? ` <span class="pill down">${ops.processorsInError} in error</span>` : ''}</dd>
        <dt>dead letters</dt><dd class="${ops.deadLetters ? 'warn' : ''}">${ops.deadLetters}</dd>
        ${refused(ops.requestsRefused)}
        ${processingProblems(s.healthDetails)}
        <dt>checks</dt><dd>db ${esc(db || '–')} · kafka ${esc(kafka || '–')}</dd>
      </dl>`}</div>`);
    for (const [type, byEvent] of Object.entries(ops.aggregatesByLastEvent || {})) {
      if (type !== 'Order') continue;
      for (const [event, count] of Object.entries(byEvent)) statuses[statusOf(event)] = (statuses[statusOf(event)] || 0) + count;
    }
    for (const [type, count] of Object.entries(ops.activeSagas || {})) sagas.push(`<tr><td>${esc(service)}</td><td>${esc(short(type))}</td><td class="num">${count}</td></tr>`);
  }
  put($('#services'), cards.join(''));
  rows('#orders-by-status', Object.entries(statuses).sort().map(([status, count]) => `<tr data-status="${esc(status)}"><td>${esc(status)}</td><td class="num">${count}</td></tr>`));
  rows('#active-sagas', sagas.length ? sagas : ['<tr><td colspan="3" class="muted">none</td></tr>']);
  rows('#recent-events', recent.map((e) => `<tr><td>${time(e.timestamp)}</td><td>${esc(e.service)}</td><td>${esc(short(e.eventType))}</td>
      <td><a href="#" class="journey-link" data-order="${esc(e.payload?.orderId || e.aggregateId)}">${esc(e.payload?.orderId || e.aggregateId)}</a></td><td class="mono">${esc(e.traceId)}</td></tr>`));
  badge(deadLetters);
}

/** Why event processing is DEGRADED (the service's eventProcessors health component), one line per processor. */
function processingProblems(components) {
  const problems = Object.entries(components?.eventProcessors?.details?.problems || {});
  if (!problems.length) return '';
  return `<dt>processing</dt><dd class="processing-problems">${problems.map(([processor, why]) =>
    `<span class="pill down">${esc(processor)}</span> ${esc(why)}`).join('<br>')}</dd>`;
}

/** Requests the service refused to protect work it had accepted (e.g. new orders while the saga is behind). */
function refused(byReason) {
  const entries = Object.entries(byReason || {});
  if (!entries.length) return '';
  return `<dt>refused</dt><dd class="warn refused">${entries.map(([reason, n]) => `${n} ${esc(reason.toLowerCase().replaceAll('_', ' '))}`).join(' · ')}</dd>`;
}

function badge(count) { const b = $('#dead-letter-badge'); b.textContent = count; b.hidden = !count; }

async function refreshProcessors() {
  const all = await api('/processors');
  const html = [];
  for (const [service, list] of Object.entries(all)) {
    if (!Array.isArray(list)) { html.push(`<tr><td>${esc(service)}</td><td colspan="9" class="error">${esc(list.error)}</td></tr>`); continue; }
    for (const p of list) {
      const status = p.error ? '<span class="pill down">error</span>' : p.running ? (p.replaying ? '<span class="pill warn">replaying</span>' : '<span class="pill up">running</span>') : '<span class="pill off">paused</span>';
      const segments = p.segments.map((s) => `<span class="segment${s.errorState ? ' bad' : ''}" title="${esc(s.error || '')}">#${s.segmentId}/${s.mask + 1}: ${s.position ?? '–'}${s.caughtUp ? '' : ' ⏳'}
        <button class="small split" data-service="${esc(service)}" data-name="${esc(p.name)}" data-segment="${s.segmentId}">split</button>
        <button class="small merge" data-service="${esc(service)}" data-name="${esc(p.name)}" data-segment="${s.segmentId}">merge</button></span>`).join(' ');
      const act = (action, label, enabled = true) => `<button class="${action}" data-service="${esc(service)}" data-name="${esc(p.name)}" ${enabled ? '' : 'disabled'}>${label}</button>`;
      html.push(`<tr data-processor="${esc(service)}/${esc(p.name)}"><td>${esc(service)}</td><td>${esc(p.name)}${p.saga ? ' <span class="pill off">saga</span>' : ''}</td><td>${esc(p.type.replace('EventProcessor', ''))}</td>
        <td>${esc(p.source)}</td><td>${status}</td><td>${segments || '–'}</td><td class="num">${p.lagEvents ?? '–'}</td><td class="num">${duration(p.lagMillis)}</td><td class="num">${p.eventsHandled}</td>
        <td class="actions">${p.running ? act('pause', 'pause') : act('start', 'start')} ${act('replay', 'replay', p.supportsReset)}</td></tr>`);
    }
  }
  rows('#processors', html);
}

async function refreshSagas() {
  const counts = await api('/sagas');
  const html = [];
  for (const [service, body] of Object.entries(counts)) {
    for (const [type, count] of Object.entries(body.activeByType || {})) html.push(`<tr><td>${esc(service)}</td><td>${esc(short(type))}</td><td class="num">${count}</td></tr>`);
  }
  rows('#saga-counts', html.length ? html : ['<tr><td colspan="3" class="muted">no active sagas</td></tr>']);
  if (state.sagaOrder) await showSagas(state.sagaOrder);
}

async function showSagas(orderId) {
  const sagas = await api('/sagas?orderId=' + encodeURIComponent(orderId));
  put($('#saga-results'), sagas.length ? sagas.map((s) => {
    const next = (s.deadlines || [])[0];
    return `<div class="saga card" data-saga="${esc(s.sagaId)}">
      <h3>${esc(short(s.sagaType))} <span class="muted mono">${esc(s.sagaId)}</span> <span class="muted">(${esc(s.service)})</span></h3>
      <p>Next deadline: <strong class="next-deadline">${next ? `${esc(next.name || 'deadline')} at ${new Date(next.dueAt).toLocaleString()}` : 'none'}</strong>
         ${(s.deadlines || []).length > 1 ? `(+${s.deadlines.length - 1} more)` : ''}</p>
      <p>Associations: ${Object.entries(s.associations || {}).map(([k, v]) => `${esc(k)}=${esc(v.join(', '))}`).join(' · ')}</p>
      <pre class="saga-state">${esc(JSON.stringify(s.state, null, 2))}</pre></div>`;
  }).join('') : `<p class="muted">No active saga for ${esc(orderId)} (it may have ended).</p>`);
}

async function refreshDeadLetters() {
  const result = await api('/dead-letters');
  const letters = result.letters;
  $('#dead-letter-errors').textContent = Object.entries(result.errors || {}).map(([s, e]) => `${s}: ${e}`).join(' · ');
  rows('#dead-letters', letters.map((l) => `<tr data-id="${esc(l.id)}" data-aggregate="${esc(l.aggregateId)}"><td>${time(l.enqueuedAt)}</td><td>${esc(l.service)}</td><td>${esc(l.processingGroup)}</td>
    <td>${esc(short(l.eventType))}</td><td>${esc(l.aggregateId || l.sequenceIdentifier)}</td><td title="${esc(l.causeType)}">${esc(l.causeMessage)}</td><td class="mono">${esc(l.traceId)}</td>
    <td class="payload">${letterPayload(l.payload)}</td>
    <td class="actions"><button class="retry" data-service="${esc(l.service)}" data-id="${esc(l.id)}">retry</button> <button class="evict" data-service="${esc(l.service)}" data-id="${esc(l.id)}">evict</button></td></tr>`));
  $('#dead-letters-empty').hidden = letters.length > 0;
  badge(letters.length);
}

/** A letter's payload: an unreadable one as where it came from and its raw value (escaped by the service, cut). */
function letterPayload(p) {
  if (p && p.unreadable) {
    const where = p.topic ? `${p.topic}/${p.partition}/${p.offset}` : 'stored payload';
    return `<details class="unreadable"><summary>unreadable · ${esc(where)}</summary><pre class="raw">${esc(p.value ?? p.stored ?? '')}</pre>
      ${p.headers ? `<pre>${esc(JSON.stringify(p.headers, null, 2))}</pre>` : ''}</details>`;
  }
  return `<details><summary>payload</summary><pre>${esc(JSON.stringify(p, null, 2))}</pre></details>`;
}

async function showJourney(orderId) {
  const journey = await api('/journey/' + encodeURIComponent(orderId));
  const events = journey.events;
  const contexts = [...new Set(events.map((e) => e.service))];
  const traces = [...new Set(events.map((e) => e.traceId).filter(Boolean))];
  $('#journey-summary').textContent = events.length
    ? `${events.length} events in ${contexts.join(', ')} · trace id${traces.length > 1 ? 's' : ''}: ${traces.join(', ')}`
    : `No events mention ${orderId}.`;
  rows('#journey-events', events.map((e) => {
    const p = e.payload || {};
    const details = Object.entries(p).filter(([k]) => k !== 'orderId').map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ');
    return `<tr data-event="${esc(short(e.eventType))}"><td>${time(e.timestamp)}</td><td><span class="ctx ctx-${esc(e.service)}">${esc(e.service)}</span></td><td>${esc(short(e.eventType))}</td>
      <td>${esc(e.aggregateType)} ${esc(e.aggregateId)}</td><td class="details">${esc(details)}</td><td class="mono trace-id">${esc(e.traceId)}</td></tr>`;
  }));
}

const refreshers = { overview: refreshOverview, processors: refreshProcessors, sagas: refreshSagas, 'dead-letters': refreshDeadLetters,
  journey: async () => { if (state.journeyOrder) await showJourney(state.journeyOrder); } };

async function refresh() {
  try {
    await refreshers[state.tab]();
    if (state.tab !== 'dead-letters') api('/dead-letters').then((r) => badge(r.letters.length)).catch(() => {});
    $('#refreshed').textContent = 'updated ' + new Date().toLocaleTimeString([], { hour12: false });
    $('#refreshed').classList.remove('error');
  } catch (e) {
    $('#refreshed').textContent = 'refresh failed: ' + e.message;
    $('#refreshed').classList.add('error');
  }
}

function show(tab) {
  state.tab = tab;
  document.querySelectorAll('nav button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t.id === 'tab-' + tab));
  refresh();
}

async function act(path, done) {
  try { const body = await api(path, { method: 'POST' }); toast(done(body)); } catch (e) { toast(e.message, false); }
  refresh();
}

document.addEventListener('click', (event) => {
  const b = event.target.closest('button, a.journey-link');
  if (!b) return;
  const { service, name, id, segment } = b.dataset;
  const base = `/services/${encodeURIComponent(service)}`;
  if (b.dataset.tab) show(b.dataset.tab);
  else if (b.classList.contains('journey-link')) { event.preventDefault(); $('#journey-order-id').value = b.dataset.order; state.journeyOrder = b.dataset.order; show('journey'); }
  else if (b.classList.contains('retry')) act(`${base}/dead-letters/${encodeURIComponent(id)}/retry`, (r) => r.processed ? 'Retried: handled' : 'Retried: failed again, still parked');
  else if (b.classList.contains('evict')) { if (confirm('Evict this dead letter for good?')) act(`${base}/dead-letters/${encodeURIComponent(id)}/evict`, () => 'Evicted'); }
  else if (['pause', 'start', 'replay'].some((a) => b.classList.contains(a))) {
    const action = ['pause', 'start', 'replay'].find((a) => b.classList.contains(a));
    if (action !== 'replay' || confirm(`Replay ${name} from the start of its source?`)) act(`${base}/processors/${encodeURIComponent(name)}/${action}`, () => `${name}: ${action} done`);
  } else if (b.classList.contains('split') || b.classList.contains('merge')) {
    const action = b.classList.contains('split') ? 'split' : 'merge';
    act(`${base}/processors/${encodeURIComponent(name)}/segments/${segment}/${action}`, (r) => `${name} segment ${segment}: ${action} ${r.split || r.merged ? 'done' : 'refused'}`);
  }
});

$('#journey-form').addEventListener('submit', (e) => { e.preventDefault(); state.journeyOrder = $('#journey-order-id').value.trim(); refresh(); });
$('#saga-form').addEventListener('submit', (e) => { e.preventDefault(); state.sagaOrder = $('#saga-order-id').value.trim(); refresh(); });

const initial = location.hash.replace('#', '');
show(refreshers[initial] ? initial : 'overview');
setInterval(refresh, REFRESH_MS);

// MoneroNet's live dashboard (docs/OBSERVABILITY.md, "Dashboard"). Vanilla JS, no dependency, same origin only:
// it reads the node's /json_rpc (and /get_net_stats for the traffic chart) and listens to /events (EventSource).
// Events move the table at once; polls every few seconds refresh the counters and resynchronise.
'use strict';
(() => {
  const POLL_MS = 2000;
  const SLOW_POLL_MS = 5000;
  const CHART_SECONDS = 300;
  const MAX_EVENTS = 200;
  const MAX_CLOSES = 100;
  // The table's first columns; every other field get_connections returns follows, in the order first seen.
  const PREFERRED = ['address', 'peer_id', 'incoming', 'connection_type', 'state', 'height', 'live_time',
    'recv_count', 'send_count', 'current_download', 'current_upload', 'avg_download', 'avg_upload',
    'ping_ms', 'min_ping_ms', 'ping_wait_ms', 'proxy_check', 'inner_peer_ids', 'support_flags_requested',
    'subnet', 'asn', 'as_name', 'country'];
  const HIDDEN = new Set(['connection_id']);

  const conns = new Map();        // connection_id -> row object (get_connections fields)
  const closedIds = new Map();    // connection_id -> ms when its close event came (a late poll must not revive it)
  const proxies = new Map();      // address -> { address, peer_id, inner: Set, seen }
  const closes = new Map();       // connection_id -> close record
  const columns = [];
  const events = [];
  const traffic = [];             // { t, rx, tx } bytes/s
  let lastNet = null;
  let info = null;
  let limits = {};
  let bans = [];
  let sortKey = 'address';
  let sortDir = 1;
  let filter = '';
  let renderQueued = false;

  const $ = (id) => document.getElementById(id);

  async function rpc(method, params) {
    const body = { jsonrpc: '2.0', id: '0', method };
    if (params) body.params = params;
    const response = await fetch('/json_rpc', { method: 'POST', body: JSON.stringify(body), credentials: 'same-origin' });
    if (!response.ok) throw new Error(method + ': HTTP ' + response.status);
    const answer = await response.json();
    if (answer.error) throw new Error(method + ': ' + answer.error.message);
    return answer.result;
  }

  async function uri(path) {
    const response = await fetch(path, { method: 'POST', body: '{}', credentials: 'same-origin' });
    if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
    return response.json();
  }

  // ---- formatting ----------------------------------------------------------------------------------------
  function bytes(n) {
    if (n === undefined || n === null || isNaN(n)) return '–';
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n.toFixed(0) : n.toFixed(1)) + ' ' + units[i];
  }
  function duration(s) {
    s = Math.max(0, Math.round(s));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' m ' + (s % 60) + ' s';
    return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' m';
  }
  function clock(ms) { return new Date(ms).toISOString().substring(11, 19); }
  function summary(value) {
    if (Array.isArray(value)) return value.join(', ');
    if (value && typeof value === 'object') {
      return Object.entries(value).filter(([, v]) => v).sort((a, b) => b[1] - a[1])
        .map(([k, v]) => k + ':' + v).join(' ');
    }
    return String(value);
  }
  function cellText(key, value) {
    if (value === undefined || value === null) return '';
    if (typeof value === 'object') return summary(value);
    if (key === 'live_time') return duration(value);
    if (key === 'recv_count' || key === 'send_count') return bytes(value);
    if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(2);
    return String(value);
  }

  // ---- state changes -------------------------------------------------------------------------------------
  function addColumns(row) {
    for (const key of Object.keys(row)) {
      if (HIDDEN.has(key) || columns.includes(key)) continue;
      columns.push(key);
    }
    columns.sort((a, b) => rank(a) - rank(b));
  }
  function rank(key) {
    const i = PREFERRED.indexOf(key);
    return i >= 0 ? i : PREFERRED.length + columns.indexOf(key);
  }

  function applyConnections(list, pollStartedMs) {
    const seen = new Set();
    for (const c of list) {
      if (closedIds.has(c.connection_id)) continue;
      seen.add(c.connection_id);
      const old = conns.get(c.connection_id);
      conns.set(c.connection_id, Object.assign({}, c, { _added: old ? old._added : Date.now() }));
      addColumns(c);
      if (c.proxy_check === 'mismatch') noteProxy(c.address, c.peer_id, c.inner_peer_ids || [], Date.now());
    }
    for (const [id, row] of conns) {
      // Gone from the answer: closed (its event may still come). Keep rows that events added after the poll began.
      if (!seen.has(id) && row._added < pollStartedMs) conns.delete(id);
    }
  }

  function noteProxy(address, peerId, inner, when) {
    let p = proxies.get(address);
    if (!p) { p = { address, peer_id: peerId, inner: new Set(), seen: when }; proxies.set(address, p); }
    for (const id of inner) p.inner.add(id);
    p.seen = when;
  }

  function noteClose(record) {
    closes.set(record.connection_id, record);
    if (closes.size > MAX_CLOSES) {
      const oldest = [...closes.values()].sort((a, b) => a.closed - b.closed).slice(0, closes.size - MAX_CLOSES);
      for (const r of oldest) closes.delete(r.connection_id);
    }
  }

  function onEvent(e) {
    const when = Date.parse(e.timestamp) || Date.now();
    events.unshift({ when, e });
    if (events.length > MAX_EVENTS) events.length = MAX_EVENTS;
    switch (e.type) {
      case 'connection_opened': {
        const row = { connection_id: e.connection_id, address: e.address, peer_id: '', incoming: e.incoming,
          state: 'before_handshake', live_time: 0, _added: Date.now() };
        if (!conns.has(e.connection_id)) { conns.set(e.connection_id, row); addColumns(row); }
        break;
      }
      case 'handshake_completed':
      case 'height_changed': {
        const row = conns.get(e.connection_id);
        if (row) {
          if (e.peer_id) row.peer_id = e.peer_id;
          if (e.height !== undefined) row.height = e.height;
          if (e.type === 'handshake_completed') row.state = 'normal';
        }
        break;
      }
      case 'proxy_suspected':
        noteProxy(e.address, e.peer_id, e.inner_peer_id ? [e.inner_peer_id] : [], when);
        break;
      case 'connection_closed': {
        closedIds.set(e.connection_id, Date.now());
        conns.delete(e.connection_id);
        noteClose({ connection_id: e.connection_id, closed: when, address: e.address, peer_id: e.peer_id || '',
          reason: e.reason, recv: e.recv_bytes, sent: e.send_bytes, live: e.live_time });
        break;
      }
      case 'ban_added':
      case 'ban_removed':
        pollSlow();
        break;
      case 'limits_changed':
        limits = { in: e.in_peers, out: e.out_peers };
        break;
      case 'overflow':
        // We fell behind and the node dropped our stream; EventSource reconnects, a poll resynchronises.
        pollFast();
        break;
    }
    queueRender();
  }

  // ---- polling -------------------------------------------------------------------------------------------
  async function pollFast() {
    const started = Date.now();
    try {
      const result = await rpc('get_connections', { extended: true });
      applyConnections(result.connections || [], started);
    } catch (err) { console.warn(err); }
    try {
      const net = await uri('/get_net_stats');
      const now = Date.now();
      if (lastNet) {
        const dt = (now - lastNet.t) / 1000;
        if (dt > 0) traffic.push({ t: now, rx: Math.max(0, (net.total_bytes_in - lastNet.in) / dt),
          tx: Math.max(0, (net.total_bytes_out - lastNet.out) / dt) });
      }
      lastNet = { t: now, in: net.total_bytes_in, out: net.total_bytes_out };
      while (traffic.length && traffic[0].t < now - CHART_SECONDS * 1000) traffic.shift();
    } catch (err) { console.warn(err); }
    const cutoff = Date.now() - 60000;
    for (const [id, t] of closedIds) if (t < cutoff) closedIds.delete(id);
    $('updated').textContent = 'updated ' + clock(Date.now());
    queueRender();
  }

  async function pollSlow() {
    try { info = await rpc('get_info'); } catch (err) { console.warn(err); }
    try { bans = (await rpc('get_bans', { extended: true })).bans || []; } catch (err) { console.warn(err); }
    // Methods newer than monerod: used when the node has them.
    try {
      const closed = await rpc('get_closed_connections', { count: 50 });
      for (const c of closed.connections || []) {
        if (closes.has(c.connection_id)) continue;
        noteClose({ connection_id: c.connection_id, closed: (c.closed_at || 0) * 1000, address: c.address,
          peer_id: c.peer_id, reason: c.close_reason, recv: c.recv_count, sent: c.send_count, live: c.live_time });
      }
    } catch (err) { /* not on this node */ }
    try {
      const stats = await rpc('get_connection_stats');
      for (const p of stats.suspected_proxies || []) {
        const seen = p.last_seen ? p.last_seen * 1000 : Date.now();
        const outer = (p.outer_peer_ids || []).join(', ');
        for (const address of p.addresses || []) noteProxy(address, proxies.get(address)?.peer_id || outer, [p.inner_peer_id], seen);
      }
    } catch (err) { /* not on this node */ }
    queueRender();
  }

  // ---- rendering -----------------------------------------------------------------------------------------
  function queueRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => { renderQueued = false; render(); });
  }

  function render() {
    renderTotals();
    renderConnections();
    renderProxies();
    renderBans();
    renderCloses();
    renderEvents();
    renderChart();
  }

  function renderTotals() {
    const rows = [...conns.values()];
    const inCount = rows.filter((r) => r.incoming).length;
    $('t-in').textContent = inCount;
    $('t-out').textContent = rows.length - inCount;
    const inLimit = limits.in ?? null;
    const outLimit = limits.out ?? null;
    $('t-in-limit').textContent = inLimit !== null ? 'limit ' + inLimit : '';
    $('t-out-limit').textContent = outLimit !== null ? 'limit ' + outLimit : '';
    const last = traffic[traffic.length - 1];
    $('t-rx').textContent = last ? bytes(last.rx) + '/s' : '–';
    $('t-tx').textContent = last ? bytes(last.tx) + '/s' : '–';
    $('t-rx-total').textContent = lastNet ? bytes(lastNet.in) + ' total' : '';
    $('t-tx-total').textContent = lastNet ? bytes(lastNet.out) + ' total' : '';
    const best = rows.reduce((m, r) => Math.max(m, r.height || 0), 0);
    $('t-best').textContent = best || '–';
    $('t-height').textContent = info ? 'ours ' + info.height + (info.synchronized ? ', synchronized' : '') : '';
    $('t-lists').textContent = info ? info.white_peerlist_size + ' / ' + info.grey_peerlist_size : '–';
  }

  function renderConnections() {
    const headRow = document.querySelector('#connections thead tr');
    if (headRow.childElementCount !== columns.length || [...headRow.children].some((th, i) => th.dataset.key !== columns[i])) {
      headRow.replaceChildren(...columns.map((key) => {
        const th = document.createElement('th');
        th.dataset.key = key;
        th.textContent = key;
        th.addEventListener('click', () => {
          if (sortKey === key) sortDir = -sortDir; else { sortKey = key; sortDir = 1; }
          queueRender();
        });
        return th;
      }));
    }
    for (const th of headRow.children) {
      th.classList.toggle('sorted-asc', th.dataset.key === sortKey && sortDir > 0);
      th.classList.toggle('sorted-desc', th.dataset.key === sortKey && sortDir < 0);
    }
    const needle = filter.toLowerCase();
    const rows = [...conns.values()].filter((r) => !needle || columns.some((k) => cellText(k, r[k]).toLowerCase().includes(needle)));
    rows.sort((a, b) => compare(a[sortKey], b[sortKey]) * sortDir || compare(a.address, b.address));
    const now = Date.now();
    const body = document.querySelector('#connections tbody');
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.connectionId = r.connection_id;
      tr.dataset.address = r.address;
      tr.dataset.peerId = r.peer_id || '';
      if (now - r._added < 3000) tr.className = 'fresh';
      for (const key of columns) {
        const td = document.createElement('td');
        td.dataset.field = key;
        const value = r[key];
        td.textContent = cellText(key, value);
        if (value && typeof value === 'object') { td.className = 'obj'; td.title = JSON.stringify(value); }
        if (key === 'proxy_check' && (value === 'mismatch' || value === 'consistent')) td.className = value;
        tr.appendChild(td);
      }
      return tr;
    }));
    $('conn-count').textContent = '(' + rows.length + (rows.length !== conns.size ? ' of ' + conns.size : '') + ')';
  }

  function compare(a, b) {
    if (a === b) return 0;
    if (a === undefined || a === null || a === '') return 1;
    if (b === undefined || b === null || b === '') return -1;
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    if (typeof a === 'object') a = summary(a);
    if (typeof b === 'object') b = summary(b);
    a = String(a);
    b = String(b);
    // Peer ids and other hex ids sort as text; addresses and the rest with their digit runs as numbers.
    if (/^[0-9a-f]+$/.test(a) && /^[0-9a-f]+$/.test(b)) return a < b ? -1 : 1;
    return a.localeCompare(b, undefined, { numeric: true });
  }

  function fill(tableId, rows) {
    document.querySelector('#' + tableId + ' tbody').replaceChildren(...rows.map((cells) => {
      const tr = document.createElement('tr');
      for (const text of cells) {
        const td = document.createElement('td');
        td.textContent = text;
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  function renderProxies() {
    fill('proxies', [...proxies.values()].sort((a, b) => b.seen - a.seen)
      .map((p) => [p.address, p.peer_id || '', [...p.inner].join(', '), clock(p.seen)]));
  }

  function renderBans() {
    fill('bans', bans.map((b) => [b.host, b.seconds === undefined ? '' : (b.seconds === 0 ? 'for ever' : String(b.seconds)), b.source || '']));
  }

  function renderCloses() {
    fill('closes', [...closes.values()].sort((a, b) => b.closed - a.closed)
      .map((c) => [clock(c.closed), c.address, c.peer_id || '', c.reason || '', bytes(c.recv), bytes(c.sent),
        c.live === undefined ? '' : duration(c.live)]));
  }

  function renderEvents() {
    $('events').replaceChildren(...events.slice(0, 80).map(({ when, e }) => {
      const li = document.createElement('li');
      const t = document.createElement('span');
      t.className = 't';
      t.textContent = clock(when);
      li.appendChild(t);
      const rest = Object.entries(e).filter(([k]) => k !== 'type' && k !== 'timestamp' && k !== 'connection_id')
        .map(([k, v]) => k + '=' + v).join(' ');
      li.appendChild(document.createTextNode(e.type + ' ' + rest));
      return li;
    }));
  }

  function renderChart() {
    const canvas = $('traffic');
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || 1200;
    const height = canvas.clientHeight || 180;
    if (canvas.width !== Math.round(width * ratio)) { canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio); }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const styles = getComputedStyle(document.documentElement);
    const now = Date.now();
    const max = Math.max(64, ...traffic.map((p) => Math.max(p.rx, p.tx)));
    const left = 70;
    const x = (t) => left + (width - left - 8) * (1 - (now - t) / (CHART_SECONDS * 1000));
    const y = (v) => height - 18 - (height - 30) * (v / max);
    g.strokeStyle = styles.getPropertyValue('--line');
    g.fillStyle = styles.getPropertyValue('--muted');
    g.font = '11px system-ui, sans-serif';
    g.lineWidth = 1;
    for (const f of [0, 0.5, 1]) {
      g.beginPath(); g.moveTo(left, y(max * f)); g.lineTo(width - 8, y(max * f)); g.stroke();
      g.fillText(bytes(max * f) + '/s', 4, y(max * f) + 4);
    }
    for (let m = 0; m <= CHART_SECONDS / 60; m++) g.fillText('-' + m + ' min', x(now - m * 60000) - 16, height - 4);
    for (const [key, color] of [['rx', '--rx'], ['tx', '--tx']]) {
      g.strokeStyle = styles.getPropertyValue(color);
      g.lineWidth = 2;
      g.beginPath();
      traffic.forEach((p, i) => { if (i === 0) g.moveTo(x(p.t), y(p[key])); else g.lineTo(x(p.t), y(p[key])); });
      g.stroke();
    }
  }

  // ---- the event stream ----------------------------------------------------------------------------------
  function connectEvents() {
    const state = $('stream-state');
    const source = new EventSource('/events');
    source.onopen = () => {
      state.textContent = 'events: live';
      state.className = 'state state-on';
      pollFast(); // resynchronise after a (re)connect
    };
    source.onerror = () => {
      state.textContent = 'events: reconnecting';
      state.className = 'state state-off';
    };
    source.onmessage = (message) => {
      try { onEvent(JSON.parse(message.data)); } catch (err) { console.warn(err); }
    };
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('filter').addEventListener('input', (ev) => { filter = ev.target.value.trim(); queueRender(); });
    connectEvents();
    pollFast();
    pollSlow();
    setInterval(pollFast, POLL_MS);
    setInterval(pollSlow, SLOW_POLL_MS);
    setInterval(queueRender, 1000);
  });
})();

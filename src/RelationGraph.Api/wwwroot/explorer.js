// RelationGraph explorer: a page over the public REST API (/api/...), nothing else.
// Text that comes from documents or the graph is only ever inserted as text (textContent / text nodes), never as HTML.
'use strict';

(() => {
  const RELATION_TYPES = ['EMPLOYED_BY', 'LEADS', 'MEMBER_OF', 'OWNS', 'PARTY_TO', 'AWARDED_BY', 'CONTRACTS_WITH',
    'FUNDS', 'INVESTIGATES', 'SUBJECT_OF', 'COMMUNICATES_WITH', 'ASSOCIATED_WITH'];
  const SYMMETRIC = new Set(['COMMUNICATES_WITH', 'ASSOCIATED_WITH']);
  const KINDS = ['Person', 'Organisation', 'Contract', 'Investigation'];
  // the query's options, named as GET /api/paths names them (the URL uses the same names)
  const OPTION_NAMES = ['maxHops', 'k', 'mode', 'minConfidence', 'minDocs', 'maxDegree', 'reportedFrom', 'reportedTo', 'evidencePerHop'];
  const LIST_OPTIONS = ['types', 'middleKinds'];
  const EVIDENCE_PAGE = 10;
  const NEIGHBOUR_LIMIT = 25;

  const $ = (id) => document.getElementById(id);
  const form = $('query');
  const statusBox = $('status');
  const panel = $('panel');
  const pathList = $('paths');
  const view = $('view');
  const keyInput = $('api-key');

  // What tests and the closing figures read: suggestion latencies and the last path's timings (ms).
  const timings = { suggestions: [], path: null };

  // ---------- DOM helpers: children given as strings become text nodes ----------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'className') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function replace(node, ...children) {
    node.replaceChildren();
    return append(node, children);
  }

  function say(kind, ...children) {
    statusBox.className = kind;
    replace(statusBox, ...children);
  }

  const fmt = {
    date: (iso) => iso ? iso.slice(0, 10) : '',
    conf: (c) => (Math.round(c * 100) / 100).toFixed(2),
    counts: (c) => `+${c.added} ~${c.updated} −${c.removed}`,
  };

  // ---------- the API ----------
  class ApiError extends Error {
    constructor(status, problem, retryAfter, sentKey) {
      super(problem.detail || problem.title || `HTTP ${status}`);
      this.status = status;
      this.problem = problem;
      this.retryAfter = retryAfter;
      this.sentKey = sentKey;
    }
  }

  keyInput.value = sessionStorage.getItem('relationgraph.apiKey') || '';
  keyInput.addEventListener('change', () => sessionStorage.setItem('relationgraph.apiKey', keyInput.value));

  async function api(path, init = {}) {
    const headers = new Headers(init.headers || {});
    headers.set('Accept', 'application/json, application/problem+json');
    // every request carries the key once one is entered: with Api:ProtectReads the server asks for it on reads too
    const key = keyInput.value;
    if (key) headers.set('X-Api-Key', key);
    const response = await fetch(path, { ...init, headers });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : { title: await response.text() };
    if (!response.ok) throw new ApiError(response.status, body || {}, response.headers.get('Retry-After'), Boolean(key));
    return { status: response.status, body };
  }

  // A problem as a person reads it: title, detail, and per-field messages of a 400.
  function describeProblem(error) {
    if (!(error instanceof ApiError)) return [`Could not reach the server: ${error.message}`];
    const p = error.problem;
    const parts = [`${p.title || 'Error'} (${error.status})`, p.detail ? `: ${p.detail}` : ''];
    if (error.status === 401) {
      parts.push(error.sentKey
        ? ' The server refused the API key entered: check it in the API key field at the top of the page.'
        : ' This server needs its API key: enter it in the API key field at the top of the page.');
    }
    if (error.status === 429) parts.push(error.retryAfter ? ` Try again in ${error.retryAfter} s.` : ' Try again shortly.');
    const fields = p.errors ? Object.entries(p.errors) : [];
    if (fields.length === 0) return parts;
    return [...parts, el('ul', {}, fields.map(([field, messages]) => el('li', {}, `${field}: ${messages.join(' ')}`)))];
  }

  // ---------- code points (the API's offsets) to UTF-16 indexes (JavaScript's) ----------
  // One pass over the text for all wanted offsets; an astral character is one code point but two UTF-16 units.
  function utf16Indexes(text, codePoints) {
    const wanted = [...new Set(codePoints)].sort((a, b) => a - b);
    const map = new Map();
    let cp = 0;
    let w = 0;
    for (let i = 0; i <= text.length && w < wanted.length; cp++) {
      while (w < wanted.length && wanted[w] === cp) map.set(wanted[w++], i);
      if (i === text.length) break;
      const unit = text.charCodeAt(i);
      i += unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length ? 2 : 1;
    }
    for (; w < wanted.length; w++) map.set(wanted[w], text.length);
    return map;
  }

  // ---------- Find: suggestions as you type ----------
  const ends = { from: combo('from'), to: combo('to') };

  function combo(name) {
    const input = $(name);
    const list = $(`${name}-list`);
    const state = { input, list, ref: null, items: [], active: -1, controller: null, timer: 0 };

    input.addEventListener('input', () => {
      state.ref = null;
      clearTimeout(state.timer);
      const q = input.value.trim();
      if (q.length < 2) return close(state);
      state.timer = setTimeout(() => suggest(state, q), 120);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'Escape') {
        close(state);
      } else if (state.items.length === 0) {
        // nothing to move through or pick
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = state.items.length;
        state.active = (state.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
        highlight(state);
      } else if (e.key === 'Enter' && state.active >= 0) {
        e.preventDefault();
        pick(state, state.items[state.active]);
      }
    });
    input.addEventListener('blur', () => setTimeout(() => close(state), 150));
    return state;
  }

  async function suggest(state, q) {
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const started = performance.now();
    try {
      const { body } = await api(`/api/entities?q=${encodeURIComponent(q)}&limit=8`, { signal: controller.signal });
      if (controller.signal.aborted || state.input.value.trim() !== q) return;
      showSuggestions(state, body);
      timings.suggestions.push(performance.now() - started);
    } catch (error) {
      if (error.name === 'AbortError') return;
      showSuggestions(state, []);
      state.list.append(el('li', { className: 'problem' }, describeProblem(error)));
    }
  }

  function showSuggestions(state, items) {
    state.items = items;
    state.active = -1;
    replace(state.list, items.length === 0 ? el('li', { className: 'empty' }, 'No entity has this name or alias.') : items.map((item, i) => {
      // two entities with one name are told apart by kind, aliases and how many documents name them
      const same = items.filter((other) => other.name.toLowerCase() === item.name.toLowerCase()).length > 1;
      return el('li', { role: 'option', id: `${state.input.id}-option-${i}`, 'data-id': item.id, onmousedown: (e) => { e.preventDefault(); pick(state, item); } },
        el('span', { className: 'name' }, item.name),
        el('span', { className: `kind kind-${item.kind}` }, item.kind),
        el('span', { className: 'docs' }, `${item.docCount} doc${item.docCount === 1 ? '' : 's'}`),
        item.aliases.length ? el('span', { className: 'aliases' }, `aka ${item.aliases.slice(0, 4).join(', ')}`) : null,
        same ? el('span', { className: 'id' }, item.id) : null);
    }));
    state.list.hidden = false;
    state.input.setAttribute('aria-expanded', 'true');
  }

  function highlight(state) {
    [...state.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === state.active)));
    state.input.setAttribute('aria-activedescendant', state.active >= 0 ? `${state.input.id}-option-${state.active}` : '');
  }

  function pick(state, item) {
    // a name another suggestion shares is ambiguous in a link: keep the id instead
    const shared = state.items.some((other) => other !== item && other.name.toLowerCase() === item.name.toLowerCase());
    setEnd(state, shared ? item.id : item.name, item.name);
    close(state);
  }

  function setEnd(state, ref, label) {
    state.ref = ref;
    state.input.value = label ?? ref;
  }

  function close(state) {
    state.controller?.abort();
    state.list.hidden = true;
    state.input.setAttribute('aria-expanded', 'false');
  }

  const refOf = (state) => state.ref || state.input.value.trim();

  // ---------- options and the URL ----------
  for (const type of RELATION_TYPES) {
    $('types').append(el('label', {}, el('input', { type: 'checkbox', name: 'types', value: type }), type));
  }
  for (const kind of KINDS) {
    $('middleKinds').append(el('label', {}, el('input', { type: 'checkbox', name: 'middleKinds', value: kind }), kind));
  }

  // The query as GET /api/paths takes it; only options the user set, so links stay short and defaults stay the API's.
  function queryParams() {
    const params = new URLSearchParams();
    params.set('from', refOf(ends.from));
    params.set('to', refOf(ends.to));
    for (const name of OPTION_NAMES) {
      const value = form.elements[name].value.trim();
      if (value) params.set(name, value);
    }
    for (const name of LIST_OPTIONS) {
      const ticked = [...form.querySelectorAll(`input[name=${name}]:checked`)].map((c) => c.value);
      if (ticked.length) params.set(name, ticked.join(','));
    }
    return params;
  }

  function filterParams() {
    const params = queryParams();
    for (const name of ['from', 'to', 'maxHops', 'k', 'mode', 'evidencePerHop']) params.delete(name);
    return params;
  }

  function loadParams(params) {
    setEnd(ends.from, params.get('from') || '', params.get('from') || '');
    setEnd(ends.to, params.get('to') || '', params.get('to') || '');
    let anyOption = false;
    for (const name of OPTION_NAMES) {
      form.elements[name].value = params.get(name) || '';
      anyOption ||= params.has(name);
    }
    for (const name of LIST_OPTIONS) {
      const wanted = new Set((params.get(name) || '').split(',').map((v) => v.trim().toLowerCase()).filter(Boolean));
      for (const box of form.querySelectorAll(`input[name=${name}]`)) box.checked = wanted.has(box.value.toLowerCase());
      anyOption ||= wanted.size > 0;
    }
    $('options').open = anyOption;
  }

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!refOf(ends.from) || !refOf(ends.to)) {
      say('error', 'Name both ends: who or what to connect, From and To.');
      return;
    }
    const params = queryParams();
    history.pushState(null, '', `?${params}`);
    connect(params);
  });

  window.addEventListener('popstate', () => fromLocation());

  function fromLocation() {
    const params = new URLSearchParams(location.search);
    loadParams(params);
    if (params.get('from') && params.get('to')) {
      connect(params);
    } else {
      connectSeq++;
      cy.elements().remove();
      pathList.replaceChildren();
      say('', '');
    }
    if (params.get('entity')) openEntity(params.get('entity'));
  }

  // ---------- the graph ----------
  const KIND_COLOURS = { Person: '#4e79a7', Organisation: '#f28e2b', Contract: '#59a14f', Investigation: '#b07aa1' };
  const cy = cytoscape({
    container: $('graph'),
    wheelSensitivity: 0.3,
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      { selector: 'node', style: {
        'background-color': (n) => KIND_COLOURS[n.data('kind')] || '#999',
        label: 'data(name)', 'font-size': 13, 'text-valign': 'bottom', 'text-margin-y': 5, color: '#222',
        'text-wrap': 'wrap', 'text-max-width': 150, width: 30, height: 30,
      } },
      { selector: 'node.end', style: { 'border-width': 4, 'border-color': '#222', width: 40, height: 40 } },
      { selector: 'node.expanded', style: { 'border-width': 2, 'border-style': 'dashed', 'border-color': '#555' } },
      { selector: 'edge', style: {
        // weighted by the documents that support the fact
        width: 'mapData(docCount, 1, 10, 2, 10)', 'line-color': '#9aa7b4', 'curve-style': 'bezier',
        label: 'data(type)', 'font-size': 10, 'text-rotation': 'autorotate', 'text-background-color': '#fff',
        'text-background-opacity': 0.85, 'text-background-padding': 2, color: '#333',
        'target-arrow-shape': (e) => SYMMETRIC.has(e.data('type')) ? 'none' : 'triangle', 'target-arrow-color': '#9aa7b4',
      } },
      { selector: 'edge.path', style: { 'line-color': '#5a6f86', 'target-arrow-color': '#5a6f86' } },
      { selector: ':selected', style: { 'line-color': '#d62728', 'target-arrow-color': '#d62728', 'border-color': '#d62728', 'border-width': 4 } },
    ],
  });

  function nodeData(entity) {
    names.set(entity.id, entity.name);
    return { group: 'nodes', data: { id: entity.id, name: entity.name, kind: entity.kind, docCount: entity.docCount } };
  }

  function edgeData(fact, extraClass) {
    return { group: 'edges', classes: extraClass, data: {
      id: fact.factKey, factKey: fact.factKey, type: fact.type, source: fact.subjectId, target: fact.objectId,
      docCount: fact.docCount, confidence: fact.confidence,
    } };
  }

  // names of every entity the page has seen, so evidence and pages can name a fact's ends
  const names = new Map();
  const nameOf = (id) => names.get(id) || id;

  cy.on('tap', 'edge', (e) => showEvidence(e.target.data('factKey')));
  cy.on('tap', 'node', (e) => expand(e.target.id()));

  // Paths left to right, From in the first column and To in the last, both on the middle line; a middle node sits
  // where it first appears along a path (stretched to the longest path), alternately above and below the line, so a
  // direct edge between the ends never runs through a node.
  function drawPaths(answer) {
    cy.elements().remove();
    const longest = Math.max(1, ...answer.paths.map((p) => p.hops.length));
    const positions = new Map([[answer.from.id, { x: 0, y: 0 }], [answer.to.id, { x: longest * 230, y: 0 }]]);
    const used = new Map();
    for (const path of answer.paths) {
      path.nodes.forEach((node, i) => {
        if (positions.has(node.id)) return;
        const column = Math.round((i * longest) / path.hops.length);
        const row = used.get(column) || 0;
        used.set(column, row + 1);
        positions.set(node.id, { x: column * 230, y: (row % 2 ? 1 : -1) * Math.ceil((row + 1) / 2) * 130 });
      });
    }
    const elements = [];
    for (const path of answer.paths) {
      for (const node of path.nodes) {
        if (!elements.some((x) => x.data.id === node.id)) elements.push({ ...nodeData(node), position: positions.get(node.id) });
      }
    }
    for (const path of answer.paths) {
      for (const hop of path.hops) {
        if (!elements.some((x) => x.data.id === hop.fact.factKey)) elements.push(edgeData(hop.fact, 'path'));
      }
    }
    cy.add(elements);
    cy.getElementById(answer.from.id).addClass('end');
    cy.getElementById(answer.to.id).addClass('end');
    fit();
  }

  // fit the graph, but a two-node path should not fill the screen
  function fit() {
    cy.fit(undefined, 50);
    if (cy.zoom() > 1) {
      cy.zoom(1);
      cy.center();
    }
  }

  function hopText(path) {
    const parts = [path.nodes[0].name];
    path.hops.forEach((hop, i) => {
      const label = hop.fact.type;
      parts.push(' ', el('button', { type: 'button', className: 'hop', 'data-fact': hop.fact.factKey, title: `${hop.fact.docCount} documents, confidence ${fmt.conf(hop.fact.confidence)}`,
        onclick: () => showEvidence(hop.fact.factKey) }, SYMMETRIC.has(label) ? `—${label}—` : hop.forward ? `—${label}→` : `←${label}—`), ' ', path.nodes[i + 1].name);
    });
    return parts;
  }

  // ---------- Connect ----------
  let connectSeq = 0;

  async function connect(params) {
    const seq = ++connectSeq;
    const started = performance.now();
    view.dataset.state = 'loading';
    say('busy', 'Searching…');
    try {
      const { body } = await api(`/api/paths?${params}`);
      if (seq !== connectSeq) return;
      const fetched = performance.now();
      drawPaths(body);
      replace(pathList, body.paths.map((path) => el('li', {}, hopText(path))));
      setEnd(ends.from, params.get('from'), body.from.name);
      setEnd(ends.to, params.get('to'), body.to.name);
      await new Promise(requestAnimationFrame);
      const rendered = performance.now();
      timings.path = { fetchMs: fetched - started, renderMs: rendered - fetched, totalMs: rendered - started, serverMs: body.elapsedMs };
      reportPaths(body, params);
      view.dataset.state = 'ready';
    } catch (error) {
      if (seq !== connectSeq) return;
      cy.elements().remove();
      pathList.replaceChildren();
      view.dataset.state = 'error';
      await reportConnectError(error, params);
    }
  }

  function reportPaths(body, params) {
    const hops = params.get('maxHops') || 4;
    const n = body.paths.length;
    const found = n === 0
      ? `No path between ${body.from.name} and ${body.to.name} within ${hops} hops${filterParams().toString() ? ' with these filters' : ''}.`
      : `${n} path${n === 1 ? '' : 's'} between ${body.from.name} and ${body.to.name}, found in ${Math.round(body.elapsedMs)} ms.`;
    if (body.timedOut) {
      say('warning', `The search reached its time limit after ${Math.round(body.elapsedMs)} ms. `,
        n === 0 ? 'It found no path by then. ' : `Showing the ${n} path${n === 1 ? '' : 's'} found by then. `,
        'Narrow it: fewer hops, relation types, or a hub cap.');
    } else {
      say(n === 0 ? 'info' : 'ok', found);
    }
  }

  async function reportConnectError(error, params) {
    const p = error instanceof ApiError ? error.problem : {};
    if (error.status === 409 && Array.isArray(p.candidates)) {
      const end = p.parameter === 'to' ? ends.to : ends.from;
      say('choose', `“${params.get(p.parameter)}” names ${p.candidates.length} entities. Which one do you mean?`,
        // most documented first, each with what tells it from the others: kind, documents, aliases and one quote
        el('ul', { className: 'candidates' }, p.candidates.map((c) => el('li', {},
          el('button', { type: 'button', 'data-id': c.id, onclick: () => { setEnd(end, c.id, c.name); form.requestSubmit(); } },
            c.name, ' ', el('span', { className: `kind kind-${c.kind}` }, c.kind), ' ',
            c.docCount === undefined ? null : el('span', { className: 'docs' }, `${c.docCount} doc${c.docCount === 1 ? '' : 's'}`), ' ',
            c.aliases?.length ? el('span', { className: 'aliases' }, `aka ${c.aliases.slice(0, 4).join(', ')}`) : null, ' ',
            el('span', { className: 'id' }, c.id)),
          c.quote ? el('q', { className: 'quote' }, c.quote) : null))));
      return;
    }
    // the route exists, so a 404 is an end the graph does not know; the problem names it (from) or (to)
    const which = error.status === 404 ? p.parameter || /\((from|to)\)/.exec(p.detail || '')?.[1] : null;
    if (which === 'from' || which === 'to') {
      const end = which === 'to' ? ends.to : ends.from;
      const name = params.get(which);
      say('error', `Nothing in the graph is called “${name}” (${which === 'to' ? 'To' : 'From'}).`);
      try {
        const { body } = await api(`/api/entities?q=${encodeURIComponent(name)}&limit=5`);
        if (body.length) {
          statusBox.append(' Did you mean ', ...body.flatMap((c, i) => [i ? ', ' : '',
            el('button', { type: 'button', className: 'link', 'data-id': c.id, onclick: () => { setEnd(end, c.id, c.name); form.requestSubmit(); } }, c.name)]), '?');
        } else {
          statusBox.append(' Try a shorter part of the name.');
        }
      } catch {
        // the suggestion is a nicety; the message above already says what went wrong
      }
      return;
    }
    say(error.status === 503 ? 'warning' : 'error', ...describeProblem(error));
  }

  // ---------- Check: evidence behind an edge, and a document with its spans ----------
  async function showEvidence(factKey, offset = 0) {
    cy.elements().unselect();
    cy.getElementById(factKey).select();
    replace(panel, el('p', {}, 'Loading evidence…'));
    try {
      const { body } = await api(`/api/facts/${encodeURIComponent(factKey)}/evidence?offset=${offset}&limit=${EVIDENCE_PAGE}`);
      const fact = body.fact;
      const last = Math.min(body.offset + body.items.length, body.total);
      replace(panel,
        el('h2', {}, 'Evidence'),
        el('p', { className: 'fact' }, el('strong', {}, nameOf(fact.subjectId)), ` ${fact.type} `, el('strong', {}, nameOf(fact.objectId))),
        el('p', { className: 'meta' }, `${fact.docCount} document${fact.docCount === 1 ? '' : 's'}, ${fact.evidenceCount} quote${fact.evidenceCount === 1 ? '' : 's'}, confidence ${fmt.conf(fact.confidence)}`,
          fact.firstSeen ? `, first reported ${fmt.date(fact.firstSeen)}` : ''),
        el('ol', { className: 'evidence', start: body.offset + 1 }, body.items.map((item) => el('li', { 'data-evidence': item.id },
          el('button', { type: 'button', className: 'quote', title: 'Open the document at this quote', onclick: () => openDocument(item, fact) }, `“${item.quote}”`),
          el('div', { className: 'meta' },
            el('span', { className: 'title' }, item.documentTitle || item.sourceUri),
            item.documentPublishedAt ? ` · ${fmt.date(item.documentPublishedAt)}` : '',
            item.citations.length ? ` · cites ${item.citations.join(' ')}` : '',
            ` · ${item.extractor} · confidence ${fmt.conf(item.confidence)}`)))),
        el('div', { className: 'pager' },
          el('button', { type: 'button', disabled: body.offset === 0, onclick: () => showEvidence(factKey, Math.max(0, body.offset - EVIDENCE_PAGE)) }, '‹ Previous'),
          el('span', {}, body.total === 0 ? 'no evidence' : `${body.offset + 1}–${last} of ${body.total}`),
          el('button', { type: 'button', disabled: last >= body.total, onclick: () => showEvidence(factKey, body.offset + EVIDENCE_PAGE) }, 'Next ›')));
    } catch (error) {
      replace(panel, el('p', { className: 'error' }, describeProblem(error)));
    }
  }

  async function openDocument(evidence, fact) {
    replace(panel, el('p', {}, 'Loading the document…'));
    try {
      const id = encodeURIComponent(evidence.documentId);
      const [{ body: doc }, { body: mentions }] = await Promise.all([api(`/api/documents/${id}`), api(`/api/documents/${id}/mentions`)]);
      const ofFact = new Set(fact ? [fact.subjectId, fact.objectId] : []);
      const text = el('div', { className: 'document-text' });
      renderMarked(text, doc.text, evidence, mentions, ofFact);
      const d = doc.document;
      replace(panel,
        fact ? el('button', { type: 'button', className: 'back', onclick: () => showEvidence(fact.factKey) }, '‹ Back to the evidence') : null,
        el('h2', {}, d.title || d.sourceUri),
        el('p', { className: 'meta' }, d.sourceUri, d.publishedAt ? ` · ${fmt.date(d.publishedAt)}` : '', ` · ${mentions.length} mentions`),
        el('p', { className: 'legend' }, el('mark', { className: 'quote' }, 'quoted span'), ' ', el('mark', { className: 'mention of-fact' }, 'this fact’s entities'), ' ',
          el('mark', { className: 'mention' }, 'other entities')),
        text);
      text.querySelector('mark.quote')?.scrollIntoView({ block: 'center' });
    } catch (error) {
      replace(panel, el('p', { className: 'error' }, describeProblem(error)));
    }
  }

  // The text with the quote and the mentions marked at their stored offsets (code points, end exclusive). Spans may
  // nest (a mention inside the quote, a name inside a longer name) or cross; a crossing span is cut into pieces.
  function renderMarked(container, text, evidence, mentions, ofFact) {
    const at = utf16Indexes(text, [evidence.start, evidence.end, ...mentions.flatMap((m) => [m.start, m.end])]);
    const spans = mentions.map((m) => ({ start: at.get(m.start), end: at.get(m.end), mention: m }));
    spans.push({ start: at.get(evidence.start), end: at.get(evidence.end), quote: true });
    // outer first: earlier start, then longer, then the quote
    const order = (a, b) => a.start - b.start || b.end - a.end || (b.quote ? 1 : 0) - (a.quote ? 1 : 0);
    const live = spans.filter((x) => x.end > x.start).sort(order);
    const cuts = [...new Set([0, text.length, ...live.flatMap((x) => [x.start, x.end])])].sort((a, b) => a - b);
    const stack = [{ span: null, node: container }];
    let active = [];
    let next = 0;
    for (let c = 0; c + 1 < cuts.length; c++) {
      const from = cuts[c];
      active = active.filter((x) => x.end > from);
      while (next < live.length && live[next].start <= from) active.push(live[next++]);
      active.sort(order);
      let keep = 0;
      while (keep < active.length && keep + 1 < stack.length && stack[keep + 1].span === active[keep]) keep++;
      stack.length = keep + 1;
      for (const span of active.slice(keep)) {
        const node = span.quote ? el('mark', { className: 'quote' })
          : el('mark', { className: ofFact.has(span.mention.entityId) ? 'mention of-fact' : 'mention', 'data-entity': span.mention.entityId,
            'data-mention': span.mention.id, title: nameOf(span.mention.entityId), onclick: () => openEntity(span.mention.entityId) });
        stack[stack.length - 1].node.append(node);
        stack.push({ span, node });
      }
      stack[stack.length - 1].node.append(text.slice(from, cuts[c + 1]));
    }
  }

  // ---------- Explore: neighbours and the entity page ----------
  async function expand(id) {
    const node = cy.getElementById(id);
    showEntitySummary(id);
    if (node.hasClass('expanded')) return;
    const params = filterParams();
    params.set('limit', NEIGHBOUR_LIMIT);
    try {
      const { body } = await api(`/api/entities/${encodeURIComponent(id)}/neighbours?${params}`);
      node.addClass('expanded');
      const centre = node.position();
      const fresh = body.filter((n) => cy.getElementById(n.entity.id).empty());
      const added = [];
      fresh.forEach((n, i) => {
        if (added.some((x) => x.data.id === n.entity.id)) return;
        const angle = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        added.push({ ...nodeData(n.entity), position: { x: centre.x + 190 * Math.cos(angle), y: centre.y + 190 * Math.sin(angle) } });
      });
      for (const n of body) {
        if (cy.getElementById(n.fact.factKey).empty() && !added.some((x) => x.data.id === n.fact.factKey)) added.push(edgeData(n.fact));
      }
      cy.add(added);
      fit();
      const shown = body.length;
      say('ok', shown === 0 ? `${nameOf(id)} has no neighbours with these filters.`
        : `${nameOf(id)}: ${shown} fact${shown === 1 ? '' : 's'} shown${shown === NEIGHBOUR_LIMIT ? ` (the strongest ${NEIGHBOUR_LIMIT})` : ''}.`);
    } catch (error) {
      say('error', ...describeProblem(error));
    }
  }

  function showEntitySummary(id) {
    const node = cy.getElementById(id);
    replace(panel, el('h2', {}, node.data('name') || id),
      el('p', { className: 'meta' }, node.data('kind') || '', node.data('docCount') !== undefined ? ` · ${node.data('docCount')} documents` : ''),
      el('button', { type: 'button', onclick: () => openEntity(id) }, 'Open entity page'));
  }

  async function openEntity(id) {
    // the entity page is part of the link too, next to the query
    const url = new URL(location.href);
    url.searchParams.set('entity', id);
    history.replaceState(null, '', url);
    replace(panel, el('p', {}, 'Loading…'));
    try {
      const ref = encodeURIComponent(id);
      const [{ body: detail }, { body: neighbours }] = await Promise.all([api(`/api/entities/${ref}`), api(`/api/entities/${ref}/neighbours?limit=500`)]);
      const e = detail.entity;
      const byType = new Map();
      for (const n of neighbours) {
        if (!byType.has(n.fact.type)) byType.set(n.fact.type, []);
        byType.get(n.fact.type).push(n);
      }
      const attributes = [
        ['Kind', e.kind], ['Aliases', e.aliases.join(', ')], ['Documents', e.docCount], ['Mentions', e.mentionCount],
        ['First seen', fmt.date(detail.firstSeen)], ['Last seen', fmt.date(detail.lastSeen)],
        ['Amount', detail.amount !== null && detail.amount !== undefined ? `${detail.amount} ${detail.currency || ''}` : ''],
        ['Year', detail.year], ['Status', detail.status], ['Id', e.id],
      ].filter(([, v]) => v !== null && v !== undefined && v !== '');
      replace(panel,
        el('h2', {}, e.name),
        el('dl', { className: 'attributes' }, attributes.map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
        neighbours.length < detail.facts.length ? el('p', { className: 'meta' }, `The strongest ${neighbours.length} of ${detail.facts.length} facts.`) : null,
        [...byType].map(([type, list]) => el('section', { className: 'facts', 'data-type': type },
          el('h3', {}, `${type} (${list.length})`),
          el('ul', {}, list.map((n) => el('li', {},
            n.outgoing ? `→ ` : `← `,
            el('button', { type: 'button', className: 'link', onclick: () => openEntity(n.entity.id) }, n.entity.name),
            ` (${n.entity.kind}) `,
            el('button', { type: 'button', className: 'link', onclick: () => showFactFrom(n, e) }, `${n.fact.docCount} doc${n.fact.docCount === 1 ? '' : 's'}`)))))));
    } catch (error) {
      replace(panel, el('p', { className: 'error' }, describeProblem(error)));
    }
  }

  function showFactFrom(neighbour, entity) {
    names.set(entity.id, entity.name);
    names.set(neighbour.entity.id, neighbour.entity.name);
    showEvidence(neighbour.fact.factKey);
  }

  // ---------- Add: drop files or paste text ----------
  const MEDIA_TYPES = { txt: 'text/plain', md: 'text/markdown', markdown: 'text/markdown', html: 'text/html', htm: 'text/html', pdf: 'application/pdf' };

  async function ingest(label, body, contentType) {
    const row = el('li', { className: 'busy' }, `${label}: sending…`);
    $('outcomes').prepend(row);
    try {
      const { body: out } = await api('/api/documents', { method: 'POST', body, headers: { 'Content-Type': contentType } });
      row.className = 'ok';
      replace(row, `${label}: ${out.status} `,
        el('button', { type: 'button', className: 'link', onclick: () => openDocument({ documentId: out.documentId, start: 0, end: 0 }, null) }, out.documentId),
        ` · entities ${fmt.counts(out.entities)} · facts ${fmt.counts(out.facts)} · evidence ${fmt.counts(out.evidence)}`);
    } catch (error) {
      row.className = 'error';
      replace(row, `${label}: `, describeProblem(error));
      if (error.status === 401) keyInput.focus();
    }
  }

  function ingestFiles(files) {
    for (const file of files) {
      const extension = file.name.split('.').pop().toLowerCase();
      const type = MEDIA_TYPES[extension] || file.type || 'application/octet-stream';
      ingest(file.name, file, type);
    }
  }

  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    ingestFiles([...e.dataTransfer.files]);
  });
  $('files').addEventListener('change', (e) => { ingestFiles([...e.target.files]); e.target.value = ''; });
  $('add-text').addEventListener('click', () => {
    const text = $('paste').value;
    if (!text.trim()) {
      $('outcomes').prepend(el('li', { className: 'error' }, 'Paste some text first.'));
      return;
    }
    const title = $('paste-title').value.trim();
    ingest(title || 'pasted text', JSON.stringify(title ? { title, text } : { text }), 'application/json');
  });

  // ---------- start ----------
  window.relationGraphExplorer = {
    timings,
    // what is drawn, for tests: nodes and edges with their data, and where an element is on the page
    graph: () => ({
      nodes: cy.nodes().map((n) => ({ ...n.data(), classes: n.classes() })),
      edges: cy.edges().map((e) => ({ ...e.data() })),
    }),
    pagePosition: (id) => {
      const element = cy.getElementById(id);
      const p = element.isEdge() ? element.renderedMidpoint() : element.renderedPosition();
      const box = $('graph').getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    },
  };
  fromLocation();
})();

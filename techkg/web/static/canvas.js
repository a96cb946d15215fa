/* techkg canvas: a graph view drawn with Cytoscape.js + fcose, where every edge opens its
   evidence. Used by `techkg serve` (entity, canvas, path and query pages) and inlined into
   the offline file `techkg viz` writes. Every text from the graph goes into the page as a
   text node (never as HTML). */
(function () {
  "use strict";

  var DEFAULT_HIDDEN = ["denied", "disputed"];

  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") { node.textContent = attrs[k]; }
      else if (k === "className") { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  /* mulberry32: a small seeded generator (fcose draws its starting positions from it) */
  function seeded(seed) {
    var a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      var t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function edgeId(source, relationship, target) {
    return source + "|" + relationship + "|" + target;
  }

  function edgeLabel(d) {
    return d.relationship + (d.status && d.status !== "reported" ? " [" + d.status + "]" : "");
  }

  /* An entity page's facts (one page of its neighbourhood) as a view: nodes and edges. */
  function factsToView(entity, facts) {
    var nodes = [{id: entity.id, name: entity.name, type: entity.type, name_zh: entity.name_zh}];
    var edges = [];
    facts.forEach(function (f) {
      nodes.push({id: f.other_id, name: f.other, type: f.other_type});
      var out = f.direction === "out";
      edges.push({source: out ? entity.id : f.other_id, target: out ? f.other_id : entity.id,
                  relationship: f.relationship, status: f.status, inferred: f.inferred,
                  role: f.role, date: f.date, until: f.until, note: f.note,
                  sources: f.sources, citations: f.citations, evidence: f.evidence});
    });
    return {nodes: nodes, edges: edges};
  }

  /* The state a URL carries: expanded, hidden and pinned nodes, filters, the selection. */
  function readState(hash) {
    var params = new URLSearchParams((hash || "").replace(/^#/, ""));
    function list(key) {
      var v = params.get(key);
      return v ? v.split(",").filter(Boolean) : [];
    }
    return {
      expanded: list("x"), hidden: list("h"),
      pinned: list("p").map(function (p) {
        var parts = p.split("~");
        return {id: parts[0], x: parseFloat(parts[1]), y: parseFloat(parts[2])};
      }),
      statuses: params.has("s") ? list("s") : null,
      typesOff: list("ot"), relsOff: list("or"), articlesOff: list("oa"),
      selected: params.get("sel") || null
    };
  }

  function Canvas(root, options) {
    this.root = root;
    this.options = options;
    this.config = options.config;
    this.offline = options.mode === "offline";
    this.more = {};          // entity id -> next page's skip (a hub's facts come in pages)
    this.totals = {};        // entity id -> how many facts it has
    this.expanded = [];
    this.hidden = {};
    var st = readState(options.useHash === false ? "" : window.location.hash);
    this.state = st;
    this.statusOn = {};
    var self = this;
    var shown = st.statuses || this.config.statuses.filter(function (s) {
      return (self.config.hidden_statuses || DEFAULT_HIDDEN).indexOf(s) < 0;
    });
    this.config.statuses.forEach(function (s) { self.statusOn[s] = shown.indexOf(s) >= 0; });
    this.typesOff = new Set(st.typesOff);
    this.relsOff = new Set(st.relsOff);
    this.articlesOff = new Set(st.articlesOff);
    st.hidden.forEach(function (id) { self.hidden[id] = true; });
    this.citations = {};     // article id -> citation, from every edge seen
    this.build();
  }

  Canvas.prototype.build = function () {
    var self = this;
    var root = this.root;
    this.box = root.querySelector(".canvas-graph");
    this.panel = root.querySelector(".canvas-panel");
    this.filters = root.querySelector(".canvas-filters");
    this.note = root.querySelector(".canvas-note");
    this.cy = cytoscape({
      container: this.box,
      elements: [],
      minZoom: 0.05,
      maxZoom: 4,
      // while panning or zooming, move a cached picture of the view instead of redrawing
      // every edge: big views stay smooth (benchmarks/explorer_bench.py measures it)
      textureOnViewport: true,
      hideEdgesOnViewport: false,
      style: this.style()
    });
    var cy = this.cy;
    cy.on("tap", "edge", function (evt) { self.showEdge(evt.target); });
    cy.on("tap", "node", function (evt) { self.showNode(evt.target); });
    cy.on("dbltap", "node", function (evt) { self.expand(evt.target.id()); });
    cy.on("tap", function (evt) {
      if (evt.target === cy) { self.clearPanel(); }
    });
    cy.on("dragfree", "node", function (evt) {
      if (evt.target.hasClass("pinned")) { self.saveState(); }
    });
    root.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", function () { self.action(button.dataset.action); });
    });
    if (this.offline) {
      root.querySelectorAll(".server-only").forEach(function (n) { n.remove(); });
    }
  };

  Canvas.prototype.style = function () {
    var colors = this.config.colors;
    return [
      {selector: "node", style: {
        "background-color": function (n) { return colors[n.data("type")] || "#888"; },
        "label": "data(name)", "font-size": 12, "color": "#1b1f24",
        "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "wrap",
        "text-max-width": 140, "width": 24, "height": 24,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8,
        "text-background-padding": 1, "border-width": 1, "border-color": "#ffffff",
        "min-zoomed-font-size": 7}},
      {selector: "node.focus", style: {"width": 34, "height": 34, "border-width": 3,
                                       "border-color": "#1b1f24", "font-weight": "bold"}},
      {selector: "node.pinned", style: {"border-width": 3, "border-color": "#d9480f",
                                        "border-style": "double"}},
      {selector: "node.has-more", style: {"shape": "round-octagon"}},
      {selector: "node:selected", style: {"overlay-color": "#1f6feb",
                                          "overlay-opacity": 0.25, "overlay-padding": 6}},
      {selector: "edge", style: {
        "curve-style": "bezier", "control-point-step-size": 46, "width": 2,
        "line-color": "#8a939c", "target-arrow-color": "#8a939c",
        "target-arrow-shape": "triangle", "arrow-scale": 1.1,
        "label": "data(label)", "font-size": 10, "color": "#394047",
        "text-rotation": "autorotate", "text-background-color": "#ffffff",
        "text-background-opacity": 0.85, "text-background-padding": 1,
        "min-zoomed-font-size": 7}},
      {selector: "edge[status != 'reported']", style: {"line-style": "dashed",
                                                      "line-dash-pattern": [7, 4]}},
      {selector: "edge[status = 'denied'], edge[status = 'disputed']",
       style: {"line-color": "#c92a2a", "target-arrow-color": "#c92a2a", "color": "#c92a2a"}},
      {selector: "edge:selected", style: {"line-color": "#1f6feb", "target-arrow-color": "#1f6feb",
                                          "width": 4, "color": "#1f6feb", "z-index": 10}},
      {selector: ".filtered, .hidden-node", style: {"display": "none"}}
    ];
  };

  /* Add a view's nodes and edges (already present ones are kept as they are). */
  Canvas.prototype.add = function (view, near) {
    var cy = this.cy;
    var self = this;
    var added = [];
    var anchor = near ? cy.getElementById(near) : null;
    var at = anchor && anchor.nonempty() ? anchor.position() : null;
    view.nodes.forEach(function (n) {
      if (cy.getElementById(n.id).nonempty()) { return; }
      var node = {group: "nodes", data: {id: n.id, name: n.name, type: n.type,
                                         name_zh: n.name_zh || null}};
      if (at) {  // new neighbours start on a small spiral around the expanded node
        var k = added.length + 1;
        node.position = {x: at.x + (20 + 3 * k) * Math.cos(2.4 * k),
                         y: at.y + (20 + 3 * k) * Math.sin(2.4 * k)};
      }
      added.push(node);
    });
    view.edges.forEach(function (e) {
      var id = edgeId(e.source, e.relationship, e.target);
      (e.sources || []).forEach(function (s, i) {
        self.citations[s] = (e.citations || [])[i] || s;
      });
      if (cy.getElementById(id).nonempty()) { return; }
      var data = Object.assign({id: id}, e);
      data.label = edgeLabel(e);
      added.push({group: "edges", data: data});
    });
    cy.add(added);
    return added.length;
  };

  Canvas.prototype.load = function (view, focus) {
    this.add(view);
    if (focus) {
      this.focus = focus;
      this.cy.getElementById(focus).addClass("focus");
    }
    var self = this;
    this.state.pinned.forEach(function (p) {
      var n = self.cy.getElementById(p.id);
      if (n.nonempty()) { self.pin(n, p); }
    });
    var pending = this.state.expanded.filter(function (id) { return id !== focus; });
    var chain = Promise.resolve();
    pending.forEach(function (id) {
      chain = chain.then(function () { return self.fetchPage(id, 0); });
    });
    return chain.then(function () {
      self.state.pinned.forEach(function (p) {
        var n = self.cy.getElementById(p.id);
        if (n.nonempty() && !n.hasClass("pinned")) { self.pin(n, p); }
      });
      self.renderFilters();
      self.applyFilters();
      self.layout(true);
      var sel = self.state.selected && self.cy.getElementById(self.state.selected);
      if (sel && sel.nonempty()) {
        sel.select();
        if (sel.isEdge()) { self.showEdge(sel); } else { self.showNode(sel); }
      }
      self.ready = true;
      self.root.setAttribute("data-ready", "true");
      self.saveState();
    });
  };

  Canvas.prototype.layout = function (fresh, refine) {
    var started = performance.now();
    var fixed = this.cy.nodes(".pinned").map(function (n) {
      return {nodeId: n.id(), position: n.position()};
    });
    var visible = this.cy.elements().not(".filtered, .hidden-node");
    // fcose's force-directed refinement costs seconds on a view of a few hundred nodes and
    // thousands of edges, whatever its iteration budget (benchmarks/explorer_bench.py): big
    // views are drawn with the spectral ("draft") layout alone, and refined on request
    // ("Re-layout")
    var big = visible.length > 400;
    var quality = big ? (refine ? "default" : "draft") : "proof";
    var run = visible.layout({
      name: "fcose", quality: quality, randomize: quality === "draft" || !!fresh,
      animate: false,
      nodeRepulsion: 9000, idealEdgeLength: 110, nodeSeparation: 90, gravity: 0.2,
      numIter: big ? 1000 : 2500, packComponents: true,
      fixedNodeConstraint: fixed.length ? fixed : undefined,
      nodeDimensionsIncludeLabels: !big, padding: 30
    });
    // a seeded random source while fcose runs: the same view always lays out the same way,
    // so a shared or reloaded address shows the picture its sender saw
    var random = Math.random;
    Math.random = seeded(visible.length);
    try { run.run(); } finally { Math.random = random; }
    this.layoutMs = performance.now() - started;
    this.cy.fit(visible, 30);
  };

  /* One page of an entity's facts from the server, added around it. */
  Canvas.prototype.fetchPage = function (id, skip) {
    var self = this;
    if (this.offline) { return Promise.resolve(); }
    var url = "/entity/" + encodeURIComponent(id) + ".json?skip=" + skip;
    return fetch(url, {headers: {"accept": "application/json"}}).then(function (r) {
      if (!r.ok) { throw new Error("could not load " + id); }
      return r.json();
    }).then(function (data) {
      var real = data.entity.id;  // a name typed into the canvas resolves to its id
      self.add(factsToView(data.entity, data.facts), real);
      self.more[real] = data.page.next_skip;
      self.totals[real] = data.page.total;
      var node = self.cy.getElementById(real);
      node.toggleClass("has-more", data.page.next_skip !== null);
      if (self.expanded.indexOf(real) < 0) { self.expanded.push(real); }
      return data;
    });
  };

  Canvas.prototype.expand = function (id, more) {
    var self = this;
    if (this.offline) { return Promise.resolve(); }
    var skip = more ? (this.more[id] || 0) : 0;
    if (more && this.more[id] === null) { return Promise.resolve(); }
    if (!more && this.expanded.indexOf(id) >= 0) { return Promise.resolve(); }
    this.setNote("Loading…");
    return this.fetchPage(id, skip).then(function () {
      self.renderFilters();
      self.applyFilters();
      self.layout(false);
      self.setNote("");
      var node = self.cy.getElementById(id);
      if (node.selected()) { self.showNode(node); }
      self.saveState();
    }).catch(function (err) { self.setNote(String(err.message || err)); });
  };

  Canvas.prototype.setNote = function (text) {
    if (this.note) { this.note.textContent = text; }
  };

  Canvas.prototype.pin = function (node, at) {
    if (at && !isNaN(at.x)) { node.position({x: at.x, y: at.y}); }
    node.addClass("pinned");
    node.lock();
  };

  Canvas.prototype.togglePin = function (node) {
    if (node.hasClass("pinned")) { node.unlock(); node.removeClass("pinned"); }
    else { this.pin(node); }
    this.saveState();
    this.showNode(node);
  };

  Canvas.prototype.hide = function (node) {
    this.hidden[node.id()] = true;
    this.clearPanel();
    this.applyFilters();
    this.saveState();
  };

  Canvas.prototype.action = function (name) {
    var cy = this.cy;
    if (name === "fit") { cy.fit(cy.elements().not(".filtered, .hidden-node"), 30); }
    if (name === "layout") { this.layout(true, true); this.saveState(); }
    if (name === "unhide") { this.hidden = {}; this.applyFilters(); this.saveState(); }
    if (name === "png") { this.exportPng(); }
    if (name === "svg") { this.exportSvg(); }
  };

  /* -- filters ------------------------------------------------------------------------- */
  Canvas.prototype.renderFilters = function () {
    if (!this.filters) { return; }
    var self = this;
    var cy = this.cy;
    var present = {types: {}, rels: {}, articles: {}, statuses: {}};
    cy.nodes().forEach(function (n) { present.types[n.data("type")] = 1; });
    cy.edges().forEach(function (e) {
      present.rels[e.data("relationship")] = 1;
      present.statuses[e.data("status")] = (present.statuses[e.data("status")] || 0) + 1;
      (e.data("sources") || []).forEach(function (s) { present.articles[s] = 1; });
    });
    this.filters.textContent = "";
    function group(title, name, values, isOn, label, onChange) {
      var box = el("fieldset", {className: "filter-group", "data-filter": name},
                   el("legend", {text: title}));
      values.forEach(function (v) {
        var input = el("input", {type: "checkbox", value: v, "data-filter-value": v});
        input.checked = isOn(v);
        input.addEventListener("change", function () { onChange(v, input.checked); });
        var text = label(v);
        var swatch = null;
        if (name === "type") {  // the entity type filter is the colour legend too
          swatch = el("span", {className: "swatch"});
          swatch.style.background = self.config.colors[v] || "#888";
        }
        box.appendChild(el("label", {className: "filter"}, input, " ", swatch, text));
      });
      self.filters.appendChild(box);
    }
    group("Status", "status", this.config.statuses, function (s) { return self.statusOn[s]; },
          function (s) {
            var n = present.statuses[s] || 0;
            return s + " (" + n + ")";
          },
          function (s, on) { self.statusOn[s] = on; self.applyFilters(); self.saveState(); });
    group("Entity type", "type", Object.keys(present.types).sort(),
          function (t) { return !self.typesOff.has(t); }, function (t) { return t; },
          function (t, on) {
            if (on) { self.typesOff.delete(t); } else { self.typesOff.add(t); }
            self.applyFilters(); self.saveState();
          });
    group("Relationship", "relationship", Object.keys(present.rels).sort(),
          function (t) { return !self.relsOff.has(t); }, function (t) { return t; },
          function (t, on) {
            if (on) { self.relsOff.delete(t); } else { self.relsOff.add(t); }
            self.applyFilters(); self.saveState();
          });
    group("Article", "article", Object.keys(present.articles).sort(),
          function (a) { return !self.articlesOff.has(a); },
          function (a) { return self.citations[a] || a; },
          function (a, on) {
            if (on) { self.articlesOff.delete(a); } else { self.articlesOff.add(a); }
            self.applyFilters(); self.saveState();
          });
  };

  Canvas.prototype.applyFilters = function () {
    var self = this;
    var cy = this.cy;
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        n.toggleClass("hidden-node", !!self.hidden[n.id()] || self.typesOff.has(n.data("type")));
      });
      cy.edges().forEach(function (e) {
        var articles = e.data("sources") || [];
        var anyArticle = articles.length === 0 || articles.some(function (a) {
          return !self.articlesOff.has(a);
        });
        var off = !self.statusOn[e.data("status")] || self.relsOff.has(e.data("relationship"))
          || !anyArticle;
        e.toggleClass("filtered", off);
      });
    });
    var hiddenCount = Object.keys(this.hidden).length;
    var button = this.root.querySelector("[data-action=unhide]");
    if (button) {
      button.disabled = hiddenCount === 0;
      button.textContent = "Show hidden (" + hiddenCount + ")";
    }
    var shownEdges = cy.edges().not(".filtered").filter(function (e) {
      return !e.source().hasClass("hidden-node") && !e.target().hasClass("hidden-node");
    }).length;
    this.root.setAttribute("data-visible-edges", String(shownEdges));
    this.root.setAttribute("data-nodes", String(cy.nodes().length));
    this.root.setAttribute("data-edges", String(cy.edges().length));
  };

  /* -- the side panel: evidence of an edge, card of a node ------------------------------ */
  Canvas.prototype.clearPanel = function () {
    if (!this.panel) { return; }
    this.panel.textContent = "";
    this.panel.appendChild(el("p", {className: "hint",
      text: "Click an edge to see its evidence, a node for its card" +
            (this.offline ? "." : "; double-click a node to expand it.")}));
    this.selected = null;
    this.saveState();
  };

  Canvas.prototype.citationNode = function (id, text) {
    if (this.offline) { return el("span", {className: "citation", text: text || id}); }
    return el("a", {className: "citation", href: "/sources#" + encodeURIComponent(id),
                    text: text || id});
  };

  Canvas.prototype.entityLink = function (id, name) {
    if (this.offline) { return el("b", {text: name}); }
    return el("a", {href: "/entity/" + encodeURIComponent(id), text: name});
  };

  Canvas.prototype.showEdge = function (edge) {
    var d = edge.data();
    var p = this.panel;
    if (!p) { return; }
    this.selected = edge.id();
    p.textContent = "";
    p.setAttribute("data-kind", "edge");
    var s = edge.source().data(), t = edge.target().data();
    p.appendChild(el("h3", {className: "panel-title"},
                     this.entityLink(s.id, s.name), " ",
                     el("span", {className: "rel", text: "\u2014" + d.relationship + "\u2192"}),
                     " ", this.entityLink(t.id, t.name)));
    var facts = el("dl", {className: "panel-facts"});
    function row(key, value, cls) {
      if (value === null || value === undefined || value === "") { return; }
      facts.appendChild(el("dt", {text: key}));
      facts.appendChild(el("dd", {className: cls || "", text: String(value)}));
    }
    row("status", d.status, "status status-" + d.status);
    if (d.inferred) { row("inferred", "yes: no source states it; it is inferred", "inferred"); }
    row("role", d.role);
    row("date", d.until ? d.date + " to " + d.until : d.date);
    row("note", d.note, "note");
    p.appendChild(facts);
    p.appendChild(el("h4", {text: "Evidence"}));
    var quotes = el("div", {className: "quotes"});
    var context = this.options.context && !this.offline;
    (d.evidence || []).forEach(function (q) {
      var quote = el("blockquote", {className: "quote", text: "\u201c" + q + "\u201d"});
      if (context) {
        var where = new URLSearchParams({articles: (d.sources || []).join(","), quote: q});
        quote.appendChild(document.createTextNode(" "));
        quote.appendChild(el("a", {className: "in-context", href: "/context?" + where,
                                   text: "in context"}));
      }
      quotes.appendChild(quote);
    });
    p.appendChild(quotes);
    p.appendChild(el("h4", {text: (d.sources || []).length > 1 ? "Sources" : "Source"}));
    var list = el("ul", {className: "sources"});
    var self = this;
    (d.sources || []).forEach(function (s, i) {
      list.appendChild(el("li", {}, self.citationNode(s, (d.citations || [])[i])));
    });
    p.appendChild(list);
    this.saveState();
  };

  Canvas.prototype.showNode = function (node) {
    var d = node.data();
    var p = this.panel;
    if (!p) { return; }
    var self = this;
    this.selected = node.id();
    p.textContent = "";
    p.setAttribute("data-kind", "node");
    p.appendChild(el("h3", {className: "panel-title"}, this.entityLink(d.id, d.name)));
    p.appendChild(el("p", {className: "panel-type"},
                     el("span", {className: "swatch", style: ""}),
                     d.type + (d.name_zh ? " \u00b7 " + d.name_zh : "")));
    p.querySelector(".swatch").style.background = this.config.colors[d.type] || "#888";
    var degree = node.connectedEdges().length;
    var total = this.totals[d.id];
    p.appendChild(el("p", {text: degree + " fact" + (degree === 1 ? "" : "s") + " on the canvas" +
                              (total !== undefined ? " of " + total : "")}));
    var buttons = el("div", {className: "panel-buttons"});
    function button(label, action, name) {
      var b = el("button", {type: "button", "data-node-action": name, text: label});
      b.addEventListener("click", action);
      buttons.appendChild(b);
    }
    if (!this.offline) {
      if (this.expanded.indexOf(d.id) < 0) {
        button("Expand", function () { self.expand(d.id); }, "expand");
      } else if (this.more[d.id] !== null && this.more[d.id] !== undefined) {
        button("Show more (" + this.more[d.id] + " of " + total + " shown)",
               function () { self.expand(d.id, true); }, "more");
      }
    }
    button(node.hasClass("pinned") ? "Unpin" : "Pin", function () { self.togglePin(node); },
           "pin");
    button("Hide", function () { self.hide(node); }, "hide");
    p.appendChild(buttons);
    this.saveState();
  };

  /* -- the URL carries the state ------------------------------------------------------- */
  Canvas.prototype.saveState = function () {
    if (!this.ready || this.offline || this.options.useHash === false) { return; }
    var self = this;
    var params = new URLSearchParams();
    if (this.expanded.length) { params.set("x", this.expanded.join(",")); }
    var hidden = Object.keys(this.hidden);
    if (hidden.length) { params.set("h", hidden.join(",")); }
    var pins = this.cy.nodes(".pinned").map(function (n) {
      var at = n.position();
      return n.id() + "~" + Math.round(at.x) + "~" + Math.round(at.y);
    });
    if (pins.length) { params.set("p", pins.join(",")); }
    var on = this.config.statuses.filter(function (s) { return self.statusOn[s]; });
    var defaults = this.config.statuses.filter(function (s) {
      return (self.config.hidden_statuses || DEFAULT_HIDDEN).indexOf(s) < 0;
    });
    if (on.join(",") !== defaults.join(",")) { params.set("s", on.join(",")); }
    if (this.typesOff.size) { params.set("ot", Array.from(this.typesOff).join(",")); }
    if (this.relsOff.size) { params.set("or", Array.from(this.relsOff).join(",")); }
    if (this.articlesOff.size) { params.set("oa", Array.from(this.articlesOff).join(",")); }
    if (this.selected) { params.set("sel", this.selected); }
    var hash = params.toString();
    var url = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
    window.history.replaceState(null, "", url);
  };

  /* -- export -------------------------------------------------------------------------- */
  function download(name, href) {
    var a = el("a", {href: href, download: name});
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  Canvas.prototype.exportPng = function () {
    download("techkg-view.png", this.cy.png({full: true, scale: 2, bg: "#ffffff"}));
  };

  /* The view as SVG, written from the drawn positions and edge curves. (The one Cytoscape
     SVG plugin is GPL-licensed, so the project keeps this small writer instead.) */
  Canvas.prototype.svg = function () {
    var cy = this.cy;
    var colors = this.config.colors;
    var box = cy.elements().not(".filtered, .hidden-node").boundingBox();
    var pad = 40;
    function esc(text) {
      return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;")
        .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    }
    function f(n) { return Math.round(n * 10) / 10; }
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" viewBox="' +
               f(box.x1 - pad) + " " + f(box.y1 - pad) + " " + f(box.w + 2 * pad) + " " +
               f(box.h + 2 * pad) + '" font-family="sans-serif">',
               '<rect x="' + f(box.x1 - pad) + '" y="' + f(box.y1 - pad) + '" width="' +
               f(box.w + 2 * pad) + '" height="' + f(box.h + 2 * pad) + '" fill="#fff"/>'];
    cy.edges().not(".filtered").forEach(function (e) {
      if (e.source().hasClass("hidden-node") || e.target().hasClass("hidden-node")) { return; }
      var s = e.sourceEndpoint(), t = e.targetEndpoint();
      var cps = e.controlPoints();
      var d = "M" + f(s.x) + " " + f(s.y);
      var from = s;
      if (cps && cps.length) {
        d += " Q" + f(cps[0].x) + " " + f(cps[0].y) + " " + f(t.x) + " " + f(t.y);
        from = cps[0];
      } else {
        d += " L" + f(t.x) + " " + f(t.y);
      }
      var status = e.data("status");
      var colour = (status === "denied" || status === "disputed") ? "#c92a2a" : "#8a939c";
      var dash = status !== "reported" ? ' stroke-dasharray="7 4"' : "";
      out.push('<path d="' + d + '" fill="none" stroke="' + colour + '" stroke-width="2"' +
               dash + "/>");
      var ang = Math.atan2(t.y - from.y, t.x - from.x), len = 10, wide = 0.45;
      var p1 = [t.x - len * Math.cos(ang - wide), t.y - len * Math.sin(ang - wide)];
      var p2 = [t.x - len * Math.cos(ang + wide), t.y - len * Math.sin(ang + wide)];
      out.push('<polygon points="' + f(t.x) + "," + f(t.y) + " " + f(p1[0]) + "," + f(p1[1]) +
               " " + f(p2[0]) + "," + f(p2[1]) + '" fill="' + colour + '"/>');
      var m = e.midpoint();
      out.push('<text x="' + f(m.x) + '" y="' + f(m.y) + '" font-size="9" fill="#394047" ' +
               'text-anchor="middle">' + esc(e.data("label")) + "</text>");
    });
    cy.nodes().not(".hidden-node").forEach(function (n) {
      var p = n.position();
      out.push('<circle cx="' + f(p.x) + '" cy="' + f(p.y) + '" r="12" fill="' +
               (colors[n.data("type")] || "#888") + '" stroke="#fff"/>');
      out.push('<text x="' + f(p.x) + '" y="' + f(p.y + 26) + '" font-size="11" ' +
               'text-anchor="middle" fill="#1b1f24">' + esc(n.data("name")) + "</text>");
    });
    out.push("</svg>");
    return out.join("\n");
  };

  Canvas.prototype.exportSvg = function () {
    var blob = new Blob([this.svg()], {type: "image/svg+xml"});
    download("techkg-view.svg", URL.createObjectURL(blob));
  };

  window.TechKG = {Canvas: Canvas, factsToView: factsToView, el: el, readState: readState};
})();

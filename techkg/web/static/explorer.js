/* techkg explorer pages: reads the page's data (a JSON script element, never code) and
   starts the canvas the page holds. The offline file (`techkg viz`) runs the same code. */
(function () {
  "use strict";

  function pageData() {
    var node = document.getElementById("techkg-page");
    return node ? JSON.parse(node.textContent) : null;
  }

  function start() {
    var page = pageData();
    var root = document.querySelector(".canvas");
    if (!page || !root) { return; }
    var canvas = new window.TechKG.Canvas(root, {config: page.config, mode: page.mode,
                                                    context: page.context});
    window.techkgCanvas = canvas;
    var data = page.data || {};
    var loaded;
    if (page.mode === "offline") {
      loaded = canvas.load(page.view);
    } else if (data.entity) {
      canvas.expanded.push(data.entity.id);
      canvas.more[data.entity.id] = data.page.next_skip;
      canvas.totals[data.entity.id] = data.page.total;
      loaded = canvas.load(window.TechKG.factsToView(data.entity, data.facts), data.entity.id);
      if (data.page.next_skip !== null) {
        canvas.cy.getElementById(data.entity.id).addClass("has-more");
      }
    } else if (data.view) {
      loaded = canvas.load(data.view);
    } else {
      loaded = canvas.load({nodes: [], edges: []});
    }
    loaded.then(function () {
      if (canvas.cy.nodes().length === 0) { canvas.setNote("Nothing to draw yet."); }
      canvas.clearPanel();
      var sel = canvas.state.selected && canvas.cy.getElementById(canvas.state.selected);
      if (sel && sel.nonempty()) {
        if (sel.isEdge()) { canvas.showEdge(sel); } else { canvas.showNode(sel); }
      }
    });
    var add = document.querySelector("form.canvas-add");
    if (add) {
      add.addEventListener("submit", function (evt) {
        evt.preventDefault();
        var text = add.querySelector("input").value.trim();
        if (text) { canvas.expand(text).then(function () { add.reset(); }); }
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* relulab explorer: swaps precomputed PNG frames of an interactive figure.
 * Written for this book; no dependencies, no network. Inlined after every
 * explorer, so it guards itself and only sets up explorers not yet set up.
 * URL hash of one view: #<figure-id>:name=value&name=value
 */
(function () {
  "use strict";
  if (window.relulabExplorers) {
    window.relulabExplorers.scan();
    return;
  }
  var explorers = {};

  function setup(root) {
    var source = root.querySelector("script.relulab-explorer-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var img = root.querySelector("img.relulab-explorer-frame");
    var controls = data.params.map(function (param) {
      return root.querySelector('[data-param="' + param.name + '"]');
    });
    var strides = [];
    var stride = 1;
    for (var i = data.params.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= data.params[i].labels.length;
    }

    function indices() {
      return controls.map(function (control) { return parseInt(control.value, 10); });
    }

    function show(writeHash) {
      var current = indices();
      var frame = 0;
      current.forEach(function (index, p) {
        var label = data.params[p].labels[index];
        var control = controls[p];
        var output = control.parentNode.querySelector("output");
        if (output) output.textContent = label;
        if (control.type === "range") control.setAttribute("aria-valuetext", label);
        frame += index * strides[p];
      });
      img.src = "data:image/png;base64," + data.frames[frame];
      img.alt = data.alts[frame];
      if (writeHash) writeLocationHash(current);
    }

    function writeLocationHash(current) {
      var pairs = current.map(function (index, p) {
        return encodeURIComponent(data.params[p].name) + "=" +
          encodeURIComponent(data.params[p].labels[index]);
      });
      var hash = "#" + data.id + ":" + pairs.join("&");
      try {
        history.replaceState(history.state, "", hash);
      } catch (error) {
        location.replace(hash);
      }
    }

    function apply(pairs) {
      var changed = false;
      data.params.forEach(function (param, p) {
        if (!(param.name in pairs)) return;
        var index = param.labels.indexOf(pairs[param.name]);
        if (index >= 0 && String(index) !== controls[p].value) {
          controls[p].value = String(index);
          changed = true;
        }
      });
      if (changed) show(false);
    }

    controls.forEach(function (control) {
      control.addEventListener("input", function () { show(true); });
      control.addEventListener("change", function () { show(true); });
    });
    explorers[data.id] = { root: root, apply: apply };
    root.setAttribute("data-ready", "true");
  }

  function readLocationHash() {
    var hash = location.hash.slice(1);
    var colon = hash.indexOf(":");
    if (colon < 0) return null;
    var pairs = {};
    try {
      hash.slice(colon + 1).split("&").forEach(function (pair) {
        var eq = pair.indexOf("=");
        if (eq > 0) {
          pairs[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
        }
      });
      return { id: decodeURIComponent(hash.slice(0, colon)), pairs: pairs };
    } catch (error) {
      return null; /* a malformed link: keep the default view */
    }
  }

  function restore(scroll) {
    var target = readLocationHash();
    if (!target || !explorers[target.id]) return;
    explorers[target.id].apply(target.pairs);
    if (scroll) explorers[target.id].root.scrollIntoView({ block: "center" });
  }

  function scan() {
    var fresh = false;
    document.querySelectorAll(".relulab-explorer:not([data-ready])").forEach(function (root) {
      setup(root);
      fresh = true;
    });
    if (fresh) restore(false);
  }

  window.relulabExplorers = { scan: scan };
  scan();
  document.addEventListener("DOMContentLoaded", scan);
  window.addEventListener("load", function () { restore(true); });
  window.addEventListener("hashchange", function () { restore(true); });
})();

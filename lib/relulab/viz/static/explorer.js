/* relulab explorer: swaps the precomputed PNG frames of an interactive figure.
 * Written for this book; no dependencies, nothing leaves the site. Inlined
 * after every explorer, so it guards itself and only sets up explorers not
 * yet set up. The first frame is an ordinary <img>; the others are fetched
 * when the figure comes near the viewport or a control moves, and kept.
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
    var note = root.querySelector(".relulab-explorer-note");
    var controls = data.params.map(function (param) {
      return root.querySelector('[data-param="' + param.name + '"]');
    });
    var strides = [];
    var stride = 1;
    for (var i = data.params.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= data.params[i].labels.length;
    }
    var cache = null; /* Image objects that keep every frame once fetched */

    function prefetch() {
      if (cache) return;
      cache = data.frames.map(function (url) {
        var image = new Image();
        image.decoding = "async";
        image.src = url;
        return image;
      });
    }

    function indices() {
      return controls.map(function (control) { return parseInt(control.value, 10); });
    }

    function describeInert(frame, current) {
      var inert = (data.inert && data.inert[frame]) || [];
      var reasons = [];
      data.params.forEach(function (param, p) {
        var control = controls[p];
        var off = inert.indexOf(param.name) >= 0;
        control.disabled = off;
        if (off) {
          var others = data.params
            .filter(function (other) { return other.name !== param.name; })
            .map(function (other) {
              var q = data.params.indexOf(other);
              return other.name + " = " + other.labels[current[q]];
            });
          reasons.push(param.name + " has no effect with " + others.join(", "));
          control.setAttribute("aria-describedby", note.id);
        } else {
          control.removeAttribute("aria-describedby");
        }
      });
      note.textContent = reasons.length ? reasons.join("; ") + "." : "";
      note.hidden = !reasons.length;
    }

    function frameOf(current) {
      return current.reduce(function (frame, index, p) { return frame + index * strides[p]; }, 0);
    }

    function show(writeHash) {
      var current = indices();
      var frame = frameOf(current);
      current.forEach(function (index, p) {
        var label = data.params[p].labels[index];
        var control = controls[p];
        var output = control.parentNode.querySelector("output");
        if (output) output.textContent = label;
        if (control.type === "range") control.setAttribute("aria-valuetext", label);
      });
      prefetch();
      /* The old picture stays until the new one has loaded: same size, no jump. */
      img.loading = "eager";
      img.src = data.frames[frame];
      img.alt = data.alts[frame];
      if (note) describeInert(frame, current);
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
    root.addEventListener("pointerenter", prefetch);
    root.addEventListener("focusin", prefetch);
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (!entries.some(function (entry) { return entry.isIntersecting; })) return;
        observer.disconnect();
        /* After the page has loaded: the frames never compete with it. */
        if (document.readyState === "complete") prefetch();
        else window.addEventListener("load", prefetch);
      }, { rootMargin: "400px 0px" });
      observer.observe(root);
    }
    if (note) describeInert(frameOf(indices()), indices());
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

/* Charts (F10), progressive enhancement: every <figure data-kek-chart> already holds its title,
   text alternative, data table and CSV link; with JavaScript, vega-embed draws the Vega-Lite
   spec from the figure's <script type="application/json"> into its view <div>.
   Needs vega, vega-lite and vega-embed loaded before (templates/charts/scripts.html). */
(function () {
  "use strict";

  /* d3-geo wants exterior rings clockwise, RFC 7946 GeoJSON has them counter-clockwise
     (kek/charts/specs.py d3_winding does the same for documents). */
  function ringIsClockwise(ring) {
    let twiceArea = 0;
    for (let i = 0; i + 1 < ring.length; i += 1) {
      twiceArea += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    }
    return twiceArea < 0;
  }

  function windPolygon(rings) {
    return rings.map(function (ring, i) {
      const wantClockwise = i === 0;
      return ringIsClockwise(ring) === wantClockwise ? ring : ring.slice().reverse();
    });
  }

  function windForD3(collection) {
    (collection.features || []).forEach(function (feature) {
      const geometry = feature.geometry;
      if (!geometry) return;
      if (geometry.type === "Polygon") geometry.coordinates = windPolygon(geometry.coordinates);
      if (geometry.type === "MultiPolygon") geometry.coordinates = geometry.coordinates.map(windPolygon);
    });
    return collection;
  }

  function geoLoader() {
    const base = window.vega.loader();
    const loader = Object.create(base);
    loader.load = function (uri, options) {
      return base.load(uri, options).then(function (text) {
        if (!/\.geojson(\?|$)/.test(uri)) return text;
        return JSON.stringify(windForD3(JSON.parse(text)));
      });
    };
    return loader;
  }

  function embed(figure) {
    const view = figure.querySelector("[data-kek-chart-view]");
    const source = view && document.getElementById(view.dataset.specId);
    if (!source || figure.dataset.kekChartReady) return;
    figure.dataset.kekChartReady = "1";
    const spec = JSON.parse(source.textContent);
    // Fill the column (documents keep the spec's fixed width). Charts with a height per bar
    // keep their width too; CSS scales their SVG down on narrow screens.
    if (typeof spec.height !== "object") {
      spec.width = "container";
      spec.autosize = { type: "fit-x", contains: "padding" };
    }
    window
      .vegaEmbed(view, spec, { actions: false, renderer: "svg", loader: geoLoader() })
      .catch(function () {
        // The table and the text alternative stay; an empty box would only confuse.
        view.hidden = true;
      });
  }

  function embedAll(root) {
    if (typeof window.vegaEmbed !== "function" || !root.querySelectorAll) return;
    if (root.matches && root.matches("figure[data-kek-chart]")) embed(root);
    root.querySelectorAll("figure[data-kek-chart]").forEach(embed);
  }

  function start() {
    embedAll(document);
    // Content swapped in by htmx (filters, tabs) brings new figures.
    document.body.addEventListener("htmx:load", function (event) {
      embedAll(event.target);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* Margin Academy calculators: draws every [data-figure] chart and keeps the what-if slider in
   step with its price box. Loaded (deferred) after htmx; it fetches plotly.js itself when needed.

   A chart is <div data-figure="ID"> next to <template id="ID"> holding a JSON data block
   ({data, layout}, from json_script). The template keeps htmx, which strips <script> elements
   from swapped content, away from it. htmx.onLoad runs for the page and for every swap. */
(function () {
  'use strict';

  var CONFIG = { displayModeBar: false, responsive: true, scrollZoom: false };

  /* Charts drawn in a results region that htmx is about to replace, by figure id. Moving one
     into the new region and letting Plotly.react update it is about twice as fast as drawing a
     new chart (measured: ~15 ms against ~35 ms), which a reader feels while typing. */
  var drawn = {};

  function keepDrawnCharts(event) {
    Object.keys(drawn).forEach(function (id) { window.Plotly.purge(drawn[id]); delete drawn[id]; });
    if (!event.detail.shouldSwap || !window.Plotly) { return; }
    event.detail.target.querySelectorAll('.js-plotly-plot[data-figure]').forEach(function (chart) {
      chart.remove();
      drawn[chart.dataset.figure] = chart;
    });
  }

  function reuseDrawnChart(placeholder) {
    var chart = drawn[placeholder.dataset.figure];
    if (!chart) { return placeholder; }
    delete drawn[placeholder.dataset.figure];
    ['role', 'aria-label', 'aria-describedby'].forEach(function (name) {
      chart.setAttribute(name, placeholder.getAttribute(name));
    });
    placeholder.replaceWith(chart);
    return chart;
  }

  /* plotly.js is most of a chart page's weight, so it loads only when a chart comes within
     a screen or so of the viewport: a reader who never scrolls to one never pays for it. */
  var PLOTLY_URL = document.currentScript && document.currentScript.dataset.plotly;
  var plotlyWaiting = [];

  function withPlotly(callback) {
    if (window.Plotly) { callback(); return; }
    plotlyWaiting.push(callback);
    if (plotlyWaiting.length > 1 || !PLOTLY_URL) { return; }
    var script = document.createElement('script');
    script.src = PLOTLY_URL;
    script.onload = function () {
      plotlyWaiting.splice(0).forEach(function (waiting) { waiting(); });
    };
    document.head.appendChild(script);
  }

  var nearViewport = window.IntersectionObserver && new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) { return; }
      nearViewport.unobserve(entry.target);
      withPlotly(function () { drawChart(entry.target); });
    });
  }, { rootMargin: '600px 0px' });

  /* A chart marked data-draw="now" (a support case, which is printed) draws at once. */
  function drawCharts(root) {
    root.querySelectorAll('[data-figure]').forEach(function (element) {
      if (window.Plotly || !nearViewport || element.dataset.draw === 'now') {
        withPlotly(function () { drawChart(element); });
      } else {
        nearViewport.observe(element);
      }
    });
  }

  /* Printing: a chart never scrolled near the viewport would print as its fallback text, so
     draw every one still waiting. When plotly.js has not loaded yet this starts loading it, and
     the charts draw when it arrives: a print taken before then still shows the fallback text,
     and printing again shows the charts. */
  function drawForPrint() {
    document.querySelectorAll('[data-figure]:not(.js-plotly-plot)').forEach(function (element) {
      if (nearViewport) { nearViewport.unobserve(element); }
      withPlotly(function () { drawChart(element); });
    });
  }

  /* A chart drawn on screen keeps its pixel width; the printed page is narrower, so each is
     fitted to its column again once the print layout applies (and back after). */
  function refitDrawn() {
    document.querySelectorAll('.js-plotly-plot').forEach(function (element) {
      if (element.layout) { refit(element); }
    });
  }

  function drawChart(element) {
    var holder = document.getElementById(element.dataset.figure);
    var source = holder && holder.content ? holder.content.querySelector('script') : holder;
    if (!source || !element.isConnected) { return; }
    var figure = JSON.parse(source.textContent);
    element = reuseDrawnChart(element);
    if (!element.classList.contains('js-plotly-plot')) {
      element.replaceChildren();
      fitOnResize(element);
    }
    var chart = element;
    window.Plotly.react(chart, figure.data, figure.layout, CONFIG).then(function () {
      /* Tests and the latency benchmark wait for this, rather than guessing at timings. */
      chart.dispatchEvent(new CustomEvent('calc:drawn', { bubbles: true }));
    });
  }

  /* `responsive` waits 100 ms after a window resize; a ResizeObserver refits at once, also when
     only the container changes (a rotated phone, an opened sidebar). */
  function fitOnResize(element) {
    if (!window.ResizeObserver) { return; }
    var width = 0;
    new ResizeObserver(function (entries) {
      var now = Math.round(entries[0].contentRect.width);
      if (now && width && now !== width && element.isConnected && element.layout) {
        refit(element);
      }
      width = now;
    }).observe(element);
  }

  /* What Plotly.Plots.resize does, minus its timer: forget the old size, then fit. */
  function refit(element) {
    delete element.layout.width;
    delete element.layout.height;
    window.Plotly.relayout(element, { autosize: true });
  }

  /* The slider has no name: it writes the price box (what the form sends), in % of the entry. */
  function format(move) {
    var sign = move > 0 ? '+' : (move < 0 ? '−' : '');
    return sign + Math.abs(move).toFixed(1).replace(/\.0$/, '') + ' %';
  }

  function setUpSlider(box) {
    var price = document.getElementById(box.dataset.price);
    var entry = document.getElementById(box.dataset.entry);
    var slider = box.querySelector('input[type="range"]');
    var output = box.querySelector('output');
    if (!price || !entry || !slider || box.dataset.ready) { return; }
    box.dataset.ready = 'yes';
    box.hidden = false;

    function show(move) {
      output.textContent = format(move);
      slider.setAttribute('aria-valuetext', format(move) + ', ' + price.value + ' USDC');
    }
    function fromPrice() {
      var base = parseFloat(entry.value), value = parseFloat(price.value);
      if (!(base > 0) || !(value > 0)) { return; }
      var move = (value / base - 1) * 100;
      slider.value = String(Math.max(slider.min, Math.min(slider.max, move)));
      show(move);
    }
    slider.addEventListener('input', function () {
      var base = parseFloat(entry.value);
      if (!(base > 0)) { return; }
      var move = parseFloat(slider.value);
      price.value = String(Math.round(base * (1 + move / 100) * 100) / 100);
      show(move);
    });
    price.addEventListener('input', fromPrice);
    entry.addEventListener('input', fromPrice);
    fromPrice();
  }

  /* Out-of-band swaps refresh the error text next to each field; mark its input to match. */
  function markErrors(root) {
    root.querySelectorAll('.calc-error[data-for]').forEach(function (error) {
      var input = document.getElementById(error.dataset.for);
      if (!input || input.type === 'radio' || !input.classList) { return; }
      var invalid = error.textContent.trim() !== '';
      input.classList.toggle('is-invalid', invalid);
      if (invalid) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
    });
  }

  function init(root) {
    drawCharts(root);
    root.querySelectorAll('.calc-slider[data-price]').forEach(setUpSlider);
  }

  window.addEventListener('beforeprint', drawForPrint);
  if (window.matchMedia) {
    window.matchMedia('print').addEventListener('change', function (event) {
      if (event.matches) { drawForPrint(); }
      if (window.Plotly) { refitDrawn(); }
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(init);
    document.addEventListener('htmx:beforeSwap', keepDrawnCharts);
    document.addEventListener('htmx:afterSettle', function () { markErrors(document); });
    /* Free a chart's listeners before htmx removes its element. */
    document.addEventListener('htmx:beforeCleanupElement', function (event) {
      if (event.target.classList && event.target.classList.contains('js-plotly-plot') && window.Plotly) {
        window.Plotly.purge(event.target);
      }
    });
  } else {
    document.addEventListener('DOMContentLoaded', function () { init(document); });
  }
})();

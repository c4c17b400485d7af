/* Margin Academy embed loader, served at /embed.js. On a partner's page it turns each
     <div data-margin-academy="isolated-vs-cross" data-preset="seed-isolated" data-theme="dark">
   into a frame of /embed/<name>/ that sizes itself, and re-emits the frame's messages as DOM
   events on the div: margin-academy:ready, :resize, :change, :answered, :completed (the
   message is event.detail). Messages count only from that frame and this script's origin.
   No dependencies; call MarginAcademy.scan() after adding a div later. See /embed/. */
(function () {
  'use strict';
  var me = document.currentScript;
  var origin = new URL(me ? me.src : '/embed.js', location.href).origin;
  var NAME = /^(isolated-vs-cross|liquidation-price|leverage-explorer|margin-pnl-roe|cross-contagion|max-open-size|average-entry|funding-drift|target-price|check|predict\/[a-z0-9-]+)$/;
  var TYPES = /^(ready|resize|change|answered|completed)$/;
  var frames = [];

  function mount(div) {
    var name = div.getAttribute('data-margin-academy');
    if (div.marginAcademyFrame || !NAME.test(name)) { return; }
    var query = new URLSearchParams();
    if (div.dataset.preset) { query.set('preset', div.dataset.preset); }
    query.set('theme', div.dataset.theme || 'light');
    var frame = document.createElement('iframe');
    frame.src = origin + '/embed/' + name + '/?' + query;
    frame.title = div.dataset.title || 'Margin Academy: ' + name.replace(/[/-]/g, ' ');
    frame.loading = 'lazy';
    frame.width = '100%';
    frame.height = '600';
    frame.style.display = 'block';
    frame.style.width = '100%';
    frame.style.border = '0';
    div.marginAcademyFrame = frame;
    div.appendChild(frame);
    frames.push(div);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.source !== 'margin-academy' ||
        !TYPES.test(data.type)) { return; }
    frames.forEach(function (div) {
      var frame = div.marginAcademyFrame;
      if (frame.contentWindow !== event.source) { return; }
      if (data.type === 'resize' || data.type === 'ready') {
        frame.height = Math.max(100, Math.min(Math.ceil(data.height), 20000));
        frame.style.height = frame.height + 'px';
      }
      div.dispatchEvent(new CustomEvent('margin-academy:' + data.type,
        { detail: data, bubbles: true }));
    });
  });

  function scan() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-margin-academy]'), mount);
  }
  window.MarginAcademy = { scan: scan };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', scan);
  } else {
    scan();
  }
})();

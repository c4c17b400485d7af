/* Margin Academy embeds: loaded in every embed page (templates/embeds/base_embed.html). Tells
   the page that frames this one what happens in it, with postMessage, and only ever to that
   page's own origin, and only when that origin is the site's or one listed in the script's
   data-allowed-origins (EMBED_ALLOWED_ORIGINS); never to "*". Messages, each with
   source: 'margin-academy' and embed (the path below /embed/):
     {type: 'ready', height}                 once the page is drawn
     {type: 'resize', height}                whenever the page's height changes
     {type: 'change', inputs, results, ...}  after each htmx swap that carries a change block
     {type: 'answered', question, correct}   forwarded from a widget's margin-academy:answered
     {type: 'completed', score, passed}      forwarded from margin-academy:completed
   and, for hosts that already size frames this way, the string
     '{"src": <this page>, "context": "iframe.resize", "height": N}'.
   The parent may send {type: 'ping'}; the answer is another 'ready'. */
(function () {
  'use strict';

  var script = document.currentScript;
  var allowed = ((script && script.dataset.allowedOrigins) || '').split(/\s+/).filter(Boolean);
  var embed = location.pathname.replace(/^\/embed\//, '').replace(/\/$/, '');

  function originOf(url) {
    try { return new URL(url).origin; } catch (error) { return ''; }
  }

  // "http://localhost:*" allows any port of http://localhost, as frame-ancestors reads it.
  function isAllowed(origin) {
    if (origin === location.origin) { return true; }
    return allowed.some(function (pattern) {
      if (pattern.slice(-2) !== ':*') { return origin === pattern; }
      var host = pattern.slice(0, -2);
      return origin === host || (origin.indexOf(host + ':') === 0 &&
        /^\d+$/.test(origin.slice(host.length + 1)));
    });
  }

  function sameOriginParent() {
    try { return Boolean(window.parent.location.href); } catch (error) { return false; }
  }

  /* Where the parent is: Chromium and Safari say it (ancestorOrigins); elsewhere the referrer
     of the frame's first load does. After a navigation inside the frame the referrer is this
     site, which is only right if the parent really is the site. */
  function parentOrigin() {
    if (window.parent === window) { return ''; }
    var ancestors = location.ancestorOrigins;
    var origin = ancestors && ancestors.length ? ancestors[0] : originOf(document.referrer);
    if (origin === location.origin && !sameOriginParent()) { return ''; }
    return origin && isAllowed(origin) ? origin : '';
  }

  var target = parentOrigin();
  if (!target) { return; }

  function post(message) {
    message.source = 'margin-academy';
    message.embed = embed;
    window.parent.postMessage(message, target);
  }

  function height() {
    var body = document.body;
    var margin = parseFloat(getComputedStyle(body).marginTop) +
      parseFloat(getComputedStyle(body).marginBottom);
    return Math.ceil(body.getBoundingClientRect().height + margin);
  }

  var lastHeight = 0;
  function resize() {
    var now = height();
    if (now === lastHeight) { return; }
    lastHeight = now;
    post({ type: 'resize', height: now });
    window.parent.postMessage(JSON.stringify(
      { src: location.href, context: 'iframe.resize', height: now }), target);
  }

  function changed() {
    var holder = document.querySelector('template[data-embed-change]');
    var block = holder && holder.content.querySelector('script');
    if (!block) { return; }
    var message = JSON.parse(block.textContent);
    message.type = 'change';
    post(message);
  }

  function forward(type) {
    document.addEventListener('margin-academy:' + type, function (event) {
      var message = Object.assign({}, event.detail || {});
      message.type = type;
      post(message);
    });
  }

  function start() {
    post({ type: 'ready', height: height() });
    resize();
    if (window.ResizeObserver) { new ResizeObserver(resize).observe(document.body); }
    document.addEventListener('htmx:afterSettle', changed);
    ['answered', 'completed', 'change'].forEach(forward);
    window.addEventListener('message', function (event) {
      if (event.source === window.parent && event.origin === target &&
          event.data && event.data.type === 'ping') {
        post({ type: 'ready', height: height() });
      }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

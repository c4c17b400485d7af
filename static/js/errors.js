/* Margin Academy: when an htmx request fails (a 5xx answer, or no answer at all), say so in
   place, above the region it meant to update, and keep everything the reader typed. Without
   this, htmx leaves the page as it was and the reader sees nothing happen. */
(function () {
  'use strict';

  var FALLBACK = '<div class="request-failed alert alert-warning" role="alert"><strong>' +
    'We could not update this just now.</strong> Nothing you typed was lost; please try ' +
    'again in a moment.</div>';

  function show(target, html) {
    if (!target || !target.parentNode) { return; }
    var holder = document.createElement('div');
    holder.innerHTML = html;
    var message = holder.querySelector('.request-failed') || holder.firstElementChild;
    var old = target.previousElementSibling;
    if (old && old.classList.contains('request-failed')) { old.remove(); }
    target.parentNode.insertBefore(message, target);
  }

  function clear(event) {
    var old = event.detail.target && event.detail.target.previousElementSibling;
    if (old && old.classList.contains('request-failed')) { old.remove(); }
  }

  document.addEventListener('htmx:responseError', function (event) {
    var xhr = event.detail.xhr;
    var type = xhr.getResponseHeader('Content-Type') || '';
    var ours = type.indexOf('text/html') === 0 && xhr.responseText.indexOf('request-failed') > -1;
    show(event.detail.target, ours ? xhr.responseText : FALLBACK);
  });
  document.addEventListener('htmx:sendError', function (event) {
    show(event.detail.target, FALLBACK);
  });
  document.addEventListener('htmx:afterSwap', clear);
})();

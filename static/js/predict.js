/* Margin Academy predict widgets. The server does the work (the answer is never in the page
   before a guess); this file only tells the page that a question was answered, and makes
   "Try another guess" clear the reveal and put the cursor back in the guess.

   A reveal is <div class="predict-reveal" data-question="slug" data-correct="true|false">.
   For each one, once, it dispatches on document
     new CustomEvent('margin-academy:answered', {detail: {question, correct}})
   which embed-frame.js, in a partner's frame, posts to the parent page. A reveal arrives
   either with the page (a guess submitted without htmx) or in an htmx swap. */
(function () {
  'use strict';

  function announce(root) {
    if (!root || !root.querySelectorAll) { return; }
    root.querySelectorAll('.predict-reveal[data-question]').forEach(function (reveal) {
      if (reveal.hasAttribute('data-announced')) { return; }
      reveal.setAttribute('data-announced', '');
      document.dispatchEvent(new CustomEvent('margin-academy:answered', {
        detail: { question: reveal.dataset.question, correct: reveal.dataset.correct === 'true' }
      }));
    });
  }

  /* After a swap the link points at the guess on this page ("#predict-…-guess"). */
  function tryAgain(event) {
    var link = event.target.closest && event.target.closest('a[data-predict-again]');
    var href = link && link.getAttribute('href');
    if (!href || href.charAt(0) !== '#') { return; }
    var field = document.getElementById(href.slice(1));
    var region = link.closest('.predict-reveal-region');
    if (!field || !region) { return; }
    event.preventDefault();
    var input = field.tagName === 'FIELDSET'
      ? field.querySelector('input:checked') || field.querySelector('input')
      : field;
    region.replaceChildren();
    input.focus();
    if (input.select) { input.select(); }
  }

  function start() {
    document.addEventListener('click', tryAgain);
    document.addEventListener('htmx:afterSettle', function (event) { announce(event.detail.target); });
    /* After every other DOMContentLoaded listener, embed-frame.js's among them. */
    setTimeout(function () { announce(document); }, 0);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

/* The readiness check in a frame: once a scored attempt is on the page, tell whoever listens
   (embed-frame.js passes it on to the parent page) how each question went and the result.
   The outcome comes from the server, in the JSON block of templates/checks/result.html. */
(function () {
  'use strict';

  function send(name, detail) {
    document.dispatchEvent(new CustomEvent('margin-academy:' + name, { detail: detail }));
  }

  function report() {
    var holder = document.querySelector('template[data-check-outcome]');
    var block = holder && holder.content.querySelector('script');
    if (!block) { return; }
    var outcome = JSON.parse(block.textContent);
    outcome.questions.forEach(function (question) {
      send('answered', { question: question.question, correct: question.correct });
    });
    send('completed', { score: outcome.score, passed: outcome.passed });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', report);
  } else {
    report();
  }
}());

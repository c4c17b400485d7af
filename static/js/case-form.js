/* Margin Academy support desk, the case form (templates/support/case_form.html).
   1. "Add a position" asks the server for row N, N being the rows there are now; the server
      answers with the row and, out of band, the new row count and button.
   2. Of "How the market moved", only the part chosen is shown. Without JavaScript both
      stay visible and the one not chosen is ignored. */
(function () {
  'use strict';

  document.addEventListener('htmx:configRequest', function (event) {
    var button = event.detail.elt;
    if (!button.matches || !button.matches('[data-add-position]')) { return; }
    var total = document.getElementById('id_positions-TOTAL_FORMS');
    event.detail.parameters.index = total ? total.value : '0';
  });

  function showMovement(form) {
    var chosen = form.querySelector('input[name="movement"]:checked');
    if (!chosen) { return; }
    form.querySelectorAll('[data-movement]').forEach(function (part) {
      part.hidden = part.getAttribute('data-movement') !== chosen.value;
    });
  }

  function start() {
    var form = document.getElementById('case-form');
    if (!form) { return; }
    showMovement(form);
    form.addEventListener('change', function (event) {
      if (event.target.name === 'movement') { showMovement(form); }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

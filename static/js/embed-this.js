/* "Embed this" (templates/includes/_embed_this.html): the copy button. It stays hidden without
   JavaScript, where the snippet is selectable text. */
(function () {
  'use strict';
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentElement.querySelector('.embed-copied');
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener('click', function () {
      function copied(ok) {
        status.textContent = ok ? 'Copied.' : 'Select the code and copy it.';
      }
      source.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.value).then(
          function () { copied(true); }, function () { copied(false); });
      } else {
        copied(document.execCommand('copy'));
      }
    });
  });
})();

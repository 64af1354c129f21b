/* Progress of a cadre import running as a background job: polls its status and shows the outcome when it is done. */
(function () {
  'use strict';
  var card = document.getElementById('import-progress');
  if (!card) { return; }
  var bar = card.querySelector('.progress');
  var label = card.querySelector('[data-label]');
  var wait = 1000;
  var poll = function () {
    fetch(card.dataset.status, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (s) {
          bar.firstElementChild.style.width = s.progress + '%';
          bar.setAttribute('aria-valuenow', s.progress);
          label.textContent = s.label;
          if (s.done) { location.reload(); return; }
          wait = 1000;
        } else {
          wait = Math.min(wait * 2, 15000);
        }
        setTimeout(poll, wait);
      }, function () { wait = Math.min(wait * 2, 15000); setTimeout(poll, wait); });
  };
  setTimeout(poll, wait);
}());

// A quiz that opens soon: its start button waits disabled, with a countdown, and is enabled at the opening. The wait comes
// from the server (milliseconds from the page's rendering), so a phone whose clock is wrong still opens on time.
(function () {
  'use strict';
  var button = document.getElementById('quiz-start');
  if (!button || !button.hasAttribute('data-opens-in')) {
    return;
  }

  var opensAt = Date.now() + Number(button.getAttribute('data-opens-in'));
  var countdown = document.getElementById('quiz-countdown');
  var pad = function (n) { return (n < 10 ? '0' : '') + n; };
  var tick = function () {
    var left = opensAt - Date.now();
    if (left <= 0) {
      button.disabled = false;
      var notice = document.getElementById('quiz-cannot-start');
      if (notice) {
        notice.hidden = true;
      }
      return;
    }

    if (countdown) {
      var s = Math.ceil(left / 1000);
      var text = (s >= 3600 ? Math.floor(s / 3600) + ':' + pad(Math.floor(s % 3600 / 60)) : Math.floor(s / 60)) + ':' + pad(s % 60);
      countdown.textContent = countdown.getAttribute('data-label').replace('{0}', text);
    }

    setTimeout(tick, Math.min(1000, left));
  };
  tick();
})();

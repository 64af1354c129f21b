/* Resumable chunked upload with a progress bar, and live transcoding progress. A dropped connection waits and resumes from the
   bytes the server has; reloading the page and choosing the same file resumes too. */
(function () {
  'use strict';

  var form = document.querySelector('[data-uploader]');
  if (form) {
    var fileInput = form.querySelector('#upload-file');
    var titleInput = form.querySelector('#upload-title');
    var bar = form.querySelector('.upload-progress');
    var status = form.querySelector('#upload-status');
    var pauseButton = form.querySelector('#upload-pause');
    var startButton = form.querySelector('#upload-start');
    var token = form.querySelector('input[name="__RequestVerificationToken"]').value;
    var chunk = parseInt(form.dataset.chunk, 10);
    var max = parseInt(form.dataset.max, 10);
    var paused = false;
    var xhr = null;

    var request = function (method, url, body, onProgress) {
      return new Promise(function (resolve, reject) {
        xhr = new XMLHttpRequest();
        xhr.open(method, url);
        xhr.setRequestHeader('RequestVerificationToken', token);
        if (typeof body === 'string') { xhr.setRequestHeader('Content-Type', 'application/json'); }
        if (onProgress) { xhr.upload.onprogress = onProgress; }
        xhr.onload = function () {
          var data = null;
          try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
          resolve({ status: xhr.status, data: data });
        };
        xhr.onerror = function () { reject(new Error('network')); };
        xhr.onabort = function () { reject(new Error('abort')); };
        xhr.send(body);
      });
    };

    var show = function (received, total) {
      bar.hidden = false;
      var pct = total ? Math.floor(100 * received / total) : 0;
      bar.firstElementChild.style.width = pct + '%';
      bar.setAttribute('aria-valuenow', pct);
      status.textContent = pct + '% · ' + (received / 1048576).toFixed(1) + ' / ' + (total / 1048576).toFixed(1) + ' MB';
    };

    var sleep = function (ms) { return new Promise(function (r) { setTimeout(r, ms); }); };

    var upload = async function (file) {
      var key = 'learning.upload:' + file.name + ':' + file.size + ':' + file.lastModified;
      var id = localStorage.getItem(key);
      var offset = 0;
      if (id) {
        var existing = await request('GET', '/media/uploads/' + id);
        if (existing.status === 200) { offset = existing.data.received; status.textContent = form.dataset.textResuming; } else { id = null; }
      }
      if (!id) {
        var started = await request('POST', '/media/uploads', JSON.stringify({ fileName: file.name, size: file.size, title: titleInput.value }));
        if (started.status !== 201) { throw new Error(started.data && started.data.error || form.dataset.textFailed); }
        id = started.data.id;
        chunk = started.data.chunkBytes || chunk;
        localStorage.setItem(key, id);
      }
      var wait = 1000;
      while (offset < file.size) {
        while (paused) { await sleep(300); }
        var piece = file.slice(offset, Math.min(file.size, offset + chunk));
        var base = offset;
        var res;
        try {
          res = await request('PUT', '/media/uploads/' + id + '?offset=' + offset, piece, function (e) { show(base + e.loaded, file.size); });
        } catch (e) {
          if (paused) { continue; }
          // The connection dropped: wait, ask the server what it has, carry on from there.
          status.textContent = form.dataset.textOffline;
          await sleep(wait);
          wait = Math.min(wait * 2, 30000);
          try {
            var s = await request('GET', '/media/uploads/' + id);
            if (s.status === 200) { offset = s.data.received; }
          } catch (ignored) { /* still offline */ }
          continue;
        }
        if (res.status === 200) {
          wait = 1000;
          status.className = '';
          offset = res.data.received;
          show(offset, file.size);
          if (res.data.video) { localStorage.removeItem(key); return res.data.video; }
        } else if (res.status === 409 || (res.status === 413 && res.data && res.data.received !== undefined && res.data.received !== null)) {
          offset = res.data.received;
        } else if (res.status >= 500) {
          // The server kept what it had (a full disk is 507, storage or database trouble 503): say why, keep the upload,
          // and try again with a growing delay; it resumes from the server's bytes once the fault is cleared.
          status.textContent = (res.data && res.data.error) || form.dataset.textOffline;
          status.className = 'error-text';
          await sleep(wait);
          wait = Math.min(wait * 2, 60000);
          try {
            var again = await request('GET', '/media/uploads/' + id);
            if (again.status === 200) { offset = again.data.received; status.className = ''; }
          } catch (ignored) { /* offline as well */ }
        } else {
          localStorage.removeItem(key);
          throw new Error(res.data && res.data.error || form.dataset.textFailed);
        }
      }
      return null;
    };

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = fileInput.files[0];
      if (!file) { return; }
      if (file.size > max) { status.textContent = form.dataset.textTooLarge; status.className = 'error-text'; return; }
      startButton.disabled = true;
      pauseButton.hidden = false;
      status.className = '';
      upload(file).then(function () {
        status.textContent = form.dataset.textDone;
        pauseButton.hidden = true;
        setTimeout(function () { location.reload(); }, 800);
      }, function (err) {
        status.textContent = err.message;
        status.className = 'error-text';
        startButton.disabled = false;
        pauseButton.hidden = true;
      });
    });

    pauseButton.addEventListener('click', function () {
      paused = !paused;
      pauseButton.textContent = paused ? '▶' : '⏸';
      if (paused && xhr) { xhr.abort(); }
    });
  }

  // Transcoding progress, polled while a video is queued or running.
  document.querySelectorAll('[data-video][data-state="Queued"], [data-video][data-state="Running"]').forEach(function (el) {
    var timer = setInterval(function () {
      fetch('/media/videos/' + el.dataset.video + '/status', { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) { return; }
          var bar = el.querySelector('[data-job-progress] span');
          if (bar) { bar.style.width = s.progress + '%'; }
          var label = el.querySelector('[data-state-label]');
          if (label) { label.textContent = s.label + (s.state === 'Running' ? ' ' + s.progress + '%' : '') + (s.attempt ? ' · ' + s.attempt : ''); }
          if (s.state !== 'Queued' && s.state !== 'Running') {
            clearInterval(timer);
            location.reload();
          }
        });
    }, 2000);
  });

  document.querySelectorAll('form[data-confirm]').forEach(function (f) {
    f.addEventListener('submit', function (e) { if (!window.confirm(f.dataset.confirm)) { e.preventDefault(); } });
  });
}());

/* Learning video player: hls.js with native HLS fallback, rendition picker, data saver, speed, keyboard, transcript,
   and watch tracking by played intervals sent in batched heartbeats. No framework, no CDN. */
(function () {
  'use strict';

  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function format(template, a, b) {
    return template.replace('{0}', a).replace('{1}', b);
  }

  function init(root) {
    var video = root.querySelector('video');
    var src = root.dataset.src;
    var audioSrc = root.dataset.audioSrc;
    var token = root.dataset.watch;
    var threshold = parseInt(root.dataset.threshold, 10) || 90;
    var quality = root.querySelector('[data-quality]');
    var speed = root.querySelector('[data-speed]');
    var saverToggle = root.querySelector('[data-saver-toggle]');
    var hint = root.querySelector('[data-saver-hint]');
    var progressBar = document.querySelector('#watch-progress .progress span');
    var progressText = document.querySelector('#watch-progress [data-watched-text]');
    var saver = root.dataset.saver || localStorage.getItem('learning.dataSaver') || 'auto';
    var hls = null;
    var slowSamples = 0;
    var hintDismissed = false;

    function lowestVideoLevel() {
      if (!hls) { return -1; }
      var best = -1;
      hls.levels.forEach(function (l, i) { if (l.height && (best < 0 || l.height < hls.levels[best].height)) { best = i; } });
      return best;
    }

    function levelByName(name) {
      if (!hls) { return -1; }
      var height = parseInt(name, 10);
      for (var i = 0; i < hls.levels.length; i++) { if (hls.levels[i].height === height) { return i; } }
      return -1;
    }

    function applyQuality() {
      if (!hls) { return; }
      var choice = quality ? quality.value : 'auto';
      if (choice === 'auto') {
        hls.currentLevel = saver === '240p' ? lowestVideoLevel() : -1;
      } else if (choice !== 'audio') {
        hls.currentLevel = levelByName(choice);
      }
    }

    function load(kind, at) {
      var playing = !video.paused;
      if (hls) { hls.destroy(); hls = null; }
      var url = kind === 'audio' ? audioSrc : src;
      root.classList.toggle('audio-only', kind === 'audio');
      if (window.Hls && window.Hls.isSupported()) {
        hls = new window.Hls({ startPosition: at || -1, capLevelToPlayerSize: true, maxBufferLength: 20 });
        hls.on(window.Hls.Events.MANIFEST_PARSED, function () {
          if (saver === '240p' && kind !== 'audio') { hls.startLevel = lowestVideoLevel(); }
          applyQuality();
          if (playing) { video.play(); }
        });
        hls.on(window.Hls.Events.FRAG_LOADED, checkBandwidth);
        hls.loadSource(url);
        hls.attachMedia(video);
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = url;
        video.addEventListener('loadedmetadata', function once() {
          video.removeEventListener('loadedmetadata', once);
          if (at) { video.currentTime = at; }
          if (playing) { video.play(); }
        });
      }
      root.dataset.mode = kind;
    }

    function checkBandwidth() {
      if (!hls || saver !== 'auto' || hintDismissed || !hint) { return; }
      var estimate = hls.bandwidthEstimate;
      slowSamples = estimate && estimate < 400000 ? slowSamples + 1 : 0;
      if (slowSamples >= 2) { hint.hidden = false; }
    }

    function savePreference(value) {
      saver = value;
      localStorage.setItem('learning.dataSaver', value);
      if (saverToggle) { saverToggle.checked = value !== 'auto'; }
      if (!token) { return; }
      fetch('/media/preferences', {
        method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: token, dataSaver: value })
      }).catch(function () { /* kept locally; sent again next time */ });
    }

    function setMode(value) {
      var at = video.currentTime;
      if (value === 'audio') {
        if (root.dataset.mode !== 'audio') { load('audio', at); }
      } else {
        if (root.dataset.mode !== 'video') { load('video', at); } else { applyQuality(); }
      }
    }

    if (quality) {
      quality.addEventListener('change', function () {
        if (quality.value === 'audio') { savePreference('audio'); }
        setMode(quality.value);
      });
    }

    if (saverToggle) {
      saverToggle.checked = saver !== 'auto';
      saverToggle.addEventListener('change', function () {
        savePreference(saverToggle.checked ? '240p' : 'auto');
        if (quality) { quality.value = 'auto'; }
        setMode('video');
      });
    }

    if (hint) {
      hint.querySelector('[data-saver-accept]').addEventListener('click', function () {
        hint.hidden = true;
        hintDismissed = true;
        savePreference('240p');
        applyQuality();
      });
    }

    if (speed) {
      speed.addEventListener('change', function () { video.playbackRate = parseFloat(speed.value) || 1; });
    }

    root.addEventListener('keydown', function (e) {
      var tag = e.target.tagName;
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || e.ctrlKey || e.metaKey || e.altKey) { return; }
      var handled = true;
      switch (e.key) {
        case 'k': case ' ': if (e.target === video || e.key === 'k') { if (video.paused) { video.play(); } else { video.pause(); } } else { handled = false; } break;
        case 'j': video.currentTime = Math.max(0, video.currentTime - 10); break;
        case 'l': video.currentTime = video.currentTime + 10; break;
        case 'c': if (video.textTracks.length) { var tt = video.textTracks[0]; tt.mode = tt.mode === 'showing' ? 'hidden' : 'showing'; } break;
        default: handled = false;
      }
      if (handled) { e.preventDefault(); }
    });

    // Transcript: each line seeks; the filter ignores diacritics; the current line is highlighted.
    var lines = Array.prototype.slice.call(root.querySelectorAll('.transcript-lines li'));
    lines.forEach(function (li) {
      var a = li.querySelector('[data-t]');
      a.addEventListener('click', function (e) {
        e.preventDefault();
        video.currentTime = parseFloat(a.dataset.t);
        video.play();
      });
    });
    var filter = root.querySelector('[data-transcript-filter]');
    if (filter) {
      filter.addEventListener('input', function () {
        var q = fold(filter.value).trim();
        lines.forEach(function (li) { li.hidden = q.length > 0 && li.dataset.folded.indexOf(q) < 0; });
      });
    }

    // Watch tracking: intervals actually played (not the playhead), sent in batches; a seek starts a new interval.
    var pending = [];
    var inflight = Promise.resolve();
    var current = null;
    var last = null;
    var lastSentPosition = -1;
    video.addEventListener('timeupdate', function () {
      var t = video.currentTime;
      if (!video.paused && !video.seeking && current && last !== null && t >= last && t - last <= 1.5 * Math.max(1, video.playbackRate)) {
        current[1] = t;
      } else if (!video.paused && !video.seeking) {
        current = [t, t];
        pending.push(current);
      }
      last = t;
      lines.forEach(function (li) {
        var start = parseFloat(li.querySelector('[data-t]').dataset.t);
        var next = li.nextElementSibling ? parseFloat(li.nextElementSibling.querySelector('[data-t]').dataset.t) : Infinity;
        li.classList.toggle('active', t >= start && t < next);
      });
    });
    video.addEventListener('seeking', function () { current = null; last = null; });

    function update(status) {
      if (!status) { return; }
      if (progressBar) { progressBar.style.width = status.percent + '%'; }
      if (progressText) {
        progressText.textContent = status.completed ? root.dataset.textDone : format(root.dataset.textWatched, status.percent, threshold);
      }
      root.dataset.watched = status.percent;
      root.dataset.completed = status.completed;
      if (status.completed) { document.dispatchEvent(new CustomEvent('learning:video-completed')); }
    }

    function flush(beacon) {
      if (!token) { return; }
      var batch = pending.filter(function (i) { return i[1] - i[0] > 0.05; })
        .map(function (i) { return [Math.round(i[0] * 10) / 10, Math.round(i[1] * 10) / 10]; });
      pending = [];
      if (current) { current = [current[1], current[1]]; pending.push(current); }
      var position = video.currentTime;
      if (!batch.length && Math.abs(position - lastSentPosition) < 1) { return; }
      lastSentPosition = position;
      var body = JSON.stringify({ token: token, intervals: batch, position: position });
      if (beacon && navigator.sendBeacon) {
        navigator.sendBeacon('/media/watch', new Blob([body], { type: 'application/json' }));
        return;
      }
      var sent = post(body)
        .then(function (r) {
          if (r.ok) { retryDelay = 0; forget(token); return r.json(); }
          if (!retriable(r.status)) { forget(token); return null; }
          requeue(batch);
          return null;
        })
        .then(update)
        .catch(function () { requeue(batch); }); // offline for a moment
      inflight = Promise.all([inflight, sent]).then(function () { return undefined; });
    }

    // A batch the server did not acknowledge (network down, or a 5xx while the database restarts) is kept, stored in case
    // the page goes away, and sent again with a growing delay; only a 4xx that says it will never be accepted drops it.
    var retryDelay = 0;
    var retryTimer = null;
    function post(body) {
      return fetch('/media/watch', { method: 'POST', credentials: 'same-origin', keepalive: true, headers: { 'Content-Type': 'application/json' }, body: body });
    }
    function retriable(status) { return status >= 500 || status === 408 || status === 429; }
    function unsentKey(t) { return 'learning.watch.unsent.' + t; }
    function forget(t) { try { localStorage.removeItem(unsentKey(t)); } catch (e) { /* private mode */ } }
    function requeue(batch) {
      pending = batch.map(function (i) { return [i[0], i[1]]; }).concat(pending);
      try {
        localStorage.setItem(unsentKey(token), JSON.stringify({ token: token, intervals: pending.map(function (i) { return [i[0], i[1]]; }), position: video.currentTime }));
      } catch (e) { /* full or private mode: the in-page queue still holds it */ }
      if (retryTimer) { return; }
      retryDelay = Math.min(retryDelay ? retryDelay * 2 : 2000, 60000);
      retryTimer = setTimeout(function () { retryTimer = null; lastSentPosition = -1; flush(false); }, retryDelay);
    }
    // What an earlier page could not deliver (a reload, a closed tab) is sent once with its own token.
    try {
      Object.keys(localStorage).filter(function (k) { return k.indexOf('learning.watch.unsent.') === 0; }).forEach(function (k) {
        var saved = localStorage.getItem(k);
        localStorage.removeItem(k);
        var keep = function () { try { localStorage.setItem(k, saved); } catch (e) { /* full */ } };
        post(saved).then(function (r) { if (!r.ok && retriable(r.status)) { keep(); } }).catch(keep);
      });
    } catch (e) { /* storage unavailable */ }

    video.addEventListener('pause', function () { flush(false); });
    video.addEventListener('ended', function () { flush(false); });
    setInterval(function () { if (!video.paused) { flush(false); } }, 10000);
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') { flush(true); } });
    window.addEventListener('pagehide', function () { flush(true); });

    var hash = /#t=([\d.]+)/.exec(location.hash);
    var resume = hash ? parseFloat(hash[1]) : parseFloat(root.dataset.resume) || 0;
    load(saver === 'audio' && audioSrc ? 'audio' : 'video', resume);
    if (saver === 'audio' && quality && audioSrc) { quality.value = 'audio'; }
    // settled(): sends what is pending and resolves when every heartbeat sent so far has been answered.
    root.player = { video: video, flush: flush, hls: function () { return hls; }, settled: function () { flush(false); return inflight; } };
  }

  document.querySelectorAll('[data-player]').forEach(init);
}());

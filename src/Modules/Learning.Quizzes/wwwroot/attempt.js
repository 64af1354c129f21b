// The attempt page: saves each answer as it changes, keeps what the server has not confirmed in local storage (so a lost
// connection, a reload or a closed tab loses nothing), sends it when the connection returns, turns pages without the network,
// counts down by the server's clock, keeps the cadre's flags on questions (sent with the saves, held like answers while
// offline) and shows a summary of the attempt before it is submitted. Without this script the page still works: its buttons
// post the form (a flag button saves the page and comes back flagged; "submit" saves it and comes back with the summary).
(() => {
  'use strict';
  const root = document.getElementById('attempt');
  const form = document.getElementById('attempt-form');
  if (!root || !form) return;
  const id = root.dataset.attempt;
  // The start answers with the attempt itself, not a redirect to it: the location bar gets the attempt's own address, so a
  // reload, a bookmark or the page-turning below (?page=) address this attempt and never post the start again.
  const own = '/Quizzes/Attempt/' + id;
  if (location.pathname !== own) history.replaceState(null, '', own);
  const pageCount = +root.dataset.pages;
  const storeKey = 'learning.quiz.' + id;
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  const status = document.getElementById('save-state');
  const submitButton = document.getElementById('attempt-submit');
  const fieldsets = [...form.querySelectorAll('fieldset.question')];
  let page = +root.dataset.page;
  let waiting = read();
  let sending = false;
  let pageChanged = false;
  let stopped = false;
  let submitWhenOnline = false;
  // The flagged slots as the page shows them, and the set not yet confirmed by the server (null: nothing to send). The whole set
  // is sent, so a resend after a lost reply, or from local storage after a reload, is harmless.
  const flagKey = storeKey + '.flags';
  const flagged = new Set(fieldsets.filter(fs => fs.querySelector('.q-flag[aria-pressed="true"]')).map(fs => +fs.dataset.slot));
  let flagsWaiting = readFlags();
  const summary = document.getElementById('attempt-summary');
  // The deadline as the server last gave it: the page's own, then each save's reply (a trainer's extra time or a new close
  // date reaches an open page with its next save, and is asked for once more before the page submits at zero).
  const timer = document.getElementById('timer');
  let deadline = timer ? utc(timer.dataset.deadline) : NaN;
  let skew = timer ? utc(timer.dataset.now) - Date.now() : 0;

  function utc(text) {
    return Date.parse(/[zZ]$|[+-]\d\d:\d\d$/.test(text) ? text : text + 'Z');
  }

  function read() {
    try { return JSON.parse(localStorage.getItem(storeKey)) || {}; } catch { return {}; }
  }

  function readFlags() {
    try { const list = JSON.parse(localStorage.getItem(flagKey)); return Array.isArray(list) ? list : null; } catch { return null; }
  }

  function writeFlags() {
    try {
      if (flagsWaiting) localStorage.setItem(flagKey, JSON.stringify(flagsWaiting));
      else localStorage.removeItem(flagKey);
    } catch { /* private mode */ }
  }

  function showFlag(fs) {
    const on = flagged.has(+fs.dataset.slot);
    const button = fs.querySelector('.q-flag');
    if (!button) return;
    button.setAttribute('aria-pressed', on ? 'true' : 'false');
    button.textContent = on ? root.dataset.flagged : root.dataset.flag;
  }

  function toggleFlag(fs) {
    const slot = +fs.dataset.slot;
    if (!flagged.delete(slot)) flagged.add(slot);
    showFlag(fs);
    flagsWaiting = [...flagged].sort((a, b) => a - b);
    writeFlags();
    markPages();
    send();
  }

  function write() {
    try { localStorage.setItem(storeKey, JSON.stringify(waiting)); } catch { /* private mode: the memory copy still goes */ }
  }

  function say(kind, text) {
    status.dataset.state = kind;
    const count = Object.keys(waiting).length;
    // Offline with no answer waiting (a page turned, a flag set): the bar says the connection is gone, not "0 answers kept".
    const message = kind === 'offline' && count === 0 ? status.dataset.offlineNone : status.dataset[kind];
    status.textContent = text || (message || '').replace('{0}', count).replace('{1}', new Date().toLocaleTimeString());
  }

  function responseOf(fs) {
    const name = 'q' + fs.dataset.slot;
    switch (fs.dataset.type) {
      case 'SingleChoice': case 'TrueFalse': case 'MultipleChoice':
        return { choices: [...fs.querySelectorAll('input[name="' + name + '"]:checked')].map(i => i.value) };
      case 'Matching': {
        const matches = {};
        fs.querySelectorAll('select').forEach(s => { if (s.value) matches[s.name.slice(name.length + 1)] = s.value; });
        return { matches };
      }
      case 'Ordering': {
        const items = [...fs.querySelectorAll('select')].map((s, i) => ({ id: s.name.slice(name.length + 1), place: +s.value, i }));
        items.sort((a, b) => a.place - b.place || a.i - b.i);
        return { choices: items.map(x => x.id) };
      }
      default: {
        const input = fs.querySelector('input[type=text], textarea');
        return { text: input ? input.value : '' };
      }
    }
  }

  function show(fs, r) {
    const name = 'q' + fs.dataset.slot;
    switch (fs.dataset.type) {
      case 'SingleChoice': case 'TrueFalse': case 'MultipleChoice':
        fs.querySelectorAll('input[name="' + name + '"]').forEach(i => { i.checked = (r.choices || []).includes(i.value); });
        break;
      case 'Matching':
        fs.querySelectorAll('select').forEach(s => { s.value = (r.matches || {})[s.name.slice(name.length + 1)] || ''; });
        break;
      case 'Ordering':
        fs.querySelectorAll('select').forEach(s => {
          const at = (r.choices || []).indexOf(s.name.slice(name.length + 1));
          if (at >= 0) s.value = String(at + 1);
        });
        break;
      default: {
        const input = fs.querySelector('input[type=text], textarea');
        if (input) input.value = r.text || '';
      }
    }
  }

  function record(fs) {
    const slot = fs.dataset.slot;
    const last = Math.max(+fs.dataset.seq || 0, waiting[slot] ? waiting[slot].seq : 0);
    waiting[slot] = { seq: Math.max(Date.now(), last + 1), response: responseOf(fs) };
    fs.dataset.seq = waiting[slot].seq;
    write();
    markPages();
    say(navigator.onLine ? 'waiting' : 'offline');
    send();
  }

  function post(answers, flags) {
    return fetch('/api/quizzes/attempts/' + id + '/answers', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify(flags ? { page, answers, flags } : { page, answers }),
    });
  }

  function held() {
    return Object.keys(waiting).map(s => ({ slot: +s, seq: waiting[s].seq, response: waiting[s].response }));
  }

  // A save's reply: what the server now holds leaves the waiting list; its deadline becomes the page's.
  function accept(body) {
    body.saved.forEach(a => { if (waiting[a.slot] && waiting[a.slot].seq <= a.seq) delete waiting[a.slot]; });
    write();
    if (timer && 'deadline' in body) {
      deadline = body.deadline ? utc(body.deadline) : Infinity; // null: the limit was lifted, nothing to count down to
      if (body.serverNow) skew = utc(body.serverNow) - Date.now();
    }
  }

  async function send() {
    if (sending || stopped) return;
    const slots = Object.keys(waiting);
    if (slots.length === 0 && !pageChanged && !flagsWaiting) return;
    if (!navigator.onLine) { say('offline'); return; }
    sending = true;
    say('sending');
    let retry = false;
    const flags = flagsWaiting;
    try {
      const reply = await post(held(), flags);
      if (reply.ok) {
        accept(await reply.json());
        pageChanged = false;
        if (flags && flagsWaiting === flags) { flagsWaiting = null; writeFlags(); } // not changed again while it was on its way
        say(Object.keys(waiting).length ? 'waiting' : 'saved');
        retry = Object.keys(waiting).length > 0 || flagsWaiting !== null;
      } else if (reply.status === 400 || reply.status === 409) {
        const body = await reply.json().catch(() => null);
        stopped = true;
        say('refused', body && body.message ? body.message : status.dataset.refused);
      } else {
        retry = true;
        say('offline');
      }
    } catch {
      retry = true;
      say('offline');
    } finally {
      sending = false;
    }
    if (retry) setTimeout(send, 4000);
  }

  function goTo(target) {
    if (target < 0 || target >= pageCount || target === page) return;
    page = target;
    pageChanged = true;
    form.querySelectorAll('.attempt-page').forEach(s => { s.hidden = +s.dataset.page !== page; });
    document.getElementById('attempt-page').value = page;
    const prev = document.getElementById('page-prev');
    const next = document.getElementById('page-next');
    prev.value = page - 1; prev.disabled = page === 0;
    next.value = page + 1; next.disabled = page >= pageCount - 1;
    const label = document.getElementById('page-label');
    label.textContent = label.dataset.format.replace('{0}', page + 1);
    form.querySelectorAll('.page-dots .dot').forEach(d => d.classList.toggle('current', +d.value === page));
    history.replaceState(null, '', '?page=' + page);
    root.scrollIntoView({ block: 'start' });
    send();
  }

  function isAnswered(fs) {
    // An ordering question always has an order on screen: it is answered once the cadre has set one (saved or waiting).
    if (fs.dataset.type === 'Ordering') return +fs.dataset.seq > 0 || !!waiting[fs.dataset.slot];
    const r = responseOf(fs);
    return !!((r.choices && r.choices.length) || (r.text && r.text.trim()) || (r.matches && Object.keys(r.matches).length));
  }

  function unanswered() {
    return fieldsets.filter(fs => !isAnswered(fs));
  }

  function pageOf(fs) {
    return +fs.closest('.attempt-page').dataset.page;
  }

  // Each page's button: all of its questions answered ("done"), some ("part"), or none, and whether one is flagged; its label says so.
  function markPages() {
    const dots = document.getElementById('page-dots');
    if (!dots) return;
    dots.querySelectorAll('.dot').forEach(d => {
      const onPage = fieldsets.filter(fs => pageOf(fs) === +d.value);
      const answered = onPage.filter(isAnswered).length;
      const hasFlag = onPage.some(fs => flagged.has(+fs.dataset.slot));
      d.classList.toggle('done', onPage.length > 0 && answered === onPage.length);
      d.classList.toggle('part', answered > 0 && answered < onPage.length);
      d.classList.toggle('flagged', hasFlag);
      d.setAttribute('aria-label', dots.dataset.label.replace('{0}', +d.value + 1).replace('{2}', answered).replace('{3}', onPage.length) + (hasFlag ? dots.dataset.flagged : ''));
    });
  }

  // Before submitting: every question with its state and flag, each a way back to it (Moodle's "Summary of attempt").
  function openSummary() {
    const rows = document.getElementById('summary-rows');
    rows.textContent = '';
    fieldsets.forEach(fs => {
      const done = isAnswered(fs);
      const row = rows.insertRow();
      row.className = done ? 'answered' : 'unanswered';
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'summary-go';
      go.dataset.slot = fs.dataset.slot;
      go.textContent = summary.dataset.question.replace('{0}', fs.dataset.slot);
      row.insertCell().append(go);
      const state = row.insertCell();
      state.textContent = done ? summary.dataset.answered : summary.dataset.unanswered;
      if (flagged.has(+fs.dataset.slot)) {
        const tag = document.createElement('span');
        tag.className = 'q-flag-tag';
        tag.textContent = root.dataset.flagged;
        state.append(' ', tag);
      }
    });
    const answered = fieldsets.length - unanswered().length;
    let count = summary.dataset.count.replace('{0}', answered).replace('{1}', fieldsets.length);
    if (flagged.size) count += ' ' + summary.dataset.flags.replace('{0}', flagged.size);
    document.getElementById('summary-count').textContent = count;
    form.classList.add('summary-open');
    summary.hidden = false;
    root.scrollIntoView({ block: 'start' });
    summary.focus({ preventScroll: true });
  }

  function closeSummary() {
    form.classList.remove('summary-open');
    summary.hidden = true;
  }

  function submit(ask) {
    if (ask && summary) { openSummary(); return; }
    if (!navigator.onLine) {
      submitWhenOnline = true;
      say('offline');
      return;
    }
    document.getElementById('attempt-pending').value = JSON.stringify(held());
    document.getElementById('attempt-flags').value = flagsWaiting ? JSON.stringify(flagsWaiting) : '';
    stopped = true;
    form.requestSubmit(document.getElementById('summary-submit'));
  }

  // Answers the server never confirmed (a reload while offline, a closed tab) come back, newer than what the page shows.
  fieldsets.forEach(fs => {
    const pending = waiting[fs.dataset.slot];
    if (!pending) return;
    if (pending.seq <= (+fs.dataset.seq || 0)) delete waiting[fs.dataset.slot];
    else { show(fs, pending.response); fs.dataset.seq = pending.seq; }
  });
  write();
  if (flagsWaiting) {
    // Flags changed on this phone and not confirmed (a reload while offline): the page shows them, and they go with the next save.
    flagged.clear();
    flagsWaiting.forEach(slot => flagged.add(+slot));
    fieldsets.forEach(showFlag);
  }
  markPages();

  let typing;
  // A change (leaving a text box) records at once; the typing timer would only record the same answer again.
  form.addEventListener('change', e => { const fs = e.target.closest('fieldset.question'); if (fs) { clearTimeout(typing); record(fs); } });
  form.addEventListener('input', e => {
    const fs = e.target.closest('fieldset.question');
    if (!fs || e.target.tagName === 'SELECT' || e.target.type === 'radio' || e.target.type === 'checkbox') return;
    clearTimeout(typing);
    typing = setTimeout(() => record(fs), 700);
  });
  form.addEventListener('click', e => {
    const button = e.target.closest('button');
    if (!button) return;
    if (button.id === 'attempt-enter') { e.preventDefault(); send(); return; } // Enter in a text box: its change is recorded
    if (button === submitButton) { e.preventDefault(); submit(true); return; }
    if (button.id === 'summary-submit') { e.preventDefault(); submit(false); return; }
    if (button.id === 'summary-back') { closeSummary(); root.scrollIntoView({ block: 'start' }); submitButton.focus({ preventScroll: true }); return; }
    if (button.classList.contains('summary-go')) {
      const fs = fieldsets.find(f => f.dataset.slot === button.dataset.slot);
      closeSummary();
      goTo(pageOf(fs));
      fs.scrollIntoView({ block: 'start' });
      const first = fs.querySelector('input:not([type=hidden]), select, textarea');
      if (first) first.focus({ preventScroll: true });
      return;
    }
    if (button.name === 'flag') { e.preventDefault(); toggleFlag(button.closest('fieldset.question')); return; }
    if (button.name === 'go') { e.preventDefault(); goTo(+button.value); }
  });
  window.addEventListener('online', () => { if (submitWhenOnline) submit(false); else send(); });
  window.addEventListener('offline', () => say('offline'));
  setInterval(send, 15000);
  if (Object.keys(waiting).length || flagsWaiting) send();

  if (timer) {
    const left = document.getElementById('timer-left');
    // Time is up on this page: the server is asked once (with what the page still holds) whether the deadline moved.
    const timeUp = async () => {
      try {
        const reply = await post(held(), flagsWaiting);
        if (reply.ok) {
          accept(await reply.json());
          if (deadline - (Date.now() + skew) > 1000) {
            handle = setInterval(tick, 1000);
            return;
          }
        }
      } catch { /* offline: submitted below with what the page holds */ }
      say('timeup');
      submit(false);
    };
    const tick = () => {
      const ms = deadline - (Date.now() + skew);
      if (ms <= 0) {
        left.textContent = '0:00';
        clearInterval(handle);
        timeUp();
        return;
      }
      if (ms > 86400000) return; // more than a day (a close date, not a time limit): the page says until when
      const s = Math.ceil(ms / 1000);
      const h = Math.floor(s / 3600);
      const m = Math.floor((s % 3600) / 60);
      left.textContent = (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(s % 60).padStart(2, '0');
      timer.classList.toggle('timer-low', s <= 60);
    };
    let handle = setInterval(tick, 1000);
    tick();
  }
})();

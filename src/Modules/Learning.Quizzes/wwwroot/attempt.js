// The attempt page: saves each answer as it changes, keeps what the server has not confirmed in local storage (so a lost
// connection, a reload or a closed tab loses nothing), sends it when the connection returns, turns pages without the network,
// and counts down by the server's clock. Without this script the page still works: its buttons post the form.
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

  function write() {
    try { localStorage.setItem(storeKey, JSON.stringify(waiting)); } catch { /* private mode: the memory copy still goes */ }
  }

  function say(kind, text) {
    status.dataset.state = kind;
    const count = Object.keys(waiting).length;
    status.textContent = text || (status.dataset[kind] || '').replace('{0}', count).replace('{1}', new Date().toLocaleTimeString());
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

  function post(answers) {
    return fetch('/api/quizzes/attempts/' + id + '/answers', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
      body: JSON.stringify({ page, answers }),
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
    if (slots.length === 0 && !pageChanged) return;
    if (!navigator.onLine) { say('offline'); return; }
    sending = true;
    say('sending');
    let retry = false;
    try {
      const reply = await post(held());
      if (reply.ok) {
        accept(await reply.json());
        pageChanged = false;
        say(Object.keys(waiting).length ? 'waiting' : 'saved');
        retry = Object.keys(waiting).length > 0;
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

  // Each page's button: all of its questions answered ("done"), some ("part"), or none; its label says how many.
  function markPages() {
    const dots = document.getElementById('page-dots');
    if (!dots) return;
    dots.querySelectorAll('.dot').forEach(d => {
      const onPage = fieldsets.filter(fs => +fs.closest('.attempt-page').dataset.page === +d.value);
      const answered = onPage.filter(isAnswered).length;
      d.classList.toggle('done', onPage.length > 0 && answered === onPage.length);
      d.classList.toggle('part', answered > 0 && answered < onPage.length);
      d.setAttribute('aria-label', dots.dataset.label.replace('{0}', +d.value + 1).replace('{2}', answered).replace('{3}', onPage.length));
    });
  }

  function submit(ask) {
    const missing = unanswered();
    const pages = [...new Set(missing.map(fs => +fs.closest('.attempt-page').dataset.page + 1))].join(', ');
    if (ask && !confirm(missing.length > 0 ? status.dataset.unanswered.replace('{0}', missing.length).replace('{1}', pages) : status.dataset.confirm)) return;
    if (!navigator.onLine) {
      submitWhenOnline = true;
      say('offline');
      return;
    }
    document.getElementById('attempt-pending').value = JSON.stringify(held());
    stopped = true;
    form.requestSubmit(submitButton);
  }

  // Answers the server never confirmed (a reload while offline, a closed tab) come back, newer than what the page shows.
  fieldsets.forEach(fs => {
    const pending = waiting[fs.dataset.slot];
    if (!pending) return;
    if (pending.seq <= (+fs.dataset.seq || 0)) delete waiting[fs.dataset.slot];
    else { show(fs, pending.response); fs.dataset.seq = pending.seq; }
  });
  write();
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
    if (button === submitButton) { e.preventDefault(); submit(true); return; }
    if (button.name === 'go') { e.preventDefault(); goTo(+button.value); }
  });
  window.addEventListener('online', () => { if (submitWhenOnline) submit(false); else send(); });
  window.addEventListener('offline', () => say('offline'));
  setInterval(send, 15000);
  if (Object.keys(waiting).length) send();

  if (timer) {
    const left = document.getElementById('timer-left');
    // Time is up on this page: the server is asked once (with what the page still holds) whether the deadline moved.
    const timeUp = async () => {
      try {
        const reply = await post(held());
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

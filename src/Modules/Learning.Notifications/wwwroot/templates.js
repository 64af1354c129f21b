// Refreshes the template preview as the administrator types (the Preview button does the same without JavaScript).
(function () {
    var form = document.getElementById('template-form');
    if (!form || !window.fetch) { return; }
    var timer = null, pending = null;
    var subject = document.getElementById('preview-subject');
    var frame = document.getElementById('preview-html');
    var text = document.getElementById('preview-text');
    var box = document.getElementById('template-errors');

    function refresh() {
        var data = new FormData(form);
        if (pending) { pending.abort(); }
        pending = new AbortController();
        fetch(form.getAttribute('action') + '&handler=PreviewJson', { method: 'POST', body: data, signal: pending.signal, credentials: 'same-origin' })
            .then(function (r) { return r.ok ? r.json() : null; })
            .then(function (p) {
                if (!p) { return; }
                if (p.subject !== null) { subject.textContent = p.subject; }
                if (p.html !== null) { frame.setAttribute('srcdoc', p.html); }
                if (p.text !== null) { text.textContent = p.text; }
                var list = box.querySelector('ul');
                list.replaceChildren.apply(list, p.errors.map(function (e) { var li = document.createElement('li'); li.textContent = e; return li; }));
                box.hidden = p.errors.length === 0;
            })
            .catch(function () { });
    }

    form.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(refresh, 500);
    });
})();

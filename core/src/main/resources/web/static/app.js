// Hookline dashboard: progressive enhancements only. Every form works without this file.
(function () {
  'use strict';

  function csrfOf(form) {
    var f = form.querySelector('input[name="csrf"]');
    return f ? f.value : '';
  }

  // Copy buttons: data-copy="#id" copies that element's text.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-copy]');
    if (!b) return;
    var el = document.querySelector(b.getAttribute('data-copy'));
    if (!el) return;
    var text = el.textContent;
    var done = function () {
      var label = b.textContent;
      b.textContent = 'Copied';
      b.setAttribute('aria-live', 'polite');
      setTimeout(function () { b.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { selectCopy(el); done(); });
    } else {
      selectCopy(el);
      done();
    }
  });

  function selectCopy(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { document.execCommand('copy'); } catch (ignored) { /* the text stays selected for Ctrl+C */ }
  }

  // Body-template variables: insert at the cursor of the step's body.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button[data-insert]');
    if (!b) return;
    var t = document.getElementById(b.getAttribute('data-target'));
    if (!t) return;
    var token = b.getAttribute('data-insert');
    var start = t.selectionStart == null ? t.value.length : t.selectionStart;
    var end = t.selectionEnd == null ? start : t.selectionEnd;
    t.value = t.value.slice(0, start) + token + t.value.slice(end);
    t.focus();
    t.selectionStart = t.selectionEnd = start + token.length;
  });

  // Forms with data-inplace="#target" (the Test button) put the server's answer in place.
  document.addEventListener('submit', function (e) {
    var form = e.target;
    var sel = form.getAttribute('data-inplace');
    if (!sel || !window.fetch) return;
    var target = document.querySelector(sel);
    if (!target) return;
    e.preventDefault();
    var buttons = document.querySelectorAll('button[form="' + form.id + '"]');
    buttons.forEach(function (b) { b.disabled = true; b.dataset.label = b.textContent; b.textContent = 'Testing…'; });
    target.setAttribute('aria-busy', 'true');
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfOf(form), 'X-Hookline-Fragment': '1', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (r) {
      if (r.status === 401) { window.location.assign('/sign-in?next=' + encodeURIComponent(location.pathname)); return null; }
      return r.text();
    }).then(function (html) {
      if (html == null) return;
      target.innerHTML = html; // rendered and escaped by the server's templates
      var panel = target.querySelector('[tabindex="-1"]');
      if (panel) panel.focus();
    }).catch(function () {
      form.submit(); // fall back to the plain post
    }).finally(function () {
      target.removeAttribute('aria-busy');
      buttons.forEach(function (b) { b.disabled = false; b.textContent = b.dataset.label; });
    });
  });

  // Connector picker: show that connector's settings and open its set-up guide.
  function showConnector(select) {
    var id = select.value;
    document.querySelectorAll('[data-for-connector]').forEach(function (el) {
      el.hidden = el.getAttribute('data-for-connector') !== id;
    });
    document.querySelectorAll('details.guide').forEach(function (d) {
      d.open = d.getAttribute('data-connector') === id;
    });
  }

  // Header rows: added and removed in place (without this file the buttons post the form and the page comes back with the change).
  document.addEventListener('click', function (e) {
    var add = e.target.closest('#add-header');
    var remove = e.target.closest('button.remove-header');
    var list = document.getElementById('header-rows');
    if ((!add && !remove) || !list) return;
    e.preventDefault();
    var rows = list.querySelectorAll('li.header-row');
    if (remove) {
      var row = remove.closest('li.header-row');
      if (rows.length > 1) {
        row.remove();
      } else {
        row.querySelectorAll('input').forEach(function (i) { i.value = ''; });
      }
      var focus = document.getElementById('add-header') || list.querySelector('input');
      if (focus) focus.focus();
      return;
    }
    var template = document.getElementById('header-row-template');
    if (!template || rows.length > 20) return;
    var next = 0;
    rows.forEach(function (r) { next = Math.max(next, (parseInt(r.getAttribute('data-index'), 10) || 0) + 1); });
    var holder = document.createElement('ol');
    holder.innerHTML = template.innerHTML.replace(/__I__/g, String(next)).replace(/__N__/g, String(rows.length + 1)); // the server's own markup
    var added = holder.firstElementChild;
    list.appendChild(added);
    added.querySelector('input').focus();
  });

  // The steps editor's buttons re-render the page: keep the scroll position across them.
  document.addEventListener('click', function (e) {
    var b = e.target.closest('button[name="op"]');
    if (b && b.value !== 'save' && !e.defaultPrevented) sessionStorage.setItem('hookline.scroll', String(window.scrollY));
  });

  document.addEventListener('DOMContentLoaded', function () {
    var connector = document.getElementById('f-connector');
    if (connector) {
      showConnector(connector);
      connector.addEventListener('change', function () { showConnector(connector); });
    }
    document.querySelectorAll('.vars').forEach(function (v) { v.hidden = false; });
    var saved = sessionStorage.getItem('hookline.scroll');
    sessionStorage.removeItem('hookline.scroll');
    var invalid = document.querySelector('[aria-invalid="true"]');
    if (invalid) {
      invalid.focus();
    } else if (saved && document.getElementById('notice')) {
      window.scrollTo(0, parseInt(saved, 10) || 0);
    }
  });
})();

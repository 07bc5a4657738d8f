/* Every page: my list's count, 'Add to my list', the offline service worker. The list stays in
   localStorage: no cookie, nothing sent. */
(function () {
  'use strict';
  var base = new URL('../', document.currentScript.src);
  var key = 'mylist:' + new URL('my-list/', base).pathname;

  function read() {
    try {
      var list = JSON.parse(localStorage.getItem(key) || '[]');
      return Array.isArray(list) ? list.filter(function (s) { return s && typeof s.id === 'string'; }) : [];
    } catch (err) {
      return [];
    }
  }

  function count() {
    var n = read().length;
    document.querySelectorAll('[data-mylist-count]').forEach(function (el) {
      el.textContent = n ? ' (' + n + ')' : '';
    });
  }

  count();
  window.addEventListener('storage', count);
  document.addEventListener('mylist-change', count);

  var button = document.querySelector('button[data-mylist-add]');
  if (button) {
    var id = button.getAttribute('data-mylist-add');
    var box = button.parentNode;
    var status = box.querySelector('[role="status"]');
    var said = JSON.parse(button.getAttribute('data-i18n') || '{}');  // words in another language
    var show = function () {
      var saved = read().some(function (s) { return s.id === id; });
      button.setAttribute('aria-pressed', String(saved));
      status.textContent = saved ? said.saved || 'Saved on your list.' : '';
    };
    button.addEventListener('click', function () {
      var list = read();
      var saved = list.some(function (s) { return s.id === id; });
      list = saved ? list.filter(function (s) { return s.id !== id; })
        : list.concat([{id: id, name: button.getAttribute('data-name') || id}]);
      try { localStorage.setItem(key, JSON.stringify(list)); } catch (err) { status.textContent = said.failed || 'Your list could not be saved in this browser.'; return; }
      show();
      count();
    });
    show();
    box.hidden = false;
  }

  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register(new URL('sw.js', base).href).catch(function () {});
  }
})();

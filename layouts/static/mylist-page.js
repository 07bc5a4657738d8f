/* /my-list/: the services saved on this device, each with its key facts and contacts taken
   from its own page (so they are as up to date as the site, and kept for use offline), in the
   same form as the printable booklets. A list can be shared as a link: ?s=id,id,... */
(function () {
  'use strict';
  var root = document.getElementById('my-list');
  if (!root) return;
  var servicesPath = root.getAttribute('data-services');
  var translated = (root.getAttribute('data-translated') || '').split(' ');
  // The same list in every language: keyed, as site.js keys it, by the English page's path.
  var key = 'mylist:' + new URL('../my-list/', document.currentScript.src).pathname;
  var shared = new URLSearchParams(location.search).get('s');
  // The page's words in another language are on the list (data-i18n); English is here.
  var said = Object.assign({
    shared: {one: 'Someone shared this list of {n} service with you.', other: 'Someone shared this list of {n} services with you.'},
    save: 'Save this list on this device', savedList: 'The list is saved on this device.',
    empty: 'Your list is empty. On any service\u2019s page, choose \u201cAdd to my list\u201d to save it here.',
    count: {one: '{n} service saved on this device.', other: '{n} services saved on this device.'},
    print: 'Print my list', send: 'Send this list to someone', anyone: 'Anyone who opens this link sees the same list:',
    address: 'Address to copy', copy: 'Copy the address', copied: 'The address is copied.',
    select: 'Select the address and copy it.', contact: 'Contact', more: 'More about it:', loading: 'Loading\u2026',
    gone: 'This service is no longer listed. It may have closed or changed its name: contact the Local Offer team to find out more.',
    offline: 'This service could not be loaded: you may be offline. Try again when you are connected.',
    remove: 'Remove from my list', removeName: 'Remove from my list: {name}', removed: '{name} is removed from your list.'
  }, JSON.parse(root.getAttribute('data-i18n') || '{}'));
  var plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function counted(forms, n) { return fill(forms[plural.select(n)] || forms.other, {n: n}); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function read() {
    try {
      var list = JSON.parse(localStorage.getItem(key) || '[]');
      return Array.isArray(list) ? list.filter(function (s) { return s && typeof s.id === 'string'; }) : [];
    } catch (err) {
      return [];
    }
  }

  function write(list) {
    localStorage.setItem(key, JSON.stringify(list));
    document.dispatchEvent(new Event('mylist-change'));
  }

  function ids(text) {
    return (text || '').split(',').filter(function (id) { return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id); })
      .map(function (id) { return {id: id, name: id}; });
  }

  function address(list) {
    var url = new URL(root.getAttribute('data-list'), location.href);
    url.search = '?s=' + list.map(function (s) { return s.id; }).join(',');
    return url.href;
  }

  /* Copies of the parts of a service's page a booklet shows, in the booklet's order. */
  function entryFrom(doc, url) {
    var page = doc.querySelector('article.service');
    var keyBox = page && page.querySelector('.key');
    if (!keyBox) return null;
    var parts = [];
    var take = function (node) { if (node) parts.push(document.importNode(node, true)); };
    var title = el('h2');
    title.appendChild(el('a', {href: url}, page.querySelector('h1').textContent));
    parts.push(title);
    take(page.querySelector('.lead'));
    take(page.querySelector('.notice'));
    take(keyBox.querySelector('.due'));
    take(keyBox.querySelector('dl.facts'));
    var how = keyBox.querySelector('#how');
    if (how) {
      parts.push(el('h3', {}, how.textContent));
      for (var n = how.nextElementSibling; n && !n.matches('dl, h2'); n = n.nextElementSibling) take(n);
    }
    parts.push(el('h3', {}, said.contact));
    take(keyBox.querySelector('ul.contact'));
    var contact = parts[parts.length - 1];
    var more = el('li', {}, said.more + ' ');
    more.appendChild(el('a', {href: url}, new URL(url, location.href).href));
    contact.appendChild(more);
    parts.forEach(function (p) {
      p.querySelectorAll('[id], .icon').forEach(function (n) { if (n.matches('.icon')) n.remove(); else n.removeAttribute('id'); });
    });
    return parts;
  }

  function render(list, isShared) {
    root.querySelectorAll('.no-script, .made').forEach(function (n) { n.remove(); });
    var made = el('div', {'class': 'made'});
    var status = el('p', {role: 'status', 'class': 'no-print'});
    if (isShared) {
      made.appendChild(el('p', {'class': 'lead'}, counted(said.shared, list.length)));
      var save = el('button', {type: 'button', 'class': 'no-print'}, said.save);
      save.addEventListener('click', function () {
        var mine = read();
        list.forEach(function (s) { if (!mine.some(function (m) { return m.id === s.id; })) mine.push(s); });
        write(mine);
        history.replaceState(null, '', root.getAttribute('data-list'));
        render(read(), false);
        root.querySelector('[role="status"]').textContent = said.savedList;
      });
      made.appendChild(el('p', {'class': 'no-print'})).appendChild(save);
    } else if (!list.length) {
      made.appendChild(el('p', {'class': 'lead'}, said.empty));
    } else {
      made.appendChild(el('p', {'class': 'lead'}, counted(said.count, list.length)));
    }
    made.appendChild(status);
    if (list.length) {
      var tools = el('div', {'class': 'no-print tools'});
      var print = el('button', {type: 'button'}, said.print);
      print.addEventListener('click', function () { window.print(); });
      tools.appendChild(el('p')).appendChild(print);
      tools.appendChild(el('h2', {id: 'share'}, said.send));
      var link = address(list);
      var p = tools.appendChild(el('p', {}, said.anyone + ' '));
      p.appendChild(el('a', {href: link, 'class': 'share-link'}, link));
      tools.appendChild(el('label', {'for': 'share-address'}, said.address));
      var row = tools.appendChild(el('p', {'class': 'row'}));
      var input = row.appendChild(el('input', {id: 'share-address', type: 'text', readonly: '', value: link}));
      var copy = row.appendChild(el('button', {type: 'button'}, said.copy));
      copy.addEventListener('click', function () {
        input.select();
        var done = function () { status.textContent = said.copied; };
        if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, function () { status.textContent = said.select; });
        else { document.execCommand('copy'); done(); }
      });
      made.appendChild(tools);
    }
    root.appendChild(made);
    list.forEach(function (s) {
      var url = (translated.indexOf(s.id) >= 0 ? root.getAttribute('data-here') : servicesPath) + s.id + '/';
      var section = made.appendChild(el('section', {'class': 'entry', 'data-id': s.id}));
      section.appendChild(el('h2', {}, s.name));
      section.appendChild(el('p', {}, said.loading));
      fetch(url).then(function (res) {
        if (res.status === 404 || res.status === 410) return 'gone';
        if (!res.ok) throw new Error(res.status);
        return res.text();
      }).then(function (html) {
        var doc = html === 'gone' ? null : new DOMParser().parseFromString(html, 'text/html');
        var parts = doc && entryFrom(doc, url);
        section.textContent = '';
        // Copied in the language of the page they came from (English, where a service has no translation).
        var lang = doc && doc.documentElement.lang !== document.documentElement.lang ? doc.documentElement.lang : '';
        if (parts) {
          parts.forEach(function (p) { if (lang) p.setAttribute('lang', lang); section.appendChild(p); });
        } else {
          section.classList.add('gone');
          section.appendChild(el('h2', {}, s.name));
          section.appendChild(el('p', {}, said.gone));
        }
        finish(section, s, isShared);
      }, function () {
        section.lastChild.textContent = said.offline;
        finish(section, s, isShared);
      });
    });
  }

  function finish(section, s, isShared) {
    if (isShared) return;
    var remove = el('button', {type: 'button', 'class': 'no-print'}, said.remove);
    remove.setAttribute('aria-label', fill(said.removeName, {name: section.querySelector('h2').textContent}));
    remove.addEventListener('click', function () {
      write(read().filter(function (m) { return m.id !== s.id; }));
      render(read(), false);
      var status = root.querySelector('[role="status"]');
      status.textContent = fill(said.removed, {name: section.querySelector('h2').textContent});
      var heading = root.querySelector('h1');
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    });
    section.appendChild(el('p', {'class': 'no-print'})).appendChild(remove);
  }

  var sharedList = ids(shared);
  render(sharedList.length ? sharedList : read(), sharedList.length > 0);
})();

/* /my-list/: the services saved on this device, each with its key facts and contacts taken
   from its own page (so they are as up to date as the site, and kept for use offline), in the
   same form as the printable booklets. A list can be shared as a link: ?s=id,id,... */
(function () {
  'use strict';
  var root = document.getElementById('my-list');
  if (!root) return;
  var servicesPath = root.getAttribute('data-services');
  var key = 'mylist:' + root.getAttribute('data-list');
  var shared = new URLSearchParams(location.search).get('s');

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
    parts.push(el('h3', {}, 'Contact'));
    take(keyBox.querySelector('ul.contact'));
    var contact = parts[parts.length - 1];
    var more = el('li', {}, 'More about it: ');
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
      made.appendChild(el('p', {'class': 'lead'}, 'Someone shared this list of ' + list.length + ' services with you.'));
      var save = el('button', {type: 'button', 'class': 'no-print'}, 'Save this list on this device');
      save.addEventListener('click', function () {
        var mine = read();
        list.forEach(function (s) { if (!mine.some(function (m) { return m.id === s.id; })) mine.push(s); });
        write(mine);
        history.replaceState(null, '', root.getAttribute('data-list'));
        render(read(), false);
        root.querySelector('[role="status"]').textContent = 'The list is saved on this device.';
      });
      made.appendChild(el('p', {'class': 'no-print'})).appendChild(save);
    } else if (!list.length) {
      made.appendChild(el('p', {'class': 'lead'}, 'Your list is empty. On any service\'s page, choose "Add to my list" to save it here.'));
    } else {
      made.appendChild(el('p', {'class': 'lead'}, list.length === 1 ? '1 service saved on this device.' : list.length + ' services saved on this device.'));
    }
    made.appendChild(status);
    if (list.length) {
      var tools = el('div', {'class': 'no-print tools'});
      var print = el('button', {type: 'button'}, 'Print my list');
      print.addEventListener('click', function () { window.print(); });
      tools.appendChild(el('p')).appendChild(print);
      tools.appendChild(el('h2', {id: 'share'}, 'Send this list to someone'));
      var link = address(list);
      var p = tools.appendChild(el('p', {}, 'Anyone who opens this link sees the same list: '));
      p.appendChild(el('a', {href: link, 'class': 'share-link'}, link));
      tools.appendChild(el('label', {'for': 'share-address'}, 'Address to copy'));
      var row = tools.appendChild(el('p', {'class': 'row'}));
      var input = row.appendChild(el('input', {id: 'share-address', type: 'text', readonly: '', value: link}));
      var copy = row.appendChild(el('button', {type: 'button'}, 'Copy the address'));
      copy.addEventListener('click', function () {
        input.select();
        var done = function () { status.textContent = 'The address is copied.'; };
        if (navigator.clipboard) navigator.clipboard.writeText(link).then(done, function () { status.textContent = 'Select the address and copy it.'; });
        else { document.execCommand('copy'); done(); }
      });
      made.appendChild(tools);
    }
    root.appendChild(made);
    list.forEach(function (s) {
      var url = servicesPath + s.id + '/';
      var section = made.appendChild(el('section', {'class': 'entry', 'data-id': s.id}));
      section.appendChild(el('h2', {}, s.name));
      section.appendChild(el('p', {}, 'Loading…'));
      fetch(url).then(function (res) {
        if (res.status === 404 || res.status === 410) return 'gone';
        if (!res.ok) throw new Error(res.status);
        return res.text();
      }).then(function (html) {
        var parts = html === 'gone' ? null : entryFrom(new DOMParser().parseFromString(html, 'text/html'), url);
        section.textContent = '';
        if (parts) parts.forEach(function (p) { section.appendChild(p); });
        else {
          section.classList.add('gone');
          section.appendChild(el('h2', {}, s.name));
          section.appendChild(el('p', {}, 'This service is no longer listed. It may have closed or changed its name: contact the Local Offer team to find out more.'));
        }
        finish(section, s, isShared);
      }, function () {
        section.lastChild.textContent = 'This service could not be loaded: you may be offline. Try again when you are connected.';
        finish(section, s, isShared);
      });
    });
  }

  function finish(section, s, isShared) {
    if (isShared) return;
    var remove = el('button', {type: 'button', 'class': 'no-print'}, 'Remove from my list');
    remove.setAttribute('aria-label', 'Remove from my list: ' + section.querySelector('h2').textContent);
    remove.addEventListener('click', function () {
      write(read().filter(function (m) { return m.id !== s.id; }));
      render(read(), false);
      var status = root.querySelector('[role="status"]');
      status.textContent = section.querySelector('h2').textContent + ' is removed from your list.';
      var heading = root.querySelector('h1');
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    });
    section.appendChild(el('p', {'class': 'no-print'})).appendChild(remove);
  }

  var sharedList = ids(shared);
  render(sharedList.length ? sharedList : read(), sharedList.length > 0);
})();

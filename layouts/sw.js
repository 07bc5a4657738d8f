/* The service worker: keeps the few files every page needs, and each page once it has been
   visited, so that they open again without a connection. Pages come from the network when it
   answers, so they are never older than the connection allows. Made by the build: the cache is
   named after the build, and a new build's worker refreshes what the old one kept. */
'use strict';
var S = {{ settings }};
var PREFIX = 'localoffer:' + S.base + ':';
var CACHE = PREFIX + S.version;

function keyOf(url) {
  var u = new URL(url);
  u.search = '';
  u.hash = '';
  return u.href;
}

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(S.shell); })
    .then(function () { return self.skipWaiting(); }));
});

/* Pages kept by an older build are fetched again for this one, then the old cache goes. */
async function carryOver() {
  var fresh = await caches.open(CACHE);
  var names = (await caches.keys()).filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; });
  for (var i = 0; i < names.length; i++) {
    var old = await caches.open(names[i]);
    var requests = await old.keys();
    await Promise.all(requests.map(async function (req) {
      if (await fresh.match(req)) return;
      try {
        var res = await fetch(req.url);
        if (res.ok && !res.redirected) await fresh.put(req.url, res);
      } catch (err) { /* offline: this page is kept again on its next visit */ }
    }));
    await caches.delete(names[i]);
  }
}

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim().then(carryOver));
});

async function fromNetwork(req) {
  var cache = await caches.open(CACHE);
  var key = keyOf(req.url);
  try {
    var res = await fetch(req);
    if (res.ok && !res.redirected && res.type === 'basic') await cache.put(key, res.clone());
    return res;
  } catch (err) {
    var kept = await cache.match(key);
    if (kept) return kept;
    if (req.mode === 'navigate') {
      var path = new URL(req.url).pathname;
      var code = Object.keys(S.offlines || {}).find(function (c) { return path.indexOf(S.base + c + '/') === 0; });
      var offline = await cache.match(code ? S.offlines[code] : S.offline);
      if (offline) return offline;
    }
    throw err;
  }
}

async function fromCache(req) {
  var cache = await caches.open(CACHE);
  var kept = await cache.match(keyOf(req.url));
  if (kept) return kept;
  var res = await fetch(req);
  if (res.ok && res.type === 'basic') await cache.put(keyOf(req.url), res.clone());
  return res;
}

self.addEventListener('fetch', function (event) {
  var req = event.request;
  var url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || url.pathname.indexOf(S.base) !== 0) return;
  if (url.pathname === S.base + 'sw.js' || S.skip.some(function (p) { return url.pathname.indexOf(p) === 0; })) return;
  /* Files under assets/ change only with a new build, which brings a new cache. */
  event.respondWith(url.pathname.indexOf(S.base + 'assets/') === 0 ? fromCache(req) : fromNetwork(req));
});

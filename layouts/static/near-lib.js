// 'Near a postcode': services sorted by distance, worked out in the browser. near.js loads this
// file only when a family asks; it fetches the postcode table and the services' places from this
// site, and the postcode or position never leaves the device (it is kept in the address after
// '#', which is not sent). window.localofferNear is the API other pages (search) can use.
(function () {
  "use strict";
  var FULL = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])([A-Z]{2})$/;
  var SECTOR = /^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])$/;
  var DISTRICT = /^([A-Z]{1,2}[0-9][0-9A-Z]?)$/;
  var loaded = {};
  // The page's words in another language are on the form (data-i18n); English is here.
  var form0 = document.getElementById("near");
  var said = Object.assign({
    enter: "Enter a postcode, like SW1A 1AA, or the first half, like SW1A.",
    notPostcode: "\u2018{text}\u2019 is not a postcode. A postcode looks like SW1A 1AA, or the first half, like SW1A.",
    northernIreland: "Northern Ireland postcodes (BT) are not in this site\u2019s postcode list: they are under a different licence. Try \u2018Use my location\u2019, or look at services by area.",
    notFound: "We could not find {district} among the postcodes of Great Britain. Check the postcode, or try the first half only.",
    lessMile: "less than a mile", lessFive: "less than 5 miles", about: {one: "about {n} mile", other: "about {n} miles"},
    everywhere: "no fixed place: available across {areas}", nearest: "Nearest to {place}",
    found: {one: "{n} service, nearest first.", other: "{n} services, nearest first."},
    foundWithin: {one: "{n} service within {distance}, nearest first.", other: "{n} services within {distance}, nearest first."},
    miles: {one: "{n} mile", other: "{n} miles"}, straight: "Distances are straight lines.",
    straightFrom: "Distances are straight lines, from the middle of {place}.", showAll: "Show the full list again",
    locations: "Postcode locations: {attribution}", none: "No services found. Try a longer distance.",
    noneWithin: "No services within {distance}. Try a longer distance.", finding: "Finding {postcode}\u2026",
    listFailed: "The postcode list could not be loaded. Check your connection and try again.",
    asking: "Asking your browser where you are\u2026", yourLocation: "your location",
    denied: "Your browser did not share your location. Type your postcode instead."
  }, JSON.parse((form0 && form0.getAttribute("data-i18n")) || "{}"));
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }
  function counted(forms, n, values) { return fill(forms[plural.select(n)] || forms.other, Object.assign({n: n}, values)); }

  function fetchJSON(url) {
    if (!loaded[url]) {
      loaded[url] = fetch(url, {credentials: "same-origin"}).then(function (r) {
        if (!r.ok) throw new Error(url);
        return r.json();
      });
    }
    return loaded[url];
  }

  // {district, sector, text} for a full, sector or district postcode in any case or spacing.
  function parse(text) {
    var compact = String(text || "").replace(/\s+/g, "").toUpperCase();
    var m = FULL.exec(compact) || SECTOR.exec(compact);
    if (m) return {district: m[1], sector: m[2], text: m[1] + " " + compact.slice(m[1].length)};
    m = DISTRICT.exec(compact);
    return m ? {district: m[1], sector: "", text: m[1]} : null;
  }

  function miles(a, b) {
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.sqrt(h)) / 1.609344;
  }

  // Rounded no finer than the points are known (the same rule as geography.about in Python).
  function about(distance, precisions) {
    var step = precisions.indexOf("d") >= 0 ? 5 : 1;
    if (distance < step) return step === 1 ? said.lessMile : said.lessFive;
    return counted(said.about, Math.max(step, Math.round(distance / step) * step));
  }

  // Where a postcode is: {point, precision, label} or {error}.
  function locate(text, tableUrl) {
    var code = parse(text);
    if (!String(text || "").trim()) return Promise.resolve({error: said.enter});
    if (!code) return Promise.resolve({error: fill(said.notPostcode, {text: text})});
    if (code.district.indexOf("BT") === 0) {
      return Promise.resolve({error: said.northernIreland});
    }
    return fetchJSON(tableUrl).then(function (table) {
      var entry = table.districts[code.district];
      if (!entry) return {error: fill(said.notFound, {district: code.district})};
      var sector = code.sector && entry[2][code.sector];
      if (sector) return {point: sector, precision: "s", label: code.text};
      return {point: [entry[0], entry[1]], precision: "d", label: code.district};
    });
  }

  // Services matching `filter` ({theme, min, max}), nearest first, within `within` miles when
  // given; those with no place but areas they serve come after, as available across them.
  function rank(data, origin, filter, within) {
    var theme = filter.theme ? data.themes.indexOf(filter.theme) : -1, near = [], everywhere = [];
    data.services.forEach(function (s) {
      if (theme >= 0 && s[2].indexOf(theme) < 0) return;
      if (filter.min !== null && (s[3] > filter.max || s[4] < filter.min)) return;
      var best = null;
      s[5].forEach(function (p) {
        var d = miles(origin.point, p);
        if (best === null || d < best.miles) best = {miles: d, precision: p[2]};
      });
      var item = {url: s[0], name: s[1], areas: s[6].map(function (i) { return data.areas[i][1]; })};
      if (best) {
        if (within && best.miles > within) return;
        item.miles = best.miles;
        item.text = about(best.miles, [origin.precision, best.precision]);
        near.push(item);
      } else if (item.areas.length) {
        item.text = fill(said.everywhere, {areas: item.areas.join(", ")});
        everywhere.push(item);
      }
    });
    near.sort(function (a, b) { return a.miles - b.miles || (a.name < b.name ? -1 : 1); });
    return {near: near, everywhere: everywhere};
  }

  var started = null;

  // Run a list page's form: `how` is 'postcode', 'here', 'within' or 'address' (from the '#').
  function start(form, how) {
    if (!started) started = listPage(form);
    started(how);
  }

  window.localofferNear = {parse: parse, miles: miles, about: about, locate: locate, rank: rank, load: fetchJSON,
                           start: start};

  function listPage(form) {
  var input = document.getElementById("near-postcode");
  var within = document.getElementById("near-within");
  var here = document.getElementById("near-here");
  var status = document.getElementById("near-status");
  var out = document.getElementById("near-results");
  var all = document.getElementById("near-all");
  var d = form.dataset;

  function say(text) { status.textContent = text; }

  function el(tag, text, parent) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }

  var last = null;

  // Tell the page where the family is; the search page sorts its own results by it (data-words).
  function tell(origin, label, limit) {
    window.localofferNear.origin = origin ? {point: origin.point, precision: origin.precision, label: label,
                                             within: limit} : null;
    document.dispatchEvent(new CustomEvent("localoffer:near"));
  }

  function show(origin, label) {
    last = [origin, label];
    var limit = Number(within.value) || 0;
    var filter = {theme: d.theme || "", min: d.min ? Number(d.min) : null, max: d.max ? Number(d.max) : null};
    tell(origin, label, limit);
    if (d.words) { say(""); return Promise.resolve(); }
    return fetchJSON(d.places).then(function (data) {
      var found = rank(data, origin, filter, limit);
      var count = found.near.length + found.everywhere.length;
      out.textContent = "";
      var h = el("h2", fill(said.nearest, {place: label}), out);
      h.tabIndex = -1;
      var distance = limit ? counted(said.miles, limit) : "";
      el("p", (limit ? counted(said.foundWithin, count, {distance: distance}) : counted(said.found, count)) + " " +
        (origin.precision === "d" ? fill(said.straightFrom, {place: label}) : said.straight), out);
      var list = el("ol", "", out);
      list.className = "cards";
      found.near.concat(found.everywhere).forEach(function (s) {
        var li = el("li", "", list);
        var a = el("a", s.name, el("h3", "", li));
        a.href = s.url;
        el("p", s.text, li).className = "facts";
      });
      var clear = el("a", said.showAll, el("p", "", out));
      clear.href = "#";
      clear.addEventListener("click", function (e) { e.preventDefault(); reset(); });
      el("p", fill(said.locations, {attribution: data.attribution}), out).className = "near-note";
      out.hidden = false;
      if (all) all.hidden = true;
      say(count ? "" : limit ? fill(said.noneWithin, {distance: distance}) : said.none);
      if (!count) out.hidden = true;
      else h.focus();
    });
  }

  function reset() {
    tell(null, "", 0);
    out.hidden = true;
    out.textContent = "";
    if (all) all.hidden = false;
    say("");
    history.replaceState(null, "", location.pathname + location.search);
  }

  function keep(near) {
    var state = "near=" + encodeURIComponent(near) + (within.value ? "&within=" + within.value : "");
    history.replaceState(null, "", location.pathname + location.search + "#" + state);
  }

  function byPostcode(text) {
    say(fill(said.finding, {postcode: text.trim()}));
    return locate(text, d.table).then(function (found) {
      if (found.error) { say(found.error); input.setAttribute("aria-invalid", "true"); input.focus(); return; }
      input.removeAttribute("aria-invalid");
      keep(found.label);
      return show(found, found.label);
    }).catch(function () { say(said.listFailed); });
  }

  function byPosition() {
    say(said.asking);
    navigator.geolocation.getCurrentPosition(function (pos) {
      keep("here");
      show({point: [pos.coords.latitude, pos.coords.longitude], precision: "e", here: true}, said.yourLocation);
    }, function () {
      say(said.denied);
      input.focus();
    }, {maximumAge: 600000, timeout: 20000});
  }

  return function (how) {
    if (how === "postcode") return byPostcode(input.value);
    if (how === "here") return byPosition();
    if (how === "within") {
      if (last && !out.hidden) { keep(last[0].here ? "here" : last[1]); show(last[0], last[1]); }
      return;
    }
    var state = new URLSearchParams(location.hash.slice(1));
    if (state.get("within") && within.querySelector('option[value="' + CSS.escape(state.get("within")) + '"]')) {
      within.value = state.get("within");
    }
    if (state.get("near") === "here" && "geolocation" in navigator) byPosition();
    else if (state.get("near")) { input.value = state.get("near"); byPostcode(input.value); }
  };
  }
})();

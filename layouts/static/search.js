// Search with Pagefind. The page works without this script: it offers the browse links instead.
import { fold, merge, plainUnits, prepare, rewrite } from "./search-query.js";

const $ = (id) => document.getElementById(id);
const form = $("search-form");
const status = $("search-status");
const wordsLine = $("search-words");
const section = $("search-results");
const empty = $("search-empty");
const list = $("results-list");
const more = $("more");
const toggle = $("filter-toggle");
const FILTERS = ["theme", "age", "need", "cost", "area"];
const PAGE_SIZE = 20;
const SORTED = 30; // results loaded at once, so that equal scores and closed services can be ordered
const NOT_EASY = { none: ["Easy read"] };
const SERVICE_BOOST = 2;
const NEAR_SORTED = 200; // results placed by distance: enough for a topic of a big site
const base = new URL("../", import.meta.url).pathname;
// What the page says in another language comes from the page (data-i18n); English is here.
const SAID = Object.assign({
  results: { one: "{n} result", other: "{n} results" },
  resultsFor: { one: "{n} result for “{query}”", other: "{n} results for “{query}”" },
  none: "No results.", noneFor: "No results for “{query}”.", searched: "We searched for: {words}.",
  tryOther: "Try other words or fewer filters, or ask us.", showing: "Showing results for {words}", on: "({n} on)",
  noIndex: "Search is not available on this copy of the site. Please use the links below to browse.",
  broken: "Search is not working right now. Please use the links below to browse.",
  standard: "Standard version of this page", types: {},
}, JSON.parse(form.dataset.i18n || "{}"));
const plural = new Intl.PluralRules(document.documentElement.lang);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
const counted = (forms, n, values) => fill(forms[plural.select(n)] || forms.other, { n, ...values });
// Easy-read pages are for those who came from one; the standard pages for everyone else.
const fromEasyRead = document.referrer.startsWith(location.origin) && /\/easy-read\//.test(document.referrer);
let pagefind = null;
let words = null;
let results = [];
let shown = 0;
let latest = 0;

function chosenFilters(data) {
  const filters = {};
  for (const key of FILTERS) {
    const values = data.getAll(key).filter(Boolean);
    if (values.length) filters[key] = key === "age" ? values[0] : { any: values };
  }
  return filters;
}

function showCounts(counts) {
  for (const span of document.querySelectorAll(".count")) {
    const n = (counts[span.dataset.filter] || {})[span.dataset.value] || 0;
    span.textContent = `(${n})`;
  }
}

function showFiltersOn(filters) {
  const n = Object.values(filters).reduce((sum, f) => sum + (f.any ? f.any.length : 1), 0);
  $("filter-on").textContent = n ? ` ${fill(SAID.on, { n })}` : "";
}

function fromUrl() {
  const params = new URLSearchParams(location.search);
  // Words typed while the script was loading are the family's: only an address with q replaces them.
  if (params.has("q") || document.activeElement !== form.elements.q) form.elements.q.value = params.get("q") || "";
  for (const input of form.elements) {
    if (input.type !== "checkbox" && input.type !== "radio") continue;
    const values = params.getAll(input.name);
    input.checked = input.type === "radio" && !values.length ? input.value === "" : values.includes(input.value);
  }
}

function toUrl(data) {
  const params = new URLSearchParams();
  for (const [key, value] of data) if (value !== "") params.append(key, value);
  const query = params.toString();
  // The postcode stays after '#' (near-lib.js): kept in the address, never sent to the server.
  history.replaceState(null, "", (query ? `?${query}` : location.pathname) + location.hash);
}

/** With a postcode or position given ('Near a postcode'): services nearest first, those beyond the
 * chosen distance left out, then services available across areas, then everything else. */
async function byDistance(found) {
  const near = window.localofferNear;
  const at = near && near.origin;
  if (!at) return found;
  const data = await near.load($("near").dataset.places);
  const ranked = near.rank(data, at, { theme: "", min: null, max: null }, at.within);
  const place = new Map(ranked.near.concat(ranked.everywhere).map((s, i) => [s.url, { i, text: s.text }]));
  const head = await Promise.all(found.slice(0, NEAR_SORTED).map(async (r) => ({ ...r, loaded: r.loaded || await r.data() })));
  const isService = (r) => (r.loaded.filters.type || [])[0] === "Service";
  const where = (r) => place.get(new URL(r.loaded.url, location.href).pathname);
  const kept = head.filter((r) => where(r) || !(at.within && isService(r)));
  for (const r of kept) r.loaded.near = (where(r) || {}).text || "";
  const rank = (r) => (where(r) ? where(r).i : place.size + (isService(r) ? 0 : 1));
  const sorted = kept.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i).map((x) => x.r);
  return at.within ? sorted : sorted.concat(found.slice(NEAR_SORTED)); // the rest unplaced, as found
}

/** The page's own summary; for a page without one, its opening words, never its navigation. */
function summaryOf(data) {
  if (data.meta.summary) return data.meta.summary;
  const text = (data.content || "").replace(data.meta.title || "", "").replace(SAID.standard, "");
  const words = text.trim().split(/\s+/).slice(0, 30).join(" ");
  return words ? `${words}…` : "";
}

function item(data) {
  const li = document.createElement("li");
  const h3 = document.createElement("h3");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h3.append(a);
  const summary = document.createElement("p");
  summary.textContent = summaryOf(data);
  li.append(h3, summary);
  const facts = [data.near, data.meta.ages, data.meta.cost, data.meta.status].filter(Boolean);
  const type = (data.filters.type || [])[0];
  if (type && type !== "Service") facts.unshift(SAID.types[type] || type);
  if (facts.length) {
    const p = document.createElement("p");
    p.className = "facts";
    p.textContent = facts.join(" · ");
    li.append(p);
  }
  return li;
}

async function showMore(moveFocus) {
  const next = results.slice(shown, shown + PAGE_SIZE);
  const loaded = await Promise.all(next.map((r) => r.loaded || r.data()));
  const items = loaded.map(item);
  list.append(...items);
  shown += next.length;
  more.hidden = shown >= results.length;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

/** One search per alternative of each term, merged; filter counts are the largest seen. */
async function mergedSearch(units, filters) {
  const counts = {};
  const perUnit = await Promise.all(units.map(async (alternatives) => {
    const found = await Promise.all(alternatives.map((term) => pagefind.search(term, { filters })));
    for (const search of found) {
      for (const [key, values] of Object.entries(search.filters)) {
        counts[key] = counts[key] || {};
        for (const [value, n] of Object.entries(values)) counts[key][value] = Math.max(counts[key][value] || 0, n);
      }
    }
    return found.flatMap((search) => search.results);
  }));
  return { results: merge(perUnit), filters: counts };
}

/** All the terms together first; then each on its own; then the words as typed. */
async function find(query, typed, filters) {
  if (!query) return pagefind.search(null, { filters });
  // Only small words ("support", "help"): search them after all, rather than show nothing.
  const units = typed.units.length ? typed.units : fold(query).split(" ").map((w) => [w]);
  if (units.every((u) => u.length === 1)) {
    const together = await pagefind.search(units.map((u) => u[0]).join(" "), { filters });
    if (together.results.length) return together;
  }
  const each = await mergedSearch(units, filters);
  if (each.results.length) return each;
  const plain = plainUnits(query, words).filter((u) => !units.some((v) => v.includes(u[0])));
  return plain.length ? mergedSearch(plain, filters) : each;
}

async function search(query, filters) {
  const typed = rewrite(query, words);
  const easy = fromEasyRead || typed.easyRead;
  const standard = await find(query, typed, { ...filters, type: NOT_EASY });
  if (!easy) return { search: standard, typed };
  const easyOnes = await find(query, typed, { ...filters, type: "Easy read" });
  const results = easyOnes.results.map((r) => ({ ...r, easy: true })).concat(standard.results);
  return { search: { results, filters: standard.filters }, typed };
}

/** A page named exactly first; temporarily closed services after open ones; equal scores by name. */
function order(head, query) {
  const named = fold(query);
  const isNamed = (d) => Number(fold(d.meta.title) === named);
  const closed = (d) => Number(!!d.meta.status && !isNamed(d));
  // Families look for a service first: a service's score counts double against a guide page's.
  const score = (r) => r.score * ((r.loaded.filters.type || [])[0] === "Service" ? SERVICE_BOOST : 1);
  return head.map((r, i) => ({ r, i })).sort((a, b) =>
    Number(!!b.r.easy) - Number(!!a.r.easy) || isNamed(b.r.loaded) - isNamed(a.r.loaded) || closed(a.r.loaded) - closed(b.r.loaded) ||
    score(b.r) - score(a.r) ||
    a.r.loaded.meta.title.localeCompare(b.r.loaded.meta.title, "en-GB") || a.i - b.i)
    .map((x) => x.r);
}

function say(n, query, typed) {
  const used = typed.words.join(", ");
  const differ = used && fold(used) !== fold(query);
  wordsLine.hidden = !(differ && n);
  wordsLine.textContent = fill(SAID.showing, { words: used });
  if (n) return counted(query ? SAID.resultsFor : SAID.results, n, { query });
  const none = query ? fill(SAID.noneFor, { query }) : SAID.none;
  return [none, used ? fill(SAID.searched, { words: used }) : "", SAID.tryOther].filter(Boolean).join(" ");
}

async function run(updateUrl) {
  const ticket = ++latest;
  const data = new FormData(form);
  const query = (data.get("q") || "").trim();
  const filters = chosenFilters(data);
  if (updateUrl) toUrl(data);
  showFiltersOn(filters);
  const near = window.localofferNear && window.localofferNear.origin;
  const everyService = near && !query && !Object.keys(filters).length; // a postcode alone: all, nearest first
  if (!query && !Object.keys(filters).length && !everyService) {
    section.hidden = empty.hidden = wordsLine.hidden = true;
    status.textContent = "";
    showCounts(await pagefind.filters());
    return;
  }
  const { search: found, typed } = everyService
    ? { search: await pagefind.search(null, { filters: { type: "Service" } }), typed: rewrite("", words) }
    : await search(query, filters);
  if (ticket !== latest) return;
  const head = await Promise.all(found.results.slice(0, SORTED).map(async (r) => ({ ...r, loaded: await r.data() })));
  if (ticket !== latest) return;
  results = order(head, query).concat(found.results.slice(SORTED));
  if (near) results = await byDistance(results);
  if (ticket !== latest) return;
  shown = 0;
  const n = results.length;
  list.replaceChildren();
  await showMore(false);
  showCounts(found.filters);
  section.hidden = !n;
  empty.hidden = !!n;
  status.textContent = say(n, query, typed);
}

function fail(message) {
  document.documentElement.classList.add("search-off");
  status.textContent = message;
}

async function start() {
  if (form.hasAttribute("data-no-index")) {
    return fail(SAID.noIndex);
  }
  try {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base });
    const [data] = await Promise.all([fetch(`${base}assets/search-words.json`).then((r) => r.json()),
      pagefind.filters()]); // filter data first, or counts read (0) on arrival
    words = prepare(data);
  } catch (error) {
    return fail(SAID.broken);
  }
  fromUrl();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true);
  });
  document.addEventListener("change", (event) => {
    if (event.target.form === form && event.target.name !== "q") run(true);
  });
  more.addEventListener("click", () => showMore(true));
  document.addEventListener("localoffer:near", () => run(false));
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    $("filters").classList.toggle("open", open);
  });
  await run(false);
}

start();

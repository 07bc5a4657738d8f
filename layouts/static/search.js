// Search with Pagefind. The page works without this script: it offers the browse links instead.
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const section = document.getElementById("search-results");
const list = document.getElementById("results-list");
const more = document.getElementById("more");
const FILTERS = ["theme", "age", "need", "cost", "area"];
const PAGE_SIZE = 20;
const SORTED = 50; // results whose names are loaded so equal scores can be ordered by name
const base = new URL("../", import.meta.url).pathname;
let pagefind = null;
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
  for (const span of form.querySelectorAll(".count")) {
    const n = (counts[span.dataset.filter] || {})[span.dataset.value] || 0;
    span.textContent = `(${n})`;
  }
}

function fromUrl() {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  for (const input of form.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    const values = params.getAll(input.name);
    input.checked = input.type === "radio" && !values.length ? input.value === "" : values.includes(input.value);
  }
}

function toUrl(data) {
  const params = new URLSearchParams();
  for (const [key, value] of data) if (value !== "") params.append(key, value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function item(result) {
  const li = document.createElement("li");
  const h3 = document.createElement("h3");
  const a = document.createElement("a");
  a.href = result.url;
  a.textContent = result.meta.title || result.url;
  h3.append(a);
  const summary = document.createElement("p");
  const excerpt = document.createElement("div");
  excerpt.innerHTML = result.excerpt || "";
  summary.textContent = result.meta.summary || excerpt.textContent;
  li.append(h3, summary);
  const facts = [result.meta.ages, result.meta.cost, result.meta.status].filter(Boolean);
  const type = (result.filters.type || [])[0];
  if (type && type !== "Service") facts.unshift(type);
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
  const loaded = await Promise.all(next.map((r) => (r.loaded ? r.loaded : r.data())));
  const items = loaded.map(item);
  list.append(...items);
  shown += next.length;
  more.hidden = shown >= results.length;
  if (moveFocus && items.length) items[0].querySelector("a").focus();
}

async function run(updateUrl) {
  const ticket = ++latest;
  const data = new FormData(form);
  const query = (data.get("q") || "").trim();
  const filters = chosenFilters(data);
  if (updateUrl) toUrl(data);
  if (!query && !Object.keys(filters).length) {
    section.hidden = true;
    status.textContent = "";
    showCounts(await pagefind.filters());
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  if (ticket !== latest) return;
  showCounts(search.filters);
  const head = await Promise.all(search.results.slice(0, SORTED).map(async (r) => ({ score: r.score, loaded: await r.data() })));
  if (ticket !== latest) return;
  head.sort((a, b) => b.score - a.score || a.loaded.meta.title.localeCompare(b.loaded.meta.title, "en-GB"));
  results = head.concat(search.results.slice(SORTED));
  shown = 0;
  list.replaceChildren();
  section.hidden = false;
  await showMore(false);
  const n = results.length;
  const words = query ? ` for “${query}”` : "";
  status.textContent = n ? `${n} ${n === 1 ? "result" : "results"}${words}` : `No results${words}. Try other words, fewer filters, or browse below.`;
}

async function start() {
  if (form.hasAttribute("data-no-index")) {
    status.textContent = "Search is not available on this copy of the site. Please use the links below to browse.";
    return;
  }
  try {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base });
  } catch (error) {
    status.textContent = "Search is not working right now. Please use the links below to browse.";
    return;
  }
  document.getElementById("no-js").hidden = true;
  document.getElementById("filters").hidden = false;
  fromUrl();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true);
  });
  form.addEventListener("change", (event) => {
    if (event.target.name !== "q") run(true);
  });
  more.addEventListener("click", () => showMore(true));
  await run(false);
}

start();

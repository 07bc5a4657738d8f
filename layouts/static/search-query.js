// Turns what a family types into search terms. Pure functions, so the page and its tests share
// them; the words come from /assets/search-words.json, made at build time from data files.

const MAX_GAP = 2; // small words allowed between the words of a phrase: "doesnt really speak"

/** Lower case, no accents or apostrophes, only letters and digits: "Doesn’t" -> "doesnt". */
export function fold(text) {
  return (text || "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’‘`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A rough English stem, only for matching phrases: "talking", "talks", "talk" -> "talk". */
export function stem(word) {
  if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

function tokens(text, spelling) {
  const out = [];
  for (const word of fold(text).split(" ").filter(Boolean)) {
    for (const w of (spelling.get(word) || word).split(" ")) out.push({ word: w, stem: stem(w) });
  }
  return out;
}

/** Ready-to-use form of the words file: sets, maps and phrases filed under their first stem. */
export function prepare(data) {
  const spelling = new Map(Object.entries(data.spelling || {}).map(([k, v]) => [fold(k), fold(v)]));
  const stop = new Set();
  for (const w of data.stop || []) for (const t of tokens(w, new Map())) stop.add(t.word).add(t.stem);
  const phrases = new Map();
  for (const [key, targets] of Object.entries(data.phrases || {})) {
    const stems = tokens(key, spelling).map((t) => t.stem);
    if (!stems.length) continue;
    const list = phrases.get(stems[0]) || [];
    list.push({ stems, targets: [].concat(targets).map(String) });
    phrases.set(stems[0], list);
  }
  for (const list of phrases.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  return { spelling, stop, phrases };
}

function matchAt(toks, i, stems, stop) {
  let j = i;
  let gaps = 0;
  for (let k = 0; k < stems.length; k++) {
    while (k > 0 && j < toks.length && toks[j].stem !== stems[k] && stop.has(toks[j].word) && gaps < MAX_GAP) {
      j++;
      gaps++;
    }
    if (j >= toks.length || toks[j].stem !== stems[k]) return -1;
    j++;
  }
  return j;
}

/**
 * What to search for: `units` is a list of terms, each a list of alternatives (any may match);
 * `easyRead` says the words asked for easy read; `words` are the terms to show the family.
 */
export function rewrite(text, words) {
  const toks = tokens(text, words.spelling);
  const units = [];
  let easyRead = false;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i];
    if ((t.word === "easy" && toks[i + 1] && toks[i + 1].word === "read") || t.word === "easyread") {
      easyRead = true;
      i += t.word === "easy" ? 2 : 1;
      continue;
    }
    const found = (words.phrases.get(t.stem) || []).map((p) => [p, matchAt(toks, i, p.stems, words.stop)])
      .find(([, end]) => end > i);
    if (found) {
      units.push(found[0].targets);
      i = found[1];
      continue;
    }
    if (!words.stop.has(t.word) && !words.stop.has(t.stem) && !/^\d+$/.test(t.word)) units.push([t.word]);
    i++;
  }
  const seen = new Set();
  const unique = units.filter((u) => !seen.has(u.join("|")) && seen.add(u.join("|")));
  return { units: unique, easyRead, words: [...new Set(unique.flat())] };
}

/** The words a family typed, folded, with nothing dropped: the last try before an empty page. */
export function plainUnits(text, words) {
  return [...new Set(tokens(text, words.spelling).map((t) => t.word))]
    .filter((w) => w.length > 2 && !words.stop.has(w)).map((w) => [w]);
}

/**
 * Merge the results of one search per term. Each term gives a page its score over the term's
 * best, weighted up for terms fewer pages have: a page strong on one term (name, keywords) can
 * beat one that only mentions several, and pages matching more terms add up more.
 */
export function merge(perUnit) {
  const byId = new Map();
  perUnit.forEach((results, unit) => {
    const top = Math.max(...results.map((r) => r.score), 1e-9);
    const rare = 1 / Math.log(Math.E + results.length); // a term few pages have says more
    for (const r of results) {
      const entry = byId.get(r.id) || { result: r, best: new Map() };
      entry.best.set(unit, Math.max(entry.best.get(unit) || 0, (rare * r.score) / top));
      byId.set(r.id, entry);
    }
  });
  const merged = [...byId.values()].map((e) => ({
    id: e.result.id, data: e.result.data, matched: e.best.size,
    score: [...e.best.values()].reduce((a, b) => a + b, 0),
  }));
  return merged.sort((a, b) => b.score - a.score || b.matched - a.matched);
}

// The search page's script (theme/templates/search.html): the one script
// on the site. It loads Pagefind's search from this site's own pagefind/
// folder (a bundle for the newest month, its year, the years before and the
// people, in each index language, merged; the years before once a search
// needs them), searches as the reader types or chooses, keeps each search in
// the page's address (?q=…&speaker=…), and lists the reports found, with
// the quotations found in each and who said them. Everything it writes is
// text (textContent), save Pagefind's <mark>s around the words found.
"use strict";

(function () {
  const form = document.querySelector(".search-form");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const says = document.getElementById("search-says").dataset;
  const FILTERS = ["speaker", "section", "language", "year"];
  const PAGE = 10; // reports shown at a time
  const site = new URL(form.dataset.site, location.href);
  let pagefind = null;
  let current = 0; // the newest search: an older one's results are dropped
  // The bundles of the years before the newest, not loaded until a search
  // needs them (`further`): a first search fetches the newest year's page
  // lists, not every year's.
  let older = (form.dataset.olderShards || "").split(" ").filter(Boolean);
  let merging = null;

  function say(element) {
    status.replaceChildren(...element.cloneNode(true).childNodes);
  }

  function sayText(text) {
    const p = document.createElement("p");
    p.textContent = text;
    status.replaceChildren(p);
  }

  function count(n) {
    return (n === 1 ? says.resultsOne : says.results).replace("{n}", n.toLocaleString(document.documentElement.lang));
  }

  // The search in the address: the form filled from it, and back.
  function fromAddress() {
    const query = new URLSearchParams(location.search);
    for (const name of ["q", ...FILTERS]) {
      const field = form.elements[name];
      const value = query.get(name) || "";
      if (field.tagName === "SELECT" && value && !Array.from(field.options).some((o) => o.value === value)) {
        continue; // a filter this site no longer offers
      }
      field.value = value;
    }
  }

  function toAddress() {
    const query = new URLSearchParams();
    for (const name of ["q", ...FILTERS]) {
      const value = form.elements[name].value.trim();
      if (value) query.set(name, value);
    }
    const search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  // Pagefind's excerpt as nodes: its text, and <mark> around the words found.
  function excerpt(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    const p = document.createElement("p");
    p.className = "excerpt";
    for (const node of template.content.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  }

  function link(url, text) {
    const a = document.createElement("a");
    a.href = url;
    a.textContent = text;
    return a;
  }

  // One report (or person) found, with the quotations found in it.
  function entry(found) {
    const first = found.report || found.person || found.quotations[0];
    const lang = first.filters.language[0];
    const li = document.createElement("li");
    // Another language: its own lang, and its own direction (a Uyghur
    // headline's, right to left), isolated from the list around it.
    if (lang !== document.documentElement.lang) {
      li.lang = lang;
      li.dir = "auto";
    }
    const heading = document.createElement("h2");
    heading.append(link(first.url.split("#")[0], first.meta.headline));
    li.append(heading);
    const line = document.createElement("p");
    line.className = "result-meta";
    if (found.person) {
      // A person or an organisation, said as what they are.
      const what = (first.filters.quoted || [])[0] === "organisation" ? says.organisation : says.person;
      line.textContent = what + (first.meta.description ? " · " + first.meta.description : "");
    } else {
      const time = document.createElement("time");
      time.dateTime = first.filters.date[0];
      time.textContent = first.filters.shown_date[0];
      line.append(time);
      if (first.meta.section) line.append(" · " + first.meta.section);
    }
    li.append(line);
    if (found.report) li.append(excerpt(found.report.excerpt));
    if (found.quotations.length) {
      const quoted = document.createElement("ul");
      quoted.className = "result-quotations";
      quoted.setAttribute("aria-label", says.quoted);
      for (const quotation of found.quotations) {
        const words = document.createElement("q");
        words.append(...excerpt(quotation.excerpt).childNodes);
        const item = document.createElement("li");
        item.append(link(quotation.url, ""), " — " + quotation.meta.speaker);
        item.firstChild.append(words);
        quoted.append(item);
      }
      li.append(quoted);
    }
    return li;
  }

  // The words asked, as a reader means them: each run of letters and
  // digits, its accents aside (as Pagefind ignores them).
  function plain(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
  }

  function asked(words) {
    return plain(words).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // Whether a record's text holds every word asked: a word from its start
  // (the last may be half typed), a run of Chinese or Japanese anywhere.
  // Pagefind also answers a word it lacks with the shorter words it starts
  // with ("inquisitorial" with "in"): such a result holds nothing asked.
  const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  function holds(content, words) {
    const text = plain(content);
    return words.every((word) => UNSPACED.test(word)
      ? text.includes(word)
      : new RegExp(`(?:^|[^\\p{L}\\p{N}])${word}`, "u").test(text));
  }

  // Pagefind's results, loaded a page at a time, gathered by report: a
  // report and the quotations found in it are one entry. A record is
  // listed only where its own text holds the words asked: a quotation
  // where its own words do (Pagefind also finds it by its report's
  // headline), or, with no words asked, wherever it was. ``listed``: the
  // entries on the list already (`further` searches again with more
  // years, and adds what is new).
  async function show(search, results, from, words, options, listed) {
    const loaded = await Promise.all(results.slice(from, from + PAGE * 3).map((r) => r.data()));
    if (search !== current) return;
    const entries = new Map();
    let used = 0;
    for (const found of loaded) {
      const kind = found.filters.kind[0];
      const key = found.url.split("#")[0];
      if (!entries.has(key) && entries.size === PAGE) break;
      used += 1;
      if (listed.has(key)) continue;
      found.url = new URL(found.url.replace(/^\//, ""), site).href;
      // A quotation by its own words alone; a report or a person by what
      // the reader sees of them too (a headline, a name).
      const text = kind === "quotation" ? found.content : [found.content, ...Object.values(found.meta)].join(" ");
      if (words && !holds(text, asked(words))) continue;
      if (!entries.has(key)) entries.set(key, { report: null, person: null, quotations: [] });
      const into = entries.get(key);
      if (kind === "quotation") into.quotations.push(found);
      else into[kind] = found;
    }
    list.append(...Array.from(entries.values(), entry));
    for (const key of entries.keys()) listed.add(key);
    const shown = from + used;
    const exhausted = shown >= results.length;
    more.hidden = exhausted && !older.length;
    more.onclick = exhausted ? () => further(search, words, options, listed)
      : () => show(search, results, shown, words, options, listed);
    return exhausted;
  }

  // The years before the newest, merged into the search (once), and the
  // search run again over every year: what it finds that is not listed
  // yet, added. Asked for when the newest year's results are used up, or
  // do not fill a page.
  async function further(search, words, options, listed) {
    if (!merging) {
      merging = Promise.all(older.map((shard) => pagefind.mergeIndex(new URL(`pagefind/${shard}/`, site).href,
        { language: "und" })));
    }
    await merging;
    older = [];
    const answer = await pagefind.search(words || null, options);
    if (search === current) await show(search, answer.results, 0, words, options, listed);
  }

  async function run() {
    const search = ++current;
    toAddress();
    const words = form.elements.q.value.trim();
    const filters = {};
    for (const name of FILTERS) {
      if (form.elements[name].value) filters[name] = form.elements[name].value;
    }
    if (!words && !Object.keys(filters).length) {
      list.replaceChildren();
      more.hidden = true;
      sayText(says.ready);
      return;
    }
    sayText(says.searching);
    // Words ranked by Pagefind; filters alone, newest first.
    const options = words ? { filters } : { filters, sort: { date: "desc" } };
    const answer = await pagefind.search(words || null, options);
    if (search !== current) return;
    list.replaceChildren();
    more.hidden = true;
    const listed = new Set();
    const exhausted = await show(search, answer.results, 0, words, options, listed);
    // Fewer than a page in all the newest year holds: the years before, at once.
    if (search === current && exhausted && older.length && listed.size < PAGE) {
      await further(search, words, options, listed);
    }
    // Said once the results are there, for readers and for screen readers:
    // the entries listed (a report and its quotations are one).
    if (search === current) sayText(list.children.length ? count(list.children.length) : says.nothing);
  }

  // A search that fails (its index unreadable, a part of it missing)
  // says so, and where else to look.
  function searched() {
    run().catch(() => say(document.getElementById("search-failed")));
  }

  let typing = null;
  form.addEventListener("input", (event) => {
    if (!pagefind) return;
    clearTimeout(typing);
    typing = setTimeout(searched, event.target.name === "q" ? 250 : 0);
  });
  form.addEventListener("submit", (event) => {
    // The page stays (and the reader's focus with it): a search asked for
    // before the index has loaded runs once it has.
    event.preventDefault();
    clearTimeout(typing);
    if (pagefind) searched();
  });

  fromAddress();
  if (location.protocol === "file:") {
    // Browsers do not let a page opened from a folder fetch files beside it.
    say(document.getElementById("search-needs-server"));
    return;
  }
  // The index is a bundle for the newest month, one for the rest of its
  // year, one for the years before ("archive", `older`: merged when a
  // search needs it) and one for the people quoted, each in an index
  // language ("2026-11.zh": Chinese, segmented into words; "2026-11.und":
  // every language written with spaces, word by word): the first one's
  // script searches them all, merged, each bundle's words as its language's.
  const [first, ...others] = form.dataset.shards.split(" ").filter(Boolean);
  import(new URL(`pagefind/${first}/pagefind.js`, site).href)
    .then(async (loaded) => {
      // Results' addresses as "/" and each record's own: resolved below
      // against the site's address, wherever it is served.
      await loaded.options({ baseUrl: "/" });
      await loaded.init();
      // A query is read as no language ("und": not segmented by the
      // browser), so that Pagefind splits it into each index's own words
      // (the words its binary segmented Chinese into); `holds` keeps only
      // the records that hold what was asked.
      await Promise.all(others.map((shard) => loaded.mergeIndex(new URL(`pagefind/${shard}/`, site).href,
        { language: "und" })));
      pagefind = loaded;
      searched();
    })
    .catch(() => say(document.getElementById("search-failed")));
})();

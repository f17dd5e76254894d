// factcheck HTML report: select a finding to see its figures in the articles, click a
// marked figure to see its finding, filter and search. The page is complete without this
// script; it only adds the interaction. Nothing here writes HTML: only classes,
// attributes and text, so no article text can ever become markup.
(() => {
  "use strict";
  const doc = document;
  const list = doc.getElementById("finding-list");
  const cards = list ? Array.from(list.children) : [];
  const byId = new Map(cards.map((card) => [card.dataset.finding, card]));
  const findingsPane = doc.getElementById("findings");
  const workspace = doc.getElementById("workspace");
  const boxes = Array.from(doc.querySelectorAll('input[name="status"]'));
  const sourceFilter = doc.getElementById("source-filter");
  const search = doc.getElementById("search");
  const shownLine = doc.getElementById("shown");
  const noMatch = doc.getElementById("no-match");
  const motion = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";
  let marks = null;
  let texts = null;
  let selected = null;

  const allMarks = () => (marks ||= Array.from(doc.querySelectorAll("mark.fig")));
  const findingsOf = (el) => (el.dataset.findings || "").split(" ").filter(Boolean);
  // Finding ids are "F" and a number, written by factcheck itself: safe in a selector.
  const figuresOf = (id) => doc.querySelectorAll(`.articles [data-findings~="${id}"]`);

  function scrolls(pane) {
    const overflow = getComputedStyle(pane).overflowY;
    return (overflow === "auto" || overflow === "scroll") && pane.scrollHeight > pane.clientHeight;
  }

  // Bring `el` into view inside its own scrolling pane, a share of the pane from its top;
  // on a narrow screen, where panes do not scroll, the page itself scrolls. Long jumps are
  // instant: finding cards out of view have an estimated height until they are drawn, so
  // a smooth scroll past hundreds of them would land off target. After a jump the place
  // is measured again, once the cards around the target are drawn.
  function reveal(el, pane, share, smooth = true) {
    if (!pane || !scrolls(pane)) {
      el.scrollIntoView({ block: "center", behavior: motion });
      return;
    }
    const goal = () => {
      const top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      return Math.max(0, top + pane.scrollTop - pane.clientHeight * share);
    };
    const first = goal();
    const near = smooth && Math.abs(first - pane.scrollTop) < pane.clientHeight;
    pane.scrollTo({ top: first, behavior: near ? motion : "auto" });
    if (!near) {
      requestAnimationFrame(() => requestAnimationFrame(() => {
        const again = goal();
        if (Math.abs(again - pane.scrollTop) > 2) pane.scrollTo({ top: again, behavior: "auto" });
      }));
    }
    const box = pane.getBoundingClientRect();
    if (box.top < 0 || box.top + pane.clientHeight * share > window.innerHeight - 40) {
      workspace.scrollIntoView({ block: "start", behavior: motion });
    }
  }

  function select(id, { articles = true, card = false, mark = "", except = null } = {}) {
    const chosen = byId.get(id);
    if (!chosen) return;
    for (const el of doc.querySelectorAll(".is-selected")) el.classList.remove("is-selected");
    for (const el of doc.querySelectorAll("[aria-current]")) el.removeAttribute("aria-current");
    void chosen.offsetWidth; // restart the flash when the same finding is picked again
    chosen.classList.add("is-selected");
    chosen.setAttribute("aria-current", "true");
    for (const el of figuresOf(id)) el.classList.add("is-selected");
    selected = id;
    try {
      history.replaceState(null, "", `#finding-${id}`);
    } catch (error) {
      // Some viewers open files with an opaque origin; the address is a nicety.
    }
    if (articles) {
      let pageMoved = false;
      for (const pane of doc.querySelectorAll(".article-body")) {
        if (pane === except) continue;
        const target = (mark && pane.querySelector(`#${CSS.escape(mark)}`))
          || pane.querySelector(`mark[data-findings~="${id}"]`);
        if (!target) continue;
        if (scrolls(pane)) reveal(target, pane, 1 / 3);
        else if (!pageMoved) {
          reveal(target, null, 0);
          pageMoved = true;
        }
      }
    }
    if (card) {
      if (chosen.hidden) resetFilters();
      reveal(chosen, findingsPane, 0.08, false);
      chosen.focus({ preventScroll: true });
    }
  }

  // A figure can belong to more than one finding ("Over 80,000" against "75,000" struck
  // and "85,000" represented): each click moves on to the next one.
  function pickFromMark(mark) {
    const ids = findingsOf(mark).filter((id) => byId.has(id));
    if (!ids.length) return;
    const visible = ids.filter((id) => !byId.get(id).hidden);
    const pool = visible.length ? visible : ids;
    const at = pool.indexOf(selected);
    const next = at >= 0 ? pool[(at + 1) % pool.length] : pool[0];
    select(next, { card: true, except: mark.closest(".article-body") });
  }

  function applyFilters() {
    const wanted = new Set(boxes.filter((box) => box.checked).map((box) => box.value));
    const source = sourceFilter ? sourceFilter.value : "";
    const words = search ? search.value.toLowerCase().split(/\s+/).filter(Boolean) : [];
    if (words.length && !texts) {
      texts = cards.map((card) =>
        `${card.textContent} ${card.dataset.sources}`.toLowerCase().replace(/\s+/g, " "));
    }
    const visible = new Set();
    cards.forEach((card, index) => {
      const show = wanted.has(card.dataset.status)
        && (!source || card.dataset.sources.split(" ").includes(source))
        && words.every((word) => texts[index].includes(word));
      card.hidden = !show;
      if (show) visible.add(card.dataset.finding);
    });
    for (const mark of allMarks()) {
      mark.classList.toggle("is-dimmed", !findingsOf(mark).some((id) => visible.has(id)));
    }
    const total = cards.length;
    const count = (n) => n.toLocaleString("en-US");
    shownLine.textContent = visible.size === total
      ? `${count(total)} finding${total === 1 ? "" : "s"}`
      : `Showing ${count(visible.size)} of ${count(total)} finding${total === 1 ? "" : "s"}`;
    if (noMatch) noMatch.hidden = visible.size > 0 || total === 0;
  }

  function resetFilters() {
    for (const box of boxes) box.checked = true;
    if (sourceFilter) sourceFilter.value = "";
    if (search) search.value = "";
    applyFilters();
  }

  doc.addEventListener("click", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const jump = target.closest(".jump");
    if (jump) {
      select(jump.dataset.finding, { mark: jump.dataset.mark });
      return;
    }
    const show = target.closest(".show");
    if (show) {
      select(show.dataset.finding);
      return;
    }
    const mark = target.closest("mark.fig");
    if (mark) {
      pickFromMark(mark);
      return;
    }
    const card = target.closest(".finding");
    // Selecting words in a card to copy them is not a click on the card.
    if (card && !String(window.getSelection() || "")) select(card.dataset.finding);
  });

  doc.addEventListener("keydown", (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if ((event.key === "Enter" || event.key === " ") && target.matches("mark.fig")) {
      event.preventDefault();
      pickFromMark(target);
    } else if (event.key === "/" && search && !target.closest("input, select, textarea")) {
      event.preventDefault();
      search.focus();
    }
  });

  for (const box of boxes) box.addEventListener("change", applyFilters);
  if (sourceFilter) sourceFilter.addEventListener("change", applyFilters);
  if (search) search.addEventListener("input", applyFilters);

  // A reload may keep what the controls held; make the list agree with them.
  if (boxes.some((box) => !box.checked) || (sourceFilter && sourceFilter.value)
      || (search && search.value)) {
    applyFilters();
  }
  const linked = /^#finding-(F\d+)$/.exec(location.hash);
  if (linked && byId.has(linked[1])) select(linked[1], { card: true });
})();

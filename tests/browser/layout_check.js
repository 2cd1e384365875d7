// Injected by check_html.sh into a copy of a report (the report itself runs no script): measures
// what a reader sees once Chromium has laid the page out, and writes one line per problem into
// a pre element with the id layout-check (or "OK"), which --dump-dom then prints.
(function () {
  const problems = [];
  const fail = (message) => problems.push("FAIL " + message);
  const name = (el) => (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60);

  // Labels are wrapped, never cut with an ellipsis.
  for (const el of document.querySelectorAll("body *")) {
    if (getComputedStyle(el).textOverflow === "ellipsis") fail("text-overflow ellipsis on <" + el.tagName + "> " + name(el));
  }
  for (const t of document.querySelectorAll("svg text")) {
    if (t.textContent.includes("…")) fail("cut chart label: " + name(t));
  }

  // Every chart text lies inside its chart, nothing drawn outside the picture.
  for (const svg of document.querySelectorAll("svg")) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll("text")) {
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        fail("text outside its " + svg.getAttribute("class") + " chart: " + name(t));
      }
    }
    if (svg.getAttribute("role") !== "img") fail(svg.getAttribute("class") + ": no role=img");
    const labels = (svg.getAttribute("aria-labelledby") || "").split(" ").filter(Boolean);
    if (labels.length === 0 || !labels.every((id) => document.getElementById(id))) {
      fail(svg.getAttribute("class") + ": aria-labelledby does not name its title and description");
    }
    if (!svg.querySelector(".legend")) fail(svg.getAttribute("class") + ": no legend");
  }

  // A skill's name ends before its bar starts; each bar has a cell per level and the required mark.
  for (const g of document.querySelectorAll("g.skill-bar, g.step-bar")) {
    const label = g.querySelector(".bar-label");
    const bar = g.querySelector("rect.level-shade, rect");
    if (label && bar && label.getBoundingClientRect().right > bar.getBoundingClientRect().left + 0.5) {
      fail("label runs into its bar: " + name(label));
    }
  }
  for (const g of document.querySelectorAll("g.skill-bar")) {
    if (g.querySelectorAll("rect.level-shade").length !== 5) fail("a bar without five level cells: " + name(g));
    if (!g.querySelector(".requirement")) fail("a bar without the required level marked: " + name(g));
  }

  // Histograms have real axes: ticks and titles on both.
  for (const h of document.querySelectorAll("svg.histogram")) {
    if (h.querySelectorAll(".y-tick").length <= 2) fail("histogram: two y ticks or fewer");
    if (h.querySelectorAll(".x-tick").length <= 2) fail("histogram: two x ticks or fewer");
    if (h.querySelectorAll(".axis-title").length < 2) fail("histogram: an axis without a title");
  }
  for (const t of document.querySelectorAll("svg.timeline")) {
    if (t.querySelectorAll(".x-tick").length <= 2) fail("timeline: two week ticks or fewer");
    if (t.querySelectorAll("g.step-bar").length === 0) fail("timeline: no step");
  }

  // The radar's level labels are drawn over the polygons, not under them.
  for (const radar of document.querySelectorAll("svg.radar")) {
    const polygon = radar.querySelector("polygon.candidate");
    for (const label of radar.querySelectorAll(".level-label")) {
      if (polygon && !(polygon.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING)) {
        fail("radar level label under the polygon: " + name(label));
      }
    }
  }

  // No terminal glyph bars in tables (they render as checkerboards).
  for (const table of document.querySelectorAll("table")) {
    if (/[█▓▒░]/.test(table.textContent)) fail("terminal bar glyphs in a table");
  }

  // Dates, and cells marked not to wrap, stay on one line.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const re = /\d{4}-\d{2}-\d{2}/g;
    let m;
    while ((m = re.exec(node.data))) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      if (range.getClientRects().length > 1) fail("a date wraps: " + m[0]);
    }
  }
  for (const el of document.querySelectorAll(".nowrap")) {
    if (el.getClientRects().length > 1) fail("wraps: " + name(el));
  }

  // Verdict badges: dark text on a light enough colour (WCAG AA, 4.5:1).
  const luminance = (css) => {
    const [r, g, b] = css.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const badge of document.querySelectorAll(".verdict")) {
    const style = getComputedStyle(badge);
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) fail("verdict badge contrast " + ratio.toFixed(2) + ": " + name(badge));
  }

  // Nothing wider than the window: no sideways scrolling.
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth + 1) {
    fail("the page is " + page.scrollWidth + " px wide in a " + page.clientWidth + " px window");
  }

  if (!document.querySelector("h1")) fail("no h1");
  if (!document.querySelector(".meaning")) fail("no sentence saying what the percentages mean");

  const pre = document.createElement("pre");
  pre.id = "layout-check";
  pre.textContent = problems.length ? problems.join("\n") : "OK";
  document.body.appendChild(pre);
})();

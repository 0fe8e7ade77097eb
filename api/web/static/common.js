/* Shared by every page: the JSON API client, where credentials live, and the DOM builders.
 *
 * Every piece of text reaches the page through textContent (el() below), never innerHTML, so
 * whatever a candidate typed is shown as text. Credentials go out as headers only: the candidate
 * token from localStorage (it must survive a reload and a browser restart), the reviewer key from
 * sessionStorage (gone when the tab closes). Neither is ever put in a URL.
 */
"use strict";

const Mockint = (() => {
  const TOKEN_PREFIX = "mockint.token.";
  const LAST_SESSION = "mockint.lastSession";
  const REVIEWER_KEY = "mockint.reviewerKey";

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.detail) || `HTTP ${status}`);
      this.status = status;
      this.code = body && body.error;
      this.field = body && body.field;
    }
  }

  function el(tag, attrs, ...children) {
    const node = tag === "svg" || attrs?.svg
      ? document.createElementNS("http://www.w3.org/2000/svg", tag)
      : document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "svg" || value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.setAttribute("class", value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function svg(tag, attrs, ...children) {
    return el(tag, { ...attrs, svg: true }, ...children);
  }

  async function api(path, { method = "GET", body, auth, headers = {}, accept } = {}) {
    const sent = { ...headers };
    if (auth) sent["Authorization"] = `Bearer ${auth}`;
    if (body !== undefined) sent["Content-Type"] = "application/json";
    if (accept) sent["Accept"] = accept;
    const response = await fetch(path, {
      method, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit", cache: "no-store",
    });
    if (accept && accept !== "application/json" && response.ok) return response.text();
    let parsed = null;
    try { parsed = await response.json(); } catch { parsed = null; }
    if (!response.ok) {
      const error = new ApiError(response.status, parsed);
      error.retryAfter = Number(response.headers.get("Retry-After")) || 0;
      throw error;
    }
    return parsed;
  }

  const store = {
    token: (sid) => localStorage.getItem(TOKEN_PREFIX + sid),
    saveToken(sid, token) {
      localStorage.setItem(TOKEN_PREFIX + sid, token);
      localStorage.setItem(LAST_SESSION, sid);
    },
    lastSession: () => localStorage.getItem(LAST_SESSION),
    reviewerKey: () => sessionStorage.getItem(REVIEWER_KEY),
    saveReviewerKey: (key) => sessionStorage.setItem(REVIEWER_KEY, key),
    forgetReviewerKey: () => sessionStorage.removeItem(REVIEWER_KEY),
    /* The credential that opens a session: its own token, else a signed-in reviewer's key. */
    credentialFor: (sid) => localStorage.getItem(TOKEN_PREFIX + sid)
      || sessionStorage.getItem(REVIEWER_KEY),
  };

  function newKey() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  const fmt = (n) => (n === null || n === undefined ? "–" : String(Math.round(n * 10) / 10));

  function showError(node, error) {
    node.textContent = error instanceof Error ? error.message : String(error);
    node.hidden = false;
  }

  /* Horizontal bars, one per line ({title, score 0-100 or null}), as inline SVG. */
  function bars(lines, label) {
    const rowHeight = 30;
    const width = 320;
    const labelWidth = 130;
    const barWidth = width - labelWidth - 40;
    const height = Math.max(1, lines.length) * rowHeight;
    const chart = svg("svg", {
      viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label, class: "bars",
      preserveAspectRatio: "xMinYMin meet",
    });
    chart.append(svg("title", { text: label }));
    lines.forEach((line, i) => {
      const y = i * rowHeight;
      const score = line.score ?? 0;
      chart.append(
        svg("text", { x: 0, y: y + 19, class: "bar-label", text: line.title.slice(0, 22) }),
        svg("rect", { x: labelWidth, y: y + 6, width: barWidth, height: 18, class: "bar-bg", rx: 3 }),
        svg("rect", {
          x: labelWidth, y: y + 6, width: Math.max(0, (barWidth * score) / 100), height: 18,
          class: `bar band-${line.band ?? 0}`, rx: 3,
        }),
        svg("text", { x: labelWidth + barWidth + 6, y: y + 19, class: "bar-value", text: fmt(line.score) }),
      );
    });
    return chart;
  }

  const STATUS_LABEL = {
    met: "Right", partial: "Partly there", missing: "Missing", contradicted: "Stated wrongly",
  };

  /* A score with its evidence (a ScoreResult): what was right, partly, wrong and missing. */
  function scoreCard(result, { title, modelAnswer } = {}) {
    const card = el("section", { class: `feedback band-${result.band}`, "data-rubric": result.rubric_id });
    card.append(el("h3", { text: title || "Feedback" }),
      el("p", { class: "score-line" },
        el("strong", { class: "score", text: `${fmt(result.score)}/100` }), ` · band ${result.band}`));
    if (result.feedback) card.append(el("p", { class: "feedback-text", text: result.feedback }));
    const points = el("ul", { class: "points" });
    for (const kp of result.key_points || []) {
      const status = kp.status || (kp.met ? "met" : "missing");
      const item = el("li", { class: `point ${status}` },
        el("span", { class: "badge", text: STATUS_LABEL[status] || status }), " ", kp.text);
      if (kp.evidence && (status === "met" || status === "partial")) {
        item.append(el("blockquote", { class: "evidence" }, el("mark", { text: kp.evidence })));
      }
      points.append(item);
    }
    if (points.childElementCount) card.append(points);
    const wrong = result.contradictions || [];
    if (wrong.length) {
      const list = el("ul", { class: "contradictions" });
      for (const c of wrong) {
        list.append(el("li", {},
          el("blockquote", { class: "evidence wrong" }, el("mark", { text: c.evidence })),
          el("p", {}, "You said ", el("em", { text: c.said }), " where it should be ",
            el("em", { text: c.expected }), "."),
          el("p", { class: "correction" }, el("strong", { text: "Correction: " }), c.correction)));
      }
      card.append(el("h4", { text: "Stated wrongly" }), list);
    }
    const flags = result.red_flags || [];
    if (flags.length) {
      const list = el("ul", { class: "misconceptions" });
      for (const f of flags) {
        list.append(el("li", {}, el("strong", { text: f.text }), " — ", f.explanation,
          el("blockquote", { class: "evidence wrong" }, el("mark", { text: f.evidence }))));
      }
      card.append(el("h4", { text: "Misconceptions" }), list);
    }
    const adjustments = result.adjustments || [];
    if (adjustments.length) {
      card.append(el("h4", { text: "Adjustments" }),
        el("ul", {}, adjustments.map((a) => el("li", { text: `${a.reason}: ${a.effect}` }))));
    }
    if (modelAnswer) card.append(modelAnswerBlock(modelAnswer));
    return card;
  }

  function modelAnswerBlock(text) {
    return el("details", { class: "model-answer" },
      el("summary", { text: "Model answer" }), el("p", { text }));
  }

  return { ApiError, api, el, svg, store, newKey, fmt, showError, bars, scoreCard, modelAnswerBlock };
})();

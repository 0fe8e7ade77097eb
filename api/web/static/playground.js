/* Rubric playground (reviewer): pick a bank rubric or paste one as YAML, validate it, and score
 * an answer to see each key point's coverage and evidence. Nothing is stored.
 */
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const { api, el, store, fmt, showError, scoreCard } = Mockint;
  const key = store.reviewerKey();
  if (!key) return;
  document.getElementById("need-key").hidden = true;
  document.getElementById("playground").hidden = false;
  const select = document.getElementById("rubric-select");
  const yaml = document.getElementById("yaml");
  const validation = document.getElementById("validation");
  const scoreError = document.getElementById("score-error");
  const result = document.getElementById("score-result");

  try {
    const rubrics = await api("/v1/rubrics", { auth: key });
    rubrics.sort((a, b) => a.id.localeCompare(b.id));
    select.append(...rubrics.map((r) => el("option", { value: r.id, text: `${r.id} (v${r.version}, ${r.round})` })));
  } catch (e) {
    showError(scoreError, e);
  }

  document.getElementById("load-yaml").addEventListener("click", async () => {
    try {
      const rubric = await api(`/v1/rubrics/${encodeURIComponent(select.value)}`, { auth: key });
      yaml.value = JSON.stringify(rubric, null, 2); /* JSON is YAML: the loader reads it as is */
    } catch (e) {
      showError(scoreError, e);
    }
  });

  document.getElementById("validate").addEventListener("click", async () => {
    validation.replaceChildren();
    try {
      const found = await api("/web/rubrics/validate-yaml", { method: "POST", auth: key, body: { text: yaml.value } });
      if (found.valid) {
        validation.append(el("p", { class: "ok", text: `Valid: ${found.rubrics.join(", ")}` }));
      } else {
        validation.append(el("p", { class: "error", text: `${found.errors.length} problem(s):` }),
          el("ul", { class: "problems" }, found.errors.map((p) => el("li", {},
            el("code", { text: p.field || "(rubric)" }), ` ${p.message}`))));
      }
    } catch (e) {
      validation.append(el("p", { class: "error", text: e.message }));
    }
  });

  document.getElementById("score-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    scoreError.hidden = true;
    result.replaceChildren(el("p", { class: "help", text: "Scoring…" }));
    const answer = document.getElementById("pg-answer").value;
    try {
      const scored = yaml.value.trim()
        ? await api("/web/rubrics/score-yaml", { method: "POST", auth: key, body: { text: yaml.value, answer } })
        : await api(`/v1/rubrics/${encodeURIComponent(select.value)}/score`, { method: "POST", auth: key, body: { answer } });
      const table = el("table", { class: "coverage" },
        el("caption", { text: "Key points" }),
        el("thead", {}, el("tr", {}, ["Key point", "Status", "Coverage", "Evidence"].map((h) => el("th", { scope: "col", text: h })))),
        el("tbody", {}, scored.key_points.map((k) => el("tr", { class: k.status },
          el("td", { text: k.text }), el("td", { text: k.status }),
          el("td", { text: fmt(k.coverage * 100) + "%" }), el("td", { text: k.evidence || "–" })))));
      result.replaceChildren(scoreCard(scored, { title: `Score for ${scored.rubric_id}` }), el("div", { class: "table-wrap" }, table));
      result.dataset.ready = String(Date.now());
    } catch (e) {
      result.replaceChildren();
      showError(scoreError, e);
    }
  });
});

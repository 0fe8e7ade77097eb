/* Reviewer: sign in with a key (kept in sessionStorage, sent as a header), list sessions with
 * the API's filters, open a transcript, and override a turn's score with a note.
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { api, el, store, fmt, showError, scoreCard } = Mockint;
  const PAGE = 20;
  let offset = 0;
  const signin = document.getElementById("signin");
  const panel = document.getElementById("reviewer");
  const listError = document.getElementById("list-error");

  function shown(signedIn) {
    signin.hidden = signedIn;
    panel.hidden = !signedIn;
  }

  function query() {
    const params = new URLSearchParams({ limit: PAGE, offset });
    const value = (id) => document.getElementById(id).value.trim();
    if (value("f-track")) params.set("track", value("f-track"));
    if (value("f-status")) params.set("status", value("f-status"));
    if (value("f-from")) params.set("created_from", `${value("f-from")}T00:00:00Z`);
    if (value("f-to")) params.set("created_to", `${value("f-to")}T23:59:59Z`);
    if (value("f-min")) params.set("score_min", value("f-min"));
    if (value("f-max")) params.set("score_max", value("f-max"));
    return params;
  }

  async function list() {
    listError.hidden = true;
    let page;
    try {
      page = await api(`/v1/sessions?${query()}`, { auth: store.reviewerKey() });
    } catch (e) {
      if (e.status === 401 || e.status === 403) { signOut(); return; }
      showError(listError, e);
      return;
    }
    const rows = page.items.map((s) => el("tr", { "data-session": s.session_id },
      el("td", { text: s.created_at.replace("T", " ").slice(0, 16) }),
      el("td", { class: "name", text: s.candidate_name || "–" }),
      el("td", { text: s.track }),
      el("td", { text: s.status.replace("_", " ") }),
      el("td", { text: fmt(s.score) }),
      el("td", { text: s.turns }),
      el("td", {}, el("button", {
        type: "button", class: "open", text: "Transcript",
        "aria-label": `Open the transcript of ${s.candidate_name || "an unnamed candidate"}, ${s.created_at.slice(0, 16)}`,
        onclick: () => openTranscript(s.session_id),
      }))));
    document.querySelector("#sessions tbody").replaceChildren(...rows);
    const last = Math.min(page.offset + page.items.length, page.total);
    document.getElementById("sessions-caption").textContent =
      `Sessions, newest first: ${page.total ? page.offset + 1 : 0}–${last} of ${page.total}`;
    document.getElementById("prev").disabled = page.offset === 0;
    document.getElementById("next").disabled = last >= page.total;
    panel.dataset.ready = String(Date.now());
  }

  function overrideForm(sid, turn) {
    const id = `ov-${turn.n}`;
    const status = el("p", { class: "help", role: "status" });
    const form = el("form", { class: "override-form" },
      el("label", { for: `${id}-score`, text: `New score for turn ${turn.n} (0–100)` }),
      el("input", { id: `${id}-score`, type: "number", min: 0, max: 100, step: "any", required: true }),
      el("label", { for: `${id}-note`, text: "Note (why)" }),
      el("textarea", { id: `${id}-note`, rows: 2, maxlength: 2000, required: true }),
      el("button", { type: "submit", text: "Override" }), status);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      try {
        await api(`/v1/sessions/${encodeURIComponent(sid)}/turns/${turn.n}/score`, {
          method: "PATCH", auth: store.reviewerKey(),
          body: { score: Number(form.querySelector("input").value), note: form.querySelector("textarea").value },
        });
        await openTranscript(sid);
        await list();
      } catch (e) {
        status.textContent = `Not saved: ${e.message}`;
      }
    });
    return form;
  }

  function turnView(sid, turn) {
    const item = el("article", { class: "turn card", "data-turn": turn.n },
      el("h3", { text: `Turn ${turn.n}: ${turn.intent}` }),
      el("p", { class: "question", text: turn.question }),
      el("blockquote", { class: "answer", text: turn.answer }));
    if (turn.score !== null) {
      const line = el("p", { class: "scores" },
        el("strong", { text: `Score ${fmt(turn.score)}` }), ` · machine score ${fmt(turn.machine_score)}`);
      if (turn.override) {
        line.append(el("span", { class: "override", text: ` · overridden by ${turn.override.by}: ${turn.override.note}` }));
      }
      item.append(line);
    }
    if (turn.evidence) {
      item.append(el("details", {}, el("summary", { text: "Evidence" }), scoreCard(turn.evidence)));
    }
    turn.messages.forEach((m) => item.append(el("p", { class: "interviewer", text: m })));
    if (turn.machine_score !== null) item.append(overrideForm(sid, turn));
    return item;
  }

  async function openTranscript(sid) {
    const section = document.getElementById("transcript");
    try {
      const t = await api(`/v1/sessions/${encodeURIComponent(sid)}/transcript`, { auth: store.reviewerKey() });
      document.getElementById("transcript-title").textContent =
        `Transcript: ${t.candidate_name || "unnamed candidate"} (${t.track}, ${t.status.replace("_", " ")})`;
      document.getElementById("transcript-report").href = `/report/${encodeURIComponent(sid)}`;
      document.getElementById("turns").replaceChildren(
        ...t.opening.map((m) => el("p", { class: "interviewer", text: m })),
        ...t.turns.map((turn) => turnView(sid, turn)));
      section.hidden = false;
      section.dataset.session = sid;
      section.dataset.ready = String(Date.now());
    } catch (e) {
      showError(listError, e);
    }
  }

  async function tracks() {
    const select = document.getElementById("f-track");
    try {
      const found = await api("/v1/tracks");
      select.append(...found.map((t) => el("option", { value: t.id, text: t.title })));
    } catch {
      /* the filter still works with "any" */
    }
  }

  function signOut() {
    store.forgetReviewerKey();
    shown(false);
  }

  signin.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = document.getElementById("reviewer-key").value.trim();
    const error = document.getElementById("signin-error");
    error.hidden = true;
    try {
      await api("/v1/sessions?limit=1", { auth: key });
    } catch (e) {
      showError(error, e.status === 401 || e.status === 403 ? "That key is not a reviewer key." : e);
      return;
    }
    store.saveReviewerKey(key);
    document.getElementById("reviewer-key").value = "";
    shown(true);
    await list();
  });
  document.getElementById("signout").addEventListener("click", signOut);
  document.getElementById("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    offset = 0;
    list();
  });
  document.getElementById("prev").addEventListener("click", () => { offset = Math.max(0, offset - PAGE); list(); });
  document.getElementById("next").addEventListener("click", () => { offset += PAGE; list(); });

  tracks();
  if (store.reviewerKey()) {
    shown(true);
    list();
  } else {
    shown(false);
  }
});

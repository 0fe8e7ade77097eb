/* Interview: the chat. The server holds the interview; this page only shows it and sends text.
 *
 * Survives a reload or a server restart: the page rebuilds itself from the session and its
 * transcript, with the token this browser kept. Never loses or doubles an answer: each answer
 * gets an Idempotency-Key and is written to localStorage before it is sent; a network failure,
 * 429 or 503 retries with the same key, and a reload finds the pending answer and sends it again
 * with that key, so the server records it at most once.
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { api, el, store, newKey, showError, scoreCard, modelAnswerBlock } = Mockint;
  const root = document.getElementById("interview");
  const chat = document.getElementById("chat");
  const form = document.getElementById("answer-form");
  const box = document.getElementById("answer");
  const status = document.getElementById("send-status");
  const loadError = document.getElementById("load-error");
  const controls = form.querySelectorAll("button, textarea");
  const MAX_ATTEMPTS = 5;

  const sid = root.dataset.sessionId || store.lastSession();
  const token = sid ? store.token(sid) : null;
  const pendingKey = `mockint.pending.${sid}`;
  let roundTitles = {};
  let live = false;
  let busy = false;
  const answered = new Set();

  if (!sid || !token) {
    form.hidden = true;
    showError(loadError, sid
      ? "This browser does not hold the key to that interview. Start a new one on the Start page."
      : "No interview in this browser yet. Start one on the Start page.");
    return;
  }
  if (!root.dataset.sessionId) history.replaceState(null, "", `/interview/${encodeURIComponent(sid)}`);

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const scrollDown = () => chat.lastElementChild?.scrollIntoView({ block: "nearest" });

  function say(speaker, text, extra) {
    const item = el("li", { class: `msg ${speaker}` },
      el("span", { class: "who", text: speaker === "candidate" ? "You" : "Interviewer" }),
      el("p", { class: "text", text }));
    if (extra) item.classList.add(extra);
    chat.append(item);
    return item;
  }

  let lastCard = "";
  function feedback(result) {
    if (!live || !result) return;
    /* a hint or a repeat replies with the open question's score as it stands: shown once */
    const seen = JSON.stringify(result);
    if (seen === lastCard) return;
    lastCard = seen;
    chat.append(el("li", { class: "msg card-row" }, scoreCard(result)));
  }

  function showProgress(progress, round, finished) {
    const title = roundTitles[round] || (round ? round.replaceAll("_", " ").replaceAll("-", " ") : "");
    document.getElementById("round-title").textContent = finished ? "Interview finished" : (title || "Interview");
    document.getElementById("progress").textContent =
      `Question ${Math.min(progress.asked, progress.planned)} of ${progress.planned}`;
    const bar = document.getElementById("progress-bar");
    bar.max = progress.planned || 1;
    bar.value = Math.min(progress.asked, progress.planned);
  }

  function finish() {
    form.hidden = true;
    const done = document.getElementById("finished");
    done.hidden = false;
    document.getElementById("report-link").href = `/report/${encodeURIComponent(sid)}`;
  }

  function setBusy(value) {
    busy = value;
    root.dataset.busy = String(value);
    controls.forEach((c) => { c.disabled = value; });
    box.readOnly = value;
    box.disabled = false;
  }

  async function attachModelAnswers() {
    if (!live) return;
    let found;
    try {
      found = await api(`/web/sessions/${encodeURIComponent(sid)}/model-answers`, { auth: token });
    } catch {
      return; /* the cards stay without it; the report has it */
    }
    for (const item of found) {
      if (answered.has(item.rubric_id)) continue;
      const cards = chat.querySelectorAll(".feedback");
      const last = [...cards].reverse().find((c) => c.dataset.rubric === item.rubric_id);
      if (!last) continue;
      last.append(modelAnswerBlock(item.model_answer));
      answered.add(item.rubric_id);
    }
  }

  /* Sends one answer with its key until the server has it, or says why it cannot. */
  async function deliver(pending) {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await api(`/v1/sessions/${encodeURIComponent(sid)}/answers`, {
          method: "POST", auth: token, body: { text: pending.text },
          headers: { "Idempotency-Key": pending.key },
        });
      } catch (e) {
        const transient = !(e instanceof Mockint.ApiError) || e.status === 429 || e.status >= 500;
        if (!transient || attempt >= MAX_ATTEMPTS) throw e;
        status.textContent = `Connection trouble; retrying (attempt ${attempt + 1})…`;
        await sleep(e.retryAfter ? e.retryAfter * 1000 : Math.min(4000, 500 * 2 ** attempt));
      }
    }
  }

  async function send(text, fromBox = false) {
    if (busy || !text.trim()) return;
    setBusy(true);
    const pending = { text, key: newKey() };
    localStorage.setItem(pendingKey, JSON.stringify(pending));
    const bubble = say("candidate", text, "sending");
    scrollDown();
    status.textContent = "Sending…";
    try {
      const reply = await deliver(pending);
      localStorage.removeItem(pendingKey);
      bubble.classList.remove("sending");
      if (fromBox) box.value = "";
      status.textContent = "";
      feedback(reply.feedback);
      reply.messages.forEach((m) => say("interviewer", m));
      showProgress(reply.progress, reply.current_question?.round, reply.status !== "in_progress");
      if (reply.status !== "in_progress") finish();
      await attachModelAnswers();
      scrollDown();
    } catch (e) {
      if (e instanceof Mockint.ApiError) {
        localStorage.removeItem(pendingKey);
        bubble.remove();
        status.textContent = `Not sent: ${e.message}`;
        if (e.code === "turn_conflict" || e.code === "interview_finished") await load();
      } else {
        bubble.classList.replace("sending", "unsent");
        status.textContent = "Not sent yet: the server cannot be reached. Reload the page to retry; your answer is kept.";
      }
    } finally {
      setBusy(false);
      if (!form.hidden) box.focus();
    }
  }

  /* An answer sent before a reload or a crash whose reply never arrived: resend, same key. */
  async function flushPending() {
    const raw = localStorage.getItem(pendingKey);
    if (!raw) return;
    try {
      await deliver(JSON.parse(raw));
    } catch {
      /* refused for good (finished, conflict): the transcript shows what the server holds */
    }
    localStorage.removeItem(pendingKey);
  }

  async function load() {
    chat.replaceChildren();
    answered.clear();
    lastCard = "";
    loadError.hidden = true;
    try {
      const tracks = await api("/v1/tracks");
      await flushPending();
      const session = await api(`/v1/sessions/${encodeURIComponent(sid)}`, { auth: token });
      const transcript = await api(`/v1/sessions/${encodeURIComponent(sid)}/transcript`, { auth: token });
      const track = tracks.find((t) => t.id === session.track);
      roundTitles = Object.fromEntries((track?.rounds || []).map((r) => [r.id, r.title]));
      live = session.feedback === "live";
      transcript.opening.forEach((m) => say("interviewer", m));
      for (const turn of transcript.turns) {
        say("candidate", turn.answer);
        feedback(turn.evidence);
        turn.messages.forEach((m) => say("interviewer", m));
      }
      const finished = session.status !== "in_progress";
      showProgress(session.progress, session.round, finished);
      if (finished) finish();
      await attachModelAnswers();
      scrollDown();
      root.dataset.ready = "true";
    } catch (e) {
      showError(loadError, e instanceof Mockint.ApiError ? e
        : "The server cannot be reached right now; reload the page in a moment.");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(box.value, true);
  });
  box.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send(box.value, true);
    }
  });
  form.querySelectorAll("button.command").forEach((button) => {
    button.addEventListener("click", () => {
      const command = button.dataset.command;
      if (command === "end" && !window.confirm("End the interview now? Unanswered questions will not count.")) return;
      send(command);
    });
  });

  load().then(() => { if (!form.hidden) box.focus(); });
});

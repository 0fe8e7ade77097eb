/* Start: creates the session, keeps its token in this browser and opens the interview. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const { api, store, showError } = Mockint;
  const form = document.getElementById("start-form");
  const error = document.getElementById("start-error");
  const last = store.lastSession();
  if (last && store.token(last)) {
    document.getElementById("resume").hidden = false;
    document.getElementById("resume-link").href = `/interview/${encodeURIComponent(last)}`;
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    const button = document.getElementById("start-button");
    button.disabled = true;
    const data = new FormData(form);
    try {
      const created = await api("/v1/sessions", {
        method: "POST",
        body: {
          track: data.get("track"), feedback: data.get("feedback"),
          candidate_name: String(data.get("candidate_name") || "").trim(),
        },
      });
      store.saveToken(created.session_id, created.candidate_token);
      window.location.assign(`/interview/${encodeURIComponent(created.session_id)}`);
    } catch (e) {
      showError(error, e);
      button.disabled = false;
    }
  });
});

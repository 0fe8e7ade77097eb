"""The report as Markdown, for the Report page's download: the summary, each question with its
score and key points, the study plan, then the transcript as the API renders it.

Everything from the candidate or the rubric goes through `api.render.md_escape`, the same escaping
the transcript's Markdown uses, so an answer cannot forge a heading or a score line.
"""

from __future__ import annotations

from api.render import markdown as transcript_markdown
from api.render import md_escape
from api.schemas import ReportPublic, ReportQuestion, TranscriptPublic


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _question(n: int, q: ReportQuestion) -> list[str]:
    score = "not scored" if q.score is None else f"{_num(q.score)}/100 (band {q.band})"
    out = [f"### {n}. {md_escape(q.question)}", "", f"- score: {score}"]
    if q.override is not None:
        out.append(f"- reviewer override of the machine score {_num(q.machine_score)}: "
                   f"{md_escape(q.override.note)}")
    out += [f"- covered: {md_escape(k.text)}" for k in q.covered]
    out += [f"- missed: {md_escape(k.text)}" for k in q.missed]
    out += [f"- misconception: {md_escape(f.text)}" for f in q.red_flags]
    return [*out, ""]


def report_markdown(report: ReportPublic, transcript: TranscriptPublic) -> str:
    o = report.overall
    out = [f"# Report: {md_escape(report.track_title)}", "",
           f"- candidate: {md_escape(report.candidate_name) or '–'}",
           f"- overall: {_num(o.score)}/100, band {o.band} (machine {_num(o.machine_score)})",
           f"- recommendation: {md_escape(o.recommendation.label)}", ""]
    out += [f"- {md_escape(r)}" for r in o.recommendation.reasons] + ["", "## Rounds", ""]
    out += [f"- {md_escape(r.title)}: {_num(r.score)}" for r in report.rounds]
    out += ["", "## Competencies", ""]
    out += [f"- {md_escape(c.title)}: {_num(c.score)}" for c in report.competencies]
    out += ["", "## Questions", ""]
    for n, q in enumerate(report.questions, start=1):
        out += _question(n, q)
    out += ["## Study plan", ""]
    for t in report.study_topics:
        out.append(f"- {md_escape(t.topic)} ({_num(t.points_lost)} points lost)")
        out += [f"  - {md_escape(m)}" for m in t.missed]
    return "\n".join(out) + "\n\n" + transcript_markdown(transcript)

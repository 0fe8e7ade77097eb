"""A candidate's answer as HTML or Markdown: escaped, with its shape kept.

Answers are untrusted and often structured: paragraphs, bullet lists, numbered steps, code in
fences. Both renderings keep that shape and nothing else: in HTML every character goes through
`html.escape` and only the tags built here are emitted; in Markdown the answer sits in a blockquote
where text is escaped, lists and fenced code are kept, and a code fence the answer leaves open is
closed before the quote ends, so no answer can swallow or forge the rest of the document.

Evidence (the clauses a key point was met by) is highlighted with `<mark>`. Ranges are found on
the raw text and carried through escaping as two private-use characters, which are removed from
the answer first so a candidate cannot type them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

OPEN, CLOSE = "\ue000", "\ue001"
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})(.*)$")
_BULLET = re.compile(r"^\s*[-*+•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_INLINE_CODE = re.compile(r"`([^`\n]+)`")
MD_SPECIAL = re.compile(r"([\\*_\[\]#|<>])")
"""Inline markup, links, headings, tables and raw HTML. Backticks stay: a code span is literal."""


def e(text: object) -> str:
    return html.escape(str(text), quote=True)


def md_inline(text: str) -> str:
    """Inline Markdown text: markup escaped, line breaks folded, so it cannot start a line."""
    return re.sub(r"([\\`*_\[\]#|<>])", r"\\\1", " ".join(str(text).splitlines()))


def _ranges(text: str, pieces: Iterable[str | None]) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    for piece in pieces:
        piece = (piece or "").strip()
        if len(piece) < 2:
            continue
        at = text.find(piece)
        if at < 0:
            at = text.lower().find(piece.lower())
        if at >= 0:
            found.append((at, at + len(piece)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, pieces: Iterable[str | None]) -> str:
    """The text with OPEN/CLOSE around each piece of evidence, balanced on every line."""
    text = text.replace(OPEN, "").replace(CLOSE, "")
    out, cursor = [], 0
    for start, end in _ranges(text, pieces):
        out += [text[cursor:start], OPEN, text[start:end], CLOSE]
        cursor = end
    out.append(text[cursor:])
    lines, inside = [], False
    for line in "".join(out).split("\n"):
        prefix = OPEN if inside else ""
        for ch in line:
            if ch == OPEN:
                inside = True
            elif ch == CLOSE:
                inside = False
        lines.append(prefix + line + (CLOSE if inside else ""))
    return "\n".join(lines)


def _tags(escaped: str) -> str:
    return escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")


def _inline_html(line: str) -> str:
    escaped = e(line)
    return _tags(_INLINE_CODE.sub(r"<code>\1</code>", escaped))


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """(kind, lines) runs: code, ul, ol, p; blank lines separate paragraphs and lists."""
    blocks: list[tuple[str, list[str]]] = []
    fence: str | None = None
    for line in lines:
        bare = line.replace(OPEN, "").replace(CLOSE, "")
        match = _FENCE.match(bare)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                    and not match.group(2).strip():
                fence = None
            else:
                blocks[-1][1].append(line)
            continue
        if match:
            fence = match.group(1)
            blocks.append(("code", []))
            continue
        if not bare.strip():
            blocks.append(("gap", []))
            continue
        kind = "ul" if _BULLET.match(bare) else "ol" if _NUMBERED.match(bare) else "p"
        if blocks and blocks[-1][0] == kind:
            blocks[-1][1].append(line)
        else:
            blocks.append((kind, [line]))
    return [b for b in blocks if b[0] != "gap"]


_LIST_MARK = re.compile(r"^([\s\ue000\ue001]*)(?:[-*+•]|\d{1,3}[.)])\s+")


def _item(line: str) -> str:
    """A list line without its marker, keeping any highlight edge that stood before it."""
    match = _LIST_MARK.match(line)
    if match is None:
        return line
    edges = "".join(ch for ch in match.group(1) if ch in (OPEN, CLOSE))
    return edges + line[match.end():]


def answer_html(text: str, evidence: Iterable[str | None] = ()) -> str:
    """The answer as escaped HTML blocks: paragraphs (with their line breaks), lists and code."""
    out: list[str] = []
    for kind, lines in _blocks(_marked(text, evidence).split("\n")):
        if kind == "code":
            out.append(f"<pre><code>{_tags(e(chr(10).join(lines)))}</code></pre>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{_inline_html(_item(line))}</li>" for line in lines)
            out.append(f"<{kind}>{items}</{kind}>")
        else:
            out.append("<p>" + "<br>".join(_inline_html(line) for line in lines) + "</p>")
    return f"<div class=\"answer\">{''.join(out)}</div>"


def answer_markdown(text: str) -> str:
    """The answer as a Markdown blockquote: lists and fenced code kept, other markup escaped."""
    out: list[str] = []
    fence: str | None = None
    for line in text.replace(OPEN, "").replace(CLOSE, "").splitlines():
        match = _FENCE.match(line)
        if fence is not None:
            out.append(f"> {line}")
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            info = MD_SPECIAL.sub(r"\\\1", match.group(2))
            out.append(f"> {match.group(1)}{info}")
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet:
            out.append(f"> - {_md_text(bullet.group(1))}")
        elif numbered:
            number = line.strip().split(maxsplit=1)[0]
            out.append(f"> {number} {_md_text(numbered.group(1))}")
        else:
            out.append(f"> {_md_text(line)}" if line.strip() else ">")
    if fence is not None:
        out.append(f"> {fence}")
    return "\n".join(out) or ">"


def _md_text(line: str) -> str:
    """Prose: markup escaped, code spans kept, two trailing spaces so line breaks survive."""
    parts = re.split(r"(`[^`\n]+`)", line.strip())
    text = "".join(p if p.startswith("`") and p.endswith("`") and len(p) > 1
                   else MD_SPECIAL.sub(r"\\\1", p) for p in parts)
    return text + "  "


CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
  border-bottom: 1px solid #d8dde6; padding-bottom: .2rem; } h3 { font-size: 1.05rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; color: #3b4454; }
.meta, .help { color: #5b6475; font-size: .9rem; }
.card { border: 1px solid #d8dde6; border-radius: 8px; padding: .6rem 1rem; margin: 1rem 0;
  break-inside: avoid; }
.answer { border-left: 3px solid #9aa6bb; padding: .1rem .8rem; background: #f6f8fb; }
.answer p { margin: .4rem 0; }
pre { background: #eef1f6; padding: .5rem .7rem; overflow-x: auto; white-space: pre-wrap; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, monospace; }
mark { background: #fff0a8; padding: 0 .1em; }
.met { color: #17693b; } .missed { color: #8a5a00; } .wrong { color: #a3271f; }
.score { font-weight: 600; } .big { font-size: 1.8rem; font-weight: 650; margin: .2rem 0; }
.override { border-left: 3px solid #6b4fbb; padding-left: .6rem; }
.model { border-left: 3px solid #17693b; padding-left: .6rem; }
ul.points { list-style: none; padding-left: .4rem; } ul.points li { margin: .2rem 0; }
svg text { font: 12px system-ui, sans-serif; fill: #1d2330; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; }
  .card { border-color: #999; } }
"""
"""One small stylesheet, inline so an exported page is a single file that prints well."""

PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; " \
           "form-action 'none'; frame-ancestors 'none'"
"""For exported pages: an inline stylesheet and no script at all, so no answer can run code."""


def page(title: str, body: str) -> str:
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{e(title)}</title><style>{CSS}</style></head><body>{body}</body></html>")


def bars_svg(lines: list[tuple[str, float]], label: str) -> str:
    """A horizontal bar per (title, score 0-100), drawn as inline SVG (no script, prints)."""
    if not lines:
        return "<p class=\"help\">Nothing scored yet.</p>"
    row, left, width = 26, 190, 300
    height = row * len(lines) + 6
    parts = [f"<svg role=\"img\" aria-label=\"{e(label)}\" width=\"{left + width + 50}\" "
             f"height=\"{height}\" viewBox=\"0 0 {left + width + 50} {height}\">"]
    for i, (title, score) in enumerate(lines):
        y = i * row + 4
        span = max(0.0, min(100.0, score)) / 100 * width
        color = "#17693b" if score >= 60 else "#b07a00" if score >= 40 else "#a3271f"
        parts += [f"<text x=\"0\" y=\"{y + 15}\">{e(_clip(title, 28))}</text>",
                  f"<rect x=\"{left}\" y=\"{y}\" width=\"{width}\" height=\"18\" "
                  "fill=\"#eef1f6\"/>",
                  f"<rect x=\"{left}\" y=\"{y}\" width=\"{span:.1f}\" height=\"18\" "
                  f"fill=\"{color}\"><title>{e(title)}: {score:g}</title></rect>",
                  f"<text x=\"{left + width + 6}\" y=\"{y + 15}\">{score:g}</text>"]
    return "".join(parts) + "</svg>"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""Helm's templates/NOTES.txt: plain text that `helm install` prints to the user, with Go templates.

Prose is every paragraph (lines between blank lines; a line of template actions only separates
paragraphs too) and every `{{/* ... */}}` comment. Template expressions inside a paragraph stay in
its text; a paragraph made only of template expressions is not prose.
"""

from __future__ import annotations

from english_guard.config import Config
from english_guard.records import Segment
from english_guard.sources.text.gotemplate import MASK, mask_templates, template_comment_segments
from english_guard.sources.text.spans import Spans, line_bounds

_BLANK_OR_MASK = " \t\r" + MASK


def read_helm_notes(path: str, text: str, config: Config) -> list[Segment]:
    masked, template_comments = mask_templates(text)
    spans = Spans(path, text)
    segments = template_comment_segments(spans, template_comments)
    paragraph: list[tuple[int, int]] = []
    for start, end in [*line_bounds(masked), (len(masked), len(masked))]:
        if masked[start:end].strip(_BLANK_OR_MASK):
            paragraph.append((start, end))
            continue
        if paragraph:
            _paragraph(spans, masked, paragraph, segments)
            paragraph = []
    segments.sort(key=lambda s: (s.line, s.column))
    return segments


def _paragraph(spans: Spans, masked: str, lines: list[tuple[int, int]], segments: list[Segment]) -> None:
    first, last = lines[0][0], lines[-1][1]
    if not any(char.isalpha() for char in masked[first:last]):
        return
    prose = "\n".join(spans.text[s:e].strip() for s, e in lines)
    _add(segments, spans.segment(first, last, "paragraph", text=prose))


def _add(segments: list[Segment], segment: Segment | None) -> None:
    if segment is not None:
        segments.append(segment)

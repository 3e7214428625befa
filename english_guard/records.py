"""The records that flow through english-guard: segments -> verdicts -> findings.

Every stage takes the records of the stage before it and never reaches back:
readers turn files into `Segment`s, the language detection turns a segment's text
into a `Verdict`, the rules turn both into `Finding`s, and reporters print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

from english_guard.rules import UNREADABLE_FILE

KINDS = ("identifier", "comment", "docstring", "string", "prose")
# Segments of kind "reference" are names the code uses but does not define: never findings themselves,
# they tell a comment that mentions code (`# fill opname`) from one written in another language.


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a file to judge: its kind, its exact text and where it is.

    Lines and columns are 1-based; columns count characters (not bytes).
    `end_column` is exclusive, like the column of the character after the segment.
    """

    path: str
    kind: str
    text: str
    line: int
    column: int
    end_line: int
    end_column: int
    # identifier: function, class, method, parameter, variable, attribute, import-alias, ...
    # string: "user-facing" or "literal"; prose: comment, value, heading, paragraph, ...
    symbol: str = ""
    user_facing: bool = False
    # A label such as the call that made a string user-facing, for messages.
    context: str = ""
    # string: the module constant, class attribute or table entry that holds it (`texts.WELCOME`,
    # `Button.back`, `TEXTS[welcome]`), which other modules may send or match (english_guard.context).
    holder: str = ""


@dataclass(frozen=True, slots=True)
class WordEvidence:
    """Why the verdict believes what it believes about one word."""

    word: str
    verdict: str  # english, code, proper, foreign, unknown, neutral
    language: str = ""  # for foreign words: the language whose lexicon or morphology matched
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The language detection's judgement of one text."""

    english: bool
    language: str  # ISO 639-1 code; "en" when English, "und" when unknown
    confidence: float
    words: tuple[WordEvidence, ...] = ()
    reason: str = ""
    # Other languages the text could be in, with their shares of the evidence (best first).
    candidates: tuple[tuple[str, float], ...] = ()
    # On an English verdict: the weak foreign evidence that did not decide alone, as natural-log likelihood
    # ratios against English per language ("*": any foreign language, from words no lexicon knows). The
    # project-level resolution (english_guard.context) weighs it against the file's and project's profile.
    leaning: tuple[tuple[str, float], ...] = ()

    @property
    def foreign_words(self) -> list[str]:
        return [w.word for w in self.words if w.verdict == "foreign"]


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    kind: str
    symbol: str
    text: str
    language: str
    confidence: float
    message: str
    suggestion: str | None = None

    @classmethod
    def of_segment(cls, segment: Segment, code: str, language: str, confidence: float, message: str) -> Finding:
        """A finding about the whole of `segment`: its place, kind, symbol and text."""
        return cls(
            segment.path,
            segment.line,
            segment.column,
            segment.end_line,
            segment.end_column,
            code,
            segment.kind,
            segment.symbol,
            segment.text,
            language,
            confidence,
            message,
        )

    def to_json(self) -> dict:
        # Not dataclasses.asdict, which deep-copies every value: a report may hold ten thousand findings.
        return dict(zip(FINDING_FIELDS, _finding_values(self), strict=True))


FINDING_FIELDS = tuple(item.name for item in fields(Finding))
_finding_values = attrgetter(*FINDING_FIELDS)


@dataclass(frozen=True, slots=True)
class FileError:
    """A file that could not be read or parsed (EG900)."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    code: str = UNREADABLE_FILE.code

    def to_json(self) -> dict:
        data: dict[str, str | int] = {"path": self.path, "code": self.code, "message": self.message}
        if self.line is not None:
            data["line"] = self.line
        if self.column is not None:
            data["column"] = self.column
        return data


@dataclass(frozen=True, slots=True)
class Candidate:
    """A segment whose foreign evidence is too weak to decide alone (`tuman`, `poisk`, `yonghu`).

    `finding` is what it becomes if the file's and project's language profile agree; `leaning` is its
    evidence (see Verdict.leaning). Candidates are context-free, so they are cached with the file."""

    finding: Finding
    leaning: tuple[tuple[str, float], ...]

    def to_json(self) -> dict:
        return {"finding": self.finding.to_json(), "leaning": [list(item) for item in self.leaning]}


@dataclass(slots=True)
class FileResult:
    """Everything one file produced: findings, an error, and directive bookkeeping.

    `candidates` and `facts` feed the project-level resolution step (english_guard.context), which runs
    over every file's result (fresh or cached) after all files are read. `facts` is JSON-ready data by
    name, such as "languages": the file's language profile ({language: weight of sure evidence})."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: FileError | None = None
    unused_directives: list[Finding] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    facts: dict = field(default_factory=dict)

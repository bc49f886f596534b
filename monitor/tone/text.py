"""Text handling for the tone scorer: boilerplate removal, sentences, tokens, stems.

Everything here is plain ``re`` and dictionaries so that scoring tens of
thousands of sentences a second stays within one Python process.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Curly quotes and dashes are normalised first so that one set of patterns
# covers text from every publisher.
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": " - ",
        "\u00a0": " ",
    }
)

# Lines that are site furniture rather than reporting: share/subscribe prompts,
# CMS shortcodes such as ``[adinserter block="8"]``, bare hashes, copyright.
_BOILERPLATE_KEYS = (
    "subscribe", "newsletter", "telegram channel", "follow us", "sign up", "click here",
    "share this", "share on", "all rights reserved", "copyright", "\u00a9", "read more",
    "advertisement", "cookie", "our app", "delivered straight",
)  # fmt: skip
_SHORTCODE = re.compile(r"\[/?[a-z_]+(?:\s[^\]]*)?\]", re.IGNORECASE)
_HASH_LINE = re.compile(r"^[0-9a-f]{16,}\w*$", re.IGNORECASE)

# A sentence ends at . ! ? (optionally followed by a closing quote) before
# whitespace and an opening capital, digit or quote. Abbreviations such as
# "U.S." are protected by the lower-case/initial check below.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Pres|Prof|Jr|Sr|"
    r"No|Vol|Art|para|Inc|Corp|Ltd|Co|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)

# Word tokens (with an inner apostrophe, so "didn't" stays one token) and the
# punctuation that bounds clauses.
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,;:!?\"()]")
CLAUSE_BREAK = frozenset({",", ";", ":", "!", "?", '"', "(", ")"})

_STEMS: dict[str, str] = {}
_FUNCTION_WORDS = frozenset({"not", "no", "nor", "but", "yet", "may", "can", "if", "us", "end"})


def normalise(text: str) -> str:
    """Text with curly quotes, dashes and non-breaking spaces made plain.

    A spaced dash becomes ";" so that it bounds a clause like other punctuation.
    """
    if not text.isascii():
        text = text.translate(_TRANSLATE)
    if " - " in text:
        text = text.replace(" - ", " ; ")
    return text


def _is_boilerplate(line: str) -> bool:
    # Why a length limit: a long paragraph that merely mentions a newsletter
    # is reporting, not furniture.
    if len(line) >= 240:
        return False
    low = line.lower()
    return any(key in low for key in _BOILERPLATE_KEYS)


def strip_boilerplate(text: str) -> str:
    """The text without CMS shortcodes and short share/subscribe/ad lines."""
    if "\n" not in text and "[" not in text:
        return "" if _is_boilerplate(text) else text
    kept: list[str] = []
    for line in _SHORTCODE.sub(" ", text).splitlines():
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if _HASH_LINE.match(stripped):
            continue
        if _is_boilerplate(stripped):
            continue
        kept.append(stripped)
    return "\n".join(kept)


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(paragraph_index, sentence)`` for each sentence of the text."""
    paragraph = 0
    blocks = re.split(r"\n\s*\n|\n(?=\S)", text) if "\n" in text else [text]
    for block in blocks:
        if "  " in block or "\t" in block or "\n" in block:
            block = " ".join(block.split())
        if not block:
            continue
        if _SENTENCE_END.search(block) is None:
            yield paragraph, block.strip()
            paragraph += 1
            continue
        start = 0
        for match in _SENTENCE_END.finditer(block):
            head = block[start : match.start()]
            if _ABBREVIATION.search(head):
                continue
            if head.strip():
                yield paragraph, head.strip()
            start = match.end()
        tail = block[start:].strip()
        if tail:
            yield paragraph, tail
        paragraph += 1


def stem(word: str) -> str:
    """A light, consistent suffix-stripping stem ("imposed", "imposing" → "impos").

    It only has to map inflections of one word to one key, identically for the
    lexicon and for the text; it need not be linguistically correct.
    """
    cached = _STEMS.get(word)
    if cached is not None:
        return cached
    out = word
    if len(out) > 3 and "'" not in out:
        if out.endswith("ies") and len(out) > 4:
            out = out[:-3] + "y"
        elif out.endswith("sses"):
            out = out[:-2]
        elif out.endswith("s") and not out.endswith(("ss", "us", "is")):
            out = out[:-1]
        if out.endswith("ing") and len(out) > 5:
            out = out[:-3]
        elif out.endswith("ed") and len(out) > 4:
            out = out[:-2]
        if out.endswith("e") and len(out) > 3:
            out = out[:-1]
        if len(out) > 3 and out[-1] == out[-2] and out[-1] not in "lsz":
            out = out[:-1]
    if out in _FUNCTION_WORDS and out != word:
        # Why: "noted" must not stem to the negator "not".
        out = word
    if len(_STEMS) < 200_000:
        _STEMS[word] = out
    return out


def tokens(sentence: str) -> list[str]:
    """Lower-cased word and clause-punctuation tokens of one sentence."""
    return TOKEN.findall(sentence.lower())

"""Text handling for the tone scorer: boilerplate removal, sentences, tokens, stems.

Everything here is plain ``re`` and dictionaries so that scoring tens of
thousands of sentences a second stays within one Python process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

# Curly quotes and dashes are normalised first so that one set of patterns
# covers text from every publisher: (character, plain replacement).
_PLAIN = (
    ("\u2019", "'"),
    ("\u2018", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2013", "-"),
    ("\u2014", " - "),
    ("\u00a0", " "),
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
# whitespace and an opening capital, digit or quote, unless what precedes is
# an abbreviation ("U.S.", "Mr.", "Sept."). The match starts at the stop
# itself (not after it, by lookbehind) so that the regex engine can skip
# ahead to the next . ! or ? instead of trying every position.
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Pres|Prof|Jr|Sr|"
    r"No|Vol|Art|para|Inc|Corp|Ltd|Co|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$"
)

# Tokens are whitespace-separated words; punctuation stays attached and is
# stripped per distinct word (and cached by the scorer), which is several
# times faster than a tokenising regex over every sentence.
EDGE = "\"'()[]{},;:!?.*\u2026"
# Punctuation at a word's edge that ends a clause for framing purposes.
CLAUSE_MARKS = frozenset(',;:!?"()')
# Hyphen prefixes whose compound must not be read as its last part
# ("anti-piracy" is not piracy, "post-conflict" is not conflict).
# "North-west", "south-east", "mid-west" are directions: their tail names no bloc.
_OPAQUE_PREFIXES = frozenset(
    {"anti", "counter", "non", "post", "pre", "ex", "former", "north", "south", "mid"}
)

# word → its stem, bounded (the scorer reads it directly for fresh tokens). It
# starts with the inflections whose sense parts from their base word: "the
# annexed territories" is the act, "the annex" a document's appendix.
STEMS: dict[str, str] = {"annexed": "annexed", "annexing": "annexed"}
_FUNCTION_WORDS = frozenset({"not", "no", "nor", "but", "yet", "may", "can", "if", "us", "end"})


def normalise(text: str) -> str:
    """Text with curly quotes, dashes and non-breaking spaces made plain.

    A spaced dash becomes ";" so that it bounds a clause like other punctuation.
    """
    if not text.isascii():
        # Why not str.translate: it looks up every character of a non-ASCII
        # text in its table, and most are in none (an accent, a bullet); one
        # scan in C per character to replace is several times faster. No
        # replacement holds a character of another, so their order is free.
        for fancy, plain in _PLAIN:
            if fancy in text:
                text = text.replace(fancy, plain)
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


# The longest run of words read as one sentence. Why a bound: the frame of a sentence
# compares its terms with its cues, which grows faster than its length; a page that
# lost its punctuation (a table, a list, a feed's run-on summary) was one sentence of
# 160,000 words and took a minute and a half. The longest sentence of the evaluation
# sets has 209 words, and no other more than 192.
MAX_SENTENCE_WORDS = 200
_LONG_SENTENCE = 1_000  # characters: shorter text never holds MAX_SENTENCE_WORDS words


def _bounded(sentence: str) -> Iterator[str]:
    """``sentence``, or pieces of at most ``MAX_SENTENCE_WORDS`` words when it is longer,
    each ending at the last semicolon or comma in its second half where there is one."""
    words = sentence.split(" ")
    while len(words) > MAX_SENTENCE_WORDS:
        cut = MAX_SENTENCE_WORDS
        for marks in (";", ","):
            at = next(
                (k + 1 for k in range(MAX_SENTENCE_WORDS - 1, MAX_SENTENCE_WORDS // 2, -1)
                 if words[k].endswith(marks)),
                0,
            )  # fmt: skip
            if at:
                cut = at
                break
        yield " ".join(words[:cut])
        words = words[cut:]
    if words:
        yield " ".join(words)


def split_sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(paragraph_index, sentence)`` for each sentence of the text (a run of more
    than ``MAX_SENTENCE_WORDS`` words without an end is read in pieces)."""
    paragraph = 0
    blocks = re.split(r"\n\s*\n|\n(?=\S)", text) if "\n" in text else [text]
    for block in blocks:
        if "  " in block or "\t" in block or "\n" in block:
            block = " ".join(block.split())
        if not block:
            continue
        first = None
        if ". " in block or "? " in block or "! " in block or '" ' in block or "' " in block:
            first = _SENTENCE_END.search(block)
        if first is None:
            block = block.strip()
            if len(block) > _LONG_SENTENCE:
                for piece in _bounded(block):
                    yield paragraph, piece
            else:
                yield paragraph, block
            paragraph += 1
            continue
        start = 0
        for match in _SENTENCE_END.finditer(block, first.start()):
            stop = match.start() + 1
            # Only the end of the head can be an abbreviation ("U.S.", "Mr.").
            if _ABBREVIATION.search(block, max(start, stop - 7), stop):
                continue
            head = block[start:stop].strip()
            if len(head) > _LONG_SENTENCE:
                for piece in _bounded(head):
                    yield paragraph, piece
            elif head:
                yield paragraph, head
            start = match.end()
        tail = block[start:].strip()
        if len(tail) > _LONG_SENTENCE:
            for piece in _bounded(tail):
                yield paragraph, piece
        elif tail:
            yield paragraph, tail
        paragraph += 1


def stem(word: str) -> str:
    """A light, consistent suffix-stripping stem ("imposed", "imposing" → "impos").

    It only has to map inflections of one word to one key, identically for the
    lexicon and for the text; it need not be linguistically correct.
    """
    cached = STEMS.get(word)
    if cached is not None:
        return cached
    out = word
    if len(out) > 3 and "'" not in out:
        if out[-3:] == "ies" and len(out) > 4:
            out = out[:-3] + "y"
        elif out[-4:] == "sses":
            out = out[:-2]
        elif out[-1] == "s" and out[-2:] not in ("ss", "us", "is"):
            out = out[:-1]
        suffixed = False
        if out[-3:] == "ing" and len(out) > 5:
            out = out[:-3]
            suffixed = True
        elif out[-2:] == "ed" and len(out) > 4:
            out = out[:-2]
            suffixed = True
        # "agree"/"agreed"/"agreeing" → "agre"; "impose"/"imposed" → "impos".
        if out[-1] == "e" and len(out) > 3 and (not suffixed or out[-2:] == "ee"):
            out = out[:-1]
        if len(out) > 3 and out[-1] == out[-2] and out[-1] not in "lsze":
            out = out[:-1]
    if out in _FUNCTION_WORDS and out != word:
        # Why: "noted" must not stem to the negator "not".
        out = word
    if len(STEMS) < 200_000:
        STEMS[word] = out
    return out


# "US" in capitals is the country, never the pronoun: lower-cased, it would read as
# "us" (the speaker's own side). Not inside a longer word ("USA", "USSR"), nor as the
# currency ("US $50 million", "US$").
_US = re.compile(r"(?<![\w.])US(?![\w])(?!\s?\$)")


def tokens(sentence: str) -> list[str]:
    """Lower-cased whitespace tokens of one sentence (punctuation still attached).

    The country's abbreviation "US" becomes "u.s" first, so that it is read as
    the state it names and not as the pronoun "us".
    """
    if "US" in sentence:
        sentence = _US.sub("U.S", sentence)
    return sentence.lower().split()


def clean(token: str) -> str:
    """A token without the punctuation at its edges ("sanctions," → "sanctions")."""
    return token.strip(EDGE)


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` as they are written (tokens of a lower-case sentence)."""
    return frozenset(text.split())


def clause_tokens(words: Iterable[str]) -> frozenset[str]:
    """``words`` as they can stand among a sentence's tokens: bare, or ending a clause
    ("earthquake.", "donors,"), so that one set test finds them either way."""
    return frozenset(w + mark for w in words for mark in ("", ".", ",", ";", ":"))


def word_keys(text: str) -> frozenset[str]:
    """The lexicon keys (light stems) of the words of ``text``."""
    return frozenset(token_key(w) for w in text.split())


def token_key(token: str) -> str:
    """The lexicon key of one raw token: cleaned, then stemmed.

    A four-digit year becomes ``"<year>"``; a hyphenated compound keeps its
    hyphen ("de-risking" → "de-risk") so the lexicon can list it whole.
    """
    word = clean(token)
    if len(word) == 4 and word.isdigit() and word[:2] in ("19", "20"):
        return "<year>"
    if word[-2:] == "'s":
        word = word[:-2]
    return stem(word)


def compound_tail(word: str) -> str:
    """For an unknown hyphenated word, the key of its last part ("" if opaque)."""
    head, _, tail = word.rpartition("-")
    if not head or head.split("-")[0] in _OPAQUE_PREFIXES:
        return ""
    return stem(tail)


# A turn of a transcript: "Q:", "A:", "Question:", "Spokesperson Mao Ning:",
# "Reporter (AFP):" at the start of a line.
_TURN = re.compile(r"^([A-Z][\w.'()\- ]{0,48}?):\s+(\S.*)$")
_ASKING = frozenset({"q", "question", "reporter", "journalist", "press", "media"})


def transcript_turns(text: str) -> list[tuple[str, bool, str]] | None:
    """``(speaker label, is a question, text)`` per turn, or None if not a transcript.

    A text is a transcript when at least three lines open with a speaker
    label. A turn is a question when its label says so ("Q", "Reporter" ...)
    or when it ends with a question mark and is not the answerer's: "A:", or
    the label that speaks most ("Mao Ning:" among "Reuters:", "AFP:" ...),
    whose questions are rhetorical. Unlabelled lines continue the turn before
    them.
    """
    lines = text.splitlines()
    hits = [_TURN.match(line.strip()) for line in lines]
    if sum(1 for h in hits if h) < 3:
        return None
    spoke = Counter(h.group(1).strip() for h in hits if h)
    ranked = spoke.most_common(2)
    answerer = ranked[0][0] if len(ranked) > 1 and ranked[0][1] > ranked[1][1] else ""
    turns: list[tuple[str, bool, str]] = []
    for line, hit in zip(lines, hits, strict=True):
        if hit:
            label, body = hit.group(1).strip(), hit.group(2)
            asked = label.lower() in _ASKING or label.split()[0].lower() in _ASKING
            answers = label in ("A", "Answer") or label == answerer
            if label in ("A", "Answer"):
                label = ""
            turns.append((label, asked or (not answers and body.rstrip().endswith("?")), body))
        elif line.strip() and turns:
            label, asked, body = turns[-1]
            turns[-1] = (label, asked, f"{body}\n{line.strip()}")
    return turns

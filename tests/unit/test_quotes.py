"""Quotes: quotation-mark scanning, speakers and cues on real news sentences, the scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.evaluation.common import gold_article
from eventwire.evaluation.quotes import Gold, Predicted, Tally, metrics, quoted, score_article
from eventwire.model import Article, Quote
from eventwire.nlp.parse import load_model
from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Work
from eventwire.quotes.marks import scan
from eventwire.quotes.stage import QuotesStage
from eventwire.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "esper-iraq-rockets.txt"


# --- scanning quotation marks (no model) -------------------------------------------------

@pytest.mark.parametrize(("text", "quotes"), [
    ('"Subpoenas are not optional," Chaffetz said.', ["Subpoenas are not optional"]),
    ("“We must also use this opportunity,” Pompeo said.", ["We must also use this opportunity"]),
    ("Abdul Mahdi expressed “concern” over the attacks.", ["concern"]),
    ("“We take the attacks seriously,” OIR said, “and we retain the right to defend.”",
     ["We take the attacks seriously", "and we retain the right to defend."]),
    ("Said Ellis: “I don’t get the sense she’s interested.”",
     ["I don’t get the sense she’s interested."]),
    ("The 12\" pipe burst, officials said.", []),
    ("''This isn't tax reform,'' said Douglas Holtz-Eakin.", ["This isn't tax reform"]),
    ("”Fear. I am truly afraid.” ― Edwin G. Monroy", ["Fear. I am truly afraid."]),
    ('"Kevin was asleep. “Here he is, babe,” she said.', ["Here he is, babe"]),
])
def test_scan_finds_quoted_stretches(text: str, quotes: list[str]) -> None:
    notes: list[str] = []
    found = [text[s.start:s.end] for s in scan(text, notes)]
    assert found == quotes
    assert notes == []


def test_runaway_quote_stops_at_paragraph_end_with_warning() -> None:
    text = ("“We have made clear that attacks will not be tolerated, OIR said.\n\n"
            "Lawmakers on Capitol Hill expressed concern on Wednesday.")
    notes: list[str] = []
    segments = scan(text, notes)
    assert len(segments) == 1
    assert segments[0].runaway
    assert segments[0].end <= text.index("\n")
    assert notes and "never closed" in notes[0]


def test_quote_continues_across_paragraphs() -> None:
    text = ("“The first paragraph of the statement ends without a closing mark.\n\n"
            "“And the second paragraph closes it,” the official said.")
    notes: list[str] = []
    segments = scan(text, notes)
    assert [text[s.start:s.end][:10] for s in segments] == ["The first ", "And the se"]
    assert segments[0].chain == segments[1].chain
    assert not segments[0].runaway
    assert notes == []


@pytest.mark.parametrize("text", ["", "\n\n", "“", "”“”", "\"\"\"", "A" * 5000,
                                  "“\u200b\u00a0”", "WE SAID “NO” AND THEY SAID “YES”"])
def test_scan_never_crashes(text: str) -> None:
    scan(text, [])


# --- speakers, cues and channels (model) -------------------------------------------------

@pytest.fixture(scope="module")
def quotes_pipeline() -> Pipeline:
    return Pipeline(Settings(clean=False))


def run(pipeline: Pipeline, text: str) -> Article:
    article = pipeline.process(gold_article("t", text, "2019-12-17"))
    assert article.meta.failure is None
    return article


def find(article: Article, words: str, direct: bool | None = None) -> Quote:
    for quote in article.quotes:
        if words in quote.text and direct in (None, quote.direct):
            return quote
    raise AssertionError(f"no quote with {words!r} in {[q.text for q in article.quotes]}")


CASES = [
    ("“We must also use this opportunity to remind Iran’s leaders that any attacks will be "
     "answered with a decisive U.S. response,” Pompeo said in a statement on Friday.",
     "We must also use", True, "Pompeo", "said", "statement"),
    ("“We take the recent rocket attacks in Iraq seriously,” OIR said in an emailed statement "
     "to Military Times.", "We take the recent", True, "OIR", "said", "emailed statement"),
    ("Abdul Mahdi expressed “concern” over the rocket attacks but also warned that "
     "“unilateral decisions will have negative reactions that are difficult to control.”",
     "concern", True, "Abdul Mahdi", "expressed", None),
    ("Abdul Mahdi expressed “concern” over the rocket attacks but also warned that "
     "“unilateral decisions will have negative reactions that are difficult to control.”",
     "unilateral decisions", True, "Abdul Mahdi", "warned", None),
    ("A U.S. official told Military Times that Iran-backed militias are now using more lethal "
     "rockets in their attacks.", "Iran-backed militias", False, "A U.S. official", "told",
     None),
    ("“The world economy has moved sideways,” IMF chief economist Maury Obstfeld said.",
     "The world economy", True, "Maury Obstfeld", "said", None),
    ("Said Ellis: “I don’t get the sense she’s the least bit interested in tax reform.”",
     "I don’t get the sense", True, "Ellis", "Said", None),
    ("Secretary of Defense Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi to help stop "
     "rocket attacks, according to a statement from the Iraqi prime minister’s office.",
     "Mark Esper asked", False, "prime minister’s office", "according to", "statement"),
    ("Trump called the senator a \"nasty guy.\"", "nasty guy", True, "Trump", "called", None),
    ("“Having access to the RNC file is valuable,” said Skelly, explaining the data.",
     "Having access", True, "Skelly", "said", None),
    ("“Maybe, we can build a wall around Donald Trump.” ― Steve Quinlan", "build a wall", True,
     "Steve Quinlan", "―", None),
    ("''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist.", "tax reform", True,
     "Douglas Holtz-Eakin", "said", None),
    ("“It is not the position that everything is hunky-dory,” Gene Sperling, a top outside "
     "Clinton adviser, said on Monday.", "hunky-dory", True, "Gene Sperling", "said", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "direct", "speaker", "cue", "channel"), CASES)
def test_speaker_cue_and_channel(quotes_pipeline: Pipeline, text: str, words: str,
                                 direct: bool, speaker: str, cue: str,
                                 channel: str | None) -> None:
    quote = find(run(quotes_pipeline, text), words, direct)
    assert quote.speaker is not None and speaker in quote.speaker.text
    assert quote.cue == cue
    assert quote.cue_start is not None and text[quote.cue_start:quote.cue_end] == cue
    assert quote.channel == channel
    assert text[quote.start:quote.end] == quote.text


ATTRIBUTED = [
    # a subject inside the quote is not the speaker of an inverted cue
    ('"If the regime cannot strike its neighbors yet, it will soon," said Laura Kim, an '
     "analyst at the Stimson Center.", "it will soon", True, "Laura Kim", "said"),
    # a paragraph ending in a colon introduces the quote of the next paragraph
    ('The Wall Street Journal reports:\n\n"Fewer than a third of the donors gave more than '
     '$500 to the campaign this year."', "Fewer than a third", True,
     "The Wall Street Journal", "reports"),
    # what a naming verb names, up to its quoted words
    ("Senator Maria Lopez criticized the new tariff plan as a “reckless gamble” during a town "
     "hall in Denver.", "the new tariff plan as a “reckless gamble”", False,
     "Senator Maria Lopez", "criticized"),
    # a clause the cue governs through a preposition, up to the partial quote ending it
    ("In an interview on Sunday he blasted the state media for being “deliberately "
     "misleading.”", "the state media for being “deliberately misleading.”", False, "he",
     "blasted"),
    # the verb that takes a quote into its clause is its cue
    ("In a June speech, Erdogan attacked “the arrogant policies of the European Union.”",
     "the arrogant policies", True, "Erdogan", "attacked"),
    # a colon after a clause with no reporting verb
    ('The governor is rolling out a blunt new campaign slogan: "Finish the job."',
     "Finish the job", True, "The governor", ":"),
    # the speaker is the mention as written: "who", not its antecedent
    ('Reporters spoke to Mayor Daniel Ortiz, who on Monday said the curfew would be lifted '
     '"as soon as it is safe."', "as soon as it is safe", True, "who", "said"),
    # a cue inside what another cue reports does not speak
    ("Haley said she is confident Scott will remain “a strong voice for South Carolina.”",
     "a strong voice", True, "Haley", "said"),
    # "telling Hannity": the name after "tell" is the hearer
    ('Trump lashed out at the network, telling Hannity that "the moderators were very unfair '
     'to me."', "the moderators", True, "Trump", "telling"),
    # "X issued a statement saying ..." is X's
    ("The Pentagon issued a statement saying “the strikes were defensive and "
     "proportionate.”", "the strikes were", True, "The Pentagon", "saying"),
    # the name right before a cue whose subject the parser missed
    ("In a column for The Guardian, her foreign policy adviser, Tom Reyes, wrote: “The "
     "alliance remains the cornerstone of our security.”", "The alliance", True, "Tom Reyes",
     "wrote"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "direct", "speaker", "cue"), ATTRIBUTED)
def test_attributing_mention_and_cue(quotes_pipeline: Pipeline, text: str, words: str,
                                     direct: bool, speaker: str, cue: str) -> None:
    quote = find(run(quotes_pipeline, text), words, direct)
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert text[quote.speaker.start:quote.speaker.end] == speaker
    assert quote.cue == cue


@pytest.mark.model
def test_relative_speaker_takes_the_actor_of_its_antecedent(quotes_pipeline: Pipeline) -> None:
    article = run(quotes_pipeline, 'Reporters spoke to Mayor Daniel Ortiz, who on Monday said '
                                   'the curfew would be lifted "as soon as it is safe."')
    quote = find(article, "as soon as it is safe", True)
    assert quote.speaker is not None and quote.speaker.text == "who"
    ortiz = next(e for e in article.entities if "Ortiz" in e.text)
    assert quote.speaker.actor is not None and quote.speaker.actor == ortiz.actor


@pytest.mark.model
def test_scare_quote_under_a_plain_verb_is_dropped(quotes_pipeline: Pipeline) -> None:
    article = run(quotes_pipeline, 'He has bought a vineyard and a bar in Richmond, a '
                                   '"gastropub."')
    assert article.quotes == []


@pytest.mark.model
def test_continuation_takes_the_previous_speaker(quotes_pipeline: Pipeline) -> None:
    text = ('"What makes climate change difficult is that it is not an instantaneous event," '
            'he said. "It\'s a slow-moving issue that people don\'t experience."\n\n'
            "Climate change, Mr. Obama often says, is the greatest long-term threat.")
    article = run(quotes_pipeline, text)
    first, second = find(article, "What makes"), find(article, "slow-moving")
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.start == first.speaker.start
    assert second.cue is None


@pytest.mark.model
def test_split_quote_has_one_speaker(quotes_pipeline: Pipeline) -> None:
    text = ("“We take the recent rocket attacks seriously,” OIR said, “and we retain the right "
            "to defend ourselves.”")
    article = run(quotes_pipeline, text)
    first, second = find(article, "We take"), find(article, "and we retain")
    assert first.speaker == second.speaker
    assert first.speaker is not None and first.speaker.text == "OIR"


@pytest.mark.model
def test_attributions_are_handed_on() -> None:
    settings = Settings(clean=False)
    text = "Reuters first reported the call between Esper and Abdul Mahdi."
    work = Work(gold_article("t", text, None))
    work.doc = load_model(settings.model, settings.max_chars)(text)
    QuotesStage(settings).process(work)
    attributions = work.attributions
    assert [a.speaker.text for a in attributions] == ["Reuters"]
    assert text[attributions[0].start:attributions[0].end].startswith("the call")
    assert work.article.quotes == []


@pytest.mark.model
def test_worked_example(quotes_pipeline: Pipeline) -> None:
    article = run(quotes_pipeline, EXAMPLE.read_text(encoding="utf-8"))
    expected = [
        ("expressed his concern over targeting", "Abdul Mahdi’s office", "according to"),
        ("concern", "Abdul Mahdi", "expressed"),
        ("unilateral decisions", "Abdul Mahdi", "warned"),
        ("decisive U.S. response", "Pompeo", "warned"),
        ("We must also use this opportunity", "Pompeo", "said"),
        ("We take the recent rocket attacks", "OIR", "said"),
        ("We have made clear", "OIR", "said"),
        ("Iran should not mistake", "Esper", "told"),
    ]
    for words, speaker, cue in expected:
        quote = next(q for q in article.quotes if q.direct and q.text.startswith(words))
        assert quote.speaker is not None and speaker in quote.speaker.text, words
        assert quote.cue == cue, words
    assert find(article, "We take the recent").channel == "emailed statement"
    assert [q.id for q in article.quotes] == [f"q{i}" for i in range(1, len(article.quotes) + 1)]


@pytest.mark.model
@pytest.mark.parametrize("text", ["", "“", "SHE SAID “NO” LOUDLY.", "“" + "word " * 3000,
                                  "\u200b“\u00a0”\u200b said he."])
def test_bad_input_does_not_fail(quotes_pipeline: Pipeline, text: str) -> None:
    article = quotes_pipeline.process(gold_article("t", text, None))
    assert article.meta.failure is None


# --- scorer (pure) --------------------------------------------------------------------------

GOLD = [Gold(((10, 40),), ((0, 5),), True), Gold(((50, 90),), ((45, 49),), False)]


def test_perfect_predictions_score_one() -> None:
    predicted = [Predicted(10, 40, True, (0, 5)), Predicted(50, 90, False, (45, 49))]
    for direct_only, prefix in ((True, "direct_"), (False, "all_")):
        tally = score_article(GOLD, predicted, direct_only)
        assert set(metrics(tally, prefix).values()) == {1.0}


def test_empty_predictions_score_zero() -> None:
    tally = Tally()
    tally.add(score_article(GOLD, [], direct_only=True))
    assert set(metrics(tally, "").values()) == {0.0}


def test_wrong_speaker_and_partial_cover() -> None:
    predicted = [Predicted(12, 40, True, (20, 25)), Predicted(100, 120, True, None)]
    tally = score_article(GOLD, predicted, direct_only=True)
    assert (tally.found, tally.right, tally.predicted) == (1, 1, 2)
    assert (tally.speakers, tally.speakers_right) == (1, 0)
    short = score_article(GOLD, [Predicted(10, 20, True, (0, 5))], direct_only=True)
    assert short.found == 0


@pytest.mark.parametrize(("text", "start", "end", "expected"), [
    ('He said "no way" today.', 9, 16, True),
    ("She said Trump favors a “strongman approach.”", 9, 45, True),
    ("She said Trump favors a strongman approach.", 9, 42, False),
])
def test_quoted_heuristic(text: str, start: int, end: int, expected: bool) -> None:
    assert quoted(text, start, end) is expected

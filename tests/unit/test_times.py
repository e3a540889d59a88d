"""Times: spans and TIMEX3 values resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire import __version__
from eventwire.evaluation.times import Tally, Timex, score
from eventwire.model import Article, Meta
from eventwire.nlp.parse import ParseStage
from eventwire.pipeline.runner import Pipeline
from eventwire.settings import Settings
from eventwire.times.calendar import holiday_date, spelled_year
from eventwire.times.resolve import parse_published, resolve
from eventwire.times.stage import TimesStage
from eventwire.times.timex import find

# The worked example was published on Tuesday 2019-12-17.
PUBLISHED = "2019-12-17"
ANCHOR = date(2019, 12, 17)


@pytest.fixture(scope="module")
def times_pipeline() -> Pipeline:
    return Pipeline(Settings(clean=False), stages=[ParseStage, TimesStage])


def run(pipeline: Pipeline, text: str, published: str | None = PUBLISHED) -> Article:
    article = pipeline.process(Article(id="t", text=text, published=published,
                                       meta=Meta(version=__version__)))
    assert article.meta.failure is None
    for item in article.times:
        assert article.text[item.start:item.end] == item.text
    return article


def only(text: str, tense: str | None = "past") -> tuple[str, str | None, str | None, str]:
    """The one expression `find` sees in `text`: its words, value, mod and type."""
    found = find(text)
    assert len(found) == 1, found
    value = resolve(found[0], ANCHOR, tense)  # type: ignore[arg-type]
    return text[found[0].start:found[0].end], value.value, value.mod, value.type


@pytest.mark.parametrize(
    ("text", "words", "value", "mod", "kind"),
    [
        ("The accord was signed on Dec. 16, 2019, in Baghdad.", "Dec. 16, 2019", "2019-12-16",
         None, "DATE"),
        ("The accord was signed on 16 December 2019 in Baghdad.", "16 December 2019",
         "2019-12-16", None, "DATE"),
        ("Filed 2019-12-16 by the ministry.", "2019-12-16", "2019-12-16", None, "DATE"),
        ("The order dated 12/16/2019 was published.", "12/16/2019", "2019-12-16", None, "DATE"),
        ("Talks broke down in December 2019.", "December 2019", "2019-12", None, "DATE"),
        ("The group was founded in 1998.", "1998", "1998", None, "DATE"),
        ("The militia first fought in the 1990s.", "the 1990s", "199", None, "DATE"),
        ("He left the country two years ago.", "two years ago", "2017", None, "DATE"),
        ("Protests spread last week.", "last week", "2019-W50", None, "DATE"),
        ("Militias fired rockets earlier this month.", "earlier this month", "2019-12",
         "START", "DATE"),
        ("Ten attacks hit bases over the last five weeks.", "the last five weeks", "P5W", None,
         "DURATION"),
        ("Officials met yesterday.", "yesterday", "2019-12-16", None, "DATE"),
        ("The curfew ends tomorrow.", "tomorrow", "2019-12-18", None, "DATE"),
        ("Militias are now using longer range rockets.", "now", "PRESENT_REF", None, "DATE"),
        ("The border is currently closed.", "currently", "PRESENT_REF", None, "DATE"),
        ("Convoys leave the base daily.", "daily", "P1D", None, "SET"),
        ("Shelling began at 6 a.m.", "6 a.m.", "2019-12-17T06:00", None, "TIME"),
        ("Profit rose in the third quarter.", "the third quarter", "2019-Q3", None, "DATE"),
        ("The talks lasted about two years.", "about two years", "P2Y", "APPROX", "DURATION"),
    ],
)
def test_values(text: str, words: str, value: str, mod: str | None, kind: str) -> None:
    assert only(text) == (words, value, mod, kind)


@pytest.mark.parametrize(
    ("text", "words", "value", "mod", "kind"),
    [
        # TimeML: "after", "before", "later" are signals; the expression is the duration.
        ("The strike came two weeks after the attack on the base.", "two weeks", "P2W", None,
         "DURATION"),
        ("Three days later, the militia fired again.", "Three days", "P3D", None, "DURATION"),
        ("He was killed nearly two months after the talks began.", "nearly two months", "P2M",
         "APPROX", "DURATION"),
        # Years read aloud in broadcast transcripts.
        ("In nineteen ninety-one the court convicted him.", "nineteen ninety-one", "1991", None,
         "DATE"),
        ("A bomb hit the clinic in January nineteen ninety-seven.",
         "January nineteen ninety-seven", "1997-01", None, "DATE"),
        ("Oil fell to the level we saw in the winter of nineteen ninety-four.",
         "the winter of nineteen ninety-four", "1994-WI", None, "DATE"),
        ("He promised to halve unemployment by the year two thousand.",
         "the year two thousand", "2000", None, "DATE"),
        # Fiscal and calendar years of company reports.
        ("Sales for the full year rose 13%.", "the full year", "2019", None, "DATE"),
        ("It expects higher sales in the current fiscal year.", "the current fiscal year",
         "2019", None, "DATE"),
        ("Revenue was $76 million in the year ending on that date.", "the year", "P1Y", None,
         "DURATION"),
        ("The deal should close by year-end.", "year-end", "2019", "END", "DATE"),
        ("The group began to split in mid-2018.", "mid-2018", "2018", "MID", "DATE"),
        ("In the year-earlier third quarter, it earned $2.8 million.",
         "the year-earlier third quarter", "2018-Q3", None, "DATE"),
        ("Losses were charged in the 2018 second quarter.", "the 2018 second quarter",
         "2018-Q2", None, "DATE"),
        ("The spin-off could be effective in next year's first quarter.",
         "next year's first quarter", "2020-Q1", None, "DATE"),
        # Named days.
        ("The boy was found at sea on Thanksgiving Day.", "Thanksgiving Day", "2019-11-28",
         None, "DATE"),
        ("Orders picked up over the summer.", "the summer", "2019-SU", None, "DATE"),
        ("The offer was extended until 5 p.m. EST Dec. 20.", "5 p.m. EST Dec. 20",
         "2019-12-20T17:00", None, "TIME"),
        ("They lived in refugee camps for 2 1/2 years.", "2 1/2 years", "P2Y6M", None,
         "DURATION"),
        ("She spent about 5 1/2 hours in Nairobi.", "about 5 1/2 hours", "PT5H30M", "APPROX",
         "DURATION"),
        ("The talks were suspended for half an hour.", "half an hour", "PT30M", None,
         "DURATION"),
    ],
)
def test_more_values(text: str, words: str, value: str, mod: str | None, kind: str) -> None:
    assert only(text) == (words, value, mod, kind)


@pytest.mark.parametrize(
    ("text", "year"),
    [("nineteen ninety-six", 1996), ("nineteen oh five", 1905), ("nineteen ten", 1910),
     ("two thousand", 2000), ("two thousand and one", 2001), ("twenty twenty", None)],
)
def test_spelled_year(text: str, year: int | None) -> None:
    assert spelled_year(text) == year


@pytest.mark.parametrize(
    ("name", "year", "day"),
    [("Thanksgiving", 1999, date(1999, 11, 25)), ("Election Day", 1998, date(1998, 11, 3)),
     ("Memorial Day", 2000, date(2000, 5, 29)), ("Labor Day", 2019, date(2019, 9, 2)),
     ("Christmas Eve", 2019, date(2019, 12, 24)), ("Groundhog Week", 2019, None)],
)
def test_holiday_date(name: str, year: int, day: date | None) -> None:
    assert holiday_date(name, year) == day


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        ("Esper spoke to Abdul Mahdi in a phone call Monday.", "past", "2019-12-16"),
        ("The ministers will meet on Friday.", "future", "2019-12-20"),
        ("Lawmakers expressed concern Wednesday.", "past", "2019-12-11"),
        ("The envoy arrived Tuesday.", "past", "2019-12-17"),
        ("The envoy returns next Tuesday.", None, "2019-12-24"),
        ("The envoy left last Tuesday.", "past", "2019-12-10"),
        ("The vote is set for March.", "future", "2020-03"),
        ("The vote took place in March.", "past", "2019-03"),
        ("The strike started Nov. 25.", "past", "2019-11-25"),
        ("He said the envoy would travel Thursday.", "future", "2019-12-19"),
    ],
)
def test_tense_decides_direction(text: str, tense: str | None, value: str) -> None:
    assert only(text, tense)[1] == value


@pytest.mark.parametrize("text", ["The deadline is February 30.", "It ends on the 45th of May.",
                                  "Rally on February 29, 2019 was cancelled."])
def test_impossible_dates_get_no_value(text: str) -> None:
    for found in find(text):
        value = resolve(found, ANCHOR, "past")
        assert value.value is None or not value.value.startswith(("2019-02-29", "2019-02-30"))
        if found.rule in {"mdy", "dmy"}:
            assert value.value is None


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(9999, 12, 31)])
def test_extreme_publication_dates_never_crash(anchor: date) -> None:
    text = ("On Monday, a year ago, last Christmas, year-ago results, the summer, next week, "
            "5 p.m. Dec. 31 and the 1988 quarter.")
    for found in find(text):
        value = resolve(found, anchor, "future")
        if value.value and len(value.value) >= 10 and value.value[4] == "-":
            date.fromisoformat(value.value[:10])


def test_published_parsing() -> None:
    assert parse_published("2019-12-17T08:30:00Z") == ANCHOR
    assert parse_published("17/12/2019") is None
    assert parse_published(None) is None



@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Secretary of Defense Mark Esper asked Iraqi Prime Minister Adel Abdul Mahdi in a "
         "phone call Monday to help stop rocket attacks.", [("Monday", "2019-12-16")]),
        ("On Friday, Secretary of State Mike Pompeo warned Iran and its leaders of a "
         "“decisive U.S. response”.", [("Friday", "2019-12-13")]),
        ("Lawmakers on Capitol Hill Wednesday expressed concern regarding the U.S. military’s "
         "ability to deter Iran.", [("Wednesday", "2019-12-11")]),
        ("The call from Esper follows at least 10 rocket attacks that have targeted U.S. bases "
         "and interests in Iraq over the last five weeks.", [("the last five weeks", "P5W")]),
        ("Pompeo said in a statement on Friday that any attacks will be answered.",
         [("Friday", "2019-12-13")]),
        ("The defence ministers will meet in Brussels on Thursday.", [("Thursday",
                                                                        "2019-12-19")]),
        ("Iran-backed militias are now using more lethal 122mm rockets.",
         [("now", "PRESENT_REF")]),
    ],
)
def test_worked_example(times_pipeline: Pipeline, text: str,
                        expected: list[tuple[str, str]]) -> None:
    article = run(times_pipeline, text)
    assert [(t.text, t.value) for t in article.times] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The father could arrive in the U.S. as early as Thursday.",
         [("Thursday", "2019-12-19")]),
        ("Officials said the envoy would travel to Baghdad Friday.", [("Friday", "2019-12-20")]),
        ("The company blamed current market conditions.", [("current", "PRESENT_REF")]),
        ("The current account deficit widened.", []),
        ("Thousands attend what has become a daily public rally.", [("daily", "P1D")]),
        ("The Communist Party daily Granma printed the letter.", []),
        ("Nasdaq's average daily volume is 133 million shares.", []),
        ("A second group of directors backed the offer.", []),
        ("He told CBS's \"60 Minutes\" that he would stay.", []),
        ("Baker said on ABC's \"This Week\" that talks would resume.", []),
        # "now that" is the present too (TimeBank marks it).
        ("Iraq's old enemies show signs of swinging behind Saddam Hussein now that he is in a "
         "confrontation with the U.S.", [("now", "PRESENT_REF")]),
        ("Holder said that ``now that we have this new information, we'll have to look at "
         "it.''", [("now", "PRESENT_REF")]),
    ],
)
def test_clause_decides(times_pipeline: Pipeline, text: str,
                        expected: list[tuple[str, str]]) -> None:
    article = run(times_pipeline, text)
    assert [(t.text, t.value) for t in article.times] == expected


@pytest.mark.model
def test_without_published_relative_values_stay_empty(times_pipeline: Pipeline) -> None:
    article = run(times_pipeline, "Esper called Abdul Mahdi on Monday, two weeks after the "
                                  "attack of Dec. 3, 2019.", published=None)
    values = {t.text: t.value for t in article.times}
    assert values["Monday"] is None
    assert values["Dec. 3, 2019"] == "2019-12-03"
    assert any("no publication date" in w for w in article.meta.warnings)


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "", "   ", "ON FRIDAY THE MINISTER SAID NOTHING ABOUT THE 45TH OF MAY OR FEBRUARY 30.",
    "Talks on February 30 were cancelled.", "ñ" * 5000 + " Monday " + "🙂" * 100,
    "Rockets hit on 99/99/2019 and 2019-13-45.",
    "Until 5 p.m. EST Feb. 30, nineteen oh, the year-ago 99 1/2 centuries last Thanksgiving.",
])
def test_bad_input_never_crashes(times_pipeline: Pipeline, text: str) -> None:
    article = run(times_pipeline, text)
    for item in article.times:
        if item.value and item.value[:4].isdigit() and len(item.value) >= 10:
            date.fromisoformat(item.value[:10])


def test_scorer_perfect_and_empty() -> None:
    gold = [Timex(0, 6, "DATE", "2019-12-16"), Timex(10, 20, "DURATION", "P5W")]
    perfect = Tally()
    score(perfect, gold, gold)
    assert perfect.metrics()["value_f1"] == 1.0
    assert perfect.metrics()["span_f1"] == 1.0
    assert perfect.metrics()["strict_span_f1"] == 1.0
    empty = Tally()
    score(empty, gold, [])
    assert empty.metrics()["value_f1"] == 0.0
    assert empty.metrics()["span_f1"] == 0.0


def test_scorer_value_needs_span_and_value() -> None:
    tally = Tally()
    score(tally, [Timex(0, 6, "DATE", "2019-12-16")], [Timex(0, 6, "DATE", "2019-12-09")])
    metrics = tally.metrics()
    assert metrics["span_f1"] == 1.0
    assert metrics["value_f1"] == 0.0


@pytest.mark.parametrize(("text", "expression", "value"), [
    # Anaphoric expressions count from the date the text last gave, not from publication.
    ("On May 22, 1995, Farkas was made a general, and the following year he was appointed "
     "attache.", "the following year", "1996"),
    # "Two days later" stays a duration (TimeBank marks "two days", "later" is a signal).
    ("The plant closed on Feb. 3. Two days later, workers protested.", "Two days", "P2D"),
    ("The plant closed on Feb. 3. The day before, managers had met.", "The day before",
     "2019-02-02"),
    ("Sales rose 5% in 2016. Profits fell that year.", "that year", "2016"),
    # With no earlier date, publication is the reference.
    ("Profits fell that year.", "that year", "2019"),
    # "The next month" told in the past counts from the month the text last gave.
    ("Allegations of political bias against Clinton gained momentum in September after a "
     "gaffe by Kevin McCarthy. The next month, a former Republican committee staffer "
     "announced plans to sue the panel.", "The next month", "2019-10"),
    # ... but in the present or future from publication.
    ("The panel will meet the next month.", "the next month", "2020-01"),
    # "earlier/later that day", "that same day", "the next day": the day the text last gave.
    ("Dr. Slepian was killed on Oct. 23, 1998 by a sniper. Earlier that day, the family "
     "sent a fax to the police.", "Earlier that day", "1998-10-23"),
    ("His name appeared on the Web site on March 5, 2019, and was crossed out that same day.",
     "that same day", "2019-03-05"),
    ("Rebels seized the town on March 3, 2019. The next day, the army counterattacked.",
     "The next day", "2019-03-04"),
    ("Troops left on Feb. 3, 2019. They came back later that day.", "later that day",
     "2019-02-03"),
    # "a day earlier", "a week later": the day the text last gave (VOA, March 13, 2025)
    ("The Jaffar Express came under a bomb and gun attack on Tuesday, March 11, 2019. The "
     "BLA had warned a day earlier that it would execute security personnel among the "
     "hostages.", "a day earlier", "2019-03-10"),
    ("The army retook the town on March 10, 2019. Rebels had seized it a week earlier.",
     "a week earlier", "2019-W09"),
])
def test_anaphoric_dates(times_pipeline: Pipeline, text: str, expression: str,
                         value: str) -> None:
    times = {t.text: t.value for t in run(times_pipeline, text).times}
    assert times.get(expression) == value, times


@pytest.mark.parametrize(("text", "words", "value", "kind"), [
    ("The tanker sails twice a year.", "twice a year", "P1Y", "SET"),
    ("Inspectors visit three times a week.", "three times a week", "P1W", "SET"),
    ("The budget for next fiscal year was cut.", "next fiscal year", "2020", "DATE"),
    ("Revenue fell in the last fiscal year.", "the last fiscal year", "2018", "DATE"),
])
def test_sets_and_fiscal_years(text: str, words: str, value: str, kind: str) -> None:
    found_words, found_value, _, found_kind = only(text)
    assert (found_words, found_value, found_kind) == (words, value, kind)


@pytest.mark.model
@pytest.mark.parametrize(("text", "expression", "value"), [
    # An arranging verb in the past still points a weekday after it ahead (TimeBank/AQUAINT).
    ("The district attorney has scheduled a news conference Thursday to announce a major "
     "development.", "Thursday", "2019-12-19"),
    ("Opponents planned a large demonstration in Little Havana on Saturday.", "Saturday",
     "2019-12-21"),
    ("The agency has given the Miami relatives until 9 a.m. Friday to sign a paper.",
     "9 a.m. Friday", "2019-12-20T09:00"),
    ("U.S. immigration officials postponed until Friday any action on the boy's permit.",
     "Friday", "2019-12-20"),
    # A plan in the present looks ahead, even with the weekday in front.
    ("On Thursday, the National Abortion Rights Action League plans to run advertisements.",
     "Thursday", "2019-12-19"),
    # ... but not the pluperfect, nor a weekday in front that dates the planning itself.
    ("The offer had been scheduled to expire Friday.", "Friday", "2019-12-13"),
    ("On Friday, the Kenyan government planned to pay the first death claims.", "Friday",
     "2019-12-13"),
    ("The minister signed the accord on Friday.", "Friday", "2019-12-13"),
])
def test_arranged_weekdays_point_ahead(times_pipeline: Pipeline, text: str, expression: str,
                                       value: str) -> None:
    times = {t.text: t.value for t in run(times_pipeline, text).times}
    assert times.get(expression) == value, times


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    # "today's" before a generic noun is the present era, not a day: left out.
    ("The case of Elian is for today's youth what the blockade was for their parents.", []),
    ("The 80386 chips are the chips of choice in many of today's personal computers.", []),
    ("Paternity can readily be proved in today's world.", []),
    # "today's" before a noun of the day stays the day.
    ("The offer, advertised in today's editions of the newspaper, ends in March.",
     [("today", "2019-12-17"), ("March", "2020-03")]),
    # "recent years" / "past years" without "in" are PAST_REF like "in recent years".
    ("Funds used junk bonds to finance the takeover boom of recent years.",
     [("recent years", "PAST_REF")]),
    ("There were sell programs in past years, too.", [("in past years", "PAST_REF")]),
    ("Prices have fallen in recent months.", [("recent months", "PXM")]),
])
def test_generic_and_vague_references(times_pipeline: Pipeline, text: str,
                                      expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in run(times_pipeline, text).times] == expected


@pytest.mark.model
@pytest.mark.parametrize(("text", "expression", "value"), [
    # "within weeks" is a vague duration like "for weeks".
    ("He probably died within weeks of his capture.", "weeks", "PXW"),
    # "last Oct. 23" is a day, not the month "last Oct".
    ("Slepian was shot to death last Oct. 23 at his home in suburban Amherst.", "Oct. 23",
     "2019-10-23"),
    # A clock time without its own day falls on the day the text last named.
    ("Rescuers reached the embassy on Friday. The blast came at 10:35 a.m.", "10:35 a.m.",
     "2019-12-13T10:35"),
    ("The shooting came at 10 p.m. as he stood in his kitchen.", "10 p.m.",
     "2019-12-17T22:00"),
    # "it's the second day of ..." is today.
    ("More heavy gunfire in Kosovo. It's the second day of an offensive by the police.",
     "the second day", "2019-12-17"),
    ("In Saudi Arabia, today is the eighth day of the operation.", "the eighth day",
     "2019-12-17"),
    ("The first day of the trial passed quietly.", "The first day", None),
    # "in the morning", "by mid afternoon": that part of the day the text is on.
    ("Stocks fell on Friday. Investors placed heavy buy orders in the morning.",
     "the morning", "2019-12-13TMO"),
    ("By mid afternoon, official sources said the operation was over.", "mid afternoon",
     "2019-12-17TAF"),
    ("The father will leave at 4 in the morning.", "the morning", None),
    # "the previous Friday" counts back from the Friday the text named.
    ("Shares closed at 2082.1 on Friday, down 4.5% from the previous Friday.",
     "the previous Friday", "2019-12-06"),
])
def test_vague_units_and_clock_days(times_pipeline: Pipeline, text: str, expression: str,
                                    value: str) -> None:
    times = {t.text: t.value for t in run(times_pipeline, text).times}
    assert times.get(expression) == value, times


@pytest.mark.parametrize(("text", "expression", "value"), [
    # A weekday right after a past verb of saying dates the saying, whatever the tense of
    # the words said.
    ("Israeli Prime Minister Benjamin Netanyahu said Sunday Israel \u201cwill continue to "
     "maintain freedom of worship for all faiths.\u201d", "Sunday", "2019-12-15"),
    ("The minister said on Sunday the army will withdraw from the border.", "Sunday",
     "2019-12-15"),
    # Without the saying, the future clause points ahead.
    ("Israel will continue the talks Sunday.", "Sunday", "2019-12-22"),
])
def test_a_weekday_after_said_dates_the_saying(times_pipeline: Pipeline, text: str,
                                               expression: str, value: str) -> None:
    times = {t.text: t.value for t in run(times_pipeline, text).times}
    assert times.get(expression) == value, times


@pytest.mark.parametrize(("text", "values"), [
    # A bare weekday named again is the day its first mention gave, although a possessive
    # in a past clause would point back ("Friday's talks" of a story about coming talks).
    ("Rubio said the United States hopes to resolve the pause in aid to Ukraine during talks "
     "Friday with Ukrainian officials. Rubio clarified that a minerals deal was not the "
     "primary focus of Friday\u2019s talks.", ["2019-12-20", "2019-12-20"]),
    # "last Friday" is not the Friday named before.
    ("The talks will resume Friday. The first round ended last Friday.",
     ["2019-12-20", "2019-12-13"]),
])
def test_a_weekday_named_again_is_the_same_day(times_pipeline: Pipeline, text: str,
                                               values: list[str]) -> None:
    times = run(times_pipeline, text).times
    assert [t.value for t in times if "Friday" in t.text] == values, times


@pytest.mark.model
@pytest.mark.parametrize(("text", "expression", "value"), [
    # In results of a quarter, "last year" is the year-ago quarter (the latest reported
    # quarter, the third of 2019 for a story of December 2019, a year back) ...
    ("Delta reported its third-quarter results on Monday. Net income for the quarter was $24 "
     "million, compared with a loss of $3 million last year.", "last year", "2018-Q3"),
    ("Columbia posted a loss for the third quarter. That compares with net income of $1.8 "
     "million for the corresponding period last year.", "last year", "2018-Q3"),
    # ... but not without a quarter before the sentence, nor without results in it.
    ("Net income for the quarter was $24 million, compared with a loss of $3 million last "
     "year.", "last year", "2018"),
    ("Delta reported its third-quarter results on Monday. The airline hired 500 pilots "
     "last year.", "last year", "2018"),
])
def test_last_year_in_quarterly_results(times_pipeline: Pipeline, text: str, expression: str,
                                        value: str) -> None:
    times = {t.text: t.value for t in run(times_pipeline, text).times}
    assert times.get(expression) == value, times


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), [
    # "Today" ending a name (a newspaper, a programme) is no day ...
    ("That quote appeared in USA TODAY on Tuesday.", {"Tuesday": "2019-12-17"}),
    ("This is VOA Today.", {}),
    # ... but the word opening a sentence, or after a verb, is
    ("Today, officials met in Geneva.", {"Today": "2019-12-17"}),
    ("The minister said Today that talks would resume.", {"Today": "2019-12-17"}),
])
def test_today_in_a_name_is_no_time(times_pipeline: Pipeline, text: str,
                                    expected: dict[str, str]) -> None:
    assert {t.text: t.value for t in run(times_pipeline, text).times} == expected

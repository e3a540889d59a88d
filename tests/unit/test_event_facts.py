"""When and where an event happened and its figures (events/dates.py,
places/event_location.py, events/figures.py), on news sentences in the phrasings of the
VOA stories, and the date/place scores of `eval articles` (evaluation/article_facts.py)."""

from __future__ import annotations

import pytest
from tests.conftest import process_text

from eventwire.evaluation.article_facts import at_precision, fact_scores
from eventwire.model import Article, Event, Place, PlaceRef, SentenceRef, Span, TimeRef
from eventwire.pipeline.runner import Pipeline


@pytest.fixture(scope="module")
def pipeline(sentences: Pipeline) -> Pipeline:
    return sentences


def run(pipeline: Pipeline, text: str, published: str) -> Article:
    return process_text(pipeline, text, published)


def event_of(article: Article, trigger: str) -> Event:
    found = [e for e in article.events
             if any(trigger in m.trigger.text for m in e.mentions) or trigger in e.trigger.text]
    assert found, f"no event triggered by {trigger!r} in {[e.trigger.text for e in article.events]}"
    return found[0]


DATES = [
    # the clause's own date, at its own precision
    ("Gunmen stormed a hotel in Beledweyne on Tuesday.", "2025-03-12", "stormed",
     "2025-03-11", "day"),
    ("In 2019, China signed a free trade agreement with Mauritius that went into effect "
     "in 2021.", "2025-03-12", "signed", "2019", "year"),
    ("Rebels attacked an army base in northern Mali last month.", "2025-03-12", "attacked",
     "2025-02", "month"),
    # a past tense never points after publication
    ("Iran warned in July that it would retaliate against any attack.", "2025-03-10",
     "warned", "2024-07", "month"),
    # durations and bounds of a period are not dates
    ("Wasuge is calling for the election of a new caretaker government within the next two "
     "years.", "2021-04-14", "calling", "2021-04-14", "published"),
    ("Somalia-based al-Shabab has been attacking Kenyan troops since 2011.", "2020-02-17",
     "attacking", "2020-02-17", "published"),
    # a preposition whose object the parse ran into the date does not bound it
    ("Mosques across Turkey broadcast prayers Monday in support of Palestinians. "
     "The United States has voiced concern over the violence in Israel, with National "
     "Security Advisor Jake Sullivan speaking by phone Sunday with Israeli counterpart Meir "
     "Ben-Shabbat, according to the White House.", "2021-05-10", "speaking", "2021-05-09",
     "day"),
    # a date written before another noun dates that noun, not the event ("the 2004
    # bombing" is not when the soldiers stand accused) ...
    ("Two Ivorian soldiers and a mercenary from Belarus stand accused of the 2004 bombing of "
     "the French army base near Bouake.", "2021-03-29", "accused", "2021-03-29", "published"),
    ("The head of the major Super PAC backing former Florida Gov. Jeb Bush for president, "
     "Mike Murphy, praised the efforts of a donor to Sen. Marco Rubio (R-FL) to attack "
     "billionaire 2016 GOP frontrunner Donald Trump by skywriting nasty messages at the Rose "
     "Bowl on Friday.", "2016-01-01", "attack", "2016-01-01", "day"),
    # ... but one that only modifies the event's noun passes it on
    ("A French court convicted Salah Abdeslam over the 2015 Paris terror attacks, which "
     "killed 130 people.", "2022-06-29", "attacks", "2015", "year"),
    # ... unless that noun is the occasion of the clause
    ("Renewable energy remains well below what is needed to meet global targets, the agency "
     "said in a November report, calling for more ambitious growth targets.", "2019-12-09",
     "calling", "2019-11", "month"),
    # a while-clause's date dates the clause above it; a month or year in an after-clause too
    ("Omar Mateen opened fire early Sunday morning at a nightclub in Orlando. Donald Trump, "
     "while being interviewed on Fox and Friends Monday morning, called again for President "
     "Obama to resign.", "2016-06-13", "called", "2016-06-13", "day"),
    ("He was suspended for a month after he posted a comment on Twitter in August that "
     "compared radical Muslims to Nazis.", "2016-04-21", "suspended", "2015-08", "month"),
    # the sentence's date may sit four steps below its main verb, in a phrase of a phrase
    # in front ("On his personal blog on Tuesday, ... did not back down")
    ("ESPN fired Curt Schilling on Wednesday. On his personal blog on Tuesday, Schilling did "
     "not back down, even as advocates in the transgender community called for his "
     "dismissal.", "2016-04-21", "called for", "2016-04-19", "day"),
    # a clause told as so many days before or after its main clause is counted from that
    # clause's day (in the present: publication)
    ("His comments come two days after Erdogan denounced Israel.", "2021-05-10",
     "denounced", "2021-05-08", "day"),
    ("Rebels attacked the capital on Friday, two days after the army declared a ceasefire.",
     "2025-03-13", "declared", "2025-03-05", "day"),
    # ... a noun told in such a clause too
    ("Curt Schilling was fired from the network Wednesday, a day after he drew intense "
     "criticism for promoting offensive commentary on social media.", "2016-04-21",
     "criticism", "2016-04-19", "day"),
    # a day without its year right after a background day with its year is in that year ...
    ("On March 2, 2015, the New York Times revealed that Clinton used a personal email "
     "account. On March 25, Platte River had a conference call with staffers of Bill "
     "Clinton.", "2016-09-07", "call", "2015-03-25", "day"),
    # ... not a month alone, nor a day after a recent one
    ("On March 2, 2015, the New York Times revealed that Clinton used a personal email "
     "account. In April he called on the Communist leadership to define its claims.",
     "2016-09-07", "called on", "2016-04", "month"),
    ("On Sept. 2, 2016, the FBI released notes of its interview with Clinton. On Sept. 5, "
     "Chaffetz requested an investigation.", "2016-09-07", "requested", "2016-09-05", "day"),
    # a clause in the past perfect is dated by the fallbacks like any undated clause
    ("During the hearing, the judge said he and his staff had been threatened by unnamed "
     "individuals, but he did not elaborate.", "2025-03-13", "threatened", "2025-03-13",
     "published"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value", "precision"), DATES)
def test_event_date(pipeline: Pipeline, text: str, published: str, trigger: str, value: str,
                    precision: str) -> None:
    event = event_of(run(pipeline, text, published), trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, precision)


@pytest.mark.model
def test_a_sentence_without_a_date_takes_the_previous_one(pipeline: Pipeline) -> None:
    article = run(pipeline, "Militants hijacked a passenger train in Balochistan on Tuesday. "
                            "They took hundreds of passengers hostage.", "2025-03-13")
    event = event_of(article, "took")
    assert event.date is not None and event.date.value == "2025-03-11"


@pytest.mark.model
def test_an_undated_clause_takes_the_news_day_of_the_lead(pipeline: Pipeline) -> None:
    # the lead's day is 13 days before publication: within the news window (two weeks)
    article = run(pipeline, "The White House sent an unofficial delegation to attend the "
                            "inauguration of Taiwan's new president on May 20. Richard Armitage, "
                            "former deputy secretary of state, was among the delegates. During "
                            "the visit, Armitage met with the new president, Lai Ching-te.",
                  "2024-06-02")
    event = event_of(article, "met")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2024-05-20", "day")


@pytest.mark.model
def test_without_a_day_in_the_lead_the_news_day_is_the_day_the_story_names(
        pipeline: Pipeline) -> None:
    article = run(pipeline, "The son of imprisoned pro-democracy publisher Jimmy Lai this week "
                            "brought the campaign to secure his father's release to Washington. "
                            "Lai, 77, has been in prison since December 2020. "
                            "A State Department spokesperson reaffirmed that the United States "
                            "calls for Lai's immediate release. "
                            "Lai's trial began in Hong Kong more than a year ago. "
                            "The spokesperson added that in a statement emailed to VOA on "
                            "Wednesday.", "2025-03-13")
    event = event_of(article, "calls for")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2025-03-12", "day")


@pytest.mark.model
def test_a_month_in_the_previous_sentence_is_background(pipeline: Pipeline) -> None:
    article = run(pipeline, "An appeals court sent Zamora to house arrest in November. Artur "
                            "Romeu of Reporters Without Borders called the decision a blatant "
                            "case of judicial weaponization.", "2025-03-13")
    event = event_of(article, "called")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2025-03-13", "published")


NARRATIVES = [
    # a past happening with no date goes on with the background the story was telling
    ("Alinejad has been targeted over her work for years. In 2018, Iranian officials "
     "allegedly offered to pay Alinejad's relatives in Iran to invite her to Turkey, with the "
     "apparent goal of then bringing her to Iran for imprisonment, according to court "
     "documents. The relatives refused.", "2025-03-11", "refused", "2018", "year"),
    ("EU member states broke with Brussels last year over border controls, which they imposed "
     "unilaterally because of the pandemic. EU officials told national governments that they "
     "shouldn't close borders without group agreement. They were ignored.", "2021-05-11",
     "ignored", "2020", "year"),
    # a speaker who tells it in the present recounts the background
    ("Twenty-year-old Bilai Abdi said she was excited about getting her two children new "
     "clothes one afternoon in 2017. She and six other civilians got into a police vehicle to "
     "get to the next town. She also says she tried to duck but the bullet hit her in the "
     "neck.", "2020-02-17", "hit", "2017", "year"),
    # ... one who told it in the past reported the news
    ("Twenty-year-old Bilai Abdi said she was excited about getting her two children new "
     "clothes one afternoon in 2017. Officials said gunmen attacked a police vehicle near the "
     "town.", "2020-02-17", "attacked", "2020-02-17", "published"),
    # not a new actor's reaction, nor a statement in the present perfect: the news
    ("An appeals court sent Zamora to house arrest in November. Artur Romeu, director of the "
     "Latin America bureau of Reporters Without Borders, called the decision a blatant case "
     "of judicial weaponization.", "2025-03-13", "called", "2025-03-13", "published"),
    ("Dylann Roof is accused of killing nine people inside the church in June 2015. Sanders "
     "called her fallen son her hero.", "2016-07-28", "called", "2016-07-28", "published"),
    # a statement in the passive goes on with it
    ("Relations between Ivory Coast and France were at a low point in 2004. Anti-French "
     "sentiment was high. Paris was accused of aiding rebels fighting then-president, Laurent "
     "Gbagbo.", "2021-03-29", "accused", "2004", "year"),
    ("Britain left the European Union in January 2020. Barnier has warned that a collapse of "
     "the bloc is possible.", "2021-05-11", "warned", "2021-05-11", "published"),
    # nor a sentence that gives a recent date: the news day
    ("EU member states broke with Brussels last year over border controls. Officials in "
     "Brussels on Monday urged national governments to reopen borders.", "2021-05-11",
     "urged", "2021-05-10", "day"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "trigger", "value", "precision"), NARRATIVES)
def test_a_past_happening_goes_on_with_the_background(pipeline: Pipeline, text: str,
                                                      published: str, trigger: str, value: str,
                                                      precision: str) -> None:
    event = event_of(run(pipeline, text, published), trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, precision)


PLACES = [
    ("Gunmen stormed a hotel in Beledweyne on Tuesday.", "stormed", "Beledweyne", "city"),
    ("Police arrested 12 protesters in Nairobi on Monday.", "arrested", "Nairobi", "city"),
    # the province over the country it is in
    ("Iraqi special forces, in a subsequent post on the X social media platform, said "
     "al-Rufay\u2019i was killed Thursday in an airstrike targeting his location in "
     "Iraq\u2019s Anbar desert.", "airstrike", "Anbar", "admin1"),
    # the event's arguments are not where it happened
    ("Turkish President Erdogan denounced Israel on Saturday.", "denounced", None, None),
    ("Top diplomats from the Group of Seven urged Russia on Friday to accept a ceasefire.",
     "urged", None, None),
    # a place an abstract noun is about is not where a statement was made
    ("U.S. lawmakers welcomed the announcement as a step toward peace in Europe.",
     "welcomed", None, None),
    # a country or continent named with a statement is what it is about
    ("Prime Minister Shehbaz Sharif's administration promptly rejected the resolution on "
     "Wednesday, saying it stems from an incomplete understanding of the electoral process "
     "in Pakistan.", "rejected", None, None),
    ("The United States particularly opposes China's maritime expansion and gives military "
     "support to Chinese rivals in Asia.", "opposes", None, None),
    # a place inside what a statement says is not where it was made
    ("Threatening to kill the hostages, BLA demanded the release of political prisoners "
     "held in Balochistan prisons.", "demanded", None, None),
    ("\u201cWe strongly urge that all parts of the Doha agreement be implemented,\u201d said "
     "Mawlawi Hibatullah Akhundzada.", "urge", None, None),
    # a town named with a statement is where it was made
    ("Speaking in Islamabad on Sunday, Finance Minister Muhammad Aurangzeb rejected the "
     "resolution.", "rejected", "Islamabad", "city"),
    # a person's name is never a place
    ("Mauritius conferred the country's highest civilian honor on Modi.", "conferred", None,
     None),
    # a happening placed only in a country took place in the town the story keeps naming
    ("Separatists hijacked a passenger train near Sibi on Tuesday. Troops freed the "
     "hostages near Sibi on Wednesday. Police arrested 12 suspects in Pakistan on Thursday.",
     "arrested", "Sibi", "city"),
    # a town named once is not the story's setting
    ("Separatists hijacked a passenger train near Sibi on Tuesday. Police arrested 12 "
     "suspects in Pakistan on Thursday.", "arrested", "Pakistan", "country"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "name", "precision"), PLACES)
def test_event_place(pipeline: Pipeline, text: str, trigger: str, name: str | None,
                     precision: str | None) -> None:
    event = event_of(run(pipeline, text, "2025-03-12"), trigger)
    if name is None:
        assert event.place is None
    else:
        assert event.place is not None
        assert (event.place.name, event.place.precision) == (name, precision)


FIGURES = [
    ("Gunmen stormed a hotel in Beledweyne on Tuesday, killing at least five people.",
     {"killed": 5.0}),
    ("Police arrested 12 protesters in Nairobi on Monday.", {"arrested": 12.0}),
    # aggregates: figures summing many happenings belong to no single event
    ("More than 400 people were killed in 500 attacks by militants in 2024, according to "
     "the report.", {}),
    ("The separatist group launched 504 attacks in 2024, killing at least 300 people.", {}),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "wanted"), FIGURES)
def test_event_figures(pipeline: Pipeline, text: str, wanted: dict[str, float]) -> None:
    article = run(pipeline, text, "2025-03-12")
    assert article.events
    told = {name: value for e in article.events
            for name, value in (("killed", e.killed), ("injured", e.injured),
                                ("arrested", e.arrested)) if value is not None}
    assert told == wanted
    if not wanted:
        assert all("aggregate" in e.contexts for e in article.events if e.type == "ASSAULT")


@pytest.mark.parametrize(("value", "length", "expected"), [
    ("2025-03-11", 10, "2025-03-11"), ("2025-03-11", 7, "2025-03"), ("2025-03", 10, None),
    ("2025-W11", 10, "2025-03-13"), ("P15M", 7, None), (None, 4, None), ("2025", 4, "2025"),
])
def test_at_precision(value: str | None, length: int, expected: str | None) -> None:
    assert at_precision(value, length) == expected


def test_fact_scores() -> None:
    text = "Rebels attacked the town of Sibi on Tuesday."
    article = Article(id="a", text=text, meta={"version": "x"},
                      places=[Place(id="p1", text="Sibi", start=28, end=32, name="Sibi",
                                    feature="city", country="PAK")])
    def event(date: str | None, place: bool) -> Event:
        return Event(id="v1", type="ASSAULT", trigger=Span(text="attacked", start=7, end=15),
                     sentence=SentenceRef(start=0, end=len(text)), confidence=0.5,
                     date=TimeRef(value=date, precision="day") if date else None,
                     place=PlaceRef(place="p1", name="Sibi") if place else None)
    facts = [({"date": "2025-03", "place": {"name": "Sibi", "country": "PAK"}},
              event("2025-03-11", True), article),
             ({"date": "2025-03-11", "place": None}, event("2025-03-12", True), article),
             ({"date": None, "place": {"name": "Quetta", "country": "PAK"}},
              event(None, False), article)]
    scores = fact_scores(facts)
    assert scores["date_right"] == 0.5
    assert scores["place_right"] == 0.5 and scores["place_given"] == 0.5
    assert scores["place_country_right"] == 0.5
    assert scores["no_place_where_none"] == 0.0


@pytest.mark.model
def test_local_news_takes_the_story_place(pipeline: Pipeline) -> None:
    article = run(pipeline, "Gunmen stormed a hotel in the Somali city of Beledweyne on "
                            "Tuesday. Witnesses said the attackers shot several guards.",
                  "2025-03-12")
    event = event_of(article, "shot")
    assert event.place is not None and event.place.name == "Beledweyne"


BACK_REFERENCES = [
    # a sentence that opens by placing itself at the previous sentence's time takes that
    # date, at its own precision, however old
    ("Among them is Gerald Kowal, an American who has risen to popularity in China after an "
     "interview with state-owned CCTV in 2020. At the time, Kowal had been posting short "
     "videos critical of New York City authorities.", "2025-03-13", "2020"),
    ("Last month, BLA insurgents ambushed a bus transporting a paramilitary force in Kalat. "
     "Days later, a roadside bomb blast killed 11 coal miners in the city.", "2025-03-12",
     "2025-02"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "published", "value"), BACK_REFERENCES)
def test_a_sentence_referring_back_takes_the_previous_date(pipeline: Pipeline, text: str,
                                                           published: str, value: str) -> None:
    article = run(pipeline, text, published)
    second = text.index(". ") + 2
    later = [e for e in article.events if e.sentence.start >= second]
    assert later, [e.trigger.text for e in article.events]
    assert later[0].date is not None and later[0].date.value == value


@pytest.mark.model
def test_a_dateline_date_is_not_the_news_day(pipeline: Pipeline) -> None:
    article = run(pipeline, "PURCHASE, N.Y., April 1 (UPI) \u2014 The race for the Democratic "
                            "nomination is taking on a testier tone, with Hillary Clinton taking "
                            "on protesters loyal to Sen. Bernie Sanders twice Thursday.\n\n"
                            "A woman later identified as a Greenpeace activist demanded to know "
                            "whether Clinton would forsake campaign donations from oil "
                            "companies.", "2016-04-01")
    event = event_of(article, "demanded")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2016-03-31", "day")


NEWS_DAYS = [
    # the lead's only day dates the telling ("announcing ... Friday"): the news day is the
    # earlier day the story names
    ("One of the Islamic State terror group's most senior leaders is dead, killed in what "
     "U.S. and Iraqi officials describe as a joint operation. Iraqi Prime Minister Mohammed "
     "Shia al-Sudani was first to share word of the strike, announcing on social media Friday "
     "that the intelligence service had eliminated him. Iraqi officials said he was killed "
     "Thursday in an airstrike.", "joint operation", "2025-03-13"),
    # a day right after a verb of saying dates the telling, however the parse attaches it
    ("Security sources said Wednesday a Pakistani military operation rescued 190 passengers "
     "and killed 30 terrorists, a day after an attack on a train in Pakistan\u2019s restive "
     "southwestern Balochistan province. The Jaffar Express, with roughly 450 people on board, "
     "was traveling north from Quetta to Peshawar when it came under a bomb and gun attack "
     "Tuesday. Suicide bombers are wearing suicide jackets, security sources said. "
     "Threatening to kill the hostages, BLA demanded the release of political prisoners.",
     "demanded", "2025-03-11"),
    # a lead day that dates the happening itself stays the news day
    ("U.S. President Donald Trump on Thursday threatened the European Union with 200% "
     "tariffs on wine. The bloc is one of the most hostile taxing authorities, he said. "
     "Trump also attacked The Wall Street Journal. The EU levied a 50% tariff on whiskey on "
     "Wednesday.", "attacked", "2025-03-13"),
]


@pytest.mark.model
def test_a_dateline_split_off_is_no_sentence_of_the_lead(pipeline: Pipeline) -> None:
    # the parse makes "WASHINGTON", "(" and "AP) —" sentences of their own: without a verb,
    # they do not push the day the lead gives out of it
    article = run(pipeline, "Trump demands Ginsburg resign for criticizing him as unfit.\n\n"
                            "WASHINGTON (AP) \u2014 Donald Trump called Wednesday for Supreme "
                            "Court Justice Ruth Bader Ginsburg to resign for saying publicly that "
                            "she feels he is unfit to be president. Ginsburg said on Tuesday that "
                            "she regretted her remarks. Her spokesman repeated on Tuesday that "
                            "she would not resign. Democrats defended her on Tuesday.",
                  "2016-07-13")
    event = event_of(article, "demands")
    assert event.date is not None
    assert (event.date.value, event.date.precision) == ("2016-07-13", "day")


@pytest.mark.model
@pytest.mark.parametrize(("text", "trigger", "value"), NEWS_DAYS)
def test_the_news_day_is_not_the_day_of_the_telling(pipeline: Pipeline, text: str,
                                                     trigger: str, value: str) -> None:
    event = event_of(run(pipeline, text, "2025-03-14"), trigger)
    assert event.date is not None
    assert (event.date.value, event.date.precision) == (value, "day")

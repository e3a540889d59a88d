"""Event location (places/event_location.py, places/not_where.py): which of a sentence's
places is where its event happened."""

from __future__ import annotations

import pytest
from tests.conftest import run_stages

from eventwire.pipeline.runner import Pipeline
from eventwire.pipeline.stage import Work
from eventwire.places.event_location import event_place, place_for_trigger
from eventwire.places.story_places import finer_focus, focus_place, story_setting, story_town
from eventwire.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline(places_pipeline: Pipeline) -> Pipeline:
    return places_pipeline


def run(pipeline: Pipeline, text: str) -> Work:
    work = run_stages(pipeline, text)
    return work


def place_name(pipeline: Pipeline, text: str, trigger: str) -> str | None:
    """The place name of the event whose trigger is `trigger`, or None."""
    event = next(e for e in run(pipeline, text).article.events if e.trigger.text == trigger)
    return event.place.name if event.place else None


def where(pipeline: Pipeline, sentence: str, trigger: str, nearest: bool = True) -> str | None:
    work = run(pipeline, sentence)
    doc = work.parsed
    index = next(t.i for t in doc if t.text == trigger)
    place = place_for_trigger(doc, work.article, index, nearest=nearest)
    return place.text if place else None


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # where someone came from is not where they acted
    ("Several hundred refugees and civil society leaders from southern Sudan on Thursday "
     "demonstrated in the Kenyan capital over a delay in clinching a final deal.",
     "demonstrated", None),
    ("British forces captured the 1,400-foot-high rock from Spain in 1704.", "captured", None),
    # nor who did it
    ("In June 2004, six British marines and two sailors were captured by Iran and paraded "
     "blindfolded on Iranian television.", "captured", None),
    # ... unless someone was taken from there
    ("Boko Haram\u2019s 2014 abduction of 276 schoolgirls from Chibok in Borno State "
     "triggered global condemnation.", "abduction", "Chibok"),
    # a country an event aimed at is not where it happened
    ("Several hundred communist activists demonstrated outside the US embassy Saturday "
     "against a US-led war on Iraq.", "demonstrated", None),
    # nor is one side of a border between two
    ("The UNIKOM has patrolled the demilitarized zone between Iraq and Kuwait since the Gulf "
     "War.", "patrolled", None),
    # ... a town there is kept
    ("The rebels fired rockets at the airport and then marched to Kismayo.", "marched",
     "Kismayo"),
    # a place in its own locative phrase is still where
    ("A roadside bomb exploded in Baghdad on Monday, killing three soldiers.", "exploded",
     "Baghdad"),
])
def test_origins_agents_and_recipients_are_not_where(pipeline: Pipeline, sentence: str,
                                                     trigger: str,
                                                     expected: str | None) -> None:
    assert where(pipeline, sentence, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("A police sergeant was shot dead as he left home in Baghdad's mainly Shiite "
     "neighborhood of Kamaliya.", "shot", "Kamaliya"),
    ("Guardado was shot dead Sept. 2 outside a bar in San Francisco's Mission District "
     "around 10:30 p.m.", "shot", "Mission District"),
    ("A Shiite cleric was shot and killed near his home in Baghdad's Dora district, "
     "according to police.", "shot", "Dora"),
    # a border is both countries': the possessor stays a candidate
    ("Hezbollah captured three Israeli soldiers along Lebanon's volatile border with "
     "Israel.", "captured", "Lebanon"),
])
def test_the_district_over_the_town_that_possesses_it(pipeline: Pipeline, sentence: str,
                                                      trigger: str, expected: str) -> None:
    assert where(pipeline, sentence, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("Two car bombs struck the Iraqi city of Kerbala, killing five people and wounding 64 "
     "others, authorities said.", "killing", "Kerbala"),
    ("Two car bombs struck the Iraqi city of Kerbala, killing five people and wounding 64 "
     "others, authorities said.", "wounding", "Kerbala"),
    ("A roadside bomb hit a minibus in southern Afghanistan on Sunday, killing six "
     "passengers, an official said.", "killing", "Afghanistan"),
    # the participle's own place comes first
    ("The rebels launched a new assault in northern Aleppo on Wednesday, targeting the "
     "town of Al-Rai.", "targeting", "Al-Rai"),
])
def test_a_participle_clause_happened_where_its_verb_did(pipeline: Pipeline, sentence: str,
                                                         trigger: str, expected: str) -> None:
    assert where(pipeline, sentence, trigger, nearest=False) == expected



@pytest.mark.parametrize(("text", "expected"), [
    ("Top diplomats from the Group of Seven leading industrial nations gathered Thursday in "
     "Charlevoix, Quebec, as host country Canada outlined its top agenda.", "Charlevoix"),
    ("India and Mauritius have upgraded their ties. The announcement came during a two-day "
     "visit by Indian Prime Minister Narendra Modi to Mauritius.", "Mauritius"),
    ("U.S. Secretary of State Marco Rubio arrived in Jeddah on Monday for talks with "
     "Ukrainian officials.", "Jeddah"),
    # a place that is where something else happened sets no scene
    ("Protesters clashed with police in Nairobi on Tuesday.", None),
    # nor one the talks are about
    ("The ministers said their aim was a lasting peace in Ukraine.", None),
    # nor one named after the lead
    ("The ministers spoke on Tuesday. They disagreed on tariffs. They met no one else. "
     "Later they arrived in Brussels.", None),
])
def test_the_lead_sets_the_story_in_a_visit_or_meeting_place(pipeline: Pipeline, text: str,
                                                             expected: str | None) -> None:
    work = run(pipeline, text)
    setting = story_setting(work.article, work.parsed)
    assert (setting.place.text if setting else None) == expected


@pytest.fixture(scope="module")
def events_pipeline() -> Pipeline:
    return Pipeline(Settings().override(clean=False))


G7 = ("Foreign ministers from the Group of Seven gathered Thursday in Charlevoix, Quebec. "
      "Canadian Foreign Minister Melanie Joly said Thursday that Canada will continue to "
      "support Ukraine. Russian President Vladimir Putin said Thursday that Russia rejects "
      "the proposal.")


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a participant's statement that day names no place: it was made at the setting
    (G7, "support", "Charlevoix"),
    # a leader of a country not taking part spoke from elsewhere
    (G7, "rejects", None),
])
def test_statements_at_a_visit_or_summit_take_its_place(events_pipeline: Pipeline, text: str,
                                                         trigger: str,
                                                         expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a town named once where the talks were is the story's town in its country
    ("Foreign ministers met in Canada on Friday. The G7 talks in Charlevoix, Quebec, "
     "brought together ministers from seven countries.", "Charlevoix"),
    # a town named once for something else is not
    ("Storms hit Canada on Friday. Officials in Montreal said roads were closed.", None),
])
def test_a_town_the_talks_were_in_is_the_story_town(pipeline: Pipeline, text: str,
                                                   expected: str | None) -> None:
    work = run(pipeline, text)
    town = story_town(work.article, "CAN", work.parsed)
    assert (town.text if town else None) == expected
    assert story_town(work.article, "CAN") is None


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    ("The G7 talks in Quebec follow U.S.-Ukraine talks in Jeddah, Saudi Arabia, where Ukraine "
     "said it is ready to accept a U.S. proposal for a 30-day ceasefire.", "ready", "Jeddah"),
    ("The delegates flew on to Geneva, where the envoy urged both sides to return to the "
     "talks.", "urged", "Geneva"),
])
def test_a_where_clause_happened_at_the_place_it_describes(pipeline: Pipeline, sentence: str,
                                                           trigger: str, expected: str) -> None:
    assert where(pipeline, sentence, trigger, nearest=False) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # the point a bearing is told from yields to the place it locates
    ("Bombs exploded near the market in the town of Balad Ruz, 70 kilometers (45 miles) "
     "northeast of Baghdad, killing 11 people and wounding 50.", "killing", "Balad Ruz"),
    ("In Ramadi, west of Baghdad, U.S. troops captured Khamis Sirhan al-Muhammad, a former "
     "regional Baath Party chairman.", "captured", "Ramadi"),
    ("In another incident in Abu Qurqas, 30 kilometers (18 miles) north of Mallawi, "
     "suspected Muslim radicals shot and wounded a police guard.", "shot", "Abu Qurqas"),
    # ... and is where, roughly, when the sentence names no other place
    ("Hieronim Kupczyk was fatally shot in ambush south of Baghdad.", "shot", "Baghdad"),
    # a part of a place is inside it
    ("The effect of the sound on Taliban insurgents was demonstrated during a sweep by Afghan "
     "forces in the west of Kandahar province.", "sweep", "Kandahar"),
])
def test_a_bearing_point_yields_to_the_place_it_locates(pipeline: Pipeline, sentence: str,
                                                        trigger: str, expected: str) -> None:
    assert where(pipeline, sentence, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # a capitalised district word ends a place's own name, even one the gazetteer lacks
    ("In 2016, the Syrian Arab Army managed to recapture a large chunk of the Al-Manishiyah "
     "District, along with several villages.", "recapture", "Al-Manishiyah"),
    ("A tribal elder and former jihadi has been killed by unidentified gunmen in Mohammad "
     "Agha District of eastern Logar Province.", "killed", "Mohammad Agha District"),
    # the place after the district's "of" only says where the district is
    ("Unidentified gunmen have shot dead a doctor in the centre of Chah Ab District of "
     "Takhar Province.", "shot", "Chah Ab District"),
    ("The rebels fired mortar shells towards the government controlled Suleimaniyeh District "
     "of Aleppo City on Monday, killing 18 civilians.", "killing", "Suleimaniyeh District"),
])
def test_a_named_district_is_where(pipeline: Pipeline, sentence: str, trigger: str,
                                   expected: str) -> None:
    assert where(pipeline, sentence, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # a place deep in what a statement is about is not where it was made
    ("Two Ivorian soldiers and a mercenary from Belarus stand accused of the 2004 bombing of "
     "the French army base near Bouake.", "accused", None),
    # the place of its subject or of a frame around it is
    ("Officials in Kabul accused the Taliban of the attack.", "accused", "Kabul"),
    ("The minister said at a news conference in Kabul that the talks would resume.", "said",
     "Kabul"),
])
def test_a_statement_is_not_where_what_it_is_about_happened(pipeline: Pipeline, sentence: str,
                                                            trigger: str,
                                                            expected: str | None) -> None:
    work = run(pipeline, sentence)
    doc = work.parsed
    token = next(t for t in doc if t.text == trigger)
    place = event_place(work.article, token.sent, token, verbal=True)
    assert (place.name if place else None) == expected


NEW_YORK = ("A man was convicted Thursday in New York of plotting to kill a journalist. Police "
            "arrested two more suspects. Prosecutors said Iranian officials planned to bring her "
            "to Iran for imprisonment.")


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a happening whose sentence names no place is local news of the story's place
    (NEW_YORK, "arrested", "New York City"),
    # one whose sentence names another place is not
    (NEW_YORK, "imprisonment", None),
    # a statement at the setting that names a country it is about was still made there
    ("Foreign ministers from the Group of Seven gathered Thursday in Charlevoix, Quebec. "
     "Canadian Foreign Minister Melanie Joly said Thursday that Canada will continue to "
     "support the people in Ukraine.", "support", "Charlevoix"),
])
def test_story_places_lent_to_events(events_pipeline: Pipeline, text: str, trigger: str,
                                     expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected


@pytest.mark.parametrize(("sentence", "trigger", "expected"), [
    # a place in a person's title, through a common noun too, is where they hold office
    ("FEC records show he backed both Sen. John McCain and former New York City mayor Rudy "
     "Giuliani on the GOP side.", "backed", None),
    # the light verb whose object the trigger is lends its places
    ("She has been running negative ads against us in New York, Eric Trump said.", "ads",
     "New York"),
    # the place a trigger of taking away takes from, named as "the country": not the
    # country of whom it takes
    ("The leader of Afghanistan's Taliban insurgency Sunday praised the ongoing withdrawal "
     "of U.S. and NATO troops from the country.", "withdrawal", "Afghanistan"),
])
def test_titles_and_light_verbs(pipeline: Pipeline, sentence: str, trigger: str,
                                expected: str | None) -> None:
    assert where(pipeline, sentence, trigger, nearest=False) == expected


KABUL = "Officials in Kabul said on Sunday that the blasts in Kabul killed 60 people. "


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # an event placed only in a country took place in the story's town there
    (KABUL + "Two soldiers were killed in Afghanistan on Saturday.", "killed", "Kabul"),
    # ... unless it takes something away from the whole country
    (KABUL + "The leader of Afghanistan's Taliban insurgency praised the ongoing withdrawal "
     "of U.S. and NATO troops from the country.", "withdrawal", "Afghanistan"),
])
def test_the_story_town_for_a_country(pipeline: Pipeline, text: str, trigger: str,
                                      expected: str) -> None:
    work = run(pipeline, text)
    token = [t for t in work.parsed if t.text == trigger][-1]
    place = event_place(work.article, token.sent, token)
    assert (place.name if place else None) == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a town before an abstract noun says whose it is, not where a statement was made
    ('Cruz, leading narrowly in Iowa polls, questioned Trump\'s "New York values" and his '
     "readiness to be commander in chief.", "questioned", None),
    ("Cruz questioned Trump's readiness at a rally in New York.", "questioned",
     "New York City"),
])
def test_a_place_before_an_abstract_noun_is_not_where(events_pipeline: Pipeline, text: str,
                                                     trigger: str,
                                                     expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a phone call joins the places of its two ends: it has no one place
    ("The United States has voiced concern over the violence in Israel, with National "
     "Security Advisor Jake Sullivan speaking by phone Sunday with Israeli counterpart Meir "
     "Ben-Shabbat.", "speaking", None),
    ("Biden held a phone call with Ukrainian President Volodymyr Zelenskyy in Kyiv on Monday.",
     "held", None),
    # a meeting in person keeps its place
    ("Biden met Ukrainian President Volodymyr Zelenskyy in Kyiv on Monday.", "met", "Kyiv"),
])
def test_a_phone_call_has_no_place(events_pipeline: Pipeline, text: str, trigger: str,
                                   expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected


HOSTAGES = ("Passengers of a train held hostage in the restive Balochistan province described "
            "their ordeal on Wednesday. Security forces freed most of them. ")

RAID = ("Gunmen attacked a village in Nigeria on Monday, killing 12 people. Security forces "
        "were deployed to the area. ")


@pytest.mark.parametrize(("text", "expected"), [
    # the one quarter the story names in its focus town
    ("Officials in Kabul raised the death toll to more than 60 on Sunday. The blasts went off "
     "outside a girls' school in Kabul's western Dasht-e-Barchi neighborhood.",
     "Dasht-e-Barchi"),
    # the one town it names in its focus province (after the lead: the first two sentences)
    (HOSTAGES + "The train came under attack in a tunnel near Sibi, Balochistan.", "Sibi"),
    # two towns in it: the province stays
    (HOSTAGES + "The train came under attack near Sibi, Balochistan, on its way from Quetta, "
     "Balochistan.", "Balochistan"),
    # a town of another province is not inside it
    (HOSTAGES + "The train was on its way to Peshawar, Khyber Pakhtunkhwa.", "Balochistan"),
    # a town merely named in the focus country says nothing of where its happenings were
    (RAID + "Officials in Abuja condemned the attack.", "Nigeria"),
    # one the text names in it does
    (RAID + "The gunmen fled toward Maiduguri, Nigeria.", "Maiduguri"),
])
def test_the_one_place_the_story_names_inside_its_focus(pipeline: Pipeline, text: str,
                                                       expected: str) -> None:
    work = run(pipeline, text)
    focus = focus_place(work.article, work.parsed)
    assert focus is not None
    assert finer_focus(work.article, focus).text == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # a happening or a meeting beside a town its sentence names under a locative
    # preposition took place there, though the clause does not attach it
    ("Russia has not agreed to the ceasefire, but Trump said Tuesday that he had "
     "representatives on their way to Moscow for discussions.", "discussions", "Moscow"),
    ("Iraqi special forces said al-Rufay'i was killed Thursday in an airstrike targeting his "
     "location in Iraq's Anbar desert.", "killed", "Anbar"),
    # the clause's own place still wins
    ("Police arrested two men in Kabul on their way to Moscow.", "arrested", "Kabul"),
    # a country merely named is no guess of where
    ("Trump said Tuesday that he had representatives on their way to Russia for "
     "discussions.", "discussions", None),
])
def test_a_happening_beside_a_town_its_sentence_names(events_pipeline: Pipeline, text: str,
                                                      trigger: str,
                                                      expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected


@pytest.mark.parametrize(("text", "trigger", "expected"), [
    # an unknown name inside the source's words ("the G7 countries") names the actor, not
    # another place: the statement was made at the setting
    ("Foreign ministers from the Group of Seven gathered Thursday in Charlevoix, Quebec. "
     "The statement said the G7 countries affirmed their unwavering support for Ukraine in "
     "defending its territorial integrity.", "defending", "Charlevoix"),
])
def test_a_name_in_the_actors_words_is_no_other_place(events_pipeline: Pipeline, text: str,
                                                      trigger: str,
                                                      expected: str | None) -> None:
    assert place_name(events_pipeline, text, trigger) == expected

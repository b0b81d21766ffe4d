"""Reading habits of outlets and stories the extractors were not first written for: headline
facts, roles named in the next sentence, British titles, multi-word surnames, a state's own
bodies, quotations that run over several sentences, and figures worded in new ways.

Every text here is invented for the test; each checks one kind of wording, not one article.
"""

from __future__ import annotations

from datetime import date

import pytest

from briefings.ingest import ArticleMeta
from briefings.models import HEADLINE_INDEX, Claim, Extraction, Figure
from briefings.service import extract_text
from briefings.store.writer import body_facts

META = ArticleMeta(outlet="BBC", published=date(2024, 2, 4))


def extracted(text: str) -> Extraction:
    return extract_text(text, META)


def speakers(extraction: Extraction) -> list[str]:
    return [claim.speaker for claim in extraction.claims]


def figure(extraction: Extraction, value: float) -> Figure:
    return next(f for f in extraction.figures if f.value == value)


def claim_saying(extraction: Extraction, words: str) -> Claim:
    return next(c for c in extraction.claims if words in c.text)


HEADLINE_STORY = (
    "Flood death toll rises to 112 as governor warns it will climb further\n\n"
    "By Ana Ruiz\n\n"
    "The death toll from floods in the northern province rose to 112 on Sunday, officials "
    "said.\n\n"
    "Governor Marta Okafor said rescuers were still searching villages cut off by the water.\n"
)


def test_headline_figures_and_claims_are_read_and_cited_to_the_headline() -> None:
    extraction = extracted(HEADLINE_STORY)
    headline = [f for f in extraction.figures if f.citation.headline]
    assert [(f.value, f.unit) for f in headline] == [(112.0, "killed")]
    cited = headline[0].citation
    assert cited.sentence_index == HEADLINE_INDEX
    assert cited.sentence[cited.start : cited.end] == headline[0].text
    said = [c for c in extraction.claims if c.citation.headline]
    assert [c.speaker for c in said] == ["Marta Okafor"]  # the body names the governor
    assert "climb further" in said[0].text


def test_the_store_keeps_the_body_facts_only() -> None:
    """The body restates the headline; cards cite sentences of the story."""
    extraction = extracted(HEADLINE_STORY)
    kept = body_facts(extraction)
    assert not any(f.citation.headline for f in kept.figures)
    assert not any(c.citation.headline for c in kept.claims)
    assert [f.value for f in kept.figures] == [112.0]


def test_a_role_named_in_the_next_sentence_is_that_person() -> None:
    extraction = extracted(
        "Dam failure.\n\n"
        "The mayor of the flooded Libyan city of Derna has said the toll could reach 20,000. "
        "Abdulmenam al-Ghaithi gave the estimate in an interview on Wednesday. "
        '"We need teams to recover bodies," he said.\n'
    )
    first = claim_saying(extraction, "could reach 20,000")
    assert first.speaker == "Abdulmenam al-Ghaithi"
    assert first.speaks_for == "Libya"
    assert claim_saying(extraction, "We need teams").speaker == "Abdulmenam al-Ghaithi"


def test_a_role_followed_by_someone_already_named_is_left_alone() -> None:
    extraction = extracted(
        "Storm.\n\nGovernor Ana Ruiz visited the coast on Monday.\n\n"
        "The mayor of the coastal city of Tela has said the damage was severe. "
        "Ana Ruiz promised help on Tuesday.\n"
    )
    assert claim_saying(extraction, "damage was severe").speaker != "Ana Ruiz"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Officials in eastern Libya say whole districts were swept away.", "officials"),
        ("Mutinous soldiers in Gabon said they had seized power.", "soldiers"),
        ("Officials in Baku said the operation was over.", "Azerbaijan"),  # the capital
    ],
)
def test_a_group_placed_in_a_country_speaks_as_itself(sentence: str, speaker: str) -> None:
    found = speakers(extracted(f"News.\n\n{sentence}\n"))
    assert len(found) == 1
    assert found[0] == speaker or found[0].endswith(f" {speaker}")


def test_titles_without_a_full_stop_and_surnames_of_several_words() -> None:
    extraction = extracted(
        "Coup.\n\n"
        "The new military ruler, Gen Brice Oligui Nguema, will be sworn in on Monday.\n\n"
        "The main opposition candidate, Albert Ondo Ossa, said the vote was stolen. "
        '"This is not a coup, it is a palace revolution," Mr Ondo Ossa told the BBC.\n'
    )
    names = {actor.name for actor in extraction.actors}
    assert "Brice Oligui Nguema" in names
    assert "Gen Brice Oligui Nguema" not in names
    assert "Ondo Ossa" not in names
    assert claim_saying(extraction, "palace revolution").speaker == "Albert Ondo Ossa"
    # an opposition candidate does not speak for the state the registry files him under
    assert claim_saying(extraction, "vote was stolen").speaks_for is None


def test_a_word_of_a_full_name_given_earlier_is_that_person() -> None:
    """The registry's "Bongo" is the father; this article named the son in full first."""
    extraction = extracted(
        "Gabon.\n\nPresident Ali Bongo Ondimba was placed under house arrest on Wednesday.\n\n"
        "In a video shared online, Bongo said he was at his residence.\n"
    )
    assert claim_saying(extraction, "at his residence").speaker == "Ali Bongo Ondimba"


CHILE = "Chile.\n\nChile was hit by fires. Chilean officials met on Monday."
INDIA = "India.\n\nIndian officials met in Delhi. India has many trains."


@pytest.mark.parametrize(
    ("story", "sentence", "state"),
    [
        (CHILE, "The country's electoral body had announced that the president won.", "Chile"),
        (
            CHILE,
            "Only 32 victims had been identified, the national forensic service said.",
            "Chile",
        ),
        # named bodies the registry does not know
        (INDIA, "The National Disaster Response Force said nine teams were at the site.", "India"),
        (
            INDIA,
            "About 40 per cent lack water, according to the National Statistical Office.",
            "India",
        ),
        (INDIA, "The Defence Headquarters had said on Sunday that the victims were safe.", "India"),
    ],
)
def test_a_state_s_own_body_speaks_for_the_state_the_article_is_about(
    story: str, sentence: str, state: str
) -> None:
    assert speakers(extracted(f"{story}\n\n{sentence}\n")) == [state]


def test_a_company_described_by_a_demonym_is_the_company() -> None:
    text = "Gabon.\n\nThe French mining company Eramet said it had suspended its operations.\n"
    assert speakers(extracted(text)) == ["Eramet"]


def test_a_quote_over_several_sentences_is_cited_whole() -> None:
    extraction = extracted(
        "Border.\n\n"
        '"We were told to stay inside. If they had told us to leave, my mother would be '
        'alive," Mohammed Jaber, a shopkeeper, told reporters.\n\n'
        '"We have lived through this before," said Gulnara Toktosunova, a teacher who fled '
        'her village. "We need a real solution, not another ceasefire."\n'
    )
    jaber = claim_saying(extraction, "We were told to stay inside")
    assert jaber.citation.sentence.startswith('"We were told to stay inside.')
    assert jaber.citation.sentence.endswith("told reporters.")
    teacher = claim_saying(extraction, "lived through this before")
    assert "a teacher who fled" not in teacher.text  # who the speaker is, not what was said
    assert "We need a real solution" in teacher.text
    assert "We need a real solution" in teacher.citation.sentence


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        (
            "Even before the war, a third of Sudan's 46 million people needed aid.",
            46e6,
            "population",
        ),
        ("The population of Gabon is about 2.3 million.", 2.3e6, "population"),
        ("The number of Kyrgyz citizens killed had risen to 59, officials said.", 59, "killed"),
        ("Some 137,000 residents of Batken region had been moved to safety.", 137000, "evacuated"),
        ("Between 4,000 and 5,000 people were staying in emergency shelters.", 4000, "displaced"),
        (
            "The toll from the wildfires that tore through the hills above the resort city of "
            "Viña del Mar has risen to 122.",
            122,
            "killed",
        ),
        (
            "More than 130 pupils abducted from a school earlier this month have been released.",
            130,
            "released",
        ),
        (
            "Violence followed, in which 1,100 people died and thousands were displaced.",
            1100,
            "killed",
        ),
        (
            "It was the worst since the kidnapping of 276 girls by Boko Haram in 2014.",
            276,
            "hostages",
        ),
        ("Gunmen seized 15 pupils from an Islamic boarding school.", 15, "hostages"),
        ("He said three of his neighbours had died trying to save their things.", 3, "killed"),
        ("More than 1,300 military personnel and volunteers were deployed.", 1300, "people"),
    ],
)
def test_figures_worded_in_new_ways(sentence: str, value: float, unit: str) -> None:
    assert figure(extracted(f"News.\n\n{sentence}\n"), value).unit == unit


def test_an_earlier_count_after_a_comma_and_from_is_revised() -> None:
    extraction = extracted(
        "Clashes.\n\nThe ministry said the number of people killed had risen to 59, from 46 "
        "a day earlier.\n"
    )
    later, earlier = figure(extraction, 59), figure(extraction, 46)
    assert (later.unit, earlier.unit) == ("killed", "killed")


@pytest.mark.parametrize(
    ("sentence", "edtf"),
    [
        ("Ecuador's homicide rate quadrupled between 2018 and 2022.", "2018/2022"),
        ("Money allocated for their upkeep in 2012 and 2013 was never spent.", "2012/2013"),
        ("The border was drawn in the 1920s and 1930s by Soviet planners.", "192X/193X"),
    ],
)
def test_two_years_that_make_one_stretch_are_one_event(sentence: str, edtf: str) -> None:
    events = extracted(f"News.\n\n{sentence}\n").events
    assert [e.date.edtf for e in events if e.date] == [edtf]


def test_a_list_of_years_stays_several_events() -> None:
    events = extracted("News.\n\nDoctors crossed the border in 1994, 1995 and 1997.\n").events
    assert sorted(e.date.edtf for e in events if e.date) == ["1994", "1995", "1997"]


def test_a_weekday_after_starting_looks_ahead() -> None:
    events = extracted(
        "Fires.\n\nThe president declared two days of national mourning starting on Monday.\n"
    ).events  # published on Sunday 4 February 2024
    assert [e.date.edtf for e in events if e.date] == ["2024-02-05"]


def test_a_minister_of_a_portfolio_is_named_in_full() -> None:
    extraction = extracted(
        "Cholera.\n\nMinister of Health Khumbize Kandodo Chiponda announced the closure on "
        "Tuesday, saying infections remained high.\n\nChiponda also said markets would close.\n"
    )
    assert set(speakers(extraction)) == {"Khumbize Kandodo Chiponda"}


def test_a_long_name_of_generic_words_is_a_body_and_a_short_one_is_not() -> None:
    names = {
        actor.name
        for actor in extracted(
            "India.\n\nThe National Disaster Response Force deployed nine teams. The Supreme "
            "Court ruled on Monday.\n"
        ).actors
    }
    assert "National Disaster Response Force" in names
    assert "Supreme Court" not in names


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The UN children's agency UNICEF said 1,400 students had been abducted.", "UNICEF"),
        ("The U.N. envoy for Sudan said the talks had failed.", "United Nations"),
        (
            "The African Union's Peace and Security Council announced it had suspended Gabon.",
            "African Union",
        ),
        ("The Azerbaijan State News Agency reported that talks were held.", None),
        ("Vietnamese state news agency Bantin said the talks were held.", "Bantin"),
        ("Uzbek state media reported that the border had been closed.", "Uzbekistan"),
        ("Peruvian state television said the roads were open again.", "Peru"),
    ],
)
def test_the_name_a_speaker_phrase_ends_with(sentence: str, speaker: str | None) -> None:
    found = speakers(extracted(f"News.\n\n{sentence}\n"))
    assert len(found) == 1
    if speaker is None:  # a state news agency is itself the source, not its state
        assert found[0] != "Azerbaijan"
    else:
        assert found[0] == speaker


@pytest.mark.parametrize(
    ("text", "published"),
    [
        (  # a dated line after a dateline's place
            "Train crash toll rises to 261\n\nBy A Reporter\n"
            "BALASORE, June 03, 2023 09:48 pm | Updated 10:15 pm IST\n\n"
            "At least 261 people were killed after a train derailed on Friday evening.\n",
            date(2023, 6, 3),
        ),
        (  # a dateline with no year: the only years written are of an old record, and "said
            # on Thursday" fixes the year
            "Cholera deaths top 1,000\n\n"
            "BLANTYRE, Feb 2 (Reuters) - The cholera outbreak has killed more than 1,000 "
            "people, the health ministry said on Thursday.\n\n"
            "The previous record was set in 2001-2002, when 968 people died.\n",
            date(2023, 2, 2),
        ),
        (  # a lead that says "on Wednesday" with no reporting verb; the latest year written
            # is an old deadline, and a plan still awaited caps the year
            "Minister quits after crash\n\n"
            "LARISSA, March 1 (Wire) - The transport minister resigned on Wednesday after a "
            "collision that killed 43 people.\n\n"
            "The upgrade, due in 2020, is now expected to be finished by the end of 2023.\n",
            date(2023, 3, 1),
        ),
        (  # no date in the story: the photo caption's
            "Fire toll rises\n\n"
            "LAHAINA, Hawaii (Wire) — The toll rose to 55 on Friday, officials said.\n\n"
            "Residents look at burned homes in Lahaina, Hawaii, on Aug. 11, 2023. (Photo: Wire)\n\n"
            "Crews kept searching the ruins.\n",
            date(2023, 8, 11),
        ),
        (  # a day-first header that looks like a numbered list item
            "Minister in serious condition\n\nBy A Reporter\n16. May 2024 at 12:45\n\n"
            "The minister remains in a serious condition, doctors said on Thursday.\n",
            date(2024, 5, 16),
        ),
        (  # the only later year is of a plan ("would … run in the 2025 election")
            "Coup attempt fails\n\n"
            "LA PAZ, June 26 (Wire) - Troops withdrew from the square on Wednesday.\n\n"
            "He said he would arrest the former president if he tried to run in the 2025 "
            "presidential election.\n",
            date(2024, 6, 26),
        ),
    ],
)
def test_the_publication_date_a_page_gives(text: str, published: date) -> None:
    assert extract_text(text).article.published == published


def test_a_role_named_next_with_its_title_and_not_someone_else() -> None:
    extraction = extracted(
        "Pupils freed.\n\n"
        "More than 130 pupils have been released, the governor of Kaduna state has said. "
        "Governor Uba Sani said the pupils were safe.\n\n"
        "The minister has said the schools will reopen. President Bola Tinubu visited on "
        "Monday.\n"
    )
    assert claim_saying(extraction, "130 pupils").speaker == "Uba Sani"
    assert claim_saying(extraction, "schools will reopen").speaker != "Bola Tinubu"


def test_a_standfirst_role_waits_for_the_person_a_later_sentence_names() -> None:
    extraction = extracted(
        "Students freed\n\n"
        "Governor says pupils abducted from a school have been released.\n\n"
        "More than 130 pupils have been released, the governor of Kaduna state has said.\n\n"
        "Uba Sani announced the release in a statement on Sunday.\n"
    )
    assert set(speakers(extraction)) == {"Uba Sani"}
    assert "Governor" not in {actor.name for actor in extraction.actors}


def test_a_plural_noun_no_list_knows_placed_in_a_capital_is_that_group() -> None:
    text = "Malawi.\n\nVendors at Lilongwe's Area 2 market said the ban would hurt them.\n"
    assert speakers(extracted(text)) == ["vendors"]


@pytest.mark.parametrize(
    ("sentence", "later", "earlier"),
    [
        ("The death toll rose to 1,002 on Wednesday from 968 two days earlier.", 1002, 968),
        ("The death toll rose to 261 on Saturday evening from 238 in the morning.", 261, 238),
        ("The death toll rose to 45 from 30.", 45, 30),
    ],
)
def test_an_update_and_the_count_it_updates(sentence: str, later: float, earlier: float) -> None:
    extraction = extracted(f"News.\n\n{sentence}\n")
    new, old = figure(extraction, later), figure(extraction, earlier)
    assert (new.unit, old.unit) == ("killed", "killed")
    assert new.revises is not None
    assert extraction.figures[new.revises] is old


def test_a_headline_toll_that_tops_a_number() -> None:
    extraction = extracted("Cholera deaths top 1,000 in worst outbreak\n\nBy A Reporter\n\nText.\n")
    assert [(f.value, f.unit) for f in extraction.figures] == [(1000, "killed")]


def test_a_caption_before_a_barred_photo_credit_is_kept() -> None:
    text = (
        "Train crash\n\nA train derailed near the town on Friday evening, officials said.\n\n"
        "Rescuers search for survivors at the site on Saturday. | Photo Credit: Biswaranjan Rout\n"
    )
    extraction = extract_text(text, ArticleMeta(outlet="The Hindu", published=date(2023, 6, 3)))
    captions = [s.text for s in extraction.article.sentences if s.caption]
    assert captions == ["Rescuers search for survivors at the site on Saturday."]
    assert "Biswaranjan Rout" not in {actor.name for actor in extraction.actors}


def test_as_planned_is_no_plan_ahead() -> None:
    events = extracted(
        "Schools.\n\nSchools reopened on 3 January as planned after the Christmas holiday.\n"
    ).events  # published 4 February 2024
    assert "2024-12-25" not in {e.date.edtf for e in events if e.date}


def test_a_state_with_a_first_name_s_spelling_in_a_list_of_states() -> None:
    text = "Coups.\n\nIt follows coups in Mali, Guinea, Burkina Faso, Chad and, in July, Niger.\n"
    assert "Chad" in {actor.name for actor in extracted(text).actors}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "France, which has a military base in the capital, Libreville, said it condemned "
            "the coup.",
            "France",
        ),
        (
            "The Moscow-led Collective Security Treaty Organization, of which both countries "
            "are members, said it was ready to send a mission.",
            "Collective Security Treaty Organization",
        ),
        ("The Iran-backed Houthi movement said it had fired missiles.", "Houthis"),
        ('"The country is in crisis," one of the officers said.', "officer"),
    ],
)
def test_who_speaks_past_what_describes_them(sentence: str, speaker: str) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == [speaker]


def test_he_said_goes_to_the_person_the_last_sentence_opened_with() -> None:
    extraction = extracted(
        "Crash.\n\n"
        '"We had 1,200 personnel at the site," Mr. Jena told reporters.\n\n'
        "Prime Minister Narendra Modi visited the site on Saturday. He said those found "
        "guilty would be punished severely.\n"
    )
    assert claim_saying(extraction, "punished severely").speaker == "Narendra Modi"


def actor_names(text: str) -> set[str]:
    return {actor.name for actor in extracted(text).actors}


def test_a_full_name_whose_surname_the_article_repeats_is_a_person() -> None:
    names = actor_names(
        "Camp cleared\n\n"
        "Police cleared a camp of Marcos Ferreiro supporters on Monday.\n\n"
        "Ferreiro, who left the country last month, denied any role in the riot.\n"
    )
    assert "Marcos Ferreiro" in names


def test_a_place_used_alone_does_not_make_a_person() -> None:
    names = actor_names(
        "Floods\n\n"
        "Floods hit the towns of Wadi Kalba and Port Rella on Monday.\n\n"
        "Rescuers reached Kalba by boat, officials said.\n"
    )
    assert "Wadi Kalba" not in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Minister of Justice and Public Security Lauro Peixe said the riot was planned.",
            "Lauro Peixe",
        ),
        ("Supreme Court Justice Amaro Lins suspended the governor on Monday.", "Amaro Lins"),
        (
            "Lieutenant-Colonel Paul-Henri Tamba agreed to resign, the statement said.",
            "Paul-Henri Tamba",
        ),
    ],
)
def test_a_title_before_a_name_is_not_part_of_it(text: str, name: str) -> None:
    assert name in actor_names(text)


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Another 57 people were being treated in hospital, officials said.", 57, "injured"),
        ("Officials said 44 people were treated in public hospitals.", 44, "injured"),
        (
            "Another 599 people, most of them elderly people, people with health problems and "
            "mothers with children, were released after being questioned.",
            599,
            "released",
        ),
    ],
)
def test_hospital_treatment_and_a_listing_apposition_give_the_unit(
    sentence: str, value: int, unit: str
) -> None:
    assert figure(extracted(f"Toll rises\n\n{sentence}\n"), value).unit == unit


def test_a_headline_in_the_present_tense_gives_the_unit() -> None:
    extraction = extracted(
        "Police detain 1,500 after rioters storm capital\n\nThe city was calm.\n"
    )
    assert figure(extraction, 1500).unit == "detained"


def test_a_spokesperson_after_a_ministry_speaks_for_its_state() -> None:
    extraction = extracted(
        "Embassy attacked\n\n"
        'The French foreign ministry denied any involvement. "Our embassy never hosted him," '
        "a spokesperson said in a statement.\n"
    )
    assert claim_saying(extraction, "never hosted him").speaker == "France"


def test_the_army_is_the_state_not_the_army_captain_named_before() -> None:
    extraction = extracted(
        "Coup\n\n"
        "Army captain Ibrahim Traore said he had removed the president of Burkina Faso. "
        "About 50 civilians are still missing after the attack, according to the army.\n"
    )
    assert claim_saying(extraction, "50 civilians").speaker == "Burkina Faso"


def test_the_justice_is_the_judge_named_before() -> None:
    extraction = extracted(
        "Riots\n\n"
        "Supreme Court Justice Amaro Lins ordered the arrest of the governor on Tuesday. "
        '"The absence of policing was not an accident," the justice wrote.\n'
    )
    assert claim_saying(extraction, "not an accident").speaker == "Amaro Lins"


def test_a_standfirst_force_speaks_for_the_state_the_story_names_later() -> None:
    extraction = extracted(
        "Arrests after riot\n\n"
        "Federal Police say 1,398 people remain in custody.\n\n"
        "Brazil's government said the riot was planned. Brazil's courts met on Monday. The "
        "minister, who is in the United States, said he would return to Brazil.\n"
    )
    claim = claim_saying(extraction, "remain in custody")
    assert claim.speaker == "Brazil"
    assert "Federal Police" in {actor.name for actor in extraction.actors}


@pytest.mark.parametrize("force", ["the fire brigade", "the coast guard"])
def test_a_state_service_speaks_for_the_state(force: str) -> None:
    extraction = extracted(
        f"Crash\n\nGreece mourned on Wednesday. The toll rose to 43, {force} said.\n"
    )
    assert claim_saying(extraction, "toll rose to 43").speaker == "Greece"


def test_a_junta_before_any_state_is_named_is_not_the_state_it_accuses() -> None:
    extraction = extracted(
        "Coup\n\nThe junta said the leader had fled to a French base. France denied it. "
        "France said its embassy was attacked.\n"
    )
    assert claim_saying(extraction, "fled to a French base").speaker != "France"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("State television said 17 people had been killed.", "State television"),
        (
            "Police in Kurdistan province said 17 people had been killed.",
            "Police in Kurdistan province",
        ),
        ("Kurdistan police said 17 people had been killed.", "Kurdistan police"),
        (
            "The Iran Telecommunication Authority said 17 people had been killed.",
            "Iran Telecommunication Authority",
        ),
    ],
)
def test_state_media_placed_forces_and_named_bodies_speak_for_the_state(
    sentence: str, role: str
) -> None:
    extraction = extracted(
        f"Protests\n\nIran's government faced protests. Iran's president spoke. {sentence}\n"
    )
    claim = claim_saying(extraction, "17 people")
    assert (claim.speaker, claim.speaker_role) == ("Iran", role)


def test_a_registry_agency_of_a_state_speaks_for_it() -> None:
    extraction = extracted(
        "Fires\n\nThe United States sent aid. The United States said more would come. "
        "The Federal Emergency Management Agency said it had sent 140 staff.\n"
    )
    assert claim_saying(extraction, "140 staff").speaker == "United States"


@pytest.mark.parametrize(
    ("sentence", "name", "not_name"),
    [
        (
            "Oslo-based Iran Human Rights said 185 people had been killed.",
            "Iran Human Rights",
            "Norway",
        ),
        (
            "The Oslo-based group Iran Human Rights said 31 people had been killed.",
            "Iran Human Rights",
            "Human Rights",
        ),
        (
            "Tehran's chief justice, Ali Alghasi-Mehr, said the trials would be public.",
            "Ali Alghasi-Mehr",
            "Ali",
        ),
        (
            "Maui County Mayor Richard Bissen said the roads had reopened.",
            "Richard Bissen",
            "Maui County Mayor Richard Bissen",
        ),
    ],
)
def test_names_without_their_place_title_or_a_false_outlet(
    sentence: str, name: str, not_name: str
) -> None:
    names = actor_names(f"Story\n\nIran faced protests on Monday. {sentence}\n")
    assert name in names
    assert not_name not in names


def test_a_forces_own_wing_speaks_for_the_state() -> None:
    extraction = extracted(
        "Story\n\nPakistan was tense on Wednesday. Pakistan's army was deployed. "
        "The military's media wing rejected the allegation as baseless.\n"
    )
    assert claim_saying(extraction, "allegation as baseless").speaker == "Pakistan"


def test_a_headline_group_is_the_group_the_body_names() -> None:
    extraction = extracted(
        "Protests spread as rights group says 31 civilians killed\n\n"
        "The Oslo-based group Iran Human Rights said at least 31 civilians had been killed.\n"
    )
    said = [c for c in extraction.claims if c.citation.headline]
    assert [c.speaker for c in said] == ["Iran Human Rights"]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The toll rose to 43 by Wednesday evening from 36 earlier in the day.", 36, "killed"),
        ("Officials said more than 1,000 people had been charged.", 1000, "detained"),
        ("About 2,000 people remain in emergency shelters, officials said.", 2000, "displaced"),
        ("More than 1,000 federal personnel are now on the island.", 1000, "people"),
        ("The army sent 43 defence force personnel.", 43, "soldiers"),
    ],
)
def test_more_figure_wordings(sentence: str, value: int, unit: str) -> None:
    assert figure(extracted(f"Toll\n\n{sentence}\n"), value).unit == unit


def test_an_age_is_not_a_count() -> None:
    extraction = extracted(
        "Arrests\n\nSeven people were arrested. Those arrested, aged between 19 and 64, were "
        "charged with trespassing.\n"
    )
    assert 64 not in {f.value for f in extraction.figures}


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Security forces fired tear gas, officials and witnesses said.",
            ["officials", "witnesses"],
        ),
        (
            "The leader agreed to resign, religious and community leaders have said.",
            ["religious and community leaders"],
        ),
        ('"Every deal creates an incentive," a Moscow-based lawyer said.', ["lawyer"]),
    ],
)
def test_unnamed_sources_joined_or_placed(sentence: str, speaker: list[str]) -> None:
    extraction = extracted(f"Story\n\nThe capital was tense on Monday. {sentence}\n")
    assert speakers(extraction) == speaker


def test_the_railway_ministry_is_the_state_not_a_railway_body_named_before() -> None:
    extraction = extracted(
        "Crash\n\nIndia mourned on Sunday. India's Railway Board said the signal failed. "
        "Train services resumed late on Sunday, the railway ministry said.\n"
    )
    assert claim_saying(extraction, "Train services resumed").speaker == "India"


@pytest.mark.parametrize(
    "sentence",
    [
        "The death toll rose to 120, the Ishikawa Prefectural Government said.",
        "The death toll rose to 120, the prefecture said.",
    ],
)
def test_a_regional_government_speaks_for_its_state(sentence: str) -> None:
    extraction = extracted(
        f"Quake\n\nJapan was hit by a quake. Japan's government responded. {sentence}\n"
    )
    assert claim_saying(extraction, "rose to 120").speaker == "Japan"


def test_a_company_named_after_its_country_is_the_company() -> None:
    extraction = extracted(
        "Quake\n\nJapan was hit by a quake. "
        "Japan Airlines says all 379 passengers were evacuated.\n"
    )
    assert claim_saying(extraction, "379 passengers").speaker == "Japan Airlines"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Witnesses and rights groups said the troops fired on the crowd.",
         ["witnesses", "rights groups"]),
        ("Analysts and diplomats said the ceasefire was fragile.", ["analysts", "diplomats"]),
        ("Religious and community leaders said the talks had stalled.",
         ["religious and community leaders"]),
    ],
)  # fmt: skip
def test_two_sources_joined_by_and_each_make_a_claim(sentence: str, expected: list[str]) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Roads were cut by Friday's floods, which local officials say killed 40 people.",
         ["local officials"]),
        ("The mayor's main rival, Dana Ruiz, who conceded on Sunday, said on Monday she would "
         "appeal.", ["Dana Ruiz"]),
        ("Prime Minister Anthony Albanese congratulated Luxon in a call on Monday, saying he "
         "hoped to meet soon.", ["Anthony Albanese", "Anthony Albanese"]),
        ("The UN refugee agency, UNHCR, said 3,000 people had crossed the border.", ["UNHCR"]),
        ("The UN's World Food Programme warned that rations would be cut.",
         ["World Food Programme"]),
        ("A spokesman for the Houthis' military wing said the ship had been hit.", ["Houthis"]),
        ("The strong tremor struck at dawn, the US Geological Survey said.", ["United States"]),
    ],
)  # fmt: skip
def test_who_speaks_on_new_stories(sentence: str, expected: list[str]) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == expected


def test_a_day_is_never_a_speaker_or_an_actor() -> None:
    extraction = extracted(
        "Quake.\n\nHelp is slow to reach people hit by Saturday's earthquakes. Lina Diaz said "
        "on Monday she would stay.\n"
    )
    assert speakers(extraction) == ["Lina Diaz"]
    assert not {"Saturday", "Monday"} & {actor.name for actor in extraction.actors}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Iranian military analysts said the drills were a warning.",
         ["iranian military analysts"]),
        ("Iranian officials said the drills were routine.", ["Iran"]),
        ("Food ran short, and aid agencies say the cuts have forced them to close clinics.",
         ["aid agencies"]),
        ("One trader, citing his suppliers, said prices had doubled.", ["trader"]),
    ],
)  # fmt: skip
def test_groups_a_demonym_places_and_asides(sentence: str, expected: list[str]) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == expected


def test_a_speaker_who_says_she_is_the_she_who_adds() -> None:
    extraction = extracted(
        "Vote.\n\nMarisol Quispe lost the race. Quispe said she had called Ana Torres to "
        "congratulate her. She added that she would keep fighting.\n"
    )
    assert speakers(extraction) == ["Marisol Quispe", "Marisol Quispe"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # META's publication day is Sunday 2024-02-04
        ("The general has agreed to step down, two days after he was ousted by his officers.",
         ["2024-02-02"]),
        ("The senator remains in hospital, a day after she was stabbed in Vell.",
         ["2024-02-03"]),
        ("She will be sworn in on Tuesday, the council has announced, a day after the vote.",
         ["2024-02-06", "2024-02-03"]),
        ("The bloc suspended Marland after the January coup.", ["2024-01"]),
        ("Troops seized power in the November coup.", ["2023-11"]),
    ],
)  # fmt: skip
def test_dates_counted_from_the_news_and_months_named_for_a_happening(
    sentence: str, expected: list[str]
) -> None:
    events = extracted(f"News.\n\n{sentence}\n").events
    assert [e.date.edtf for e in events if e.date] == expected


def test_the_body_a_spokesman_works_for_is_not_the_spokesman() -> None:
    extraction = extracted(
        'Talks.\n\nPeru\'s government met protesters on Monday. "The city is calm," said Omar '
        "Diallo, a spokesman for the ministry. The ministry later confirmed that two soldiers "
        "had died.\n"
    )
    assert speakers(extraction) == ["Omar Diallo", "Peru"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("President Ana Vell had ordered the police to free the hostages.", ["Ana Vell"]),
        ("The army ordered 20 new jets.", []),
        ("The defence chiefs signed a protocol pledging to pull back troops.",
         ["defence chiefs"]),
    ],
)  # fmt: skip
def test_orders_and_a_participle_after_an_object(sentence: str, expected: list[str]) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == expected


def test_a_media_wing_speaks_after_an_opening_date() -> None:
    extraction = extracted(
        "Arrest.\n\nPeru's former leader Ivo Dren was arrested on Tuesday. On Monday, the "
        "day before his arrest, the military's media wing rejected the allegation.\n"
    )
    assert speakers(extraction) == ["Peru"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rights group says 40 were killed\n\nPeru was calm on Monday.\n", ["rights group"]),
        ("UN warns of famine in Sudan as aid dwindles\n\nSudan was calm on Monday.\n",
         ["United Nations"]),
    ],
)  # fmt: skip
def test_headline_speakers_and_warnings_of_a_danger(text: str, expected: list[str]) -> None:
    assert speakers(extracted(text)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("One resident, who gave only his first name, Ahmed, said he fled.", ["resident"]),
        ("The meteorological department has forecast more rain.", ["Kenya"]),
        ("The Japan Meteorological Agency warned of more snow.", ["Japan"]),
    ],
)  # fmt: skip
def test_described_speakers_in_a_story_about_kenya(sentence: str, expected: list[str]) -> None:
    text = f"Floods.\n\nHeavy rain lashed Kenya on Tuesday. {sentence}\n"
    assert speakers(extracted(text)) == expected


def test_two_sources_joined_after_but() -> None:
    extraction = extracted(
        "Storm.\n\nThe junta said 145 people died, but residents and aid workers said the "
        "true toll was far higher.\n"
    )
    assert speakers(extraction)[1:] == ["residents", "aid workers"]


def test_sworn_in_is_an_act_not_a_statement() -> None:
    extraction = extracted(
        "Vote.\n\nAna Vell was sworn in as Peru's president on Tuesday. She swore to fight "
        "corruption.\n"
    )
    assert speakers(extraction) == ["Ana Vell"]


def test_according_to_a_description_then_the_agency_named() -> None:
    extraction = extracted(
        "Gaza.\n\nNearly one million people have fled Rafah, according to the UN agency for "
        "Palestinian refugees, UNRWA.\n"
    )
    assert speakers(extraction) == ["UNRWA"]


@pytest.mark.parametrize(
    "sentence",
    [
        "A passenger train carrying 350 people slammed into a freight train late Tuesday.",
        "Unions called a 24-hour strike for Friday.",
        "The president called a snap election for June.",
        "The government declared a 72-hour state of emergency.",
        "Unions called an indefinite general strike.",
    ],
)
def test_acts_are_not_statements(sentence: str) -> None:
    assert speakers(extracted(f"News.\n\n{sentence}\n")) == []


def test_a_description_before_the_name_is_not_what_was_said() -> None:
    extraction = extracted(
        "Crash.\n\nHe admitted making a mistake, his lawyer, Petros Alexiou, told reporters.\n"
    )
    assert [c.text for c in extraction.claims] == ["He admitted making a mistake"]


def test_a_count_confirmed_by_a_body_is_no_speaker() -> None:
    extraction = extracted(
        "Floods.\n\nThe figure was far higher than the 5,500 deaths confirmed earlier in the "
        "week by the administration. Firefighters said it had been brought under control by "
        "Friday.\n"
    )
    assert [s.lower() for s in speakers(extraction)] == ["firefighters"]


def test_the_two_countries_are_the_two_states_named_last() -> None:
    extraction = extracted(
        "Talks.\n\nArmenia and Azerbaijan agreed on Thursday to exchange prisoners. The two "
        "countries said in a joint statement that they would continue talks.\n"
    )
    assert sorted(speakers(extraction)) == ["Armenia", "Azerbaijan"]


def test_a_quote_told_to_a_crowd_and_the_quote_after_it() -> None:
    extraction = extracted(
        'Vote.\n\n"I will be the first woman president," Ana Vell told thousands of supporters '
        'who packed the square. "I will not fail you."\n'
    )
    assert [(c.speaker, c.text) for c in extraction.claims] == [
        ("Ana Vell", "I will be the first woman president … I will not fail you")
    ]


def test_a_named_listener_is_not_what_was_said() -> None:
    extraction = extracted(
        "Sudan.\n\nCol. Hassan Idris, a retired officer, told the BBC the capture was symbolic.\n"
    )
    assert [c.text for c in extraction.claims] == ["the capture was symbolic"]


def test_the_writers_aside_ends_what_was_said() -> None:
    extraction = extracted(
        "Sudan.\n\nSudan's army said on Friday it had retaken the palace, in what analysts "
        "called the biggest gain for the military in two years.\n"
    )
    assert [(c.speaker, c.text) for c in extraction.claims] == [
        ("Sudan", "it had retaken the palace"),
        ("analysts", "the biggest gain for the military in two years"),
    ]


def test_a_second_verb_joined_by_and_keeps_its_subject_and_mourning_is_an_act() -> None:
    extraction = extracted(
        "Fires.\n\nThe toll rose to 131 on Tuesday, the forensic service said, as President "
        "Ana Vell declared two days of national mourning and warned the figure would climb.\n"
    )
    assert [(c.speaker, c.text) for c in extraction.claims][1:] == [
        ("Ana Vell", "the figure would climb")
    ]


def test_the_islands_agency_and_a_kyodo_dateline() -> None:
    extraction = extracted(
        "Quake.\n\nTOKYO, April 3 Kyodo - A quake struck eastern Taiwan on Wednesday. Seventy "
        "people were trapped, the island's fire agency said.\n"
    )
    assert speakers(extraction) == ["Taiwan"]


def test_an_agency_named_without_brackets_in_a_dateline() -> None:
    from briefings.ingest.metadata import parse_dateline

    found = parse_dateline("TOKYO, April 3 Kyodo - A quake struck Taiwan.", allow_plain=False)
    assert found is not None
    assert (found.outlet, found.month, found.day) == ("Kyodo News", 4, 3)


def test_both_governments_accusing_each_other_stay_one_claim() -> None:
    extraction = extracted(
        "Talks.\n\nArmenia and Azerbaijan met on Thursday. Both governments accused each other "
        "of stalling the talks.\n"
    )
    assert speakers(extraction) == ["governments"]

"""Figures: sentences written for these tests plus a few from the seeds."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings.extract.figures import FigureMatch, find_figures
from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article
from briefings.models import Figure


def summary(sentence: str) -> list[tuple[float, str, str | None]]:
    return [(f.value, f.unit, f.qualifier) for f in find_figures(sentence)]


# sentence, [(value, unit, qualifier)]
CASES: list[tuple[str, list[tuple[float, str, str | None]]]] = [
    # --- casualties -------------------------------------------------------------------------------
    ("At least 30 people were killed in the strike.", [(30, "killed", "at least")]),
    (
        "Russian shelling killed 12 civilians and wounded 40 in Kherson.",
        [(12, "killed", None), (40, "injured", None)],
    ),
    (
        "The attack left 17 dead and dozens injured.",
        [(17, "killed", None), (24, "injured", "dozens")],
    ),
    ("Twenty-five civilians died in the attack on the market.", [(25, "killed", None)]),
    ("The death toll rose to 45 on Sunday.", [(45, "killed", None)]),
    ("Dozens of people were killed in the clashes.", [(24, "killed", "dozens of")]),
    ("Scores of people were injured by the blast.", [(40, "injured", "scores of")]),
    (
        "Two Ukrainian soldiers were killed and three were injured.",
        [(2, "killed", None), (3, "injured", None)],
    ),
    ("The attack killed 3 and wounded 8 others.", [(3, "killed", None), (8, "injured", None)]),
    (
        "Ethiopia's war in Tigray killed an estimated 600,000 people.",
        [(600_000, "killed", "an estimated")],
    ),
    ("Five journalists were injured near the front line.", [(5, "injured", None)]),
    (
        "Israel says 1,200 people were killed in the Hamas attack on October 7.",
        [(1200, "killed", None)],
    ),
    ("Approximately 3,500 people remain missing.", [(3500, "missing", "approximately")]),
    ("Six children were among the victims.", [(6, "children", None)]),
    ("Nearly 300 casualties were reported.", [(300, "casualties", "nearly")]),
    (
        "Two soldiers and three civilians were killed overnight.",
        [(2, "killed", None), (3, "killed", None)],
    ),
    # --- displacement, detention, hostages --------------------------------------------------------
    (
        "More than 1.2 million people have fled Sudan since April.",
        [(1_200_000, "displaced", "more than")],
    ),
    ("Some 100,000 refugees crossed into Armenia within a week.", [(100_000, "refugees", "some")]),
    ("Half a million people were displaced by the fighting.", [(500_000, "displaced", None)]),
    (
        "Hundreds of thousands of Ukrainians have fled abroad.",
        [(100_000, "displaced", "hundreds of thousands of")],
    ),
    ("The UN said 8 million people have been displaced.", [(8_000_000, "displaced", None)]),
    ("Around 240 hostages were taken to Gaza.", [(240, "hostages", "around")]),
    # who is freed is what is counted; "released" counts those of no unit of their own
    ("Israel released 39 Palestinian prisoners on Friday.", [(39, "prisoners", None)]),
    ("Israel freed 39 Palestinians on Friday.", [(39, "released", None)]),
    ("Police arrested 150 protesters in Belgrade.", [(150, "detained", None)]),
    ("A dozen people were detained by police.", [(12, "detained", None)]),
    ("Over 6,000 people were evacuated from the town.", [(6000, "evacuated", "over")]),
    # --- forces, population, protest --------------------------------------------------------------
    ("Up to 5,000 troops could be deployed.", [(5000, "soldiers", "up to")]),
    ("Nearly 2,000 peacekeepers remain in the region.", [(2000, "peacekeepers", "nearly")]),
    ("Moscow deployed about 2,000 to the region.", [(2000, "soldiers", "about")]),
    (
        "Tens of thousands of protesters rallied in Tbilisi.",
        [(10_000, "protesters", "tens of thousands of")],
    ),
    ("Thousands protested in Yerevan on Tuesday.", [(1000, "protesters", "thousands")]),
    ("It has a population of about 3 million.", [(3_000_000, "population", "about")]),
    ("Between 20 and 30 soldiers were wounded.", [(20, "injured", None)]),
    ("Some 200 EU monitors patrol the border.", [(200, "monitors", "some")]),
    ("About 1,500 Hamas militants crossed the fence.", [(1500, "fighters", "about")]),
    # --- the seeds -------------------------------------------------------------------------------
    (
        "The upsurge in hostilities, in which dozens of people were killed, alarmed the world.",
        [(24, "killed", "dozens of")],
    ),
    ("It is home to some 120,000 ethnic Armenians.", [(120_000, "population", "some")]),
    (
        "Some 30,000 people were killed and hundreds of thousands displaced.",
        [(30_000, "killed", "some"), (100_000, "displaced", "hundreds of thousands")],
    ),
    (
        "The agreement provided for the deployment of some 2,000 Russian peacekeepers.",
        [(2000, "peacekeepers", "some")],
    ),
    ("An Azerbaijani vehicle had hit a mine, killing two civilians.", [(2, "killed", None)]),
    (
        "By then, at least 32 people had reportedly been killed and 200 others injured.",
        [(32, "killed", "at least"), (200, "injured", None)],
    ),
    (
        "The 10-day Eagle Partner 2023 exercise involving 85 U.S. soldiers and 175 Armenians "
        "began on September 11.",
        [(85, "soldiers", None), (175, "soldiers", None)],
    ),
    (
        "After two days of fiery clashes that killed 176 soldiers from both sides, a cease-fire "
        "held.",
        [(176, "killed", None)],
    ),
    (
        "Pashinyan said 105 of his country’s soldiers had been killed, while Azerbaijan said it "
        "lost 71.",
        [(105, "killed", None), (71, "killed", None)],
    ),
    ("More than 6,700 people died in the fighting.", [(6700, "killed", "more than")]),
    ("Moscow deployed about 2,000 troops to the region.", [(2000, "soldiers", "about")]),
    (
        "Thousands of angry protesters quickly descended on the government’s headquarters.",
        [(1000, "protesters", "thousands of")],
    ),
    (
        "A UN report estimated that 1.5 million people in Gaza had been displaced.",
        [(1_500_000, "displaced", None)],
    ),
    (
        "Some 4.3 million Sudanese have been displaced and 1.1 million have fled abroad.",
        [(4_300_000, "displaced", "some"), (1_100_000, "displaced", None)],
    ),
    ("Hamas has released 105 hostages.", [(105, "released", None)]),  # freed people: released
    (  # a part counts what the whole counts (tests/gold: "including four police officers")
        "Israeli strikes killed 27 people, including 12 children.",
        [(27, "killed", None), (12, "killed", None)],
    ),
    ("A total of 19 journalists have been killed.", [(19, "killed", "a total of")]),
    ("On 7 October, 1,139 people were killed in Israel.", [(1139, "killed", None)]),
    ("Ukraine's General Staff said Russia had lost 1,100 troops.", [(1100, "killed", None)]),
    # --- never figures ----------------------------------------------------------------------------
    ("The war lasted 44 days.", []),
    ("The ceasefire took effect at 1 p.m. on Wednesday.", []),
    ("The 2020 war ended in November.", []),
    ("In 1994, a ceasefire was signed.", []),
    ("In 2020 soldiers from both sides clashed again.", []),
    ("It was the 78th session of the General Assembly.", []),
    ("A 10-day exercise began on September 11.", []),
    ("The blockade has lasted nine months.", []),
    ("Azerbaijan regained about a third of the region.", []),
    ("Resolution 2334 was adopted in 2016.", []),
    ("Prices rose 30 percent last year.", []),
    ("About 40% of residents left.", []),
    ("The convoy of 20 trucks reached Gaza.", []),
    ("A 20-year-old man was arrested.", []),
    ("The drone flew 200 kilometres.", []),
    ("Su-25 jets and F-16s were seen; COVID-19 spread.", []),
    ("They traded blame for two days.", []),
    ("Armenia and Azerbaijan have fought two wars.", []),
    ("We act with the motto of one nation, two states.", []),
    ("The soldiers were killing 5 cows.", []),
    ("Talks are planned for September 21 and October 5.", []),
    ("Large-scale conflicts broke out in the 1990s.", []),
    ("The Vision 2030 plan was unveiled.", []),
    ("Aid worth $20 million reached 3 ports.", []),
    ("May 9 is Victory Day.", []),
    ("Ukraine has received about 40 Patriot missiles and 300 tanks.", []),
    ("Over 90% of the population has fled.", []),
    ("Police said a 45-year-old man had been detained.", []),
    # --- the unit further on: of-groups, coordinated nouns, appositions ------------------------
    ("Two of the gunmen were killed in the raid.", [(2, "killed", None)]),
    (
        "The fire forced 8,000 residents of Kelowna to leave their homes.",
        [(8000, "displaced", None)],
    ),
    ("Two firefighters were injured.", [(2, "injured", None)]),
    ("Four of its volunteers were injured.", [(4, "injured", None)]),
    ("Some 40 nurses and patients were evacuated.", [(40, "evacuated", "some")]),
    ("More than 50 people, mostly women, were killed.", [(50, "killed", "more than")]),
    (
        "About 900 villagers, among them 200 children, were displaced.",
        [(900, "displaced", "about"), (200, "displaced", None)],
    ),
    (
        "Twelve soldiers and three police officers were wounded.",
        [(12, "injured", None), (3, "injured", None)],
    ),
    (
        "The floods forced about 2,000 residents to leave their homes.",
        [(2000, "displaced", "about")],
    ),
    ("The shelling forced 300 families to flee.", [(300, "displaced", None)]),
    ("Some 4,000 refugees who fled the fighting are in camps.", [(4000, "refugees", "some")]),
    # --- a unit named once for two numbers, or earlier in the clause --------------------------
    (
        "The number of peacekeepers in the zone fell from 1,500 to the current 900.",
        [(1500, "peacekeepers", None), (900, "peacekeepers", None)],
    ),
    ("The number of migrants crossing the border rose to 12,000.", [(12000, "people", None)]),
    (
        "About 300 strikers gathered at the gates before dozens forced their way in.",
        [(300, "protesters", "about"), (24, "protesters", "dozens")],
    ),
    ("The price rose from 8 to 20.", []),
    ("The team scored 3 and then dozens cheered.", []),
    # --- not counts -------------------------------------------------------------------------------
    ("No one was injured in the blast.", []),
    ("Not one of the hostages was released.", []),
    ("The two men have led the country since 2019.", []),
    ("Both leaders met the three envoys in Doha.", []),
    ("The three soldiers were killed instantly.", [(3, "killed", None)]),
    # --- counts given by an agency, a tally, a revision ---------------------------------------
    ("The ministry put the nationwide toll at 44.", [(44, "killed", None)]),
    ("Amnesty International put the toll at at least 20.", [(20, "killed", "at least")]),
    ("The regional authority put the number of dead at 18.", [(18, "killed", None)]),
    ("The death toll has risen to 2,417, officials said.", [(2417, "killed", None)]),
    (
        "The toll rose to 2,417, up from 1,800 a day earlier.",
        [(2417, "killed", None), (1800, "killed", None)],
    ),
    ("The rights group has documented at least 78 killings.", [(78, "killed", "at least")]),
    (
        "The explosions injured many, and the number injured topped 2,200.",
        [(2200, "injured", None)],
    ),
    (
        "The victims numbered 213, including 12 foreigners.",
        [(213, "casualties", None), (12, "casualties", None)],
    ),
    # --- ranges, limits and words -------------------------------------------------------------
    ("Between 4,000 and 5,000 people have fled.", [(4000, "displaced", None)]),
    ("Up to 15,000 troops could be sent.", [(15000, "soldiers", "up to")]),
    ("Two or three civilians were wounded.", [(2, "injured", None)]),
    ("One hundred and fifty soldiers were deployed.", [(150, "soldiers", None)]),
    ("They evacuated two hundred and thirty four tourists.", [(234, "evacuated", None)]),
    (
        "A hundred people died and a dozen were hurt.",
        [(100, "killed", None), (12, "injured", None)],
    ),
    ("Some 1.5m people have fled the region.", [(1_500_000, "displaced", "some")]),
    ("Two dozen students were arrested.", [(24, "detained", None)]),
    # --- units the list lacked ----------------------------------------------------------------
    ("Police said 92 people had been arrested across the country.", [(92, "detained", None)]),
    ("Rescuers evacuated 21 survivors.", [(21, "evacuated", None)]),
    ("More than 60 people had been treated for injuries.", [(60, "injured", "more than")]),
    ("Nearly 200 had suffered gunshot wounds.", [(200, "injured", "nearly")]),
    ("Dozens of arbitrary detentions were reported.", [(24, "detained", "dozens of")]),
    ("Gunmen stormed the jail, freeing nearly 4,000 inmates.", [(4000, "prisoners", "nearly")]),
    ("More than 2,000 people were buried alive.", [(2000, "killed", "more than")]),
    ("About 20 people remain missing.", [(20, "missing", "about")]),
    ("Hundreds of people were left homeless.", [(100, "displaced", "hundreds of")]),
    ("The floods affected some 4,000 households.", [(4000, "people", "some")]),
    ("Some 7.3 million registered voters were called to vote.", [(7_300_000, "people", "some")]),
    (
        "More than 2,000 villagers had crossed into the neighbouring country.",
        [(2000, "refugees", "more than")],
    ),
    ("Some 362,000 people were now internally displaced.", [(362_000, "displaced", "some")]),
    ("Houthi missile kills three crew on a bulk carrier.", [(3, "killed", None)]),
    ("Anger grew over the killing of two opposition figures.", [(2, "killed", None)]),
    (
        "More than 1,100 people were killed, injured or kidnapped in January.",
        [(1100, "casualties", "more than")],
    ),
    (
        "At least four other crew were injured, three of them critically.",
        [(4, "injured", "at least"), (3, "injured", None)],
    ),
    (
        "Seven people were killed, including three in the northern town of Kelso.",
        [(7, "killed", None), (3, "killed", None)],
    ),
    (
        "At least 12 people were killed, including four police officers.",
        [(12, "killed", "at least"), (4, "killed", None)],
    ),
    (
        "The 25 crew members from Bulgaria, Mexico and the Philippines have been detained.",
        [(25, "detained", None)],
    ),
    ("He said the attackers, numbering about 50, fled.", [(50, "fighters", "about")]),
    ("Local officials said between 100 and 300 people could be dead.", [(100, "killed", None)]),
    (
        "At least 1,250 people were evacuated, while 18 bodies had been recovered.",
        [(1250, "evacuated", "at least"), (18, "killed", None)],
    ),
    (
        "The army said it had killed 25 militants and captured 12.",
        [(25, "killed", None), (12, "prisoners", None)],
    ),
    ("Azerbaijan said it lost 71.", [(71, "killed", None)]),
    # --- not counts: ages, shares, money, measures, objects -----------------------------------
    ("The candidate won 54.3% of the vote, or 2.4 million votes.", []),
    ("More than 1,000 homes were buried.", []),
    ("Marie Dupont, 52, fled her home on Saturday.", []),
    ("Nearly eight of 10 voters say they will watch.", []),
    ("About one of every nine voters is undecided.", []),
    (
        "Turnout was 61 percent among 19 candidates.",
        [(19, "people", None)],
    ),  # candidates are people
    ("The bridge, built in 1970, collapsed.", []),
    ("The quake struck 30 km from the town.", []),
    ("The shares were sold at 1,850 French francs each.", []),
    ("48 Kuwaiti jet fighters took part.", []),
    ("The army sent 20 armoured vehicles.", []),
    ("The ruling by one of its judges was suspended.", []),
    ("Hospitals lost 20,000 jobs.", []),
    ("Some 1,500 travellers and hundreds of trucks were stranded.", [(1500, "people", "some")]),
    # --- what the predicate, the verb before or the tally says they count (issue 17) ---------
    ("Thousands of detainees walked free from the prison.", [(1000, "released", "thousands of")]),
    ("The war forced some six million Syrians to flee the country.", [(6e6, "refugees", "some")]),
    ("Prosecutors charged 13 people with terrorism.", [(13, "detained", None)]),
    ("Troops freed 27 of the prison guards taken hostage.", [(27, "released", None)]),
    ("He said 130 guards and staff were still being held.", [(130, "hostages", None)]),
    (
        "Tens of thousands of people took part in a rally in Seoul.",
        [(10000, "protesters", "tens of thousands of")],
    ),
    ("Police estimated the crowd at around 10,000.", [(10000, "protesters", "around")]),
    ("About 2,000 soldiers joined the operation.", [(2000, "soldiers", "about")]),
    ("Georgia, a nation of 3.7 million people, voted.", [(3_700_000, "population", None)]),
    ("Up to 15,000 people may have died.", [(15000, "killed", "up to")]),
    (
        "The storm left 5,000 people homeless and killed 11.",
        [(5000, "displaced", None), (11, "killed", None)],
    ),
    ("Around 1,500 migrants drowned.", [(1500, "killed", "around")]),
    ("Nearly 900,000 people have fled to neighbouring countries.", [(9e5, "refugees", "nearly")]),
    ("He lost eight relatives in the flood.", [(8, "killed", None)]),
    ("At least 80 had needed hospital treatment.", [(80, "injured", "at least")]),
    ("The toll could reach between 18,000 and 20,000.", [(18000, "killed", None)]),
    (
        "The death toll from the wave of attacks that began last weekend rose to 16.",
        [(16, "killed", None)],
    ),
    # --- wording seen on stories nobody tuned to (written for these tests) -------------------
    ("About 900 people spent Sunday night in emergency shelters.", [(900, "displaced", "about")]),
    ("Some 4,000 residents remain in 12 evacuation centres.", [(4000, "displaced", "some")]),
    ("Hundreds more were staying with relatives.", [(100, "displaced", "hundreds")]),
    ("Ministry says 60 pupils abducted in Zamora freed", [(60, "released", None)]),
    ("Police arrests 14 after stadium riot", [(14, "detained", None)]),
    ("Flood toll passes 300", [(300, "killed", None)]),
    (
        "Three of its eight crew were rescued.",
        [(3, "evacuated", None), (8, "people", None)],
    ),
    (
        "All 210 passengers aboard the ferry were evacuated.",
        [(210, "evacuated", "all")],
    ),
    (
        "Hundreds of supporters of the opposition Party for Renewal marched on Friday.",
        [(100, "protesters", "hundreds of")],
    ),
    ("A few hundred Vargas supporters gathered outside.", [(100, "protesters", "a few hundred")]),
    (
        "Of the dead, 40 were in Tarso and 12 in Vell.",
        [(40, "killed", None), (12, "killed", None)],
    ),
    (
        "Nine people died in Orla and one each in Brisk and Tamm.",
        [(9, "killed", None), (1, "killed", None)],
    ),
    ("The governor said that one person had been killed.", [(1, "killed", None)]),
    (
        "The group has thousands of fighters in the Sahel, including about 800 in Niger and up "
        "to 600 in Chad.",
        [
            (1000, "fighters", "thousands of"),
            (800, "fighters", "about"),
            (600, "fighters", "up to"),
        ],
    ),
    ("At least 12 candidates were shot dead.", [(12, "killed", "at least")]),
    ("She lost nine members of her family in the strike.", [(9, "killed", None)]),
    ("The council has 15 members.", []),
    (
        "More than 300 patients were admitted to the district hospital.",
        [(300, "injured", "more than")],
    ),
    ("Some 40 bishops attended the funeral.", [(40, "people", "some")]),
    ("Twelve backpackers were found safe.", [(12, "people", None)]),
    ("The 20 containers arrived on Monday.", []),
    ("The blast left around 300,000 people without homes.", [(300000, "displaced", "around")]),
    ("Eleven of the 13 coup plotters were arrested.", [(11, "detained", None)]),
    ("Rescuers recovered the bodies of 14 miners.", [(14, "killed", None)]),
    ("Five soldiers were among those killed.", [(5, "killed", None)]),
    ("The storm forced 30,000 people from their homes.", [(30000, "displaced", None)]),
    ("Three journalists from state television were killed.", [(3, "killed", None)]),
    ("Five members of the same family were killed.", [(5, "killed", None)]),
    ("Ten soldiers from the elite unit died.", [(10, "killed", None)]),
    ("Seventy people working at a quarry were trapped.", [(70, "missing", None)]),
    ("Rescuers pulled 40 people alive from the rubble.", [(40, "evacuated", None)]),
    ("Two police officers were among the injured.", [(2, "injured", None)]),
    (
        "The toll climbed to 300 on Tuesday, up from 240 a day earlier.",
        [(300, "killed", None), (240, "killed", None)],
    ),
    (
        "About 30,000 of Derna's 100,000 residents have been made homeless.",
        [(30000, "displaced", "about"), (100000, "population", None)],
    ),
    (
        "At least 21 people died, including 13 soldiers, and 14 were wounded.",
        [(21, "killed", "at least"), (13, "killed", None), (14, "injured", None)],
    ),
    # --- parts of a whole with no determiner or with a qualifier ------------------------------
    (
        "Only 81 of the estimated 640 passengers survived the sinking.",
        [(81, "people", "only"), (640, "people", "estimated")],
    ),
    ("Three of 15 crew members were killed.", [(3, "killed", None), (15, "people", None)]),
    ("Six of some 30 miners were rescued.", [(6, "evacuated", None), (30, "people", "some")]),
    ("Seven of 10 voters backed the plan.", []),
    # --- what happened to them, in more words ---------------------------------------------------
    (
        "About 70 people were rushed to hospital with breathing problems.",
        [(70, "injured", "about")],
    ),
    ("More than 200 people suffered burns in the blast.", [(200, "injured", "more than")]),
    ("At least 90 people needed medical attention.", [(90, "injured", "at least")]),
    ("Four firefighters were among those hurt.", [(4, "injured", None)]),
    ("Some 2,600 people were ordered to leave their homes.", [(2600, "evacuated", "some")]),
    ("Officials moved 3,100 people to temporary shelters.", [(3100, "displaced", None)]),
    (
        "The agency delivered food to 3,200 people in temporary shelters.",
        [(3200, "displaced", None)],
    ),
    (
        "Some 6,020 people had been shifted to 41 relief camps.",
        [(6020, "displaced", "some")],
    ),
    ("About 60 people were undergoing treatment in hospitals.", [(60, "injured", "about")]),
    ("Hospitals treated 1,300 people for injuries.", [(1300, "injured", None)]),
    ("The 23-member crew were in good health.", [(23, "people", None)]),
    ("A 1,500-strong force arrived on Monday.", [(1500, "soldiers", None)]),
    (
        "Several hundred members of the security forces were deployed.",
        [(100, "soldiers", "several hundred")],
    ),
    (
        "Doctors said dozens of the wounded were in a serious condition.",
        [(24, "injured", "dozens of")],
    ),
    (
        "Tens of thousands of mourners packed the streets.",
        [(10000, "protesters", "tens of thousands of")],
    ),
    ("The bombings martyred 91 people.", [(91, "killed", None)]),
    (
        "The toll stood at 91, revising down an earlier figure of 105.",
        [(91, "killed", None), (105, "killed", None)],
    ),
    (
        "The army evacuated 12,000 people to shelters inside military camps and government "
        "buildings, up from 8,000 a day earlier.",
        [(12000, "evacuated", None), (8000, "evacuated", None)],
    ),
    (
        "Officials said 30,655 people had been shifted to safe locations.",
        [(30655, "evacuated", None)],
    ),
    ("Nearly 1,800 people have taken shelter in the next state.", [(1800, "displaced", "nearly")]),
    ("He served a 10-year sentence for the 12-man raid.", []),
    ("Some 60,000 people were left without shelter.", [(60000, "displaced", "some")]),
    ("Survivors said up to 620 were on board.", [(620, "people", "up to")]),
    ("The number of missing could be as high as 450.", [(450, "missing", None)]),
    ('He said 15,000 "bandits" had attacked the city.', [(15000, "fighters", None)]),
    (  # a breakdown after a dash or a colon counts what the count before it counts
        "In all, 190 bodies have been recovered - 80 men, 70 women and 40 children.",
        [(190, "killed", None), (80, "killed", None), (70, "killed", None), (40, "killed", None)],
    ),
    (
        "At least 35 people died: 20 adults and 15 children.",
        [(35, "killed", "at least"), (20, "killed", None), (15, "killed", None)],
    ),
    (  # people feared dead count with the dead: their tolls stand beside the confirmed ones
        "Hundreds of people are feared to have drowned after the boat sank.",
        [(100, "killed", "hundreds of")],
    ),
    ("At least 40 people are feared dead.", [(40, "killed", "at least")]),
    ("Officials said hundreds feared dead after the sinking.", [(100, "killed", "hundreds")]),
    (
        "Eight men among the survivors, aged between 20 and 40, were arrested.",
        [(8, "detained", None)],
    ),
    (
        "The deaths of 14 police and border guard officers – revised down from an earlier 17 – "
        "were confirmed.",
        [(14, "killed", None), (17, "killed", None)],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_figures(sentence: str, expected: list[tuple[float, str, str | None]]) -> None:
    assert summary(sentence) == expected


def test_figure_text_and_span() -> None:
    sentence = "By then, at least 32 people had reportedly been killed and 200 others injured."
    first, second = find_figures(sentence)
    assert first.text == "at least 32 people had reportedly been killed"
    assert second.text == "200 others injured"
    for figure in (first, second):
        assert sentence[figure.start : figure.end] == figure.text


def test_a_tally_is_in_text() -> None:
    (figure,) = find_figures("The death toll rose to 45 on Sunday.")
    assert figure.text == "death toll rose to 45"
    assert figure.revision


def test_a_change_in_one_sentence_links_the_counts() -> None:
    later, earlier = find_figures("The toll rose to 2,417, up from 1,800 a day earlier.")
    assert later.revises == 1 and earlier.revises is None
    first, second = find_figures(
        "Belgrade reduced the number of troops from about 8,000 to the usual 4,000."
    )
    assert (first.value, second.value) == (8000, 4000)
    assert second.revises == 0


def test_parts_are_marked() -> None:
    whole, part = find_figures("At least 12 people were killed, including four police officers.")
    assert not whole.part and part.part
    (own,) = find_figures("Azerbaijan said it lost 71.")
    assert own.part  # one side's losses: a part of any total


def test_a_count_opening_a_sentence_takes_the_previous_noun() -> None:
    (escaped,) = find_figures("Nearly 3,700 inmates escaped.")
    (left,) = find_figures("Fewer than 100 remained inside.", carried=escaped.noun_unit)
    assert (left.value, left.unit, left.qualifier) == (100, "prisoners", "fewer than")
    assert find_figures("Fewer than 100 remained inside.") == []


def test_verb_before_is_in_text() -> None:
    (figure,) = find_figures("A mine exploded, killing two civilians.")
    assert figure.text == "killing two civilians"


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Between 20 and 30 soldiers were wounded.", 20, 30),
        ("Some 20-30 people were detained.", 20, 30),
        ("Between 2,000 and 3,000 troops were deployed.", 2000, 3000),
        ("From 10 to 15 civilians died.", 10, 15),
    ],
)
def test_ranges(sentence: str, low: float, high: float) -> None:
    (figure,) = find_figures(sentence)
    assert (figure.value, figure.value_high) == (low, high)


def test_vague_has_no_upper_bound() -> None:
    (figure,) = find_figures("Hundreds of thousands fled the city.")
    assert figure.value == 100_000
    assert figure.value_high is None
    assert figure.qualifier == "hundreds of thousands"


def test_empty() -> None:
    assert find_figures("") == []


def _check(text: str) -> list[FigureMatch]:
    found = find_figures(text)
    for figure in found:
        assert 0 <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text
        assert figure.value >= 0
        assert figure.unit
    return found


VOCAB = [
    "at least",
    "some",
    "2,000",
    "30",
    "two",
    "dozens of",
    "hundreds of thousands",
    "people",
    "were",
    "killed",
    "injured",
    "and",
    "others",
    "soldiers",
    "Armenians",
    "U.S.",
    "in",
    "2020",
    "44 days",
    "1 p.m.",
    "September",
    "11",
    "-day",
    "the",
    "death toll rose to",
    "lost",
    ",",
    "killing",
    "between",
    "to",
    "-",
    "million",
    "1.2",
    "percent",
    "of his country’s",
]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join))
def test_word_salad(text: str) -> None:
    _check(text)


# --- an article's figures: source, date, places, revisions (through the whole pipeline) -------

ARTICLE = """Floods in Kelso

Floods swept through the town of Kelso in Marland on Monday.

The Marland Red Cross put the toll at 40 on Tuesday.

The conflict, which erupted in 2017, has killed more than 4,000 people.

At least 55 people have been killed since Monday, the Marland Red Cross said on Thursday.

The toll later rose to 61.

Rescuers have recovered only six bodies so far, including two children.
"""


def _article_figures() -> list[Figure]:
    meta = ArticleMeta(outlet="Kelso Ledger", published=date(2024, 3, 8))
    return extract(build_article(ARTICLE, meta)).figures


def test_a_counting_verb_names_the_source() -> None:
    toll = next(f for f in _article_figures() if f.value == 40)
    assert toll.source_text == "The Marland Red Cross"
    assert toll.source is not None
    assert toll.date is not None and toll.date.edtf == "2024-03-05"


def test_a_date_in_an_inserted_clause_does_not_date_the_figure() -> None:
    war = next(f for f in _article_figures() if f.value == 4000)
    assert war.date is None


def test_a_count_since_a_day_runs_to_publication() -> None:
    since = next(f for f in _article_figures() if f.value == 55)
    assert since.date is not None and since.date.edtf == "2024-03-04/2024-03-08"


def test_a_revision_is_linked_to_the_count_it_updates() -> None:
    figures = _article_figures()
    later = next(f for f in figures if f.value == 61)
    assert later.revises is not None and figures[later.revises].value == 55


def test_parts_places_and_setting() -> None:
    figures = _article_figures()
    children = next(f for f in figures if f.value == 2)
    assert children.part and children.unit == "killed"
    assert all(f.setting and "Kelso" in f.setting for f in figures)


def test_a_revision_in_the_same_sentence_is_linked() -> None:
    text = "Floods\n\nThe Red Cross put the toll at 40 on Tuesday, and the toll later rose to 61.\n"
    figures = extract(build_article(text, ArticleMeta(published=date(2024, 3, 8)))).figures
    assert [(f.value, f.revises) for f in figures] == [(40, None), (61, 0)]


def test_victims_after_a_death_toll_are_the_dead() -> None:
    text = (
        "Quake\n\nAt least 70 people were killed when the quake struck on Monday. "
        "Only 25 of the victims have been identified. Of the victims, 30 were in Tarso and 10 "
        "in Vell.\n"
    )
    figures = extract(build_article(text, ArticleMeta(published=date(2024, 3, 8)))).figures
    assert [(f.value, f.unit) for f in figures] == [
        (70, "killed"),
        (25, "killed"),
        (30, "killed"),
        (10, "killed"),
    ]


def test_victims_after_an_injury_count_stay_casualties() -> None:
    text = (
        "Crash\n\nAt least 40 people were injured in the crash on Monday. "
        "Only 25 of the victims have been identified.\n"
    )
    figures = extract(build_article(text, ArticleMeta(published=date(2024, 3, 8)))).figures
    assert [(f.value, f.unit) for f in figures] == [(40, "injured"), (25, "casualties")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # an active verb with its object says what the counted did
        (
            'The group said "dozens" of its fighters had killed hundreds of soldiers.',
            [(24, "fighters", "dozens"), (100, "killed", "hundreds of")],
        ),
        ("Twenty gunmen abducted 30 pupils.", [(20, "fighters", None), (30, "hostages", None)]),
        ("At least 40 people killed the day before were buried.", [(40, "killed", "at least")]),
        # a count in quotes after its tally
        ('A hospital source put the death toll at "around 100".', [(100, "killed", "around")]),
        # funerals, demonstrations and nights in schools say what happened to the counted
        ("Funerals were held for about 50 student gendarmes.", [(50, "killed", "about")]),
        ("Around 2,100 people took part in a demonstration.", [(2100, "protesters", "around")]),
        ("More than 76,000 people are sleeping in schools.", [(76000, "displaced", "more than")]),
    ],
)
def test_figures_of_new_stories_fresh11(
    sentence: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert summary(sentence) == expected


def test_a_short_apposition_opened_by_an_article_leaves_the_predicate() -> None:
    sentence = "Only two crew members, a man and a woman, were pulled alive from the wreckage."
    assert summary(sentence) == [(2, "evacuated", "only")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two men, aged 67 and 56, and a 56-year-old woman died.", [(2, "killed", None)]),
        ("Two men and a woman died.", [(2, "killed", None)]),
        (
            "Twenty foreigners, from countries including Iran and Norway, were among the dead.",
            [(20, "killed", None)],
        ),
        ("The strike killed seven IRGC members.", [(7, "killed", None)]),
        ("More than 6,000 contacts were followed up.", [(6000, "people", "more than")]),
    ],
)
def test_figures_of_new_stories_fresh12(
    sentence: str, expected: list[tuple[float, str, str | None]]
) -> None:
    assert summary(sentence) == expected

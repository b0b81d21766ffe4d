"""Claims (who said what): sentences written for these tests, read by the real pipeline.

Each case is a sentence, optionally after another sentence in which a speaker was quoted
(for "he said", "the spokesperson said", "it said"), and the claims the sentence must yield:
speaker, stance, and the start of the content (the reported words, not the speaker or cue).
The failure types of issue 17 have tests of their own below the table.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefings import contradictions
from briefings.errors import InputError
from briefings.extract.claims.vocabulary import load_vocabulary, regular_forms
from briefings.ingest import ArticleMeta
from briefings.matter import same_matter
from briefings.models import Citation, Claim, Extraction, Stance
from briefings.queries.facts import ClaimView
from briefings.service import extract_text


def extracted(text: str) -> Extraction:
    return extract_text(text, ArticleMeta())


def claims_in(text: str) -> list[Claim]:
    return extracted(text).claims


def claims_of(sentence: str, previous: str | None = None) -> list[Claim]:
    """The claims cited to `sentence`, read after a sentence quoting `previous`."""
    lead = f"{previous} said on Monday that the talks would go on.\n\n" if previous else ""
    return [c for c in claims_in(lead + sentence) if c.citation.sentence in sentence]


A, D, W, DM, AC = Stance.ASSERTS, Stance.DENIES, Stance.WARNS, Stance.DEMANDS, Stance.ACCUSES
AN, P, S, C, CO = (
    Stance.ANNOUNCES,
    Stance.PLEDGES,
    Stance.SUPPORTS,
    Stance.CRITICISES,
    Stance.CONCERN,
)

# sentence, previous speaker, [(speaker, stance, content)]
CASES: list[tuple[str, str | None, list[tuple[str, Stance, str]]]] = [
    # --- Ukraine / Russia ---------------------------------------------------------------------
    (
        "Russia's Defence Ministry said its forces had repelled attacks near Bakhmut.",
        None,
        [("Russia", A, "its forces had repelled attacks near Bakhmut")],
    ),
    (
        "Ukraine's military denied that the town had fallen.",
        None,
        [("Ukraine", D, "the town had fallen")],
    ),
    (
        "Zelensky warned on Tuesday that Russia was preparing a new offensive.",
        None,
        [("Volodymyr Zelensky", W, "Russia was preparing a new offensive")],
    ),
    (
        '"We will not surrender," Zelensky said.',
        None,
        [("Volodymyr Zelensky", A, "We will not surrender")],
    ),
    (
        "The Kremlin has not confirmed the talks.",
        None,
        [],
    ),
    (
        "NATO Secretary General Jens Stoltenberg pledged continued support for Kyiv.",
        None,
        [("Jens Stoltenberg", P, "continued support for Kyiv")],
    ),
    (
        "The Pentagon said it would send more air defence systems to Ukraine.",
        None,
        [("United States", A, "it would send more air defence systems to Ukraine")],
    ),
    (
        "Blinken told reporters in Tel Aviv that Washington would keep pressing for a deal.",
        None,
        [("Antony Blinken", A, "Washington would keep pressing for a deal")],
    ),
    # --- Israel / Gaza / Middle East --------------------------------------------------------------
    (
        "Hamas accused Israel of violating the truce.",
        None,
        [("Hamas", AC, "Israel of violating the truce")],
    ),
    (
        "The Israeli military said it had killed a senior Hezbollah commander.",
        None,
        [("Israel Defense Forces", A, "it had killed a senior Hezbollah commander")],
    ),
    (
        "Netanyahu vowed to press on with the offensive.",
        None,
        [("Benjamin Netanyahu", P, "to press on with the offensive")],
    ),
    (
        "Guterres called for an immediate humanitarian ceasefire.",
        None,
        [("António Guterres", DM, "an immediate humanitarian ceasefire")],
    ),
    (
        "At least 30 people were killed, according to the Health Ministry in Gaza.",
        None,
        [("Gaza", A, "At least 30 people were killed")],
    ),
    (
        "According to the United Nations, more than 8 million people have fled Sudan.",
        None,
        [("United Nations", A, "more than 8 million people have fled Sudan")],
    ),
    (  # an unnamed person described by nationality is the person, not the state
        '"There were 90 children down there," a Syrian survivor told the newspaper.',
        None,
        [("syrian survivor", A, "There were 90 children down there")],
    ),
    (  # whose account it is: the owner speaks
        "According to survivors' accounts, the vessel was carrying 700 people.",
        None,
        [("survivors", A, "the vessel was carrying 700 people")],
    ),
    (
        "According to the testimony of residents, the water rose within minutes.",
        None,
        [("residents", A, "the water rose within minutes")],
    ),
    (  # "who" after an apposition refers to the name before it
        '"We heard a blast," said Karim Haddad, a 34-year-old teacher, who said he had lost '
        "six relatives.",
        None,
        [("Karim Haddad", A, "We heard a blast"), ("Karim Haddad", A, "he had lost six relatives")],
    ),
    (  # a demonym of a state's own body: "Hellenic" is Greek
        "The Hellenic Coast Guard said no bodies had been recovered.",
        None,
        [("Greece", A, "no bodies had been recovered")],
    ),
    (  # the same after the quote, with a lower-case "the"
        "No bodies had been recovered, the Hellenic Coast Guard said.",
        None,
        [("Greece", A, "No bodies had been recovered")],
    ),
    (  # a plural possessive owns the nominal cue; the sentence's own verb ends the content
        "Survivors' testimonies that a rope was attached to the boat have raised questions.",
        None,
        [("survivors", A, "a rope was attached to the boat")],
    ),
    (
        "The workers' claim that they were unpaid and had been fired was rejected.",
        None,
        [("workers", A, "they were unpaid and had been fired")],
    ),
    (  # "state" before a noun is no verb
        "Floods buried two villages, killing at least 51 people, according to state officials.",
        None,
        [("state officials", A, "Floods buried two villages, killing at least 51 people")],
    ),
    (
        "The prefect posted on social media that water would be restored on Monday.",
        None,
        [("prefect", A, "water would be restored on Monday")],
    ),
    (
        "The president congratulated Sheinbaum on her victory.",
        None,
        [("president", S, "Sheinbaum on her victory")],
    ),
    (  # a capitalised "De" ends a name
        '"We are moving people to safety," railway spokesperson Rabindra De said.',
        None,
        [("Rabindra De", A, "We are moving people to safety")],
    ),
    (  # unnamed sources keep what describes them
        "Tugs resumed work at high tide, according to people familiar with the operation.",
        None,
        [("people familiar with the operation", A, "Tugs resumed work at high tide")],
    ),
    (  # who read a document is not its author
        "The governor authorised curfews, according to a notification seen by Reuters.",
        None,
        [("notification", A, "The governor authorised curfews")],
    ),
    (  # "in that state": a determiner, not a relative clause
        "Officials in that state said 2,000 people had arrived.",
        None,
        [("officials", A, "2,000 people had arrived")],
    ),
    (  # a name given with its acronym speaks by its name
        "The ship's manager, Bernhard Schulte Shipmanagement (BSM), said the crew were safe.",
        None,
        [("Bernhard Schulte Shipmanagement", A, "the crew were safe")],
    ),
    ("He declined to say when navigation might resume.", None, []),
    (  # the source quoted speaks, not the one quoting it
        "State television quoted the governor as saying the dam had held.",
        None,
        [("governor", A, "the dam had held")],
    ),
    (
        "The agency cited officials as saying 40 people had died.",
        None,
        [("officials", A, "40 people had died")],
    ),
    (  # a named person's office is the person; a named person's government is the state
        "Macron's office said he would travel to the region.",
        None,
        [("Emmanuel Macron", A, "he would travel to the region")],
    ),
    (
        "Abiy's government said the talks had failed.",
        None,
        [("Ethiopia", A, "the talks had failed")],
    ),
    (  # a linking verb ends the phrase: what follows "according to X," is no apposition
        "According to officials, 48 people remain missing.",
        None,
        [("officials", A, "48 people remain missing")],
    ),
    (
        "According to residents, the levees overflowed.",
        None,
        [("residents", A, "the levees overflowed")],
    ),
    (
        "Two people died, according to Maria Lopez, a nurse at the hospital.",
        None,
        [("Maria Lopez", A, "Two people died")],
    ),
    (
        '"This is a massacre," Tedros wrote on X.',
        None,
        [("Tedros Adhanom Ghebreyesus", A, "This is a massacre")],
    ),
    (
        "Israel's military said on Telegram that sirens sounded in the north.",
        None,
        [("Israel", A, "sirens sounded in the north")],
    ),
    (
        "Iran's Supreme Leader Ali Khamenei threatened harsh retaliation.",
        None,
        [("Ali Khamenei", W, "harsh retaliation")],
    ),
    (
        "The White House said Biden had spoken to Netanyahu.",
        None,
        [("United States", A, "Biden had spoken to Netanyahu")],
    ),
    # --- Sudan / Ethiopia -----------------------------------------------------------------------
    (
        "The RSF denied responsibility for the killings in El Fasher.",
        None,
        [("Rapid Support Forces", D, "responsibility for the killings in El Fasher")],
    ),
    (
        "Sudan's army accused the RSF of targeting civilians.",
        None,
        [("Sudan", AC, "the RSF of targeting civilians")],
    ),
    (
        "Residents of Khartoum told Reuters that shelling continued overnight.",
        None,
        [("residents", A, "shelling continued overnight")],
    ),
    (
        "Witnesses said drones struck the market.",
        None,
        [("witnesses", A, "drones struck the market")],
    ),
    (
        "Ethiopia's government announced a unilateral ceasefire in Tigray.",
        None,
        [("Ethiopia", AN, "a unilateral ceasefire in Tigray")],
    ),
    (
        "The TPLF welcomed the agreement.",
        None,
        [("Tigray People's Liberation Front", S, "the agreement")],
    ),
    # --- Serbia / Kosovo / Europe ---------------------------------------------------------------
    (
        "Vucic criticized Kurti for sending special police units to the north.",
        None,
        [("Aleksandar Vucic", C, "Kurti for sending special police units to the north")],
    ),
    (
        "Kosovo's Prime Minister Albin Kurti insisted that the police operation was legal.",
        None,
        [("Albin Kurti", A, "the police operation was legal")],
    ),
    (
        "Serbia's President Aleksandar Vucic, speaking on national television, said Belgrade "
        "would not recognise Kosovo.",
        None,
        [("Aleksandar Vucic", A, "Belgrade would not recognise Kosovo")],
    ),
    (
        "The EU expressed concern over the escalating violence.",
        None,
        [("European Union", CO, "the escalating violence")],
    ),
    (
        "Turkey's foreign ministry voiced support for Azerbaijan's territorial integrity.",
        None,
        [("Turkey", S, "for Azerbaijan's territorial integrity")],
    ),
    # --- the seeds -------------------------------------------------------------------------------
    (
        "A U.S. military spokesperson said Wednesday that American troops would complete the "
        "exercise.",
        None,
        [("United States", A, "American troops would complete the exercise")],
    ),
    (
        '"We were aware that they were conducting operations," the spokesperson said.',
        "United States",
        [("United States", A, "We were aware that they were conducting operations")],
    ),
    (
        "Russian peacekeepers accompanied a delegation to Yevlakh, the Azerbaijan State News "
        "Agency reported.",
        None,
        [
            (
                "Azerbaijan State News Agency",
                A,
                "Russian peacekeepers accompanied a delegation to Yevlakh",
            )
        ],
    ),
    (
        "But Armenia's Foreign Ministry rejected claims that its Armed Forces were in "
        "Nagorno-Karabakh.",
        None,
        [("Armenia", D, "its Armed Forces were in Nagorno-Karabakh")],
    ),
    (
        '"Armenia\'s aid to Nagorno-Karabakh is of a humanitarian nature" due to the blockade, '
        "it said in a statement.",
        "Armenia",
        [
            (
                "Armenia",
                A,
                '"Armenia\'s aid to Nagorno-Karabakh is of a humanitarian nature" due to the '
                "blockade",
            )
        ],
    ),
    ("CNN could not independently verify the two sides' claims.", None, []),
    (
        'Kremlin spokesman Dmitry Peskov expressed "concern over the sharp escalation of '
        'tensions."',
        None,
        [("Dmitry Peskov", CO, "the sharp escalation of tensions")],
    ),
    (
        "Armen Grigoryan, the secretary of Armenia’s Security Council, said the truce took "
        "effect Wednesday evening.",
        None,
        [("Armen Grigoryan", A, "the truce took effect Wednesday evening")],
    ),
    (
        "Armenia and Azerbaijan traded blame, with Armenian authorities accusing Baku of "
        "unprovoked aggression and Azerbaijani officials saying their country was responding to "
        "Armenian attacks.",
        None,
        [
            ("Armenia", AC, "Baku of unprovoked aggression"),
            # saying one only responds to the other side's attacks blames it: accuses
            ("Azerbaijan", AC, "their country was responding to Armenian attacks"),
        ],
    ),
    (
        "Armenian Prime Minister Nikol Pashinyan said Wednesday that 105 soldiers had been "
        "killed, while Azerbaijan’s Defense Ministry said Thursday it lost 71.",
        None,
        [
            ("Nikol Pashinyan", A, "105 soldiers had been killed"),
            ("Azerbaijan", A, "it lost 71"),
        ],
    ),
    (
        "Margarita Simonyan, editor-in-chief of state-run Russia Today, said the news was tragic.",
        None,
        [("Margarita Simonyan", A, "the news was tragic")],
    ),
    (
        "Analysts said the effectiveness of Russia's peacekeeping presence has waned.",
        None,
        [("analysts", A, "the effectiveness of Russia's peacekeeping presence has waned")],
    ),
    (
        "Given Russia's inability to meet its commitments, analysts told CNN that Armenia had no "
        "choice.",
        None,
        [("analysts", A, "Armenia had no choice")],
    ),
    (
        "Prime Minister Nikol Pashinyan acknowledged in April this year that his government is "
        "ready to give up its claims.",
        None,
        [("Nikol Pashinyan", A, "his government is ready to give up its claims")],
    ),
    (
        '"We have not received any information from our Russian partners," he said, according to '
        "statements quoted by Armenpress.",
        "Nikol Pashinyan",
        [("Nikol Pashinyan", A, "We have not received any information from our Russian partners")],
    ),
    (
        "Thousands of angry protesters descended on the government’s headquarters, accusing "
        "Pashinyan of treason and demanding he step down.",
        None,
        [
            ("angry protesters", AC, "Pashinyan of treason"),
            ("angry protesters", DM, "he step down"),
        ],
    ),
    (
        "Earlier, President Joe Biden pledged continued security cooperation with Armenia.",
        None,
        [("Joe Biden", P, "continued security cooperation with Armenia")],
    ),
    (
        "In response, the Armenian Ministry of Defense rejected the assertion that Armenian "
        "troops remained deployed.",
        None,
        [("Armenia", D, "Armenian troops remained deployed")],
    ),
    (
        "Officials described the operation as a measure to curb what they claimed were "
        "provocations.",
        None,
        [
            (
                "officials",
                A,
                "the operation as a measure to curb what they claimed were provocations",
            )
        ],
    ),
    (  # bare "Officials" right after a state's statement stay unnamed officials (three
        # annotators of four write them so)
        "Officials described the operation as a measure to curb what they claimed were "
        "provocations.",
        "Azerbaijan",
        [
            (
                "officials",
                A,
                "the operation as a measure to curb what they claimed were provocations",
            )
        ],
    ),
    (
        "Azerbaijan claimed to fully control the region after separatist Armenian fighters said "
        "they would disarm.",
        None,
        [
            (
                "Azerbaijan",
                A,
                "to fully control the region after separatist Armenian fighters said they would "
                "disarm",
            ),  # the fighters' words are inside Azerbaijan's claim: one attribution
        ],
    ),
    # --- outlet styles and harder frames ---
    (
        "Israeli airstrikes killed 25 Palestinians on Tuesday, local health authorities said, as "
        "mediators pushed for a new ceasefire.",
        None,
        [
            ("local health authorities", A, "Israeli airstrikes killed 25 Palestinians on Tuesday"),
            ("mediators", DM, "a new ceasefire"),
        ],
    ),
    (
        '"We will not allow anyone to destabilize Kosovo," Kurti told a news conference in '
        "Pristina.",
        None,
        [("Albin Kurti", A, "We will not allow anyone to destabilize Kosovo")],
    ),
    (
        '"Russia continues its terror," President Volodymyr Zelenskyy wrote on Telegram, urging '
        "allies to speed up deliveries.",
        None,
        [
            ("Volodymyr Zelensky", A, "Russia continues its terror"),
            ("Volodymyr Zelensky", DM, "to speed up deliveries"),  # the listener left out
        ],
    ),
    (
        "Speaking to the BBC, a senior Ukrainian official who asked not to be named said the "
        "front line was holding.",
        None,
        [("Ukraine", A, "the front line was holding")],
    ),
    (
        'A source familiar with the negotiations said a deal was "very close".',
        None,
        [("source familiar with the negotiations", A, 'a deal was "very close"')],
    ),
    (
        'Russia\'s foreign minister, Sergei Lavrov, said the West was "playing with fire".',
        None,
        [("Sergei Lavrov", A, 'the West was "playing with fire"')],
    ),
    (
        "Abiy's government has repeatedly denied blocking aid to Tigray.",
        None,
        [("Ethiopia", D, "blocking aid to Tigray")],
    ),
    (
        "Russia, China and Iran condemned the strikes.",
        None,
        [("Russia", C, "the strikes"), ("China", C, "the strikes"), ("Iran", C, "the strikes")],
    ),
    (
        "Both Armenia and Azerbaijan said they were committed to the peace process.",
        None,
        [
            ("Armenia", A, "they were committed to the peace process"),
            ("Azerbaijan", A, "they were committed to the peace process"),
        ],
    ),
    (
        "Qatar and Egypt, which have mediated between the two sides, expressed hope that a deal "
        "could be reached.",
        None,
        [("Qatar", A, "a deal could be reached"), ("Egypt", A, "a deal could be reached")],
    ),
    (
        "Some 1,200 observers from the OSCE monitored the vote, the organization said.",
        None,
        [("OSCE", A, "Some 1,200 observers from the OSCE monitored the vote")],
    ),
    (
        "Georgia's ruling party won 54% of the vote, according to the Central Election Commission.",
        None,
        # a national body the registry does not know speaks for its state (GUIDELINES.md)
        [("Georgia", A, "Georgia's ruling party won 54% of the vote")],
    ),
    (
        "At least 2,000 people have been killed in Darfur since April, medical charity MSF said.",
        None,
        [
            (
                "Doctors Without Borders",
                A,
                "At least 2,000 people have been killed in Darfur since April",
            )
        ],
    ),
    ("The General Assembly voted 141 to 5 to condemn the invasion.", None, []),
    (
        "(CNN) -- Ethnic Armenian fighters from the disputed Nagorno-Karabakh region agreed to "
        "lay down their arms.",
        None,
        [],
    ),
    (
        "The CSTO is an alliance of post-Soviet states that includes Armenia but not Azerbaijan.",
        None,
        [],
    ),
    (
        "It is home to 120,000 ethnic Armenians, who form the majority and reject Azerbaijani "
        "rule.",
        None,
        [],
    ),
    ("The Kremlin is expected to announce the results on Monday.", None, []),
    (
        "KYIV, Ukraine (AP) — Russian drones struck the city overnight, Ukrainian officials said.",
        None,
        [("Ukraine", A, "Russian drones struck the city overnight")],
    ),
    # --- pronouns, anaphora, negatives ------------------------------------------------------------
    (
        '"We are ready to talk," he said.',
        "Benjamin Netanyahu",
        [("Benjamin Netanyahu", A, "We are ready to talk")],
    ),
    ('"We are ready to talk," he said.', None, []),
    (
        "It said in a statement that the convoy had been attacked.",
        "International Committee of the Red Cross",
        [("International Committee of the Red Cross", A, "the convoy had been attacked")],
    ),
    ("The ministry said 12 people were killed.", "Gaza", [("Gaza", A, "12 people were killed")]),
    (
        "Pashinyan said Armenia would not join the conflict and added that talks would continue.",
        None,
        [
            ("Nikol Pashinyan", A, "Armenia would not join the conflict"),
            ("Nikol Pashinyan", A, "talks would continue"),
        ],
    ),
    ("It was announced that the summit would be postponed.", None, []),
    ("Putin and Erdogan discussed the war.", None, []),
    ("Kremlin spokesman Dmitry Peskov declined to comment.", None, []),
    ("Reuters could not independently verify the report.", None, []),
    ("The Kremlin did not say when the talks would resume.", None, []),
    (
        "The Associated Press reported that the bridge had been destroyed.",
        None,
        [("Associated Press", A, "the bridge had been destroyed")],
    ),
    (
        '"The attack was unprovoked," said Jane Doe, a spokeswoman for the Red Crescent.',
        None,
        [("Jane Doe", A, "The attack was unprovoked")],
    ),
    (
        "A spokesperson for the Azerbaijani Foreign Ministry rejected the accusations as baseless.",
        None,
        [("Azerbaijan", D, "the accusations as baseless")],
    ),
    (
        "Officials in Baku said the operation was over.",
        None,
        [("Azerbaijan", A, "the operation was over")],
    ),
    (
        "The U.N. refugee agency said more than 100,000 people had fled Nagorno-Karabakh.",
        None,
        [("UNHCR", A, "more than 100,000 people had fled Nagorno-Karabakh")],
    ),
    (
        "Hamas said in a statement on Telegram that the hostages were alive.",
        None,
        [("Hamas", A, "the hostages were alive")],
    ),
    # --- speaker phrases: titles, appositions, relative clauses -------------------------------
    (  # the person heads a title chain with "of": not the state before it
        "British Secretary of State for Defence John Healey said the jets would stay.",
        None,
        [("John Healey", A, "the jets would stay")],
    ),
    (
        "The truce, which Israel says Hamas violated, is fragile.",
        None,
        [("Israel", A, "Hamas violated, is fragile")],
    ),
    (  # an object relative on a statement noun: the claim is the speaker's
        "Kyiv said Moscow had moved troops north, a claim the Kremlin dismissed.",
        None,
        [
            ("Russia", D, "Kyiv said Moscow had moved troops north"),
            ("Ukraine", A, "Moscow had moved troops north, a claim the Kremlin dismissed"),
        ],
    ),
    (  # a group's post-modifier is not part of its name
        "Witnesses in Goma told reporters that the shelling continued.",
        None,
        [("witnesses", A, "the shelling continued")],
    ),
    (  # bare "officials" right after a state's statement stay unnamed officials
        "Officials said the strike hit a school.",
        "Ukraine",
        [("officials", A, "the strike hit a school")],
    ),
    (
        "Local officials said the strike hit a school.",
        "Ukraine",
        [("local officials", A, "the strike hit a school")],
    ),
    (
        "Regional figures expressed cautious optimism that the truce would hold.",
        None,
        [("regional figures", A, "the truce would hold")],
    ),
    (  # a relative clause set off by commas before the verb
        "Prime Minister Mark Carney, who visited the area on Sunday, pledged to rebuild.",
        None,
        [("Mark Carney", P, "to rebuild")],
    ),
    (
        "The statement, which was released on Monday, said the talks had failed.",
        None,
        [("statement", A, "the talks had failed")],
    ),
    (  # a parenthetical adverb between the subject and the verb
        "Russia, however, said the talks had failed.",
        None,
        [("Russia", A, "the talks had failed")],
    ),
    (
        "Kyiv, meanwhile, has said it will keep fighting.",
        None,
        [("Ukraine", A, "it will keep fighting")],
    ),
    ("Kyiv, however, has not said whether it agreed.", None, []),
    # --- verbs: coordination with "but", characterisations, acts ------------------------------
    (
        "Zelensky said he understood the anger but condemned the looting.",
        None,
        [
            ("Volodymyr Zelensky", A, "he understood the anger"),
            ("Volodymyr Zelensky", C, "the looting"),
        ],
    ),
    (
        "Rescuers described scenes of devastation and said dozens were trapped.",
        None,
        [
            ("rescuers", A, "scenes of devastation"),
            ("rescuers", A, "dozens were trapped"),
        ],
    ),
    (
        "Beijing characterised the drills as routine.",
        None,
        [("China", A, "the drills as routine")],
    ),
    ("The situation described in the report is dire.", None, []),
    ("The attack was described as a provocation.", None, []),
    ("South Sudan declared independence in 2011.", None, []),
    ("The president declared a state of emergency on Sunday.", None, []),
    (
        "The government declared that elections would be held in May.",
        None,
        [("government", AN, "elections would be held in May")],
    ),
    # --- stance from what is said ---------------------------------------------------------------
    (
        "Moscow said it had no troops in the region.",
        None,
        [("Russia", D, "it had no troops in the region")],
    ),
    (
        "The rebels insisted they had nothing to do with the attack.",
        None,
        [("rebels", D, "they had nothing to do with the attack")],
    ),
    (
        "Hamas said it was not involved in the rocket fire.",
        None,
        [("Hamas", D, "it was not involved in the rocket fire")],
    ),
    (  # "no choice" is not a denial
        "The minister said it had no choice but to raise taxes.",
        None,
        [("minister", A, "it had no choice but to raise taxes")],
    ),
    (
        "Beijing said its government supports a peaceful settlement.",
        None,
        [("China", S, "its government supports a peaceful settlement")],
    ),
    (
        "The mayor of Lviv said Poland has failed to keep its promise.",
        None,
        [("mayor", C, "Poland has failed to keep its promise")],
    ),
    (
        "Zelensky said Germany had failed to deliver the jets on time.",
        None,
        [("Volodymyr Zelensky", C, "Germany had failed to deliver the jets on time")],
    ),
    (
        "He said the talks had failed to produce a deal.",
        "Volodymyr Zelensky",
        [("Volodymyr Zelensky", A, "the talks had failed to produce a deal")],
    ),
    (
        "Kyiv said the power plant was attacked by Russian drones overnight.",
        None,
        [("Ukraine", AC, "the power plant was attacked by Russian drones overnight")],
    ),
    (
        "Officials said the fire was started by a faulty cable.",
        None,
        [("officials", A, "the fire was started by a faulty cable")],
    ),
    (
        "The army said the ceasefire mediated by Qatar was holding.",
        None,
        [("army", A, "the ceasefire mediated by Qatar was holding")],
    ),
    (
        'Tehran said, "We will answer any attack," a thinly veiled threat to Israel.',
        None,
        [("Iran", A, "We will answer any attack")],
    ),
    # --- shapes found short on PolNeAR (sentences written for these tests) -------------------
    (
        "Witnesses say the driver ignored the checkpoint and refused to stop the truck.",
        None,
        [("witnesses", A, "the driver ignored the checkpoint and refused to stop the truck")],
    ),
    (
        "The harvest fell by a third this year, according to farm ministry statistics.",
        None,
        [("farm ministry statistics", A, "The harvest fell by a third this year")],
    ),
    (
        "Those close to the mayor say that, after the floods, she would not run again.",
        None,
        [("those close to the mayor", A, "after the floods, she would not run again")],
    ),
    (
        "The bridge, engineers said, is safe for light traffic.",
        None,
        [("engineers", A, "The bridge … is safe for light traffic")],
    ),
    (
        "The fisherman says of the new quota, “It will finish the village.”",
        None,
        [("fisherman", A, "It will finish the village")],
    ),
    (
        "“We are staying,” Amina Yusuf said to the visiting governor, who nodded.",
        None,
        [("Amina Yusuf", A, "We are staying")],
    ),
    ("The levee is said to be the oldest in the province.", None, []),
    (
        "Tomas Berg, a ferry captain from Visby, who has worked the route for years, said the"
        " crossing was getting rougher.",
        None,
        [("Tomas Berg", A, "the crossing was getting rougher")],
    ),
    (
        "Several said they would leave before winter.",
        None,
        [("several", A, "they would leave before winter")],
    ),
    (
        "Rescuers reached the valley on Monday, according to a count by the Red Cross, but the"
        " road stayed closed.",
        None,
        [("International Committee of the Red Cross", A, "Rescuers reached the valley on Monday")],
    ),
    (
        "“The dam will hold,” Ortega told Radio Nacional in an interview aired on Sunday when"
        " asked about the rains.",
        None,
        [("Ortega", A, "The dam will hold")],
    ),
    (
        "Ortega told the assembly in Managua the dam would hold.",
        None,
        [("Ortega", A, "the dam would hold")],
    ),
    (
        "“The dam will hold,” Ortega told reporters, pointing at the spillway.",
        None,
        [("Ortega", A, "The dam will hold")],
    ),
    (
        "“Prices keep rising,” Lena Ortiz said, referring to the bakery, “and wages do not.”",
        None,
        [("Lena Ortiz", A, "Prices keep rising … and wages do not")],
    ),
    (
        "Keel, a port official, citing ''the worst storm in decades,'' said the harbour would"
        " stay shut.",
        None,
        [("Keel", A, "the harbour would stay shut")],
    ),
    (
        "Ingrid Sol, 61, a retired teacher, appearing on local radio after the vote, said the"
        " count was fair.",
        None,
        [("Ingrid Sol", A, "the count was fair")],
    ),
]


def _same_content(expected: str, found: str) -> bool:
    """The found content starts like the expected one (quote marks and case aside)."""
    want = expected.strip('"“” ').casefold()
    have = found.strip('"“” ').casefold()
    return have.startswith(want[:25]) or want in have


@pytest.mark.parametrize(("sentence", "previous", "expected"), CASES)
def test_claims(
    sentence: str, previous: str | None, expected: list[tuple[str, Stance, str]]
) -> None:
    found = claims_of(sentence, previous)
    assert sorted((c.speaker.casefold(), c.stance) for c in found) == sorted(
        (speaker.casefold(), stance) for speaker, stance, _ in expected
    ), [(c.speaker, c.stance.value, c.text) for c in found]
    for speaker, _, content in expected:
        assert any(
            c.speaker.casefold() == speaker.casefold() and _same_content(content, c.text)
            for c in found
        ), (speaker, content, [c.text for c in found])


# --- the failure types of issue 17 --------------------------------------------------------


def test_rank_and_apposition_do_not_make_a_verb_phrase_the_speaker() -> None:
    (claim,) = claims_in(
        "Brig. Gen. Ana Ruiz, surrounded by officers, read a declaration on state radio saying "
        "the army had taken power."
    )
    assert claim.speaker == "Ana Ruiz"
    assert claim.text == "the army had taken power"


def test_participle_opening_leaves_the_pronoun_as_subject() -> None:
    found = claims_in(
        "Col. Maria Vega commands the garrison. Speaking to reporters, she said the border "
        "would stay closed."
    )
    assert [(c.speaker, c.text) for c in found] == [("Maria Vega", "the border would stay closed")]


def test_listener_is_not_content_and_the_role_is_kept() -> None:
    (claim,) = claims_in(
        "Interior Minister Ivan Petrov told Radio Liberty that the border was closed."
    )
    assert claim.speaker == "Ivan Petrov"
    assert claim.speaker_role == "Interior Minister"
    assert claim.text == "the border was closed"
    assert claim.line == "Ivan Petrov told Radio Liberty that the border was closed"


@pytest.mark.parametrize(
    "sentence",
    [
        "Ines Moreau wrote on social media that the vote had been stolen.",
        "Ines Moreau said in a statement that the vote had been stolen.",
        "Ines Moreau said in an interview with a radio station that the vote had been stolen.",
    ],
)
def test_where_it_was_said_is_not_content(sentence: str) -> None:
    (claim,) = claims_in(sentence)
    assert (claim.speaker, claim.text) == ("Ines Moreau", "the vote had been stolen")


def test_according_to_a_document_goes_to_its_signatory() -> None:
    (claim,) = claims_in(
        "According to a letter signed by the army chief, Gen. Omar Diallo, the troops will "
        "withdraw by Friday."
    )
    assert claim.speaker == "Omar Diallo"
    assert claim.text == "the troops will withdraw by Friday"
    assert claim.line.startswith("According to Omar Diallo, the troops will withdraw")


def test_pronoun_goes_to_the_nearest_person_who_fits_not_the_last_body() -> None:
    found = claims_in(
        "Defence Minister Leila Haddad said the army was ready. The army command refused to "
        'comment. The minister refused to resign. "We will not be intimidated," she wrote.'
    )
    last = found[-1]
    assert (last.speaker, last.text) == ("Leila Haddad", "We will not be intimidated")


def test_pronoun_number_and_gender() -> None:
    found = claims_in(
        "Tomas Berg met Ana Silva on Monday. She said the deal was close. He said it was not."
    )
    assert [(c.speaker, c.text) for c in found] == [
        ("Ana Silva", "the deal was close"),
        ("Tomas Berg", "it was not"),
    ]


def test_quote_final_attribution_keeps_the_quote_not_the_trailing_phrase() -> None:
    (claim,) = claims_in('"We hold the bridge," the commander said in a video message.')
    assert claim.text == "We hold the bridge"
    assert claim.speaker == "commander"


@pytest.mark.parametrize("lead", ["said", "joked with reporters after a town hall in Ohio"])
def test_a_prepositional_phrase_after_the_cue_is_not_the_content(lead: str) -> None:
    (claim,) = claims_in(f'"The bridge will open in May," Mayor Ada Okafor {lead}.')
    assert claim.text == "The bridge will open in May"


def test_a_paragraph_that_is_all_quotation_goes_on_with_the_last_speaker() -> None:
    text = (
        '"We hold the bridge," Mayor Ada Okafor told reporters.\n\n'
        '"Nobody will be left behind. The school reopens on Monday."\n\n'
        '"It is over," General Paulo Neves said.\n\n'
        'Rain fell all night.\n\n"Roads are closed," police said.'
    )
    claims = claims_in(text)
    assert [c.speaker for c in claims] == ["Ada Okafor", "Paulo Neves", "police"]
    assert claims[0].text.endswith("The school reopens on Monday")
    assert claims[1].text == "It is over"  # its own attribution: a new claim
    assert claims[2].text == "Roads are closed"


def test_poll_shares_speak_and_a_second_share_starts_its_own_claim() -> None:
    claims = claims_in(
        "Even so, three-quarters of the voters said they were worried about the economy, "
        "and more than 4 in 10 said the governor would handle it best."
    )
    assert [(c.speaker, c.text) for c in claims] == [
        ("voters", "they were worried about the economy"),
        ("4 in 10", "the governor would handle it best"),
    ]


def test_a_bare_saying_verb_under_the_clauses_modal_stays_in_the_clause() -> None:
    claims = claims_in("Ruiz said she would meet the governor and tell him the plan was dead.")
    assert [(c.speaker, c.text) for c in claims] == [
        ("Ruiz", "she would meet the governor and tell him the plan was dead")
    ]
    claims = claims_in("The minister said the army would leave and added that talks would go on.")
    assert [c.text for c in claims] == ["the army would leave", "talks would go on"]


@pytest.mark.parametrize(
    "text, content",
    [
        (
            '"We are going to win," Sanders said to cheers at a rally outside the stadium.',
            "We are going to win",
        ),
        (
            '"Of course we will publish the records," Sanders said during an interview on '
            'CNN\'s "State of the Union" on Sunday.',
            "Of course we will publish the records",
        ),
        (
            "The excesses are sickening, Hollande said Tuesday in Paris, noting the polls.",
            "The excesses are sickening",
        ),
        ("Obama condemned Friday's test as a grave threat.", "Friday's test as a grave threat"),
    ],
)
def test_where_and_when_after_the_cue_are_not_what_was_said(text: str, content: str) -> None:
    assert [c.text for c in claims_in(text)][:1] == [content]


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("On Monday Noboa declared an armed conflict in the country.", "Noboa"),
        (
            "Inspector-General of Police Japhet Koome said officers acted in self-defence.",
            "Japhet Koome",
        ),
    ],
)
def test_a_day_or_a_role_before_the_name_is_no_part_of_the_speaker(
    sentence: str, speaker: str
) -> None:
    assert [c.speaker for c in claims_in(sentence)] == [speaker]


def test_a_korean_family_name_alone_is_the_person_named_before() -> None:
    text = (
        "Party leader Han Dong-hoon met lawmakers on Thursday. "
        "Han said he had not changed his view."
    )
    assert [c.speaker for c in claims_in(text)] == ["Han Dong-hoon"]


def test_quote_over_several_sentences_is_one_claim() -> None:
    text = (
        'Mayor Ada Okafor spoke at noon. "The water is falling. We will reopen the school '
        'on Monday," Okafor said. "Nobody will be left behind."'
    )
    article = extracted(text).article
    (claim,) = claims_in(text)
    assert claim.speaker == "Ada Okafor"
    assert claim.text.startswith("The water is falling. We will reopen the school on Monday")
    assert claim.text.endswith("Nobody will be left behind")
    assert article.text[claim.citation.start : claim.citation.end].startswith("The water")


def test_a_transcript_turn_is_the_speakers_paragraph() -> None:
    text = (
        "HOST: So you will run again, as your party wants.\n\n"
        "GARCIA: Yes. I will announce it in May. Nobody doubts it."
    )
    found = claims_in(text)
    assert [(c.speaker, c.text) for c in found] == [
        ("HOST", "So you will run again, as your party wants"),
        ("GARCIA", "Yes … I will announce it in May … Nobody doubts it"),
    ]


def test_official_speaks_for_the_state_named_with_the_role() -> None:
    (claim,) = claims_in("Kremlin spokesman Dmitry Peskov said Moscow was watching closely.")
    assert claim.speaker == "Dmitry Peskov"
    assert claim.speaker_role == "Kremlin spokesman"
    assert claim.speaks_for == "Russia"


def test_unnamed_ministry_speaks_as_the_state_in_the_news() -> None:
    found = claims_in(
        "Protests spread across Peru on Monday. The Culture Ministry said the trail would close."
    )
    (claim,) = found
    assert (claim.speaker, claim.speaker_role) == ("Peru", "Culture Ministry")


def test_beliefs_intentions_and_sources_are_attributions() -> None:
    found = claims_in(
        "The senator believes the bill will fail. Voters want lower prices. A Gallup poll "
        "found that most voters distrust Congress. According to the health ministry, 40 "
        "people were killed."
    )
    assert [c.text for c in found] == [
        "the bill will fail",
        "lower prices",
        "most voters distrust Congress",
        "40 people were killed",
    ]


def test_nominal_cue_with_its_owner() -> None:
    (claim,) = claims_in("Mr. Lund's claim that the mine was safe drew ridicule.")
    assert claim.speaker == "Lund"
    assert claim.cue == "claim"
    assert claim.text.startswith("the mine was safe")


def test_not_a_claim() -> None:
    for sentence in [
        "The minister did not say when the talks would resume.",
        "The ministry is expected to announce the results on Monday.",
        "Kremlin spokesman Dmitry Peskov declined to comment.",
        "South Sudan declared independence in 2011.",
        "The rebels, backed by a neighbouring army, took the town.",
        "A senior official who asked not to be named said the talks had stalled.",
    ]:
        assert [c.text for c in claims_in(sentence)] in ([], ["the talks had stalled"]), sentence


def test_offsets_point_at_the_content_and_the_cue() -> None:
    text = "Officials in Oslo said on Tuesday that the port would reopen."
    article = extracted(text).article
    (claim,) = claims_in(text)
    assert article.text[claim.citation.start : claim.citation.end] == claim.text
    assert claim.cue_start is not None and claim.cue_end is not None
    assert article.text[claim.cue_start : claim.cue_end] == "said"


def test_lines_read_as_english() -> None:
    found = claims_in(
        "Analysts say the deal is fragile. Pashinyan criticized Russia for failing to alert his "
        'government. "It was a hard day," said Jane Doe, a spokeswoman for the Red Crescent.'
    )
    assert [c.line for c in found] == [
        "Analysts say the deal is fragile",
        "Nikol Pashinyan criticized Russia for failing to alert his government",
        "Jane Doe said: “It was a hard day”",
    ]


def test_list_of_states_is_one_claim_each() -> None:
    found = claims_in("Russia, China and Iran condemned the strikes.")
    assert sorted(c.speaker for c in found) == ["China", "Iran", "Russia"]
    assert {c.text for c in found} == {"the strikes"}


# --- vocabulary ---------------------------------------------------------------------------


def test_regular_forms_inflect_the_first_word() -> None:
    assert regular_forms("criticize") == ["criticize", "criticizes", "criticized", "criticizing"]
    assert regular_forms("point out") == ["point out", "points out", "pointed out", "pointing out"]
    assert regular_forms("deny") == ["deny", "denies", "denied", "denying"]


def test_vocabulary_errors_name_the_entry(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    bad = tmp_path / "attribution.yaml"
    bad.write_text("verbs:\n  say: {stance: shouts}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="verb 'say'"):
        load_vocabulary(bad)


# --- robustness ---------------------------------------------------------------------------

VOCAB = [
    "said",
    "Armenia",
    "the",
    "spokesperson",
    "he",
    "claims",
    "that",
    ",",
    '"',
    "“",
    "”",
    "according to",
    "analysts",
    "reported",
    "CNN",
    "denied",
    "not",
    "was",
    "accused",
    "of",
    "expressed concern",
    "over",
    "Pashinyan",
    "and",
    "told",
    "reporters",
    "Kremlin",
    ".",
    ":",
    "in",
    "a",
    "poll",
    "(",
    ")",
    "'s",
    "she",
    "who",
    "\n\n",
]


def _check(text: str) -> None:
    try:
        extraction = extracted(text)
    except InputError:
        return  # an empty or wordless article is refused before extraction

    for claim in extraction.claims:
        assert claim.text
        # a headline's claims are placed in the headline, the others in the article text
        cited = extraction.article.title if claim.citation.headline else extraction.article.text
        assert 0 <= claim.citation.start <= claim.citation.end <= len(cited or "")
        if claim.cue_start is not None and claim.cue_end is not None:
            assert 0 <= claim.cue_start < claim.cue_end <= len(cited or "")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(VOCAB), max_size=40).map(" ".join))
def test_word_salad(text: str) -> None:
    _check(text)


def test_a_quote_signed_with_a_dash_is_its_signers_over_every_sentence() -> None:
    text = (
        "Residents of the coast told us what the storm meant to them.\n\n"
        "“The water came in the night. We lost the boat and the nets.” ― Marisol Peña\n\n"
        "“Nobody came for three days.” — Kofi Mensah\n"
    )
    found = {c.speaker: c.text for c in claims_in(text)}
    assert found["Marisol Peña"].startswith("The water came in the night")
    assert found["Marisol Peña"].endswith("We lost the boat and the nets")
    assert found["Kofi Mensah"] == "Nobody came for three days"


def test_a_transcript_turn_inside_an_open_quotation_is_the_labelled_speakers() -> None:
    text = (
        "Part of the exchange follows.\n\n"
        '"HOST: Will the mine reopen this year? Many families are waiting.\n\n'
        '"OKAFOR: It will reopen in March. The inspections are done.\n'
    )
    found = {c.speaker.casefold(): c.text for c in claims_in(text)}
    assert found["host"].startswith("Will the mine reopen this year")
    assert "Many families are waiting" in found["host"]
    assert found["okafor"].startswith("It will reopen in March")


def test_doubled_apostrophes_are_one_quotation_mark() -> None:
    text = "''We are told all the time, 'the river is safe,''' Mr. Lund said. ''It is not.''\n"
    [claim] = [c for c in claims_in(text) if c.speaker.endswith("Lund")]
    assert claim.text.startswith("We are told all the time, 'the river is safe")
    assert claim.text.endswith("It is not")


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        ("Protests spread in Kenya. Police said 20 people had been arrested.", "Kenya", "police"),
        ("Protests spread in Peru. According to the army, the roads were cleared.", "Peru", "army"),
        (
            "Protests spread in Kenya. The National Police Service denied that officers fired.",
            "Kenya",
            "National Police Service",
        ),
        (
            "Gangs attacked a prison in Ecuador. The government's prison agency said in February "
            "that gangs controlled a quarter of the prisons.",
            "Ecuador",
            "government's prison agency",
        ),
    ],
)
def test_a_states_forces_speak_for_the_state_in_the_news(
    text: str, speaker: str, role: str
) -> None:
    (claim,) = claims_in(text)
    assert (claim.speaker, claim.speaker_role) == (speaker, role)


def test_a_force_with_a_name_of_its_own_or_a_local_police_is_not_the_state() -> None:
    (claim,) = claims_in("Fighting spread in Myanmar. The Arakan Army said it had seized the town.")
    assert claim.speaker == "Arakan Army"
    (claim,) = claims_in("A gunman opened fire in the United States. Police said two were hurt.")
    assert claim.speaker != "United States"


def test_an_owned_body_with_no_registry_name_is_not_a_person() -> None:
    (claim,) = claims_in(
        "Protests spread in Kenya. Kenya's National Police Service denied holding the activists."
    )
    assert claim.speaker == "Kenya"


def test_he_goes_on_with_the_speaker_just_quoted_whose_gender_no_word_marks() -> None:
    found = claims_in(
        "President William Ruto signed the bill.\n\n"
        '"The police opened fire on unarmed people," said Irungu Houghton, who heads a rights '
        "group. He said his organisation had recorded at least five deaths."
    )
    assert [c.speaker for c in found][-1] == "Irungu Houghton"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The Korean Confederation of Trade Unions called for a strike. The umbrella union "
            'accused Yoon of "a coup against the people".',
            "Korean Confederation of Trade Unions",
        ),
        (
            "Inspector-General of Police Japhet Koome said officers had acted in self-defence. "
            '"A mob attacked the building," the police chief said.',
            "Japhet Koome",
        ),
        (
            "President William Ruto spoke on Wednesday. Later the President said he would not "
            "sign the bill.",
            "William Ruto",
        ),
        (
            "Opposition candidate Venancio Mondlane rejected the results. The opposition "
            "candidate says the vote was rigged.",
            "Venancio Mondlane",
        ),
    ],
)
def test_the_role_or_body_refers_back_to_the_one_named_with_it(text: str, speaker: str) -> None:
    assert claims_in(text)[-1].speaker == speaker


def test_an_office_before_its_state_is_named_is_its_leaders_state() -> None:
    (claim,) = claims_in(
        "Yoon Suk Yeol accepted the resignation of the defence minister on Thursday, the "
        "presidential office said."
    )
    assert claim.speaker == "South Korea"


def test_a_line_names_the_states_body_that_spoke() -> None:
    (claim,) = claims_in("Protests spread in Kenya. Police said 20 people had been arrested.")
    assert claim.line == "Kenya's police said 20 people had been arrested"


def test_a_relative_clause_reports_its_own_speakers_words() -> None:
    found = claims_in(
        "Protests spread in Kenya. The police denied claims that officers fired at protesters "
        "in Githurai, where residents said as many as six people were shot dead overnight.\n\n"
        "The war, which diplomats warned may draw in neighbours, has killed hundreds."
    )
    by = {c.speaker: c.text for c in found}
    assert by["Kenya"] == "claims that officers fired at protesters in Githurai"
    assert by["residents"] == "as many as six people were shot dead overnight"
    assert by["diplomats"] == "may draw in neighbours"


def test_a_relative_clause_of_the_same_speaker_stays_in_the_claim() -> None:
    (claim,) = claims_in(
        "Trump blasted the delegate system, which he said runs the risk of leaving voters out."
    )
    assert claim.text.endswith("leaving voters out")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Floods hit Libya. Libya's attorney general, al-Siddiq al-Sour, said prosecutors "
            "would open an investigation.",
            "al-Siddiq al-Sour",
        ),
        (
            "The mayor of the city of Derna, Abdulmenam al-Ghaithi, has said the toll could "
            "reach 20,000.",
            "Abdulmenam al-Ghaithi",
        ),
        (
            "A hydrologist at a university in nearby Bayda warned that the dams needed repairs.",
            "hydrologist",
        ),
        ("Authorities in the east said they would host a conference.", "authorities"),
        ("Opposition parties, which say the vote was rigged, boycotted it.", "opposition parties"),
    ],
)
def test_speakers_named_with_an_article_or_a_persons_noun(text: str, speaker: str) -> None:
    (claim,) = claims_in(text)
    assert claim.speaker == speaker


def test_a_subject_relative_reports_up_to_its_closing_comma() -> None:
    (claim,) = claims_in("The ruling party, which says the vote was fair, won a majority.")
    assert (claim.speaker, claim.text) == ("ruling party", "the vote was fair")


def test_a_person_whose_role_names_a_body_is_still_a_person() -> None:
    found = claims_in(
        "Othman Abduljaleel, the health minister, said 2,000 bodies had been collected.\n\n"
        "Tamer Ramadan, head of the Red Cross delegation in Libya, told reporters that the "
        'number of missing was high. He warned that the toll would be "huge".'
    )
    assert [c.speaker for c in found][-1] == "Tamer Ramadan"


def test_a_quote_before_told_with_only_places_after_is_what_was_said() -> None:
    (claim,) = claims_in(
        '"We were told to stay inside," Mohammed Jaber, a shopkeeper, told Al Jazeera by phone '
        "from a relative's house in the hills above the city."
    )
    assert claim.text == "We were told to stay inside"
    (claim,) = claims_in("Carson told a hall in Baltimore that he's not giving up.")
    assert claim.text == "he's not giving up"


def test_a_name_with_a_lower_case_article_is_an_actor() -> None:
    found = extracted("Libya's attorney general, al-Siddiq al-Sour, said prosecutors would act.")
    assert "al-Siddiq al-Sour" in [a.name for a in found.actors]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Nika Gvaramia, one of the leaders of the pro-Western Coalition for Change, was "
            "detained. His party said he had been beaten.",
            "Coalition for Change",
        ),
        ("Sen. Bernie Sanders spoke in Iowa. His campaign said it would sue.", "Bernie Sanders"),
        (
            "Local observers from the Centre for Public Integrity (CIP), a watchdog, said they "
            "had recorded ten deaths.",
            "Centre for Public Integrity",
        ),
    ],
)
def test_a_possessed_or_described_body_speaks(text: str, speaker: str) -> None:
    assert claims_in(text)[-1].speaker == speaker


def test_a_list_of_states_before_a_participle_speaks_as_each() -> None:
    found = claims_in(
        "Estonia, Latvia and Lithuania imposed sanctions on 11 officials, accusing them of "
        "responsibility for the violence."
    )
    assert sorted(c.speaker for c in found) == ["Estonia", "Latvia", "Lithuania"]


def test_he_goes_on_with_a_speaker_whose_name_opens_with_an_article() -> None:
    found = claims_in(
        "Aguila Saleh, the speaker of parliament, visited the city.\n\n"
        "Libya's attorney general, al-Siddiq al-Sour, said prosecutors would open an inquiry. "
        '"Anyone found responsible will be held accountable," he told a news conference.'
    )
    assert [c.speaker for c in found][-1] == "al-Siddiq al-Sour"


def test_a_semicolon_ends_a_reported_clause() -> None:
    found = claims_in(
        "President Sisi said the country was in grief on Tuesday; at least 74 "
        "Egyptian workers were among the dead, according to Egyptian officials."
    )
    assert [(c.speaker, c.text) for c in found] == [
        ("Abdel Fattah el-Sisi", "the country was in grief on Tuesday"),
        ("Egypt", "at least 74 Egyptian workers were among the dead"),
    ]


def test_declaring_days_of_mourning_is_an_act() -> None:
    found = claims_in("President Sisi declared three days of national mourning on Tuesday.")
    assert found == []


def test_lists_with_an_article_and_adverbs_inside_a_subject() -> None:
    found = claims_in("Germany, Austria and the UK said they had paused asylum decisions.")
    assert sorted(c.speaker for c in found) == ["Austria", "Germany", "United Kingdom"]
    (claim,) = claims_in(
        "Austria spoke first.\n\nYemen's internationally recognised government said in a "
        "statement that the ship sank."
    )[-1:]
    assert claim.speaker == "Yemen"


def test_they_prefers_the_group_named_in_the_plural_to_a_state_in_passing() -> None:
    found = claims_in(
        "The Houthis, who are backed by Iran, have attacked dozens of ships since November. "
        "They say the attacks are aimed at forcing an end to the war."
    )
    assert found[-1].speaker == "Houthis"


def test_documented_reports_its_object() -> None:
    (claim,) = claims_in("The rights group has documented at least 78 killings since March.")
    assert claim.text == "at least 78 killings since March"


_MATTER_WORDS = ("troops", "border", "ceasefire", "corridor", "shelling", "village", "talks")
_STANCES = (Stance.DENIES, Stance.ASSERTS, Stance.ACCUSES, Stance.WARNS, Stance.DENIES)


def _claim_view(speaker: int, stance: int, words: list[int]) -> ClaimView:
    return ClaimView(
        speaker=f"Speaker {speaker}",
        speaker_text=f"Speaker {speaker}",
        stance=_STANCES[stance],
        text=" ".join(_MATTER_WORDS[w] for w in words),
        date=None,
        citation=Citation(
            article_id="a", outlet="o", sentence_index=0, start=0, end=1, sentence="s"
        ),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 4), st.lists(st.integers(0, 6), max_size=5)),
        max_size=30,
    )
)
def test_contradictions_are_every_pair_on_the_same_matter(
    rows: list[tuple[int, int, list[int]]],
) -> None:
    """Denials meet only the statements sharing enough stems: the pairs every denial
    compared with every claim would find."""
    claims = [_claim_view(*row) for row in rows]
    stems = contradictions._distinctive(claims)
    expected = []
    for index, denial in enumerate(claims):
        if denial.stance != Stance.DENIES:
            continue
        opposed = tuple(
            claim
            for other, claim in enumerate(claims)
            if claim.stance in contradictions.POSITIVE
            and claim.speaker != denial.speaker
            and same_matter(stems[index], stems[other])
        )
        if opposed:
            expected.append((denial, opposed))
    found = contradictions.find_contradictions(claims)
    assert [(c.denial, c.statements) for c in found] == expected


def test_the_statement_is_the_word_of_whoever_issued_it() -> None:
    text = (
        "Kazakhstan's interior ministry issued a statement on Sunday.\n\n"
        "The statement said the operation would continue."
    )
    (claim,) = claims_in(text)
    assert (claim.speaker, claim.text) == ("Kazakhstan", "the operation would continue")


def test_nationalities_of_people_do_not_make_the_home_state() -> None:
    text = (
        "Rescuers brought 90 Egyptians and Syrians ashore near Kalamata, Greece.\n\n"
        "Six Egyptian men were arrested. Two Egyptians were charged.\n\n"
        "The Coast Guard said the search would continue."
    )
    (claim,) = claims_in(text)
    assert claim.speaker == "Greece"


def test_a_states_president_is_the_president_named_before() -> None:
    text = (
        "President Amir Dalen addressed the nation on Friday.\n\n"
        "Chile's president said he had ordered troops to fire.\n\n"
        "The president says the crisis is over."
    )
    claims = claims_in(text)
    assert [(c.speaker, c.text) for c in claims] == [
        ("Amir Dalen", "he had ordered troops to fire"),
        ("Amir Dalen", "the crisis is over"),
    ]  # and addressing the nation is no statement


def test_a_label_before_a_colon_is_no_speaker_when_the_sentence_names_one() -> None:
    text = (
        "India sent troops.\n\n"
        "Wayanad: Four people were pulled out alive on Friday from a collapsed house, "
        "the Army said."
    )
    (claim,) = claims_in(text)
    assert claim.speaker == "India"


def test_unnamed_officials_and_authorities_stay_as_written_after_a_body_speaks() -> None:
    text = (
        "The toll stood at 78, the Hellenic Coast Guard said. Authorities fear that hundreds "
        "more were trapped below deck.\n\nOfficials said the search would continue, as "
        "authorities there said more survivors were unlikely."
    )
    assert [c.speaker for c in claims_in(text)] == [
        "Greece",
        "authorities",
        "officials",
        "authorities",
    ]


def test_confirmed_dead_in_a_headline_is_no_statement() -> None:
    text = (
        "At least 78 people confirmed dead after boat capsized, with survivors saying up to "
        "750 were on board\n\nThe coast guard said the search went on."
    )
    assert {c.speaker for c in claims_in(text)} == {"survivors", "coast guard"}


def test_a_states_president_named_later_in_the_article_is_that_person() -> None:
    text = (
        "The Kazakh president said on Friday he had ordered troops to open fire.\n\n"
        "President Kassym-Jomart Tokayev later spoke again.\n\n"
        "Almaty airport was back under government control on Thursday."
    )
    assert [(c.speaker, c.text) for c in claims_in(text)] == [
        ("Kassym-Jomart Tokayev", "he had ordered troops to open fire")
    ]  # and "was back under" backs nothing


def test_a_state_before_a_colon_is_the_topic_not_a_speaker() -> None:
    text = "Kazakhstan: Tokayev turns on his predecessor's legacy\n\nThe president spoke."
    assert claims_in(text) == []


def test_he_said_goes_on_with_an_unnamed_man_just_quoted() -> None:
    text = (
        "A man who had travelled from Isfahan told state television that he had seen children "
        'among the dead. "People were running in every direction," he said.'
    )
    assert [c.speaker for c in claims_in(text)] == ["man", "man"]


def test_counts_before_says_x_in_a_headline_are_what_x_says() -> None:
    text = (
        "Floods: 60 people killed, 231 injured, says Anil Verma\n\n"
        "Chief Minister Anil Verma spoke on Monday."
    )
    (claim,) = [c for c in claims_in(text) if c.citation.headline]
    assert claim.speaker == "Anil Verma" and claim.text.endswith("60 people killed, 231 injured")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Porto Alegre's mayor, Sebastiao Melo, has rejected the criticism, saying the "
            'storm was "unprecedented".',
            "Sebastiao Melo",
        ),
        ('"Hatred helps no one," said Magdeburg\'s mayor, Simone Borris.', "Simone Borris"),
        (
            "The head of the Federal Criminal Police Office (BKA), Holger Münch, told "
            "broadcaster ZDF that the suspect had been known to authorities.",
            "Holger Münch",
        ),
    ],
)
def test_the_name_after_a_place_s_role_or_a_body_s_acronym_is_the_speaker(
    text: str, speaker: str
) -> None:
    claims = claims_in(text)
    assert claims and {c.speaker for c in claims} == {speaker}


def test_a_ministry_named_in_full_speaks_for_the_story_s_state() -> None:
    text = (
        "Another 111 people are missing, the Ministry of Agriculture and Rural Development "
        "said on Tuesday.\n\nThe storm hit Vietnam on Saturday. Vietnam has asked for aid."
    )
    assert [c.speaker for c in claims_in(text)][:1] == ["Vietnam"]


def test_a_pronoun_opening_the_sentence_is_the_subject_of_a_later_joined_verb() -> None:
    text = (
        "The suspect, identified in the media as Taleb A., was remanded in custody.\n\n"
        "He presented himself online as a critic of Islam, and voiced support for the "
        "far-right Alternative for Germany party."
    )
    assert [c.speaker for c in claims_in(text)] == ["Taleb A."]


def test_a_participle_before_by_and_a_hyphenated_adjective_is_passive() -> None:
    text = (
        "Around 2,100 people took part in a demonstration in Magdeburg's city centre called "
        "by right-wing groups, police said."
    )
    assert [c.speaker for c in claims_in(text)] == ["police"]


def test_a_state_s_civil_defense_speaks_for_the_state() -> None:
    text = (
        "The state Civil Defense said that 112 people are still missing.\n\n"
        "Brazil has asked for help. Brazil is hit."
    )
    assert [c.speaker for c in claims_in(text)][:1] == ["Brazil"]


def test_accused_of_right_after_a_noun_is_passive() -> None:
    text = "Videos appeared to show a crowd burning the body of a man accused of being a jihadist."
    assert not any(c.cue == "accused" for c in claims_in(text))


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("A senior ministry official told a briefing that the runway was long enough.", "Greece"),
        ("Coast Guard officials said the search would continue.", "Greece"),
        ("Seven were rescued, according to the fire authorities.", "Greece"),
        ("A fire and rescue official said 40 bodies were found.", "Greece"),
        ("The Port Authority said the ferries would sail again.", "Greece"),
        ("Police officials said the search would continue.", "police officials"),
        ("Government officials said the vote would be delayed.", "government officials"),
        ("Officials said the search would continue.", "officials"),
    ],
)
def test_staff_of_a_state_body_speak_for_the_state(sentence: str, speaker: str) -> None:
    text = f"Greece mourns the dead of the shipwreck. Greece has asked for help.\n\n{sentence}"
    assert [c.speaker for c in claims_in(text)][-1:] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "The river rose to 11 meters, the National Center for Hydro-meteorological "
            "Forecasting said.",
            "Vietnam",
        ),
        (
            "The National Council of Churches said 23 people were killed.",
            "National Council of Churches",
        ),
    ],
)
def test_a_national_body_named_for_its_task_is_the_state_s(sentence: str, speaker: str) -> None:
    text = f"Floods hit Vietnam. Vietnam has asked for help.\n\n{sentence}"
    assert [c.speaker for c in claims_in(text)][-1:] == [speaker]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Iran's Islamic Revolutionary Guard Corps said it had launched the attack.",
            "Islamic Revolutionary Guard Corps",
        ),
        ("Armenia's Foreign Ministry said the talks had failed.", "Armenia"),
        ("Iran's mission to the United Nations said the matter can be deemed concluded.", "Iran"),
        ("Russia's ambassador to the UN said the vote was a farce.", "Russia"),
    ],
)
def test_a_state_s_named_body_or_envoy_speaks_as_itself_or_the_state(
    sentence: str, speaker: str
) -> None:
    assert [c.speaker for c in claims_in(sentence)] == [speaker]


def test_a_call_after_a_and_a_noun_is_no_cue() -> None:
    assert claims_in("G7 leaders were to hold a video call later on Sunday to coordinate.") == []


def test_a_headline_s_office_is_the_person_the_body_names_with_that_title() -> None:
    text = (
        "1,301 pilgrims died during Hajj, Saudi health minister says\n\n"
        "Egypt's Prime Minister Mostafa Madbouly ordered an inquiry. Saudi Health Minister "
        "Fahd Al-Jalajel said on Sunday that 1,301 pilgrims had died. Saudi Arabia said more."
    )
    (claim,) = [c for c in claims_in(text) if c.citation.headline]
    assert claim.speaker == "Fahd Al-Jalajel"


def test_a_national_civil_protection_body_speaks_for_the_state() -> None:
    text = (
        "Mexico was hit by Otis. Mexico asked for help. Some 5,000 people were in shelters, "
        "according to the National Civil Protection Coordination."
    )
    assert [c.speaker for c in claims_in(text)][-1] == "Mexico"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Israel mourned. Israel said so. The military said most drones were intercepted.",
            "Israel Defense Forces",
        ),
        (
            "Sudan mourned. Sudan said so. The army said 12 fighters were killed.",
            "Sudanese Armed Forces",
        ),
        ("Chile mourned. Chile said so. The army said 12 people were rescued.", "Chile"),
    ],
)
def test_the_military_of_the_story_s_state_goes_by_its_registry_name(
    text: str, speaker: str
) -> None:
    assert [c.speaker for c in claims_in(text)][-1] == speaker


def test_a_participle_set_off_by_commas_that_says_when_is_no_claim() -> None:
    text = (
        "Rwanda mourned. Rwanda said so.\n\nThe outbreak, declared on September 27, saw 66 "
        "confirmed cases and 15 deaths, according to the health ministry."
    )
    assert [c.speaker for c in claims_in(text)] == ["Rwanda", "Rwanda"]


@pytest.mark.parametrize(
    "sentence",
    [
        "France, which has some 400 special forces there, denied on Saturday that it had "
        "harboured him.",
        "The vessel's Japanese owner, Shoei Kisen Kaisha Ltd., apologized on Thursday for the "
        "disruption, saying it was sorry.",
    ],
)
def test_a_main_verb_after_an_apposition_is_still_a_claim(sentence: str) -> None:
    assert claims_in(sentence)


def test_a_general_authority_for_a_task_speaks_for_the_state() -> None:
    text = (
        "Saudi Arabia hosted the Hajj. Saudi Arabia said so. According to the General "
        "Authority for Statistics, 1,833,164 pilgrims performed Hajj this year."
    )
    assert [c.speaker for c in claims_in(text)][-1] == "Saudi Arabia"


def test_a_department_of_something_is_the_state_s_own_body() -> None:
    text = (
        "Malawi mourned. Malawi asked for help. The toll has risen to 190, the Department of "
        "Disaster Management Affairs (DoDMA) said on Tuesday."
    )
    assert [c.speaker for c in claims_in(text)][-1] == "Malawi"


def test_she_said_after_a_state_s_spokeswoman_is_the_state() -> None:
    text = (
        "The Philippines said so. The Philippines mourned. A military spokeswoman said "
        'Chinese personnel brandished knives. "It was a brazen act," she said.'
    )
    assert [c.speaker for c in claims_in(text)] == ["Philippines"] * 3


def test_a_family_name_written_first_is_the_person_later() -> None:
    text = (
        "Chinese foreign ministry spokesperson Lin Jian said the Philippines was to blame. "
        '"China\'s response was professional and restrained," Lin said.'
    )
    assert [c.speaker for c in claims_in(text)] == ["Lin Jian", "Lin Jian"]


def test_time_adverbial_opening_the_sentence_is_not_the_subject() -> None:
    text = (
        "Prime Minister Succès Masra rejected the results. Hours before the announcement, "
        'Masra claimed in a video that he had won the vote "in the first round" and accused '
        "the authorities of trying to steal the result."
    )
    assert {c.speaker for c in claims_in(text)} == {"Succès Masra"}


def test_state_house_is_the_president_the_article_names_else_the_state() -> None:
    named = (
        "Malawi mourned. Malawi asked for help. President Lazarus Chakwera cut short his trip. "
        "State House said he would return home on Wednesday."
    )
    assert [c.speaker for c in claims_in(named)][-1] == "Lazarus Chakwera"
    unnamed = "Kenya mourned. Kenya asked for help. State House said the bill would be withdrawn."
    assert [c.speaker for c in claims_in(unnamed)][-1] == "Kenya"

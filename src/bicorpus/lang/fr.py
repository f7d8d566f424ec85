"""French.

French ordinals carry no period ("le 1er janvier", "le XXe siècle", "la 3e édition"), so
they need no rule; abbreviations do ("M. Dupont", "p. ex.", "art. 3").
"""

from __future__ import annotations

from bicorpus.lang import LanguageRules, SentenceRules, words

SENTENCE_RULES = SentenceRules(
    abbreviations=words(
        # Forms of address and titles: "M. Dupont", "Mme Curie" (also written "Mme."), "Pr. Roux".
        "m mm mme mmes mlle mlles dr pr"
        # References: "art. 3", "al. 2", "p. 14", "pp. 3-9", "chap. 2", "vol. 1", "fig. 4", "éd.".
        " art al p pp chap vol fig éd n no"
        # Abbreviations inside running text; dotted pairs are stored without the space.
        " p.ex ex c.-à-d cf env av apr vs"
        # Months as they are shortened in dates.
        " janv févr avr juill sept oct nov déc"
    ),
    ambiguous=words(
        # Often at the end of a sentence: "en 52 av. J.-C. César ...", "des fruits, etc. Puis".
        "etc j.-c hab"
    ),
    # "l'art. 12", "d'env. 30", "jusqu'au": elided words before an abbreviation.
    elisions=("jusqu'", "lorsqu'", "puisqu'", "qu'", "l'", "d'", "n'", "s'", "c'", "j'", "m'", "t'"),
    sentence_openers=words(
        # Articles, pronouns, conjunctions and adverbs that commonly open a French sentence.
        "le la les l un une des ce cet cette ces il elle ils elles on nous vous je j tu c qu"
        " mais et ou donc or ni car puis ensuite alors ainsi pourtant cependant toutefois enfin"
        " en dans à au aux pour par avec sur sous depuis après avant pendant selon"
        " quand si lorsque comme son sa ses leur leurs mon ma mes notre nos"
        " aujourd hier demain ici là tout tous toutes chaque aucun aucune plusieurs"
    ),
)

RULES = LanguageRules(code="fr", name="French", scripts=frozenset({"Latn"}), sentences=SENTENCE_RULES)

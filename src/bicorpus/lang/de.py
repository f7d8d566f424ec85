"""German.

Two German habits change the sentence rules: every noun is capitalised, so a capital after a
period says little about a new sentence, and ordinals are written as a number with a period
("am 3. Oktober", "im 20. Jahrhundert", "der 2. Platz"). After an ordinal or an ambiguous
abbreviation a sentence therefore ends only when a typical first word of a sentence follows.
"""

from __future__ import annotations

from bicorpus.lang import LanguageRules, SentenceRules, words

SENTENCE_RULES = SentenceRules(
    abbreviations=words(
        # Titles and forms of address.
        "dr prof hr fr dipl ing mag"
        # References to laws, documents and pages: "Art. 5", "Abs. 2", "Nr. 7", "S. 12".
        " art abs nr bd kap s ff hrsg vol"
        # Abbreviations inside running text; dotted pairs are stored without the space.
        " z z.b d.h u.a o.ä s.o s.u u.u v.a z.t bzw ca vgl bspw ggf evtl inkl zzgl exkl"
        " sog gem lt allg betr ehem gegr geb urspr insb"
        # Addresses and months.
        " str tel jan feb mär apr jun jul aug sep sept okt nov dez"
    ),
    ambiguous=words(
        # Often at the end of a sentence, but also before a noun: "15 Mio. Euro", "Äpfel usw. Die".
        "usw etc mio mrd tsd uvm"
    ),
    sentence_openers=words(
        # Articles, pronouns, conjunctions and adverbs that commonly open a German sentence.
        "der die das den dem des ein eine einen einem einer es er sie wir ich ihr du man"
        " dies diese dieser dieses jener jene jedes jeder jede alle viele einige mehrere kein keine"
        " sein seine ihre unser unsere mein meine"
        " dann danach davor dabei damit deshalb daher darum trotzdem dennoch jedoch aber doch"
        " und oder denn so auch nun jetzt heute gestern morgen hier dort da zudem außerdem"
        " zunächst schließlich später inzwischen"
        " im am in an auf aus bei mit nach seit von vor zu zum zur für über unter um durch ohne gegen"
        " als wenn weil während obwohl nachdem bevor wie was wer wo warum wann ob nicht"
    ),
    capitalised_nouns=True,
    ordinal_period=True,
)

RULES = LanguageRules(code="de", name="German", scripts=frozenset({"Latn"}), sentences=SENTENCE_RULES)

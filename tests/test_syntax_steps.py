"""The steps of ``refine_mention`` and the verb predicates of ``pipeline.lang.de.verbs``, on parses built by hand.

Each Doc is written out token by token (word, part of speech, STTS tag, lemma, head, UD label, morphology), the way
the bundled model would parse the sentence if it parsed it right, so that a test states the construction and its
result whatever the model makes of the sentence today.
"""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.extract import mention_steps
from pipeline.extract.mention_steps import refine_mention
from pipeline.lang.de.verbs import (
    clause_is_subjunctive,
    finite_or_konjunktiv,
    is_finite,
    is_verbal,
    listed_konjunktiv,
    looks_konjunktiv_1,
    looks_konjunktiv_2,
    looks_subjunctive,
    subject_of,
    verb_chain,
)

VOCAB = spacy.blank("de").vocab  # with the German lexical attributes (lower case, is_alpha) the rules read
_NO_SPACE_BEFORE = {",", ".", ")", "“", ":", "?", "!"}
_NO_SPACE_AFTER = {"(", "„"}


def _doc(table: str, ents: tuple[tuple[int, int, str], ...] = ()) -> Doc:
    """A Doc from one row per token: ``word POS TAG lemma head dep morph`` (``head`` the index of the head token,
    ``_`` for no morphology), with the entities ``(start, end, label)``."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE and w not in _NO_SPACE_AFTER
              for i, w in enumerate(words)]
    doc = Doc(VOCAB, words=words, spaces=spaces, pos=[r[1] for r in rows], tags=[r[2] for r in rows],
              lemmas=[r[3] for r in rows], heads=[int(r[4]) for r in rows], deps=[r[5] for r in rows],
              morphs=["" if r[6] == "_" else r[6] for r in rows])
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


FIN_SG = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"
FIN_PL = "Mood=Ind|Number=Plur|Person=3|Tense=Past|VerbForm=Fin"
SUB_SG = "Mood=Sub|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
SUB_PL = "Mood=Sub|Number=Plur|Person=3|Tense=Pres|VerbForm=Fin"

SCHMIDT = _doc(f"""
    Das       PRON  PDS   der       1 obj       _
    sagte     VERB  VVFIN sagen     1 ROOT      {FIN_SG}
    Renate    PROPN NE    Renate    1 nsubj     Case=Nom
    Schmidt   PROPN NE    Schmidt   2 flat:name Case=Nom
    (         PUNCT $(    (         5 punct     _
    SPD       PROPN NE    SPD       2 appos     Case=Nom
    )         PUNCT $(    )         5 punct     _
    .         PUNCT $.    .         1 punct     _
""", ents=((2, 4, "PER"), (5, 6, "ORG")))
ANALYSTEN = _doc("""
    Darauf    ADV   PAV   darauf    1 advmod    _
    verweisen NOUN  NN    Verweisen 1 ROOT      Case=Nom
    Analysten NOUN  NN    Analyst   1 nsubj     Case=Nom
    .         PUNCT $.    .         1 punct     _
""")
ZUMAL = _doc(f"""
    Er          PRON  PPER  er            1 nsubj  Case=Nom
    schwieg     VERB  VVFIN schweigen     1 ROOT   {FIN_SG}
    ,           PUNCT $,    ,             6 punct  _
    zumal       SCONJ KOUS  zumal         6 mark   _
    Verteidiger NOUN  NN    Verteidiger   6 nsubj  Case=Nom
    Schulz      PROPN NE    Schulz        4 appos  Case=Nom
    widersprach VERB  VVFIN widersprechen 1 advcl  {FIN_SG}
    .           PUNCT $.    .             1 punct  _
""")
MAIZIERE = _doc(f"""
    Das      PRON  PDS   der      1 obj       _
    sagte    VERB  VVFIN sagen    1 ROOT      {FIN_SG}
    de       PROPN NE    de       3 flat:name _
    Maizière PROPN NE    Maizière 1 nsubj     Case=Nom
    .        PUNCT $.    .        1 punct     _
""")
KOPPELIN = _doc(f"""
    Das      PRON  PDS   der      1 obj    _
    sagte    VERB  VVFIN sagen    1 ROOT   {FIN_SG}
    Koppelin PROPN NE    Koppelin 1 nsubj  Case=Nom
    wörtlich ADJ   ADJD  wörtlich 1 advmod Degree=Pos
    .        PUNCT $.    .        1 punct  _
""")
LORENZEN = _doc(f"""
    Das             PRON  PDS   der             1 obj       _
    sagte           VERB  VVFIN sagen           1 ROOT      {FIN_SG}
    Dirk            PROPN NE    Dirk            1 nsubj     Case=Nom
    Lorenzen        PROPN NE    Lorenzen        2 flat:name Case=Nom
    dem             DET   ART   der             5 det       Case=Dat
    Deutschlandfunk PROPN NE    Deutschlandfunk 1 iobj      Case=Dat
    .               PUNCT $.    .               1 punct     _
""", ents=((2, 4, "PER"), (5, 6, "ORG")))
NATIONEN = _doc(f"""
    Das       PRON  PDS   der      1 obj   _
    erklärten VERB  VVFIN erklären 1 ROOT  {FIN_PL}
    die       DET   ART   der      4 det   Case=Nom
    Vereinten ADJ   ADJA  vereint  4 amod  Case=Nom
    Nationen  NOUN  NN    Nation   1 nsubj Case=Nom
    .         PUNCT $.    .        1 punct _
""", ents=((3, 5, "ORG"),))
# "Fei" as the bundled model tags it: a common noun, inside the PER entity "Li Fei"
LI_FEI = _doc(f"""
    Das   PRON  PDS   der   1 obj       _
    sagte VERB  VVFIN sagen 1 ROOT      {FIN_SG}
    Li    PROPN NE    Li    1 nsubj     Case=Nom
    Fei   NOUN  NN    Fei   2 flat:name Case=Nom
    .     PUNCT $.    .     1 punct     _
""", ents=((2, 4, "PER"),))
NTV = _doc(f"""
    Das            PRON  PDS   der           1 obj   _
    meldete        VERB  VVFIN melden        1 ROOT  {FIN_SG}
    ein            DET   ART   ein           3 det   Case=Nom
    Sprecher       NOUN  NN    Sprecher      1 nsubj Case=Nom
    des            DET   ART   der           5 det   Case=Gen
    Fernsehsenders NOUN  NN    Fernsehsender 3 nmod  Case=Gen
    n-tv           PROPN NE    n-tv          5 appos _
    .              PUNCT $.    .             1 punct _
""")
LEYEN = _doc(f"""
    Von       ADP   APPR  von       2 case  _
    der       DET   ART   der       2 det   Case=Nom
    Leyen     PROPN NE    Leyen     3 nsubj Case=Nom
    sagte     VERB  VVFIN sagen     3 ROOT  {FIN_SG}
    ,         PUNCT $,    ,         7 punct _
    sie       PRON  PPER  sie       7 nsubj Case=Nom
    sei       AUX   VAFIN sein      7 cop   {SUB_SG}
    zufrieden ADJ   ADJD  zufrieden 3 ccomp Degree=Pos
    .         PUNCT $.    .         3 punct _
""", ents=((0, 3, "PER"),))
POLIZEI = _doc(f"""
    Das         PRON  PDS     der        1 obj   _
    bestätigten VERB  VVFIN   bestätigen 1 ROOT  {FIN_PL}
    Angaben     NOUN  NN      Angabe     1 nsubj Case=Nom
    der         DET   ART     der        4 det   Case=Gen
    Polizei     NOUN  NN      Polizei    2 nmod  Case=Gen
    vom         ADP   APPRART von        6 case  _
    Dienstag    NOUN  NN      Dienstag   2 nmod  Case=Dat
    .           PUNCT $.      .          1 punct _
""")
CASEY = _doc(f"""
    Das             PRON  PDS   der             1 obj       _
    sagte           VERB  VVFIN sagen           1 ROOT      {FIN_SG}
    General         NOUN  NN    General         1 nsubj     Case=Nom
    George          PROPN NE    George          2 appos     Case=Nom
    Casey           PROPN NE    Casey           3 flat:name Case=Nom
    heute           ADV   ADV   heute           1 advmod    _
    anlässlich      ADP   APPR  anlässlich      8 case      _
    einer           DET   ART   ein             8 det       Case=Gen
    Pressekonferenz NOUN  NN    Pressekonferenz 1 obl       Case=Gen
    .               PUNCT $.    .               1 punct     _
""", ents=((3, 5, "PER"),))
SZ = _doc(f"""
    Die         DET   ART   der        3 det    Case=Nom
    „           PUNCT $(    „          3 punct  _
    Süddeutsche ADJ   ADJA  süddeutsch 3 amod   Case=Nom
    Zeitung     NOUN  NN    Zeitung    5 nsubj  Case=Nom
    “           PUNCT $(    “          3 punct  _
    berichtete  VERB  VVFIN berichten  5 ROOT   {FIN_SG}
    darüber     ADV   PAV   darüber    5 advmod _
    .           PUNCT $.    .          5 punct  _
""", ents=((2, 4, "ORG"),))
JUNG = _doc(f"""
    Der                   DET   ART   der                   2 det       Case=Nom
    deutsche              ADJ   ADJA  deutsch               2 amod      Case=Nom
    Verteidigungsminister NOUN  NN    Verteidigungsminister 6 nsubj     Case=Nom
    Franz                 PROPN NE    Franz                 2 appos     Case=Nom
    Josef                 PROPN NE    Josef                 3 flat:name Case=Nom
    Jung                  PROPN NE    Jung                  3 flat:name Case=Nom
    sagte                 VERB  VVFIN sagen                 6 ROOT      {FIN_SG}
    ,                     PUNCT $,    ,                     10 punct    _
    er                    PRON  PPER  er                    10 nsubj    Case=Nom
    sei                   AUX   VAFIN sein                  10 cop      {SUB_SG}
    zufrieden             ADJ   ADJD  zufrieden             6 ccomp     Degree=Pos
    .                     PUNCT $.    .                     6 punct     _
""", ents=((3, 6, "PER"),))
RAMIREZ = _doc(f"""
    Mexikos       PROPN NE    Mexiko        1 nmod:poss Case=Gen
    Innenminister NOUN  NN    Innenminister 4 nsubj     Case=Nom
    Francisco     PROPN NE    Francisco     1 appos     Case=Nom
    Ramirez       PROPN NE    Ramirez       2 flat:name Case=Nom
    sagte         VERB  VVFIN sagen         4 ROOT      {FIN_SG}
    ,             PUNCT $,    ,             8 punct     _
    er            PRON  PPER  er            8 nsubj     Case=Nom
    sei           AUX   VAFIN sein          8 cop       {SUB_SG}
    zufrieden     ADJ   ADJD  zufrieden     4 ccomp     Degree=Pos
    .             PUNCT $.    .             4 punct     _
""", ents=((0, 1, "LOC"), (2, 4, "PER")))
TADIC = _doc(f"""
    Präsident      NOUN  NN    Präsident      7 nsubj     Case=Nom
    Boris          PROPN NE    Boris          0 appos     Case=Nom
    Tadić          PROPN NE    Tadić          1 flat:name Case=Nom
    und            CCONJ KON   und            4 cc        _
    Regierungschef NOUN  NN    Regierungschef 0 conj      Case=Nom
    Vojislav       PROPN NE    Vojislav       4 appos     Case=Nom
    Koštunica      PROPN NE    Koštunica      5 flat:name Case=Nom
    erklärten      VERB  VVFIN erklären       7 ROOT      {FIN_PL}
    ,              PUNCT $,    ,              11 punct    _
    sie            PRON  PPER  sie            11 nsubj    Case=Nom
    seien          AUX   VAFIN sein           11 cop      {SUB_PL}
    einig          ADJ   ADJD  einig          7 ccomp     Degree=Pos
    .              PUNCT $.    .              7 punct     _
""", ents=((1, 3, "PER"), (5, 7, "PER")))
# the verb before the coordinated speakers: nothing tells that both speak
TADIC_AFTER_VERB = _doc(f"""
    Das            PRON  PDS   der            1 obj       _
    sagten         VERB  VVFIN sagen          1 ROOT      {FIN_PL}
    Präsident      NOUN  NN    Präsident      1 nsubj     Case=Nom
    Boris          PROPN NE    Boris          2 appos     Case=Nom
    Tadić          PROPN NE    Tadić          3 flat:name Case=Nom
    und            CCONJ KON   und            6 cc        _
    Regierungschef NOUN  NN    Regierungschef 2 conj      Case=Nom
    Vojislav       PROPN NE    Vojislav       6 appos     Case=Nom
    Koštunica      PROPN NE    Koštunica      7 flat:name Case=Nom
    .              PUNCT $.    .              1 punct     _
""")
KITZ = _doc(f"""
    Theo     PROPN NE      Theo     6 nsubj     Case=Nom
    Kitz     PROPN NE      Kitz     0 flat:name Case=Nom
    vom      ADP   APPRART von      3 case      _
    Bankhaus NOUN  NN      Bankhaus 0 nmod      Case=Dat
    Merck    PROPN NE      Merck    3 appos     Case=Dat
    Finck    PROPN NE      Finck    4 flat:name Case=Dat
    sagte    VERB  VVFIN   sagen    6 ROOT      {FIN_SG}
    ,        PUNCT $,      ,        11 punct    _
    die      DET   ART     der      9 det       Case=Nom
    Kurse    NOUN  NN      Kurs     11 nsubj    Case=Nom
    würden   AUX   VAFIN   werden   11 aux      {SUB_PL}
    steigen  VERB  VVINF   steigen  6 ccomp     VerbForm=Inf
    .        PUNCT $.      .        6 punct     _
""", ents=((0, 2, "PER"), (4, 6, "ORG")))
WOHLRAB = _doc(f"""
    Moritz      PROPN NE    Moritz      9 nsubj     Case=Nom
    Wohlrab     PROPN NE    Wohlrab     0 flat:name Case=Nom
    von         ADP   APPR  von         5 case      _
    der         DET   ART   der         5 det       Case=Dat
    „           PUNCT $(    „           5 punct     _
    Aktion      NOUN  NN    Aktion      0 nmod      Case=Dat
    Deutschland PROPN NE    Deutschland 5 flat:name Case=Nom
    hilft       VERB  VVFIN helfen      5 acl       {FIN_SG}
    “           PUNCT $(    “           5 punct     _
    sagte       VERB  VVFIN sagen       9 ROOT      {FIN_SG}
    ,           PUNCT $,    ,           14 punct    _
    die         DET   ART   der         12 det      Case=Nom
    Lage        NOUN  NN    Lage        14 nsubj    Case=Nom
    sei         AUX   VAFIN sein        14 cop      {SUB_SG}
    ernst       ADJ   ADJD  ernst       9 ccomp     Degree=Pos
    .           PUNCT $.    .           9 punct     _
""", ents=((0, 2, "PER"), (5, 8, "ORG")))
SPIEGEL = _doc("""
    Das      PRON  PDS   der     1 nsubj        _
    geht     VERB  VVFIN gehen   1 ROOT         Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    aus      ADP   APPR  aus     3 case         _
    Angaben  NOUN  NN    Angabe  1 obl          Case=Dat
    des      DET   ART   der     5 det          Case=Gen
    Magazins NOUN  NN    Magazin 3 nmod         Case=Gen
    „        PUNCT $(    „       8 punct        _
    Der      DET   ART   der     8 det          Case=Nom
    Spiegel  PROPN NE    Spiegel 5 appos        Case=Nom
    “        PUNCT $(    “       8 punct        _
    hervor   ADP   PTKVZ hervor  1 compound:prt _
    .        PUNCT $.    .       1 punct        _
""", ents=((7, 9, "ORG"),))
DGAC = _doc(f"""
    Die              DET   ART   der              1 det          Case=Nom
    Aufsichtsbehörde NOUN  NN    Aufsichtsbehörde 4 nsubj        Case=Nom
    für              ADP   APPR  für              3 case         _
    Zivilluftfahrt   NOUN  NN    Zivilluftfahrt   1 nmod         Case=Acc
    teilte           VERB  VVFIN teilen           4 ROOT         {FIN_SG}
    mit              ADP   PTKVZ mit              4 compound:prt _
    ,                PUNCT $,    ,                10 punct       _
    die              DET   ART   der              8 det          Case=Nom
    Maschine         NOUN  NN    Maschine         10 nsubj       Case=Nom
    sei              AUX   VAFIN sein             10 cop         {SUB_SG}
    sicher           ADJ   ADJD  sicher           4 ccomp        Degree=Pos
    .                PUNCT $.    .                4 punct        _
""")
# the prepositional phrase is the object of the infinitive at the end of the clause, not an attribute of "SPD"
SPD_INFINITIVE = _doc("""
    Deshalb        ADV   PAV   deshalb        10 advmod _
    will           AUX   VMFIN wollen         10 aux    Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    sich           PRON  PRF   sich           10 obj    Case=Acc
    die            DET   ART   der            4 det     Case=Nom
    SPD            PROPN NE    SPD            10 nsubj  Case=Nom
    für            ADP   APPR  für            7 case    _
    die            DET   ART   der            7 det     Case=Acc
    Stärkung       NOUN  NN    Stärkung       10 obl    Case=Acc
    der            DET   ART   der            9 det     Case=Gen
    Tarifautonomie NOUN  NN    Tarifautonomie 7 nmod    Case=Gen
    einsetzen      VERB  VVINF einsetzen      10 ROOT   VerbForm=Inf
    .              PUNCT $.    .              10 punct  _
""")
ONLINE = _doc(f"""
    Das            PRON  PDS   der            1 nsubj _
    berichtete     VERB  VVFIN berichten      1 ROOT  {FIN_SG}
    die            DET   ART   der            3 det   Case=Acc
    Online-Ausgabe NOUN  NN    Online-Ausgabe 1 obj   Case=Acc
    des            DET   ART   der            6 det   Case=Gen
    „              PUNCT $(    „              6 punct _
    Spiegel        PROPN NE    Spiegel        3 nmod  Case=Gen
    “              PUNCT $(    “              6 punct _
    .              PUNCT $.    .              1 punct _
""", ents=((6, 7, "ORG"),))
ANTWORT = _doc(f"""
    So       ADV   ADV   so       1 advmod _
    lautete  VERB  VVFIN lauten   1 ROOT   {FIN_SG}
    die      DET   ART   der      3 det    Case=Nom
    Antwort  NOUN  NN    Antwort  1 nsubj  Case=Nom
    des      DET   ART   der      5 det    Case=Gen
    Ministers NOUN NN    Minister 3 nmod   Case=Gen
    .        PUNCT $.    .        1 punct  _
""")
WIDMANN = _doc(f"""
    Das            PRON  PDS   der            1 obj       _
    sagte          VERB  VVFIN sagen          1 ROOT      {FIN_SG}
    die            DET   ART   der            3 det       Case=Nom
    Sprecherin     NOUN  NN    Sprecherin     1 nsubj     Case=Nom
    der            DET   ART   der            5 det       Case=Gen
    Unionsfraktion NOUN  NN    Unionsfraktion 3 nmod      Case=Gen
    ,              PUNCT $,    ,              7 punct     _
    Annette        PROPN NE    Annette        3 appos     Case=Nom
    Widmann-Mauz   PROPN NE    Widmann-Mauz   7 flat:name Case=Nom
    .              PUNCT $.    .              1 punct     _
""", ents=((7, 9, "PER"),))
PAU = _doc(f"""
    Petra           PROPN NE    Petra           7 nsubj     Case=Nom
    Pau             PROPN NE    Pau             0 flat:name Case=Nom
    ,               PUNCT $,    ,               3 punct     _
    Vizepräsidentin NOUN  NN    Vizepräsidentin 0 appos     Case=Nom
    des             DET   ART   der             5 det       Case=Gen
    Bundestages     NOUN  NN    Bundestag       3 nmod      Case=Gen
    ,               PUNCT $,    ,               3 punct     _
    sagte           VERB  VVFIN sagen           7 ROOT      {FIN_SG}
    ,               PUNCT $,    ,               11 punct    _
    sie             PRON  PPER  sie             11 nsubj    Case=Nom
    sei             AUX   VAFIN sein            11 cop      {SUB_SG}
    enttäuscht      ADJ   ADJD  enttäuscht      7 ccomp     Degree=Pos
    .               PUNCT $.    .               7 punct     _
""", ents=((0, 2, "PER"), (5, 6, "ORG")))
# a subordinate clause after the comma: no apposition
PAU_CLAUSE = _doc(f"""
    Das   PRON  PDS   der       1 obj       _
    sagte VERB  VVFIN sagen     1 ROOT      {FIN_SG}
    Petra PROPN NE    Petra     1 nsubj     Case=Nom
    Pau   PROPN NE    Pau       2 flat:name Case=Nom
    ,     PUNCT $,    ,         7 punct     _
    als   SCONJ KOUS  als       7 mark      _
    sie   PRON  PPER  sie       7 nsubj     Case=Nom
    ankam VERB  VVFIN ankommen  1 advcl     {FIN_SG}
    .     PUNCT $.    .         1 punct     _
""")

# a comma segment without its noun left at the end of a mention (the rest of "ein großes Risiko" cut off)
ROTH = _doc(f"""
    Das    PRON  PDS   der    9 nsubj     _
    sei    AUX   VAFIN sein   9 cop       {SUB_SG}
    ,      PUNCT $,    ,      3 punct     _
    sagte  VERB  VVFIN sagen  9 parataxis {FIN_SG}
    Jan    PROPN NE    Jan    3 nsubj     Case=Nom
    Roth   PROPN NE    Roth   4 flat:name Case=Nom
    ,      PUNCT $,    ,      3 punct     _
    ein    DET   ART   ein    9 det       Case=Nom
    großes ADJ   ADJA  groß   9 amod      Case=Nom
    Risiko NOUN  NN    Risiko 9 ROOT      Case=Nom
    .      PUNCT $.    .      9 punct     _
""", ents=((4, 6, "PER"),))
# the dative object after the genitive, glued on by the subtree of "Gericht"
GERICHT = _doc(f"""
    Gestern    ADV   ADV   gestern   1 advmod _
    verbot     VERB  VVFIN verbieten 1 ROOT   {FIN_SG}
    das        DET   ART   der       3 det    Case=Nom
    Gericht    NOUN  NN    Gericht   1 nsubj  Case=Nom
    des        DET   ART   der       5 det    Case=Gen
    Landes     NOUN  NN    Land      3 nmod   Case=Gen
    zwölf      NUM   CARD  zwölf     8 nummod _
    führenden  ADJ   ADJA  führend   8 amod   Case=Dat
    Politikern NOUN  NN    Politiker 3 nmod   Case=Dat
    die        DET   ART   der       10 det   Case=Acc
    Ausreise   NOUN  NN    Ausreise  1 obj    Case=Acc
    .          PUNCT $.    .         1 punct  _
""")
ARTIKEL = _doc(f"""
    Das           PRON  PDS   der          1 obj    _
    regelt        VERB  VVFIN regeln       1 ROOT   {FIN_SG}
    Artikel       NOUN  NN    Artikel      1 nsubj  Case=Nom
    65            NUM   CARD  65           2 nummod _
    des           DET   ART   der          5 det    Case=Gen
    Grundgesetzes NOUN  NN    Grundgesetz  2 nmod   Case=Gen
    .             PUNCT $.    .            1 punct  _
""")
# the affiliation is the parser's attribute of the name, though no title or institution noun heads it
KELLER = _doc(f"""
    Das          PRON  PDS   der          1 obj       _
    sagte        VERB  VVFIN sagen        1 ROOT      {FIN_SG}
    Anna         PROPN NE    Anna         1 nsubj     Case=Nom
    Keller       PROPN NE    Keller       2 flat:name Case=Nom
    von          ADP   APPR  von          7 case      _
    der          DET   ART   der          7 det       Case=Dat
    schwedischen ADJ   ADJA  schwedisch   7 amod      Case=Dat
    Wetterwarte  NOUN  NN    Wetterwarte  2 nmod      Case=Dat
    .            PUNCT $.    .            1 punct     _
""", ents=((2, 4, "PER"),))
# the parser attaches the affiliation to the verb; the Vorfeld before the finite verb is one phrase all the same
BERG = _doc(f"""
    Minister    NOUN  NN    Minister    8  nsubj     Case=Nom
    Tom         PROPN NE    Tom         0  appos     Case=Nom
    Berg        PROPN NE    Berg        1  flat:name Case=Nom
    von         ADP   APPR  von         5  case      _
    der         DET   ART   der         5  det       Case=Dat
    Kanzlei     NOUN  NN    Kanzlei     8  obl       Case=Dat
    des         DET   ART   der         7  det       Case=Gen
    Präsidenten NOUN  NN    Präsident   5  nmod      Case=Gen
    erklärte    VERB  VVFIN erklären    8  ROOT      {FIN_SG}
    ,           PUNCT $,    ,           13 punct     _
    die         DET   ART   der         11 det       Case=Nom
    Lage        NOUN  NN    Lage        13 nsubj     Case=Nom
    sei         AUX   VAFIN sein        13 cop       {SUB_SG}
    ruhig       ADJ   ADJD  ruhig       8  ccomp     Degree=Pos
    .           PUNCT $.    .           8  punct     _
""", ents=((1, 3, "PER"),))
# a role noun with a broadcaster the tagger reads as a number
REPORTERIN = _doc(f"""
    Eine       DET   ART   ein        1 det   Case=Nom
    Reporterin NOUN  NN    Reporterin 4 nsubj Case=Nom
    von        ADP   APPR  von        3 case  _
    n24        NUM   NE    n24        1 nmod  _
    sprach     VERB  VVFIN sprechen   4 ROOT  {FIN_SG}
    von        ADP   APPR  von        6 case  _
    Chaos      NOUN  NN    Chaos      4 obl   Case=Dat
    .          PUNCT $.    .          4 punct _
""", ents=((3, 4, "ORG"),))
# "sprechen von": the quoted phrase is what he spoke of, no name of an institution
KATASTROPHE = _doc(f"""
    Dann        ADV   ADV   dann        1 advmod _
    sprach      VERB  VVFIN sprechen    1 ROOT   {FIN_SG}
    der         DET   ART   der         3 det    Case=Nom
    Präsident   NOUN  NN    Präsident   1 nsubj  Case=Nom
    von         ADP   APPR  von         8 case   _
    der         DET   ART   der         8 det    Case=Dat
    „           PUNCT $(    „           8 punct  _
    schlimmsten ADJ   ADJA  schlimm     8 amod   Case=Dat
    Katastrophe NOUN  NN    Katastrophe 1 obl    Case=Dat
    “           PUNCT $(    “           8 punct  _
    .           PUNCT $.    .           1 punct  _
""")
# von … bis: a way, not an affiliation
DEMONSTRANTEN = _doc(f"""
    Dann          ADV   ADV     dann          1 advmod _
    zogen         VERB  VVFIN   ziehen        1 ROOT   {FIN_PL}
    die           DET   ART     der           3 det    Case=Nom
    Demonstranten NOUN  NN      Demonstrant   1 nsubj  Case=Nom
    vom           ADP   APPRART von           5 case   _
    Hauptbahnhof  NOUN  NN      Hauptbahnhof  1 obl    Case=Dat
    bis           ADP   APPR    bis           8 case   _
    zur           ADP   APPRART zu            8 case   _
    Paulskirche   PROPN NE      Paulskirche   1 obl    Case=Dat
    .             PUNCT $.      .             1 punct  _
""", ents=((5, 6, "LOC"), (8, 9, "LOC")))
# where he said it, not an attribute of the speaker
INTERVIEW = _doc(f"""
    Das       PRON  PDS   der       1 obj    _
    sagte     VERB  VVFIN sagen     1 ROOT   {FIN_SG}
    der       DET   ART   der       3 det    Case=Nom
    Trainer   NOUN  NN    Trainer   1 nsubj  Case=Nom
    in        ADP   APPR  in        6 case   _
    einem     DET   ART   ein       6 det    Case=Dat
    Interview NOUN  NN    Interview 1 obl    Case=Dat
    .         PUNCT $.    .         1 punct  _
""")
WEBSITE = _doc(f"""
    Das           PRON  PDS   der           1 obj   _
    meldete       VERB  VVFIN melden        1 ROOT  {FIN_SG}
    die           DET   ART   der           3 det   Case=Nom
    Website       NOUN  NN    Website       1 nsubj Case=Nom
    „             PUNCT $(    „             5 punct _
    wetterblog.de PROPN NE    wetterblog.de 3 appos _
    “             PUNCT $(    “             5 punct _
    .             PUNCT $.    .             1 punct _
""")
# the typewriter marks of a wiki text around a name
NACION = _doc(f"""
    Das        PRON  PDS   der        1 obj       _
    berichtete VERB  VVFIN berichten  1 ROOT      {FIN_SG}
    die        DET   ART   der        3 det       Case=Nom
    Zeitung    NOUN  NN    Zeitung    1 nsubj     Case=Nom
    ''         PUNCT $(    ''         5 punct     _
    La         PROPN NE    La         3 appos     _
    Nacion     PROPN NE    Nacion     5 flat:name _
    ''         PUNCT $(    ''         5 punct     _
    .          PUNCT $.    .          1 punct     _
""", ents=((5, 7, "ORG"),))
# after a bare acronym (and before a nominative adjective) "der" opens the next phrase of the clause
ESA = _doc(f"""
    Demnach  ADV   PAV   demnach  8 advmod _
    verglüht VERB  VVFIN verglühen 8 ROOT  {FIN_SG}
    laut     ADP   APPR  laut     3 case   _
    Auskunft NOUN  NN    Auskunft 1 obl    Case=Dat
    der      DET   ART   der      5 det    Case=Gen
    ESA      PROPN NE    ESA      3 nmod   Case=Gen
    der      DET   ART   der      8 det    Case=Nom
    größte   ADJ   ADJA  groß     8 amod   Case=Nom
    Teil     NOUN  NN    Teil     1 nsubj  Case=Nom
    .        PUNCT $.    .        1 punct  _
""", ents=((5, 6, "ORG"),))



def _mention(doc: Doc, start: int, end: int) -> tuple[Span, Span]:
    """The tokens ``start``..``end`` of the one-sentence ``doc`` and its sentence."""
    return doc[start:end], doc[start].sent


BBC = _doc(f"""
    Laut      ADP   APPR  laut      7 case  _
    einem     DET   ART   ein       2 det   Case=Dat
    Bericht   NOUN  NN    Bericht   7 obl   Case=Dat
    der       DET   ART   der       4 det   Case=Gen
    BBC       PROPN NE    BBC       2 nmod  Case=Gen
    seien     AUX   VAFIN sein      7 cop   {SUB_PL}
    die       DET   ART   der       7 det   Case=Nom
    Kosten    NOUN  NN    Kosten    7 ROOT  Case=Nom
    .         PUNCT $.    .         7 punct _
""", ents=((4, 5, "ORG"),))
DEKAN = _doc(f"""
    Manfred   PROPN NE    Manfred   9 nsubj     Case=Nom
    Berg      PROPN NE    Berg      0 flat:name Case=Nom
    ,         PUNCT $,    ,         4 punct     _
    der       PRON  ART   der       4 det       Case=Nom
    Dekan     NOUN  NN    Dekan     0 appos     Case=Nom|Gender=Fem
    der       DET   ART   der       7 det       Case=Gen
    Philosophischen ADJ ADJA philosophisch 7 amod Case=Gen
    Fakultät  NOUN  NN    Fakultät  4 nmod      Case=Gen
    ,         PUNCT $,    ,         0 punct     _
    sagte     VERB  VVFIN sagen     9 ROOT      {FIN_SG}
    .         PUNCT $.    .         9 punct     _
""", ents=((0, 2, "PER"),))
ZEITUNG = _doc(f"""
    Das       PRON  PDS   der       1 obj       _
    sagte     VERB  VVFIN sagen     1 ROOT      {FIN_SG}
    Steve     PROPN NE    Steve     1 nsubj     Case=Nom
    Marshall  PROPN NE    Marshall  2 flat:name Case=Nom
    ,         PUNCT $,    ,         6 punct     _
    der       DET   ART   der       6 det       Case=Nom|Gender=Masc
    Zeitung   NOUN  NN    Zeitung   1 obl       Case=Dat
    .         PUNCT $.    .         1 punct     _
""", ents=((2, 4, "PER"),))
WEISE = _doc(f"""
    Das       PRON  PDS   der       1 obj       _
    sagte     VERB  VVFIN sagen     1 ROOT      {FIN_SG}
    der       DET   ART   der       3 det       Case=Nom
    Chef      NOUN  NN    Chef      1 nsubj     Case=Nom
    der       DET   ART   der       5 det       Case=Gen
    Bundesagentur NOUN NN Bundesagentur 3 nmod  Case=Gen
    ,         PUNCT $,    ,         7 punct     _
    Frank-Jürgen NOUN NN  Frank-Jürgen 1 ccomp  Case=Nom
    Weise     NOUN  NN    Weise     7 appos     Case=Nom
    .         PUNCT $.    .         1 punct     _
""")

# a name set off before the role phrase the parser took as the subject
KOWALSKI = _doc(f"""
    Jana          PROPN NE    Jana          3 nsubj     Case=Nom
    Kowalski      PROPN NE    Kowalski      0 flat:name Case=Nom
    ,             PUNCT $,    ,             3 punct     _
    Laborleiterin NOUN  NN    Laborleiterin 7 nsubj     Case=Nom|Gender=Fem
    der           DET   ART   der           6 det       Case=Gen
    Nordmilch     PROPN NE    Nordmilch     6 compound  Case=Gen
    GmbH          PROPN NE    GmbH          3 nmod      Case=Gen
    ,             PUNCT $,    ,             3 punct     _
    erklärte      VERB  VVFIN erklären      8 ROOT      {FIN_SG}
    :             PUNCT $.    :             8 punct     _
""", ents=((0, 2, "PER"), (5, 7, "ORG")))
# a role phrase with a prepositional attribute, its name after it; the verb after the auxiliary
MARCHUK = _doc(f"""
    Zuvor         ADV   ADV   zuvor         10 advmod   _
    hatte         AUX   VAFIN haben         10 aux      {FIN_SG}
    ein           DET   ART   ein           3 det       Case=Nom
    Sprecher      NOUN  NN    Sprecher      10 nsubj    Case=Nom|Gender=Masc
    auf           ADP   APPR  auf           6 case      _
    ukrainischer  ADJ   ADJA  ukrainisch    6 amod      Case=Dat
    Seite         NOUN  NN    Seite         3 nmod      Case=Dat
    ,             PUNCT $,    ,             8 punct     _
    Oleg          PROPN NE    Oleg          3 appos     Case=Nom
    Marchuk       PROPN NE    Marchuk       8 flat:name Case=Nom
    ,             PUNCT $,    ,             8 punct     _
    erklärt       VERB  VVPP  erklären      11 ROOT     VerbForm=Part
    .             PUNCT $.    .             11 punct    _
""", ents=((8, 10, "PER"),))
# the second comma of the apposition is missing: the finite verb closes it
BRENNER = _doc(f"""
    Karla         PROPN NE    Karla         6 nsubj     Case=Nom
    Brenner       PROPN NE    Brenner       0 flat:name Case=Nom
    ,             PUNCT $,    ,             3 punct     _
    Sprecherin    NOUN  NN    Sprecherin    0 appos     Case=Nom|Gender=Fem
    der           DET   ART   der           5 det       Case=Gen
    Grünen        NOUN  NN    Grüne         3 nmod      Case=Gen
    sagte         VERB  VVFIN sagen         6 ROOT      {FIN_SG}
    ,             PUNCT $,    ,             9 punct     _
    sie           PRON  PPER  sie           9 nsubj     Case=Nom
    sei           AUX   VAFIN sein          6 ccomp     {SUB_SG}
    zufrieden     ADJ   ADJD  zufrieden     9 advmod    Degree=Pos
    .             PUNCT $.    .             6 punct     _
""", ents=((0, 2, "PER"), (5, 6, "ORG")))
# after the verb, a segment closed by a finite verb is the content clause, not an apposition
RAHIMI = _doc(f"""
    Dann          ADV   ADV   dann          1 advmod    _
    erklärte      VERB  VVFIN erklären      1 ROOT      {FIN_SG}
    Mohammed      PROPN NE    Mohammed      1 nsubj     Case=Nom
    Rahimi        PROPN NE    Rahimi        2 flat:name Case=Nom
    ,             PUNCT $,    ,             6 punct     _
    Nordkorea     PROPN NE    Nordkorea     6 nsubj     Case=Nom
    besitze       VERB  VVFIN besitzen      1 ccomp     {SUB_SG}
    Atomwaffen    NOUN  NN    Atomwaffe     6 obj       Case=Acc
    .             PUNCT $.    .             1 punct     _
""", ents=((2, 4, "PER"), (5, 6, "LOC")))
# a relative clause after the name is no apposition, although its finite verb closes it
KOLAROW = _doc(f"""
    Todor         PROPN NE    Todor         7 nsubj     Case=Nom
    Kolarow       PROPN NE    Kolarow       0 flat:name Case=Nom
    ,             PUNCT $,    ,             5 punct     _
    dessen        PRON  PRELAT der          4 det       Case=Gen
    Behörde       NOUN  NN    Behörde       5 nsubj     Case=Nom
    zuständig     ADJ   ADJD  zuständig     0 acl       Degree=Pos
    ist           AUX   VAFIN sein          5 cop       {FIN_SG}
    ,             PUNCT $,    ,             5 punct     _
    sagte         VERB  VVFIN sagen         8 ROOT      {FIN_SG}
    .             PUNCT $.    .             8 punct     _
""", ents=((0, 2, "PER"),))


STEP_CASES = [
    # step, sentence, mention found by a rule, the mention after the step
    (mention_steps._name_before_parenthesis, SCHMIDT, (5, 7), "Renate Schmidt (SPD)"),
    (mention_steps._name_before_parenthesis, SCHMIDT, (2, 7), "Renate Schmidt (SPD)"),
    (mention_steps._drop_leading_non_nominal, ANALYSTEN, (1, 3), "Analysten"),
    (mention_steps._drop_leading_non_nominal, ZUMAL, (3, 6), "Verteidiger Schulz"),
    (mention_steps._drop_leading_non_nominal, MAIZIERE, (2, 4), "de Maizière"),
    (mention_steps._drop_trailing_lower_words, KOPPELIN, (2, 4), "Koppelin"),
    (mention_steps._drop_nounless_segment, ROTH, (4, 8), "Jan Roth"),
    (mention_steps._drop_nounless_segment, WIDMANN, (2, 9), "die Sprecherin der Unionsfraktion, Annette Widmann-Mauz"),
    (mention_steps._cut_before_object, LORENZEN, (2, 6), "Dirk Lorenzen"),
    (mention_steps._cut_before_counted_phrase, GERICHT, (2, 9), "das Gericht des Landes"),
    (mention_steps._cut_before_counted_phrase, ARTIKEL, (2, 6), "Artikel 65 des Grundgesetzes"),
    (mention_steps._continue_to_noun, NATIONEN, (2, 4), "die Vereinten Nationen"),
    (mention_steps._continue_to_noun, NTV, (2, 6), "ein Sprecher des Fernsehsenders n-tv"),
    (mention_steps._continue_to_noun, LI_FEI, (2, 3), "Li"),
    (mention_steps._name_particle_in_front, LEYEN, (1, 3), "Von der Leyen"),
    (mention_steps._whole_entities, LI_FEI, (2, 3), "Li Fei"),
    (mention_steps._whole_entities, NATIONEN, (2, 4), "die Vereinten Nationen"),
    (mention_steps._cut_at_date, POLIZEI, (2, 7), "Angaben der Polizei"),
    (mention_steps._cut_at_adverbial, CASEY, (2, 9), "General George Casey"),
    (mention_steps._cut_at_adverbial, CASEY, (2, 5), "General George Casey"),
    (mention_steps._quoted_name_marks, SZ, (2, 4), "Die „Süddeutsche Zeitung“"),
    (mention_steps._titles_before_name, JUNG, (3, 6), "Der deutsche Verteidigungsminister Franz Josef Jung"),
    (mention_steps._titles_before_name, RAMIREZ, (2, 4), "Mexikos Innenminister Francisco Ramirez"),
    (mention_steps._titles_before_name, SCHMIDT, (2, 4), "Renate Schmidt"),
    (mention_steps._coordinated_speakers, TADIC, (0, 3), "Präsident Boris Tadić und Regierungschef Vojislav Koštunica"),
    (mention_steps._coordinated_speakers, TADIC_AFTER_VERB, (2, 5), "Präsident Boris Tadić"),
    (mention_steps._party_after_name, SCHMIDT, (2, 4), "Renate Schmidt (SPD)"),
    (mention_steps._affiliation, KITZ, (0, 2), "Theo Kitz vom Bankhaus Merck Finck"),
    (mention_steps._affiliation, WOHLRAB, (0, 2), "Moritz Wohlrab von der „Aktion Deutschland hilft“"),
    (mention_steps._affiliation, KELLER, (2, 4), "Anna Keller von der schwedischen Wetterwarte"),
    (mention_steps._affiliation, BERG, (0, 3), "Minister Tom Berg von der Kanzlei des Präsidenten"),
    (mention_steps._affiliation, REPORTERIN, (0, 2), "Eine Reporterin von n24"),
    (mention_steps._affiliation, KATASTROPHE, (2, 4), "der Präsident"),
    (mention_steps._affiliation, DEMONSTRANTEN, (2, 4), "die Demonstranten"),
    (mention_steps._genitive_attributes, SPIEGEL, (3, 4), "Angaben des Magazins „Der Spiegel“"),
    (mention_steps._genitive_attributes, WEBSITE, (2, 4), "die Website „wetterblog.de“"),
    (mention_steps._genitive_attributes, NACION, (2, 4), "die Zeitung '' La Nacion ''"),
    (mention_steps._genitive_attributes, ESA, (3, 4), "Auskunft der ESA"),
    (mention_steps._prepositional_attribute, DGAC, (0, 2), "Die Aufsichtsbehörde für Zivilluftfahrt"),
    (mention_steps._prepositional_attribute, SPD_INFINITIVE, (3, 5), "die SPD"),
    (mention_steps._prepositional_attribute, INTERVIEW, (2, 4), "der Trainer"),
    (mention_steps._noun_of_genitive, ONLINE, (4, 8), "die Online-Ausgabe des „Spiegel“"),
    (mention_steps._noun_of_genitive, ANTWORT, (4, 6), "die Antwort des Ministers"),
    (mention_steps._noun_of_genitive, BBC, (3, 5), "einem Bericht der BBC"),
    (mention_steps._apposition_after_comma, WIDMANN, (2, 6), "die Sprecherin der Unionsfraktion, Annette Widmann-Mauz"),
    (mention_steps._apposition_after_comma, PAU, (0, 2), "Petra Pau, Vizepräsidentin des Bundestages"),
    (mention_steps._apposition_after_comma, PAU_CLAUSE, (2, 4), "Petra Pau"),
    (mention_steps._apposition_after_comma, DEKAN, (0, 2), "Manfred Berg, der Dekan der Philosophischen Fakultät"),
    (mention_steps._apposition_after_comma, ZEITUNG, (2, 4), "Steve Marshall"),
    (mention_steps._apposition_after_comma, WEISE, (2, 6), "der Chef der Bundesagentur, Frank-Jürgen Weise"),
    (mention_steps._apposition_after_comma, BRENNER, (0, 2), "Karla Brenner, Sprecherin der Grünen"),
    (mention_steps._apposition_after_comma, RAHIMI, (2, 4), "Mohammed Rahimi"),
    (mention_steps._apposition_after_comma, KOLAROW, (0, 2), "Todor Kolarow"),
    (mention_steps._attribute_then_name, MARCHUK, (2, 4), "ein Sprecher auf ukrainischer Seite, Oleg Marchuk"),
    (mention_steps._attribute_then_name, RAHIMI, (2, 4), "Mohammed Rahimi"),
    (mention_steps._apposition_before_comma, KOWALSKI, (3, 7), "Jana Kowalski, Laborleiterin der Nordmilch GmbH"),
    (mention_steps._apposition_before_comma, MARCHUK, (8, 10), "ein Sprecher auf ukrainischer Seite, Oleg Marchuk"),
    (mention_steps._apposition_before_comma, PAU, (0, 2), "Petra Pau"),
]


@pytest.mark.parametrize("step, doc, bounds, expected", STEP_CASES,
                         ids=[f"{c[0].__name__}-{c[3]}" for c in STEP_CASES])
def test_step(step, doc, bounds, expected):
    mention, sent = _mention(doc, *bounds)
    assert step(mention, sent).text == expected


def test_every_step_is_applied_once_and_is_tested():
    assert len(set(mention_steps._MENTION_STEPS)) == len(mention_steps._MENTION_STEPS)
    assert {c[0] for c in STEP_CASES} == set(mention_steps._MENTION_STEPS)


@pytest.mark.parametrize("doc, bounds, expected", [
    (SCHMIDT, (5, 7), "Renate Schmidt (SPD)"),
    (ANALYSTEN, (1, 3), "Analysten"),
    (LORENZEN, (2, 6), "Dirk Lorenzen"),
    (LI_FEI, (2, 3), "Li Fei"),
    (LEYEN, (1, 3), "Von der Leyen"),
    (CASEY, (2, 9), "General George Casey"),
    (JUNG, (3, 6), "Der deutsche Verteidigungsminister Franz Josef Jung"),
    (TADIC, (0, 3), "Präsident Boris Tadić und Regierungschef Vojislav Koštunica"),
    (KITZ, (0, 2), "Theo Kitz vom Bankhaus Merck Finck"),
    (SPIEGEL, (3, 6), "Angaben des Magazins „Der Spiegel“"),
    (WIDMANN, (2, 6), "die Sprecherin der Unionsfraktion, Annette Widmann-Mauz"),
    (ROTH, (4, 9), "Jan Roth"),
    (BERG, (1, 3), "Minister Tom Berg von der Kanzlei des Präsidenten"),
    (INTERVIEW, (2, 4), "der Trainer"),
    (KOWALSKI, (3, 7), "Jana Kowalski, Laborleiterin der Nordmilch GmbH"),
    (MARCHUK, (2, 4), "ein Sprecher auf ukrainischer Seite, Oleg Marchuk"),
])
def test_refine_mention_applies_the_steps_in_order(doc, bounds, expected):
    mention, _ = _mention(doc, *bounds)
    refined = refine_mention(mention)
    assert refined.text == expected
    assert refined.label_ == ""


def test_refine_mention_keeps_a_pronoun_and_drops_an_entity_label():
    pronoun = LEYEN[5:6]
    assert refine_mention(pronoun) is pronoun
    entity = LEYEN.ents[0]
    assert entity.label_ == "PER"
    refined = refine_mention(entity)
    assert refined.text == "Von der Leyen" and refined.label_ == ""




# --------------------------------------------------------------------------------------------------------------
# verb predicates

PRES_SG = "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"  # no Mood: the model missed it, only the form tells

PLANE = _doc(f"""
    Die       DET   ART   der       1 det   Case=Nom
    Regierung NOUN  NN    Regierung 2 nsubj Case=Nom
    plane     VERB  VVFIN planen    2 ROOT  {PRES_SG}
    Reformen  NOUN  NN    Reform    2 obj   Case=Acc
    .         PUNCT $.    .         2 punct _
""")
ICH_PLANE = _doc("""
    Ich      PRON  PPER  ich    1 nsubj Case=Nom
    plane    VERB  VVFIN planen 1 ROOT  Number=Sing|Person=1|Tense=Pres|VerbForm=Fin
    Reformen NOUN  NN    Reform 1 obj   Case=Acc
    .        PUNCT $.    .      1 punct _
""")
# the lemmatizer gave up: the lemma is the form
GEHOERE = _doc(f"""
    Das    PRON  PDS   der    1 nsubj  _
    gehöre VERB  VVFIN gehöre 1 ROOT   {PRES_SG}
    dazu   ADV   PAV   dazu   1 advmod _
    .      PUNCT $.    .      1 punct  _
""")
# a weak past whose lemma came out as the plural
KIPPTE = _doc("""
    Der    DET   ART   der     1 det   Case=Nom
    Kurs   NOUN  NN    Kurs    2 nsubj Case=Nom
    kippte VERB  VVFIN kippten 2 ROOT  Number=Sing|Person=3|Tense=Past|VerbForm=Fin
    .      PUNCT $.    .       2 punct _
""")
# an adjective with a verb's tag
DIVERSE = _doc("""
    Es      PRON  PPER  es     1 nsubj Case=Nom
    gab     VERB  VVFIN geben  1 ROOT  Number=Sing|Person=3|Tense=Past|VerbForm=Fin
    diverse ADJ   VVFIN divers 3 amod  Case=Acc
    Gründe  NOUN  NN    Grund  1 obj   Case=Acc
    .       PUNCT $.    .      1 punct _
""")
PERFECT_UD = _doc(f"""
    Er     PRON  PPER  er    3 nsubj Case=Nom
    habe   AUX   VAFIN haben 3 aux   {SUB_SG}
    das    PRON  PDS   der   3 obj   Case=Acc
    gesagt VERB  VVPP  sagen 3 ROOT  VerbForm=Part
    .      PUNCT $.    .     3 punct _
""")
# TIGER: the finite verb heads the clause, the participle hangs below it as oc
PERFECT_TIGER = _doc("""
    Ich    PRON  PPER  ich   1 sb    Case=Nom
    habe   AUX   VAFIN haben 1 ROOT  Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin
    das    PRON  PDS   der   3 oa    Case=Acc
    gesagt VERB  VVPP  sagen 1 oc    VerbForm=Part
    .      PUNCT $.    .     1 punct _
""")


@pytest.mark.parametrize("token, expected", [
    (PLANE[2], True),  # stem + e where the indicative has -t ("plant")
    (ICH_PLANE[1], False),  # the same form after "ich" is the indicative
    (PERFECT_UD[1], True),  # a listed form ("habe")
    (PERFECT_TIGER[1], False),  # "Ich habe": first person, by the TIGER subject
    (LEYEN[6], True),  # "sie sei"
    (GEHOERE[1], True),
    (KIPPTE[2], False),
    (DIVERSE[2], False),
], ids=lambda v: v.text if hasattr(v, "text") else None)
def test_looks_konjunktiv_1(token, expected):
    assert looks_konjunktiv_1(token) is expected


def _konjunktiv_2_doc(verb: str, pos: str, tag: str, lemma: str) -> Doc:
    """"Sie <verb> …" with the verb as root, its Mood left out: only the form tells."""
    return _doc(f"""
        Sie     PRON  PPER  sie     1 nsubj Case=Nom
        {verb}  {pos} {tag} {lemma} 1 ROOT  Number=Plur|Person=3|VerbForm=Fin
        dort    ADV   ADV   dort    1 advmod _
        .       PUNCT $.    .       1 punct _
    """)


@pytest.mark.parametrize("verb, pos, tag, lemma, expected", [
    ("wären", "AUX", "VAFIN", "sein", True),  # "Sie wären dort"
    ("hätten", "VERB", "VAFIN", "haben", True),
    ("befänden", "VERB", "VVFIN", "befinden", True),
    ("kämen", "VERB", "VVFIN", "kommen", True),
    ("zögen", "VERB", "VVFIN", "ziehen", True),  # not in konjunktiv_de.txt
    ("könnten", "AUX", "VMFIN", "können", True),  # a modal's umlaut past
    ("müssten", "AUX", "VMFIN", "müssen", True),
    ("führten", "VERB", "VVFIN", "führen", False),  # the infinitive has the umlaut: an indicative past
    ("zählen", "VERB", "VVFIN", "zählen", False),
    ("waren", "AUX", "VAFIN", "sein", False),
])
def test_looks_konjunktiv_2(verb, pos, tag, lemma, expected):
    assert looks_konjunktiv_2(_konjunktiv_2_doc(verb, pos, tag, lemma)[1]) is expected


def _wollten(mood: str) -> Doc:
    """"Sie wollten helfen": Konjunktiv II and indicative past have the same form; only the morphology tells."""
    return _doc(f"""
        Sie     PRON  PPER  sie    2 nsubj Case=Nom
        wollten AUX   VMFIN wollen 2 aux   Mood={mood}|Number=Plur|Person=3|Tense=Past|VerbForm=Fin
        helfen  VERB  VVINF helfen 2 ROOT  VerbForm=Inf
        .       PUNCT $.    .      2 punct _
    """)


WAERE_QUESTION = _doc("""
    Wäre    AUX   VAFIN sein    2 cop   Mood=Sub|Number=Sing|Person=3|Tense=Past|VerbForm=Fin
    das     PRON  PDS   der     2 nsubj _
    möglich ADJ   ADJD  möglich 2 ROOT  Degree=Pos
    ?       PUNCT $.    ?       2 punct _
""")
SEINE = _doc(f"""
    Er     PRON  PPER   er     1 nsubj Case=Nom
    nannte VERB  VVFIN  nennen 1 ROOT  {FIN_SG}
    seine  DET   PPOSAT sein   3 det   Case=Acc
    Gründe NOUN  NN     Grund  1 obj   Case=Acc
    .      PUNCT $.     .      1 punct _
""")


@pytest.mark.parametrize("token, expected", [
    (_wollten("Sub")[1], True),
    (_wollten("Ind")[1], False),
    (_konjunktiv_2_doc("wären", "AUX", "VAFIN", "sein")[1], True),  # by form
    (PLANE[2], True),
    (SEINE[2], False),  # a determiner, whatever its form
    (WAERE_QUESTION[0], False),  # a capitalized word is not read by its form or morphology
], ids=lambda v: v.text if hasattr(v, "text") else None)
def test_looks_subjunctive(token, expected):
    assert looks_subjunctive(token) is expected


def test_a_capitalized_form_is_still_a_konjunktiv_2_by_its_shape():
    assert looks_konjunktiv_2(WAERE_QUESTION[0]) is True


def _reported(verb: str, morph: str) -> Doc:
    """"Er sagte, er <verb> keine Zeit."."""
    return _doc(f"""
        Er     PRON  PPER  er    1 nsubj Case=Nom
        sagte  VERB  VVFIN sagen 1 ROOT  {FIN_SG}
        ,      PUNCT $,    ,     4 punct _
        er     PRON  PPER  er    4 nsubj Case=Nom
        {verb} VERB  VVFIN haben 1 ccomp {morph}
        keine  DET   PIAT  kein  6 det   Case=Acc
        Zeit   NOUN  NN    Zeit  4 obj   Case=Acc
        .      PUNCT $.    .     1 punct _
    """)


@pytest.mark.parametrize("verb, morph, expected", [
    ("habe", SUB_SG, True),
    ("hätte", "Mood=Sub|Number=Sing|Person=3|Tense=Past|VerbForm=Fin", True),
    ("hat", "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", False),
])
def test_clause_is_subjunctive(verb, morph, expected):
    doc = _reported(verb, morph)
    assert clause_is_subjunctive(doc[3:7]) is expected
    assert clause_is_subjunctive(doc[0:2]) is False  # "Er sagte"


# "Starke Winde hätten das Dach abgedeckt" with "hätten" tagged as an infinitive
WINDE = _doc("""
    Starke    ADJ   ADJA  stark    1 amod  Case=Nom
    Winde     NOUN  NN    Wind     5 nsubj Case=Nom
    hätten    AUX   VAINF haben    5 aux   VerbForm=Inf
    das       DET   ART   der      4 det   Case=Acc
    Dach      NOUN  NN    Dach     5 obj   Case=Acc
    abgedeckt VERB  VVPP  abdecken 5 ROOT  VerbForm=Part
    .         PUNCT $.    .        5 punct _
""")
# "teilte" with a finite verb's tag and an adjective's part of speech
TEILTE = _doc("""
    Die     DET   ART   der     1 det          Case=Nom
    Polizei NOUN  NN    Polizei 2 nsubj        Case=Nom
    teilte  ADJ   VVFIN teilen  2 ROOT         _
    mit     ADP   PTKVZ mit     2 compound:prt _
    .       PUNCT $.    .       2 punct        _
""")


@pytest.mark.parametrize("token, finite, verbal", [
    (SCHMIDT[1], True, True),  # "sagte" VVFIN, VerbForm=Fin
    (TEILTE[2], True, True),  # by the tag alone
    (WINDE[2], False, True),  # "hätten" VAINF
    (WINDE[5], False, True),  # "abgedeckt" VVPP
    (WINDE[1], False, False),
], ids=lambda v: v.text if hasattr(v, "text") else None)
def test_is_finite_and_is_verbal(token, finite, verbal):
    assert (is_finite(token), is_verbal(token)) == (finite, verbal)


# "dass Helfer im Einsatz seien" with "seien" tagged as a zu-infinitive
SEIEN = _doc(f"""
    Sie     PRON  PPER    sie     1 nsubj Case=Nom
    sagten  VERB  VVFIN   sagen   1 ROOT  {FIN_PL}
    ,       PUNCT $,      ,       7 punct _
    dass    SCONJ KOUS    dass    7 mark  _
    Helfer  NOUN  NN      Helfer  7 nsubj Case=Nom
    im      ADP   APPRART in      6 case  _
    Einsatz NOUN  NN      Einsatz 7 obl   Case=Dat
    seien   VERB  VVIZU   sein    1 ccomp VerbForm=Inf
    .       PUNCT $.      .       1 punct _
""")
# "es gebe Tote" with "gebe" tagged as an adjective
GEBE = _doc("""
    Es   PRON  PPER  es    1 nsubj Case=Nom
    gebe ADJ   ADJA  geben 1 ROOT  _
    Tote NOUN  NN    Tote  1 obj   Case=Acc
    .    PUNCT $.    .     1 punct _
""")
LIEGE = _doc("""
    Die   DET   ART   der   1 det   Case=Nom
    Liege NOUN  NN    Liege 3 nsubj Case=Nom
    ist   AUX   VAFIN sein  3 cop   Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin
    neu   ADJ   ADJD  neu   3 ROOT  Degree=Pos
    .     PUNCT $.    .     3 punct _
""")


@pytest.mark.parametrize("token, listed, finite", [
    (SEIEN[7], True, True),
    (GEBE[1], True, True),
    (WINDE[2], True, True),  # "hätten" VAINF
    (_konjunktiv_2_doc("zögen", "VERB", "VVINF", "ziehen")[1], False, True),  # not listed: by its umlaut
    (LIEGE[1], False, False),  # the noun "Liege", not the verb form "liege"
    (WINDE[5], False, False),  # a participle
    (SCHMIDT[1], False, True),  # an indicative finite verb
], ids=lambda v: v.text if hasattr(v, "text") else None)
def test_listed_konjunktiv_and_finite_or_konjunktiv(token, listed, finite):
    assert (listed_konjunktiv(token), finite_or_konjunktiv(token)) == (listed, finite)


@pytest.mark.parametrize("token, chain, subject", [
    (PERFECT_UD[1], ["habe", "gesagt"], "Er"),  # UD: the auxiliary hangs below the participle as aux
    (PERFECT_UD[3], ["gesagt", "habe"], "Er"),
    (PERFECT_TIGER[1], ["habe", "gesagt"], "Ich"),  # TIGER: the participle hangs below the finite verb as oc
    (PERFECT_TIGER[3], ["gesagt", "habe"], "Ich"),
], ids=["ud-aux", "ud-participle", "tiger-finite", "tiger-participle"])
def test_verb_chain_and_subject_in_either_scheme(token, chain, subject):
    assert [t.text for t in verb_chain(token)] == chain
    assert subject_of(token).text == subject

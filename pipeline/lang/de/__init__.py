"""German language data for the rules: quotation marks (:mod:`.marks`), calendar words (:mod:`.calendar`), word
classes named by purpose (:mod:`.words`) and verb forms (:mod:`.verbs`: finite verb, Konjunktiv). The word lists
themselves are files under ``pipeline/resources/``; these modules read them once and name what they are for."""

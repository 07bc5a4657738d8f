from localoffer_ssg.synonyms import Synonyms

WORDS = Synonyms((("short breaks", "respite"), ("EHC plan", "EHCP", "education health and care plan"),
                  ("ASD", "autism")))


def test_a_word_in_the_text_brings_in_its_group():
    assert WORDS.expand("We run short breaks at weekends.") == ("respite",)


def test_matching_ignores_case_and_punctuation():
    assert WORDS.expand("Education, Health and Care plan") == ("EHC plan", "EHCP")
    assert WORDS.expand("Ask about an (EHC) plan.") == ("EHCP", "education health and care plan")


def test_whole_words_only():
    assert WORDS.expand("a fantasdfasd gasd") == ()
    assert WORDS.expand("Autism support") == ("ASD",)


def test_words_already_present_are_not_repeated():
    assert WORDS.expand("Respite, also called short breaks") == ()

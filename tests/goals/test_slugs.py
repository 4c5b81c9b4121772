from kek.goals.slugs import german_slug


def test_it_transliterates_umlauts():
    assert german_slug("Übergänge für Fachkräfte") == "uebergaenge-fuer-fachkraefte"


def test_it_drops_punctuation_and_ampersands():
    assert german_slug("Wirtschaft & Innovation") == "wirtschaft-innovation"


def test_it_cuts_long_titles_at_a_word_boundary():
    slug = german_slug("Zusammenarbeit von Unternehmen, Hochschulen und Forschung ausbauen")
    assert slug == "zusammenarbeit-von-unternehmen-hochschulen-und-forschung"
    assert len(slug) <= 60


def test_it_makes_taken_slugs_unique_with_a_number():
    assert german_slug("Bildung", {"bildung", "bildung-2"}) == "bildung-3"


def test_it_falls_back_for_titles_without_letters():
    assert german_slug("§ – ?") == "ziel"

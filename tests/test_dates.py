from datetime import date

from core.dates import find, find_in_text
from core.lexicon import load

FRIDAY = date(2020, 2, 28)  # a Friday


def _first(text, lang="nb", published=FRIDAY):
    cues = find(text, load(lang), published)
    return (cues[0].date, cues[0].precision) if cues else None


def test_weekday_is_the_latest_on_or_before_publication():
    assert _first("Angrepet skjedde fredag.") == ("2020-02-28", "day")
    assert _first("Angrepet skjedde onsdag.") == ("2020-02-26", "day")
    assert _first("Angrepet skjedde torsdag kveld.") == ("2020-02-27", "day")


def test_night_to_and_yesterday():
    assert _first("Natt til fredag kom 300 flyktninger.") == ("2020-02-28", "day")
    assert _first("Ministeren sa i går at ...") == ("2020-02-27", "day")
    assert _first("The minister said yesterday.", "en") == ("2020-02-27", "day")


def test_absolute_dates_with_and_without_year():
    assert _first("Møtet var 3. mars 2019.") == ("2019-03-03", "day")
    assert _first("Møtet var 26. februar.") == ("2020-02-26", "day")
    assert _first("Talks were held on Feb. 20 in Ankara.", "en") == ("2020-02-20", "day")
    assert _first("Troops entered the country in 2016.", "en") == ("2016-01-01", "year")


def test_no_cue_and_no_anchor_gives_nothing():
    assert _first("Ingen dato her.") is None
    assert find("Møtet var fredag.", load("nb"), None) == []


def test_dateline_in_the_text_is_found():
    assert find_in_text("OSLO 28. februar 2020 (NTB): Tekst.", load("nb")) == FRIDAY

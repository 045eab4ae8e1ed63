"""Tests for geo.dates: user dates, anchors and the dates of events in sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dates import event_date, find_anchor, find_dates, parse_user_date
from geo.errors import DateError
from geo.model import Anchor, EventDate

SUNDAY = Anchor(dt.date(2017, 10, 15), "day", "manifest")  # a Sunday


def day(text: str, anchor: Anchor = SUNDAY, carried: EventDate | None = None) -> EventDate:
    return event_date(text, anchor, carried)


# -- parse_user_date --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2017-10-15", dt.date(2017, 10, 15)),
        ("2017-10", dt.date(2017, 10, 1)),
        ("2017", dt.date(2017, 1, 1)),
        (" 2017-06-04 ", dt.date(2017, 6, 4)),
    ],
)
def test_parse_user_date_forms(text, expected):
    assert parse_user_date(text) == expected


@pytest.mark.parametrize("text", ["15/10/2017", "2017-13-01", "2017-02-30", "", "yesterday",
                                  "2017-1-1x", "17-10-15"])
def test_parse_user_date_rejects_and_names_the_text(text):
    with pytest.raises(DateError) as error:
        parse_user_date(text)
    assert repr(text) in str(error.value)


# -- relative dates ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On Saturday, army units stormed the northern suburbs.", "2017-10-14"),
        ("Last night, the remaining fighters left the town by bus.", "2017-10-14"),
        ("The last convoy left the district last night, a monitor said.", "2017-10-14"),
        ("Yesterday the rebels lost two villages.", "2017-10-14"),
        ("A spokesman said on Sunday that the town was secure.", "2017-10-15"),
        ("This morning the checkpoint reopened.", "2017-10-15"),
        ("Troops entered the market area late on Friday night.", "2017-10-13"),
        ("Last Sunday the group shelled the airport road.", "2017-10-08"),
        ("In Saturday's fighting the militants lost the bridge.", "2017-10-14"),
        ("On Wednesday, jets struck the depot.", "2017-10-11"),
    ],
)
def test_weekdays_and_nights_count_back_from_the_anchor(sentence, expected):
    result = day(sentence)
    assert (result.date, result.precision, result.explicit) == (expected, "day", True)
    assert not result.historical


def test_earlier_this_week_is_inside_the_week_with_low_confidence():
    result = day("Earlier this week, the ministry said air strikes had been reduced.")
    assert dt.date(2017, 10, 9) <= dt.date.fromisoformat(result.date) <= dt.date(2017, 10, 14)
    assert result.confidence <= 0.5


def test_last_week_and_last_month():
    week = day("Last week the militia withdrew from the crossing.")
    assert week.date == "2017-10-08" and week.confidence <= 0.5
    month = day("Last month, the militants rushed to occupy several oil fields.")
    assert (month.date, month.precision) == ("2017-09", "month")


def test_the_weekend_is_the_sunday_before():
    monday = Anchor(dt.date(2017, 10, 16), "day", "manifest")
    assert day("Rebels took the town over the weekend.", monday).date == "2017-10-15"
    assert day("Rebels took the town at the weekend.", SUNDAY).date == "2017-10-15"
    assert day("Rebels took the town last weekend.", Anchor(dt.date(2017, 10, 18))).date == \
        "2017-10-15"


def test_more_than_a_month_ago_is_the_previous_month():
    result = day("More than a month ago, troops broke the siege of the airbase.")
    assert (result.date, result.precision) == ("2017-09", "month")


def test_a_clause_after_after_is_dated_back_from_the_main_date():
    sentence = ("On Saturday, troops took the river town, more than one month after they "
                "broke the siege of the provincial capital.")
    mentions = find_dates(sentence, SUNDAY)
    assert [m.date.date for m in mentions] == ["2017-10-14", "2017-09"]
    assert mentions[1].date.precision == "month"
    assert day(sentence).date == "2017-10-14"  # the main clause leads


def test_days_later_counts_from_the_carried_date():
    carried = EventDate("2017-10-10", "day", 0.9, explicit=True)
    later = day("Two days later the rebels pulled out of the hills.", carried=carried)
    assert later.date == "2017-10-12" and later.explicit
    hours = day("Hours later, the army raised its flag over the square.", carried=carried)
    assert hours.date == "2017-10-10"
    next_day = day("The next day, the militia handed over its positions.", carried=carried)
    assert next_day.date == "2017-10-11"


def test_the_previous_days_fall_just_before_the_date_named_before_them():
    sentence = ("The army captured Shajara on Saturday, after it had seized Tasil and Jamla "
                "in the previous days.")
    mentions = find_dates(sentence, SUNDAY)
    assert [m.date.date for m in mentions] == ["2017-10-14", "2017-10-12"]
    # Counted from the publication date alone, only the month is sure.
    weeks = find_dates("It took the hills in the preceding weeks.", SUNDAY)
    assert [(m.date.date, m.date.precision) for m in weeks] == [("2017-10", "month")]


# -- absolute dates ---------------------------------------------------------------------
def test_month_and_day_take_the_anchor_year():
    result = day("The assault on the city began on June 6.")
    assert (result.date, result.precision, result.historical) == ("2017-06-06", "day", True)


def test_year_less_dates_prefer_the_past():
    january = Anchor(dt.date(2018, 1, 5), "day", "manifest")
    assert day("Rebels seized the dam on December 28.", january).date == "2017-12-28"


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("The city fell to the group in 2014.", "2014", "year"),
        ("Troops withdrew from the province in early 2013.", "2013", "year"),
        ("The militia took the town in mid-2016.", "2016", "year"),
        ("The base was abandoned late 2013, residents said.", "2013", "year"),
        ("The rebels held the valley in the summer of 2016.", "2016", "year"),
        ("Government forces lost the town in May 2015.", "2015-05", "month"),
        ("The group seized the town three years ago.", "2014", "year"),
    ],
)
def test_background_history_is_flagged(sentence, expected, precision):
    result = day(sentence)
    assert (result.date, result.precision) == (expected, precision)
    assert result.historical and result.explicit


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Troops entered the town on June 6, 2017, officials said.", "2017-06-06"),
        ("Troops entered the town on 6 June 2017, officials said.", "2017-06-06"),
        ("Troops entered the town on 6th June, 2017, officials said.", "2017-06-06"),
        ("The report dated 2017-06-06 says the town changed hands.", "2017-06-06"),
        ("A statement of Oct. 3, 2017 confirmed the withdrawal.", "2017-10-03"),
    ],
)
def test_full_dates_need_no_anchor(sentence, expected):
    for anchor in (SUNDAY, Anchor()):
        result = day(sentence, anchor)
        assert (result.date, result.precision, result.confidence) == (expected, "day", 1.0)


def test_ambiguous_numeric_dates_take_the_past_reading_nearest_the_anchor():
    assert day("Clashes were reported on 06/12/2017 near the dam.").date == "2017-06-12"
    assert day("Clashes were reported on 25/09/2017 near the dam.").date == "2017-09-25"


def test_words_that_look_like_dates_are_not_dates():
    for sentence in ("Government forces may advance towards the dam.",
                     "Fighting continued near Mayadin, said Jan Egeland of the aid council.",
                     "The three-year-long siege left 2,015 families without food.",
                     "UN resolution 2254 calls for talks."):
        assert find_dates(sentence, SUNDAY) == [], sentence


def test_find_dates_offsets_point_at_the_expression():
    sentence = "Rebels said on Saturday they had lost the hill in early 2016 and retaken it."
    mentions = find_dates(sentence, SUNDAY)
    assert [sentence[m.start:m.end] for m in mentions] == [m.text for m in mentions]
    assert [m.text for m in mentions] == ["Saturday", "in early 2016"]


def test_since_dates_open_a_span_and_do_not_date_the_sentence():
    sentence = ("The army has entered the province for the first time since the militants "
                "forced it out in 2013.")
    (mention,) = find_dates(sentence, SUNDAY)
    assert mention.since and mention.date.date == "2013"
    result = day(sentence)
    assert (result.date, result.explicit) == ("2017-10-15", False)


# -- defaults and anchors that are unknown or doubtful ------------------------------------
def test_no_date_gives_the_carried_date_then_the_anchor_day():
    carried = EventDate("2017-10-14", "day", 0.9, explicit=True)
    kept = day("The militants left their heavy weapons behind.", carried=carried)
    assert (kept.date, kept.explicit, kept.confidence) == ("2017-10-14", False, 0.9)
    default = day("The militants left their heavy weapons behind.")
    assert (default.date, default.precision, default.explicit) == ("2017-10-15", "day", False)


def test_unknown_anchor_without_an_absolute_date_gives_no_date():
    result = day("On Saturday, the army took the town.", Anchor())
    assert (result.date, result.precision, result.confidence) == ("", "", 0.0)
    assert day("The army took the town.", Anchor()).confidence == 0.0


def test_doubtful_anchor_coarsens_relative_dates():
    doubtful = Anchor(dt.date(2017, 10, 15), "day", "content", doubtful=True)
    result = day("On Saturday, the army took the town.", doubtful)
    assert (result.date, result.precision) == ("2017-10", "month")
    assert result.confidence <= 0.5
    absolute = day("The army took the town on 14 October 2017.", doubtful)
    assert (absolute.date, absolute.precision) == ("2017-10-14", "day")


def test_month_precision_anchor_coarsens_day_expressions():
    monthly = Anchor(dt.date(2017, 10, 1), "month", "header")
    result = day("Yesterday the army took the town.", monthly)
    assert result.precision == "month" and result.date == "2017-09"


# -- find_anchor ------------------------------------------------------------------------
BODY = ("Government troops entered the eastern districts of the town after a night of heavy "
        "shelling, a military source said, adding that engineers had begun clearing mines.")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Sunday, October 15, 2017", dt.date(2017, 10, 15)),
        ("Sun Oct 15, 2017 11:03AM", dt.date(2017, 10, 15)),
        ("Tuesday, 13 June 2017", dt.date(2017, 6, 13)),
        ("15/10/2017", dt.date(2017, 10, 15)),
        ("2017-10-15", dt.date(2017, 10, 15)),
        ("Oct. 15, 2017", dt.date(2017, 10, 15)),
        ("Published: 15 October 2017 | 09:30 GMT", dt.date(2017, 10, 15)),
    ],
)
def test_anchor_from_the_page_header(header, expected):
    anchor = find_anchor(f"{header}\n\nArmy retakes hill town\n\n{BODY}")
    assert (anchor.date, anchor.origin, anchor.doubtful) == (expected, "header", False)


def test_anchor_from_a_published_line_at_the_bottom():
    anchor = find_anchor(f"Army retakes hill town\n\n{BODY}\n\nPosted on 15 October 2017 by desk")
    assert (anchor.date, anchor.origin) == (dt.date(2017, 10, 15), "header")


def test_anchor_from_metadata_hints_first():
    anchor = find_anchor(f"Tuesday, 13 June 2017\n\n{BODY}", ["2017-10-15T09:30:00+03:00"])
    assert (anchor.date, anchor.origin) == (dt.date(2017, 10, 15), "header")


def test_anchor_from_a_wire_dateline_takes_the_year_from_the_text():
    text = (f"BEIRUT, March 3 (Reuters) - {BODY} The offensive began on February 20, 2017, "
            "the source said.")
    anchor = find_anchor(text)
    assert (anchor.date, anchor.origin, anchor.doubtful) == (dt.date(2017, 3, 3), "dateline", False)


def test_dateline_with_only_a_year_mention_is_doubtful():
    anchor = find_anchor(f"BEIRUT, March 3 (Reuters) - {BODY} The group took the town in 2014.")
    assert anchor.date == dt.date(2014, 3, 3) and anchor.doubtful


def test_full_date_dateline():
    anchor = find_anchor(f"Monday 12 June 2017 - {BODY}")
    assert (anchor.date, anchor.origin) == (dt.date(2017, 6, 12), "dateline")


def test_save_stamp_does_not_beat_the_page_header():
    text = f"Saved on 2023-03-02 from the archive\nMonday, 16 October 2017\n\n{BODY}"
    anchor = find_anchor(text)
    assert (anchor.date, anchor.doubtful) == (dt.date(2017, 10, 16), False)


def test_save_stamp_alone_is_a_doubtful_anchor():
    anchor = find_anchor(f"Saved on 2023-03-02 from the archive\n\n{BODY}")
    assert anchor.doubtful and anchor.date.year == 2023 and anchor.precision == "year"


def test_save_stamp_with_dated_content_infers_from_content():
    text = f"Saved on 2023-03-02\n\n{BODY}\n\nA local deal was reached on October 14, 2017."
    anchor = find_anchor(text)
    assert (anchor.date, anchor.origin, anchor.doubtful) == (dt.date(2017, 10, 14), "content",
                                                             True)


def test_header_years_after_every_event_is_doubtful():
    text = f"Monday, 16 October 2023\n\n{BODY} Talks were held on 2 September 2017."
    assert find_anchor(text).doubtful


def test_copyright_and_sidebar_dates_are_never_anchors():
    text = f"Most read - 3 March 2023\n\n{BODY}\n\n© 2023 Example News. All rights reserved."
    assert find_anchor(text) == Anchor()


def test_no_date_at_all_gives_an_empty_anchor():
    assert find_anchor(BODY) == Anchor()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_well_formed_date(text):
    result = event_date(text, SUNDAY)
    assert result.precision in ("day", "month", "year")
    assert len(result.date) == {"day": 10, "month": 7, "year": 4}[result.precision]
    for mention in find_dates(text, SUNDAY):
        assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize(("text", "expected"), [
    ("in August last year", "2014-08"),
    ("in March of last year", "2014-03"),
    ("in March this year", "2015-03"),
])
def test_a_month_takes_the_relative_year_after_it(text, expected):
    anchor = Anchor(dt.date(2015, 8, 14), "day", "manifest")
    assert [m.date.date for m in find_dates(text, anchor)] == [expected]


def test_a_dateline_without_year_comes_after_the_months_the_report_names():
    text = ("HOMS, March 3 - Syrian troops recaptured Palmyra on Thursday, state media said, "
            "nearly three months after it fell to Islamic State in December 2016.")
    anchor = find_anchor(text)
    assert anchor.date == dt.date(2017, 3, 3)
    assert anchor.doubtful  # the year is inferred, so claims get a coarser precision

"""The catalog's presentation rules: prices, credits, labels, dates, file names."""

from datetime import date

from crawler.publish import present


def test_price_in_words():
    assert present.price_words({"cost_class": "free", "price_amount": 0.0}) == "Free"
    assert (
        present.price_words(
            {"cost_class": "free-certificate-paid", "price_amount": 0, "certificate_fee": 9.99}
        )
        == "Free · certificate $9.99"
    )
    assert present.price_words({"cost_class": "paid", "price_amount": 20.0}) == "$20.00"
    assert (
        present.price_words(
            {"cost_class": "member-free", "price_amount": 29, "price_currency": "USD"}
        )
        == "Members free · $29.00 non-members"
    )
    assert present.price_words({"cost_class": "subscription"}) == "Subscription"
    assert (
        present.price_words({"cost_class": "paid", "price_amount": 15, "price_currency": "CHF"})
        == "15.00 CHF"
    )
    assert present.price_words({"cost_class": "unknown"}) == "Price not stated"


def test_credits_never_repeat_a_unit():
    assert (
        present.credits_line(
            {"contact_hours": 3.0, "aama_approved": "yes", "aama_category": "clinical"}
        )
        == "3 contact hours · AAMA CEU · clinical"
    )
    assert (
        present.credit_words(
            {"contact_hours": 3.0, "credit_amount": 3.0, "credit_unit": "contact_hour"}
        )
        == "3 contact hours"
    )
    assert (
        present.credit_words(
            {"contact_hours": 3.0, "credit_amount": 0.3, "credit_unit": "iacet_ceu"}
        )
        == "0.3 IACET CEUs (3 contact hours)"
    )
    assert present.credit_words({"contact_hours": 1.0}) == "1 contact hour"


def test_per_hour_price_names_its_currency():
    assert (
        present.per_hour_words({"price_per_contact_hour": 6.6667, "price_currency": "USD"})
        == "$6.67 per contact hour"
    )
    assert (
        present.per_hour_words({"price_per_contact_hour": 5, "price_currency": "EUR"})
        == "€5.00 per contact hour"
    )


def test_labels_are_plain_words():
    assert present.column_label("aama_approved") == "AAMA approved"
    assert present.column_label("check_refund_policy") == "Refund policy"
    assert (
        present.value_label("cost_class", "free-certificate-paid")
        == "Free course, paid certificate"
    )
    assert present.value_label("check_outcomes", "unknown") == "Could not be checked"
    assert "_" not in present.column_label("some_new_column")


def test_dates_and_near_expiry():
    assert present.date_words("2026-12-04T08:00:00+00:00") == "Dec 4, 2026"
    today = date(2026, 12, 4)
    assert (
        present.expiry_words({"credit_valid_until": "2027-01-10"}, today)
        == "Credit ends Jan 10, 2027"
    )
    assert present.expiry_words({"credit_valid_until": "2028-01-10"}, today) == ""
    assert present.expiry_words({"credit_valid_until": "2026-01-10"}, today).startswith(
        "Credit ended"
    )


def test_checked_points_leave_unknown_out():
    course = {f"check_{c.id}": "met" for c in present.CRITERIA}
    course["check_credit_valid"] = "unknown"
    assert present.checked_points(course) == (90, 100)
    assert (
        present.checked_words(course) == "90 of 100 checklist points could be checked (10% unknown)"
    )


def test_card_badges():
    shown = present.card({"cost_class": "free", "aama_approved": "yes", "score": 90, "band": "A"})
    assert [kind for kind, _ in shown["badges"]] == ["free", "aama"]
    assert shown["score"] == "Score 90 · band A"


def test_csv_file_name_names_the_filters():
    args = [
        ("cost_class", "free"),
        ("aama_approved", "yes"),
        ("aama_category", "clinical"),
        ("_sort", "x"),
    ]
    assert (
        present.filters_slug(args, date(2026, 12, 4))
        == "ceuscout-free-aama-clinical-2026-12-04.csv"
    )
    assert present.filters_slug([], date(2026, 12, 4)) == "ceuscout-2026-12-04.csv"
    long = present.filters_slug([("_search", "x" * 300)], date(2026, 12, 4))
    assert long.endswith("-2026-12-04.csv") and len(long) < 130


def test_points_words_show_the_unknown_share():
    course = {f"check_{c.id}": "met" for c in present.CRITERIA}
    course["check_credit_valid"] = "unknown"
    course["score"] = 73
    assert present.points_words(course) == (
        "Score 73: 66 of 90 checkable points; 10 of 100 points (10%) could not be checked"
    )


def test_cells_of_canned_queries_in_words():
    row = {"price_currency": "USD", "price_per_contact_hour": 5.0}
    assert present.cell_words("price_amount", 20, row) == "$20.00"
    assert present.cell_words("price_per_contact_hour", 5.0, row) == "$5.00 per contact hour"
    assert present.cell_words("first_seen", "2026-12-01T10:00:00+00:00", row) == "Dec 1, 2026"
    assert present.cell_words("aama_approved", "yes", row) == "AAMA approved"


def test_where_evidence_was_found_in_words():
    assert present.found_in_words("heading-section") == "a headed section of the page"
    assert present.found_in_words("new_kind") == "new kind"

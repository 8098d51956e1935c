"""store_page is one transaction per page (DESIGN §4); its speed is measured by `ceuscout bench`."""

from tests.support.store import TODAY, course_url, make_course, make_page, open_store


def typical_page(number: int):
    """One course with the usual fields and twenty links, like a demo detail page."""
    course = make_course(
        str(number),
        price_amount=25.0,
        price_currency="USD",
        description="Covers documentation and coding. " * 20,
        objectives=["Explain HIPAA", "Assign ICD-10 codes", "Document a visit"],
        instructors=[{"name": "Jo Smith", "credentials": ["CMA (AAMA)", "RN"]}],
        credit_amount=1.0,
        credit_unit="aama_ceu",
    )
    course.set("sections", {"Learning objectives": "By the end ... " * 40}, "heading-section")
    links = [(course_url(str(number + k)), "detail") for k in range(1, 21)]
    return make_page(course, links=links)


def test_store_page_is_a_single_transaction(tmp_path):
    with open_store(tmp_path) as store:
        run_id = store.begin_run("demo", today=TODAY)
        statements = []
        store.db.conn.set_trace_callback(statements.append)
        store.store_page(run_id, typical_page(1))
        store.store_page(run_id, typical_page(1))
        store.db.conn.set_trace_callback(None)
    transaction = [s for s in statements if s.split()[0] in ("BEGIN", "COMMIT", "ROLLBACK")]
    assert transaction == ["BEGIN IMMEDIATE", "COMMIT"] * 2

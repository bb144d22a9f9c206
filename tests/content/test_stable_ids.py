"""Published scored items are never edited in place: a change of meaning needs a new id."""

from assessment.content import get_content
from assessment.published import edited_in_place, fingerprints, read_lock


def test_every_scored_item_is_published():
    assert set(fingerprints(get_content())) <= set(read_lock())


def test_no_published_item_has_been_reworded_or_removed():
    changed = edited_in_place(get_content(), read_lock())
    assert changed == [], (
        f"These published items changed: {changed}. Give a question that changes meaning a new id; "
        "for a reviewed wording fix, run `python -m assessment publish`."
    )


def test_rewording_a_question_is_detected():
    content = get_content()
    lock = fingerprints(content)
    question = content.readiness.questions[0]
    reworded = content.model_copy(update={"readiness": content.readiness.model_copy(update={
        "questions": [question.model_copy(update={"text": question.text + " Really?"}),
                      *content.readiness.questions[1:]]})})
    assert edited_in_place(reworded, lock) == [f"readiness.{question.id}"]

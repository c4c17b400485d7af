from decimal import Decimal

from explainer.checks.questions import attempt
from explainer.checks.scoring import score

QUESTIONS = attempt(2718)


def right_answers(questions=QUESTIONS) -> dict:
    return {q.id: q.answer if q.numeric else q.answer_key for q in questions}


def wrong_answer(question):
    if question.numeric:
        return question.answer + 1000
    return next(c.key for c in question.choices if c.key != question.answer_key)


def test_it_passes_an_attempt_with_every_answer_right():
    outcome = score(QUESTIONS, right_answers())
    assert outcome.correct == outcome.total == len(QUESTIONS)
    assert outcome.score == 100 and outcome.passed


def test_it_fails_an_attempt_below_eighty_percent():
    answers = right_answers()
    for question in QUESTIONS[:3]:
        answers[question.id] = wrong_answer(question)
    outcome = score(QUESTIONS, answers)
    assert outcome.correct == len(QUESTIONS) - 3
    assert outcome.correct * 100 < 80 * outcome.total and not outcome.passed


def test_it_passes_at_eighty_percent_or_more():
    answers = right_answers()
    answers[QUESTIONS[0].id] = wrong_answer(QUESTIONS[0])
    answers[QUESTIONS[1].id] = wrong_answer(QUESTIONS[1])
    outcome = score(QUESTIONS, answers)
    assert outcome.correct == len(QUESTIONS) - 2 and outcome.passed


def test_it_counts_unanswered_questions_as_wrong():
    outcome = score(QUESTIONS, {})
    assert outcome.correct == 0 and not outcome.passed
    assert all(mark.given_text == "No answer" for mark in outcome.marks)


def test_it_accepts_a_number_within_the_stated_tolerance_and_no_further():
    question = next(q for q in QUESTIONS if q.numeric and not q.relative)
    assert question.is_right(question.answer + question.tolerance)
    assert not question.is_right(question.answer + question.tolerance + Decimal("0.001"))


def test_a_relative_tolerance_is_a_share_of_the_answer():
    question = next(q for q in QUESTIONS if q.relative)
    near = question.answer * (1 + question.tolerance)
    assert question.is_right(near)
    assert not question.is_right(near + question.answer * Decimal("0.0001"))


def test_the_rounded_answer_shown_after_scoring_counts_as_right():
    for question in QUESTIONS:
        if question.numeric:
            typed = question.answer_text.replace(",", "").split()[0].replace("+", "")
            assert question.is_right(Decimal(typed)), question.id

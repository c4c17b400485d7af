import re

import pytest

from explainer.checks.questions import GENERATORS, attempt
from explainer.models import Article

SEEDS = [0, 1, 7, 42, 123_456, 999_999_999]


def test_it_gives_the_same_questions_and_answers_for_the_same_seed():
    assert attempt(314_159) == attempt(314_159)


def test_it_gives_different_numbers_for_different_seeds():
    first, second = attempt(1), attempt(2)
    assert all(
        (a.prompt, a.facts, a.table) != (b.prompt, b.facts, b.table)
        for a, b in zip(first, second, strict=True)
    )


def test_it_asks_thirteen_to_fifteen_questions_with_stable_ids():
    questions = attempt(5)
    assert 13 <= len(questions) <= 15
    assert [question.id for question in questions] == list(GENERATORS)


@pytest.mark.parametrize("seed", SEEDS)
def test_it_mixes_choices_and_numbers_with_a_stated_tolerance(seed):
    questions = attempt(seed)
    numeric = [question for question in questions if question.numeric]
    assert 4 <= len(numeric) <= len(questions) - 4
    assert all(question.answer is not None and question.tolerance > 0 for question in numeric)
    assert all(question.tolerance_text.startswith("within ") for question in numeric)


@pytest.mark.parametrize("seed", SEEDS)
def test_each_choice_question_has_distinct_choices_and_one_right_key(seed):
    for question in attempt(seed):
        if not question.numeric:
            texts = [choice.text for choice in question.choices]
            assert len(set(texts)) == len(texts) >= 3
            assert question.answer_key in {choice.key for choice in question.choices}


def test_the_seed_shuffles_the_place_of_the_right_choice():
    keys = {attempt(seed)[0].answer_key for seed in range(20)}
    assert len(keys) >= 3


@pytest.mark.django_db
def test_every_link_points_to_a_section_that_exists():
    for question in attempt(0):
        article = Article.objects.get(slug=question.link.article, published=True)
        ids = set(re.findall(r'<h[23][^>]* id="([^"]+)"', article.body_html))
        assert question.link.section in ids, question.id


@pytest.mark.parametrize("seed", SEEDS)
def test_explanations_and_answers_are_written_for_each_attempt(seed):
    for question in attempt(seed):
        assert question.explanation and question.answer_text and question.prompt

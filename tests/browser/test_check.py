"""The readiness check in Chromium: started from /check/, answered, scored, with the recent
attempts loaded by htmx; the whole walk without JavaScript; and in a frame, the answered and
completed events. The `page` fixture fails a test on any console error or CSP violation."""

import re

from playwright.sync_api import expect

from explainer.checks.questions import attempt

COLLECT = """
window.__checkEvents = [];
['answered', 'completed'].forEach((name) => document.addEventListener(
  'margin-academy:' + name, (e) => window.__checkEvents.push([name, e.detail])));
"""


def answer(page, seed: int, *, wrong: int = 0) -> int:
    """Answers every question, the first `wrong` of them wrongly; returns how many are right."""
    for number, question in enumerate(attempt(seed)):
        if question.numeric:
            value = question.answer * (2 if number < wrong else 1)
            page.fill(f"#id_{question.id}", f"{value:.4f}")
        else:
            keys = [
                c.key
                for c in question.choices
                if (c.key == question.answer_key) != (number < wrong)
            ]
            page.check(f"#id_{question.id}_{keys[0]}")
    return len(attempt(seed)) - wrong


def seed_of(page) -> int:
    return int(re.search(r"/check/(\d+)/", page.url).group(1))


def test_a_reader_takes_the_check_and_sees_the_results(page, site, shoot, axe):
    page.goto(f"{site}/check/")
    expect(page.locator(".check-progress")).to_contain_text("No attempts yet")
    axe(page)
    page.click("text=Start the check")
    expect(page).to_have_url(re.compile(r"/check/\d+/$"))
    axe(page)
    shoot(page, "check-attempt")
    seed = seed_of(page)
    right = answer(page, seed, wrong=2)
    page.click("text=Check my answers")
    total = len(attempt(seed))
    expect(page.locator("h1")).to_contain_text(f"{right} of {total}")
    expect(page.locator(".check-verdict")).to_contain_text("You passed")
    expect(page.locator(".check-wrong")).to_have_count(2)
    axe(page)
    shoot(page, "check-result")
    page.goto(f"{site}/check/")
    expect(page.locator(".check-progress")).to_contain_text(f"{right} of {total}, passed")


def test_the_check_works_without_javascript(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/check/")
    expect(page.locator("a[href='/check/progress/']")).to_be_visible()
    page.click("text=Start the check")
    seed = seed_of(page)
    answer(page, seed, wrong=4)
    page.click("text=Check my answers")
    expect(page.locator(".check-verdict")).to_contain_text("Not passed yet")
    with page.expect_navigation():
        page.get_by_role("link", name="Try again with new numbers").first.click()
    assert seed_of(page) != seed
    page.goto(f"{site}/check/progress/")
    expect(page.locator(".check-progress")).to_contain_text("not passed")


def test_the_embedded_check_tells_the_page_each_answer_and_the_result(page, site, axe):
    page.context.add_init_script(COLLECT)
    seed = 8080
    page.goto(f"{site}/embed/check/{seed}/?theme=dark")
    answer(page, seed, wrong=1)
    page.click("text=Check my answers")
    expect(page.locator(".check-verdict")).to_be_visible()
    axe(page)
    events = page.evaluate("window.__checkEvents")
    answered = [detail for name, detail in events if name == "answered"]
    assert [a["question"] for a in answered] == [q.id for q in attempt(seed)]
    assert [a["correct"] for a in answered] == [False] + [True] * (len(answered) - 1)
    assert events[-1] == ["completed", {"score": 93, "passed": True}]

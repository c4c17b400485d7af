from explainer.content.render import (
    GlossaryLink,
    link_glossary_terms,
    render_body,
    split_calculator_slots,
)

LEVERAGE = GlossaryLink("leverage", "How many times your margin the position is.", ("leverage",))
MARGIN = GlossaryLink("margin", "Money that backs a position.", ("margin",))
ISOLATED = GlossaryLink("isolated-margin", "Margin kept for one position.", ("isolated margin",))


def render(body: str, glossary=(LEVERAGE,)):
    return render_body(body, figure=lambda name, field: f"[{name}.{field}]", glossary=glossary)


def test_figure_tokens_become_engine_figures():
    assert "[seed_isolated.max_loss]" in render("You lose {{ seed_isolated.max_loss }}.").text


def test_calculator_lines_become_slots_the_page_can_fill():
    html = render("Intro.\n\n[[calculator isolated-vs-cross preset=seed-isolated]]\n\nAfter.").html
    segments = split_calculator_slots(html)
    assert [s.calculator for s in segments] == ["", "isolated-vs-cross", ""]
    assert segments[1].preset == "seed-isolated"


def test_only_the_first_mention_of_a_term_is_linked():
    html = link_glossary_terms("<p>Leverage is fun. Leverage is risky.</p>", [LEVERAGE])
    assert html.count('class="glossary-term"') == 1
    assert 'href="/glossary/#leverage"' in html


def test_terms_in_headings_and_links_are_left_alone():
    html = link_glossary_terms('<h2>Leverage</h2><a href="/x">leverage</a>', [LEVERAGE])
    assert "glossary-term" not in html


def test_the_longest_matching_term_wins():
    html = link_glossary_terms("<p>Isolated margin is simple.</p>", [MARGIN, ISOLATED])
    assert 'href="/glossary/#isolated-margin"' in html
    assert 'href="/glossary/#margin"' not in html


def test_the_tip_text_is_escaped():
    term = GlossaryLink("x", "a <b> tip", ("word",))
    assert "a &lt;b&gt; tip" in link_glossary_terms("<p>word</p>", [term])


def test_headings_feed_the_table_of_contents():
    rendered = render("## First\n\ntext\n\n### Second\n\nmore")
    assert rendered.headings == ("First", "Second")
    assert 'href="#first"' in rendered.toc_html

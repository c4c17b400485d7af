"""The body reader's own promises, beyond what the endpoints' tests show."""

from explainer.api import parsing


class CountingKey(str):
    """A key that counts how often it is compared for equality."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        CountingKey.comparisons += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_finding_a_repeated_key_costs_linear_time_not_quadratic():
    keys = [CountingKey(f"k{index}") for index in range(2000)] + [CountingKey("k1999")]
    CountingKey.comparisons = 0
    try:
        parsing._object([(key, 1) for key in keys])
    except parsing._DuplicateKey as error:
        assert str(error) == '"k1999"'
    assert CountingKey.comparisons < 10 * len(keys)


def test_a_body_whose_last_key_repeats_is_refused_and_names_the_key():
    raw = "{" + ",".join(f'"k{index}": 1' for index in range(5000)) + ', "k4999": 2}'
    try:
        parsing.load(raw.encode())
    except parsing.InvalidBody as error:
        assert error.errors[0].message == 'The key "k4999" appears twice in one object.'
    else:
        raise AssertionError("a repeated key was accepted")

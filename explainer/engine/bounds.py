"""The bounds every number put to the engine keeps, whoever asks: the calculators' forms
(explainer/calculators/inputs.py), the API's number kinds (explainer/api/numbers.py) and the
engine's own validation all read these, so the three cannot disagree.

1e15 USDC (a thousand trillion) is far above any real balance, price or size, and its sums
and products stay far inside the engine's 40 significant digits; 1e-18 and 18 decimal
places are finer than any tick, lot or rate.
"""

from decimal import Decimal

LARGEST = Decimal("1e15")  # the most any amount, price or size may be (included)
SMALLEST = Decimal("1e-18")  # the least a number other than 0 may be in size (included)
MAX_PLACES = 18
MAX_DIGITS = 40  # the engine's precision: an input is never rounded

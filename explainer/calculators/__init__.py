"""The live calculators of Margin Academy.

Each calculator is a GET form (forms.py) that validates the reader's numbers and asks the
margin engine (questions/); charts.py turns the engine's answers into Plotly figure dicts;
views.py binds, calls and renders, the whole page or, for htmx, the results partial.
"""

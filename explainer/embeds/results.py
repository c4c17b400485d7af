"""What a `change` message tells the parent page: the inputs, and the key results as the
calculator shows them (its first table, already formatted from the engine's numbers)."""

from explainer.calculators.tables import Table
from explainer.calculators.widgets import Widget


def change(widget: Widget) -> dict:
    message: dict = {"calculator": widget.calculator.slug, "inputs": dict(widget.form.data)}
    if not widget.valid:
        errors = {name: [str(e) for e in errors] for name, errors in widget.form.errors.items()}
        return message | {"valid": False, "results": {}, "errors": errors}
    presentation = widget.presentation
    table = presentation.tables[0]
    results = {"summary": presentation.lede, "caption": table.caption, "figures": figures(table)}
    return message | {"valid": True, "results": results}


def figures(table: Table) -> dict:
    """{row: value} for a one-column table, {row: {column: value}} for more; a wide table
    (one row per leverage) gives the reader's own row only."""
    rows = [row for row in table.rows if row.current] if table.wide else list(table.rows)
    columns = table.head[1:]
    if len(columns) == 1:
        return {row.label: row.cells[0] for row in rows}
    return {row.label: dict(zip(columns, row.cells, strict=False)) for row in rows}

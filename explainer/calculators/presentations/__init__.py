"""The words and tables of the calculators added after tables.py: one module per calculator,
as in questions/ and charts/, built from tables.py's Row, Table and Presentation."""

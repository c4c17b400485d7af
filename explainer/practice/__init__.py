"""The practice account (/practice/): a per-visitor account kept in the database session, the
controls an exchange has, price paths to replay and three guided scenarios.

Every number comes from explainer.engine.practice; this package validates what the reader
sends (forms), keeps the account (store), and turns the engine's state into tables, charts and
sentences (tables, charts, narrative) for the templates under templates/practice/.
"""

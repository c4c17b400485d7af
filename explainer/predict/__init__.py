"""Predict, then reveal: the reader commits a guess before the engine's answer shows."""

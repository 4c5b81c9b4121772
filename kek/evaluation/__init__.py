"""Evaluation methods for target indicators (SPEC §4, F14) and their roll-up (F15)."""

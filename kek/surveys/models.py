"""Questionnaires with results through the charts app (F23)."""

"""SWOT analysis (F11): rule-based suggestions from indicator data."""

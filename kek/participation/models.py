"""Participation base: comments, ratings, reports, moderation, phases (F21–F23, F25)."""

"""Follows and notifications (F25)."""

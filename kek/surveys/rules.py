"""Planners maintain the surveys, publish their results and export the responses (F23,
SPEC §1); answering needs an account unless the survey allows anonymous answers, and reading
published results needs nothing. Every write of the back office is checked against these on
the server."""

import rules

from kek.accounts.rules import is_planner

for verb in ("add", "change", "delete", "view"):
    rules.add_perm(f"surveys.{verb}_survey", is_planner)
rules.add_perm("surveys.publish_results", is_planner)
# The responses with their free-text answers (CSV and XLSX): planners only.
rules.add_perm("surveys.export_response", is_planner)

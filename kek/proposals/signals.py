"""Signals of the proposals (F22); kek.follows listens and notifies the author and the
followers. Both are sent after the change is committed.

- `answer_published(sender=Proposal, proposal=…)`: "Antwort veröffentlichen" was pressed.
- `state_changed(sender=Proposal, proposal=…, old=…, new=…)`: the state changed.
"""

from django.dispatch import Signal

answer_published = Signal()
state_changed = Signal()

"""Citizens' proposals with supports, states and official answers (F22)."""

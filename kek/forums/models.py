"""Discussion topics per field of action, goal or project (F21)."""

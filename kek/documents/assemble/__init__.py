"""Live data → `kek.documents.document.Document`, one module per kind (see `kinds`)."""

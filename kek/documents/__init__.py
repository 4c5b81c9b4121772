"""Documents from live data (F27, issue 14): the Endbericht (Lang- und Kurzfassung), Zielsystem,
SWOT-Analyse, Projektkatalog and Evaluierungsbericht as PDF/UA (WeasyPrint), DOCX (python-docx)
and, for the catalogue, XLSX; built by background jobs when their inputs change.

- `document`: the pure document model (sections and blocks) that every renderer reads.
- `kinds`: the documents a district has (a registry), each with its assembly function.
- `assemble/`: live data → `document.Document`, one module per kind.
- `pdf`, `docx`, `xlsx`: renderers, `Document` → bytes.
- `builds`, `tasks`, `signals`: content hash, the build jobs, what queues them.
- `pages`, `blocks`: the editorial chapters (Wagtail pages with a StreamField) whose blocks
  render on the web page "Endbericht" and in the documents alike.
"""

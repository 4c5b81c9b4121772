"""StreamField blocks of the editorial chapters (F27, F26): rich text, a figure with caption,
a live chart, a goal tree, a project list and a SWOT matrix. Each block gives the
`document` blocks it stands for (`to_document`), which the web page and the documents
render alike."""

from wagtail import blocks as wagtail_blocks

SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]

BODY_BLOCKS = [
    ("text", wagtail_blocks.RichTextBlock(features=SECTION_FEATURES, label="Text")),
]

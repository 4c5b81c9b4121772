"""Draw the site's icon: kek/core/static/kek/favicon.svg and favicon.ico (16, 32, 48 px).

One-off developer tool; both files are committed. The icon is a white "K" on the KERN action
blue, drawn from the same shapes in both files. Run `.venv/bin/python scripts/make_favicon.py`
after changing a shape or colour (needs Pillow, which Wagtail installs).
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parents[1] / "kek" / "core" / "static" / "kek"
BLUE = "#2044aa"  # --kern-color-action-default
WHITE = "#ffffff"
RADIUS = 6  # on a 32 × 32 grid
SHAPES = [  # the letter K: stem, upper arm, lower arm
    [(8, 6), (12.5, 6), (12.5, 26), (8, 26)],
    [(12.5, 13), (19.5, 6), (25.5, 6), (12.5, 19.5)],
    [(14.6, 15.4), (25.5, 26), (19.6, 26), (12.5, 19.2)],
]


def svg() -> str:
    polygons = "".join(
        f'<polygon points="{" ".join(f"{x:g},{y:g}" for x, y in shape)}"/>' for shape in SHAPES
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect width="32" height="32" rx="{RADIUS}" fill="{BLUE}"/>'
        f'<g fill="{WHITE}">{polygons}</g></svg>\n'
    )


def bitmap(scale: int = 16) -> Image.Image:
    """The icon at 512 px, drawn large and scaled down for smooth edges."""
    size = 32 * scale
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=RADIUS * scale, fill=BLUE)
    for shape in SHAPES:
        draw.polygon([(x * scale, y * scale) for x, y in shape], fill=WHITE)
    return image


def main() -> None:
    (STATIC / "favicon.svg").write_text(svg(), encoding="utf-8")
    large = bitmap()
    frames = [large.resize((n, n), Image.Resampling.LANCZOS) for n in (48, 32, 16)]
    frames[0].save(
        STATIC / "favicon.ico", sizes=[(48, 48), (32, 32), (16, 16)], append_images=frames[1:]
    )


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Makes the Pillow references that FormatReferenceTest compares imbytes' decodes with.

Run from the repository root with Debian's python3-pil (Pillow 9.4.0 was used):
    /usr/bin/python3 src/test/resources/pillow-reference/make_references.py
For each file below, Pillow opens it, stays on its first frame or page (Image.open does), and
converts it to RGBA when it has transparency (mode RGBA, RGBa, LA, PA, or a palette with a
transparent index), otherwise to RGB; the result is saved as <file name>.png next to this script.
"""
import os
from PIL import Image

FILES = [
    "valid/pillow/iss634.gif", "valid/pillow/chi.gif", "valid/pillow/dispose_bgnd.gif",
    "valid/pillow/iss634.webp", "valid/libwebp-test-data/one_color_no_palette.webp",
    "valid/pillow/sugarshack.mpo", "valid/pillow/frozenpond.mpo", "valid/pillow/hopper.Lab.tif",
    "valid/pillow/multipage.tiff", "valid/pillow/tiff_16bit_RGBa.tiff",
    "valid/pillow/tiff_strip_planar_16bit_RGBa.tiff", "valid/pillow/pal8os2.bmp",
]

here = os.path.dirname(os.path.abspath(__file__))
for rel in FILES:
    im = Image.open(os.path.join("native-test-images", rel))
    alpha = im.mode in ("RGBA", "RGBa", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    im.convert("RGBA" if alpha else "RGB").save(os.path.join(here, os.path.basename(rel) + ".png"))
    print(rel, im.format, im.mode, im.size, "->", "RGBA" if alpha else "RGB")

#!/bin/sh
# Makes the colour-management references in reference/ with LittleCMS's own tools (tificc), never
# with imbytes' conversion: for each tagged input, imbytes decodes (and resizes) WITHOUT converting
# (--no-colour-convert, lossless PNG, 16 bits kept), then tificc converts those pixels from the
# embedded profile to sRGB with perceptual intent (-t 0). CMYK files are
# decoded to CMYK by ImageMagick (libjpeg), since imbytes turns unconverted CMYK into RGB.
# The sRGB profile is the ICC v2 one of icc-profiles-free (as the JDK's own sRGB and libvips' are):
# with LittleCMS's built-in v4 sRGB ('*sRGB'), the perceptual intent from a v2 CMYK table also
# maps the v2 black point to v4's reference medium, which moves CMYK results by about ΔE 3.
# Needs: target/imbytes.jar, ImageMagick 6, exiftool, liblcms2-utils (tificc 2.14 here). Run from the repository root.
set -eu
R=src/test/resources/dev/imbytes/colour
OUT=$R/reference
TMP=$(mktemp -d)
mkdir -p "$OUT"
jar() { java -jar target/imbytes.jar convert "$@" >/dev/null; }
# name, input, sizes (full and/or 256)
while read -r name input sizes; do
    exiftool -q -icc_profile -b "$input" > "$TMP/$name.icc"
    for size in $sizes; do
        fit=""; [ "$size" = 256 ] && fit="--fit 256x256"
        if [ "$(exiftool -s -s -s -ColorSpaceData "$input")" = CMYK ]; then
            [ "$size" = full ] || continue # resized CMYK references are the full one resized by the test
            convert "$input" -strip "$TMP/$name-$size.tif"
        else
            rm -rf "$TMP/off" && mkdir "$TMP/off"
            # shellcheck disable=SC2086
            jar "$input" -o "$TMP/off" --to png --no-colour-convert $fit
            convert "$TMP/off/"*.png -alpha off -strip -compress none "$TMP/$name-$size.tif"
        fi
        # ImageMagick writes sRGB primaries and white point into every TIFF, and tificc would build
        # its input profile from those instead of using -i: delete them
        exiftool -q -overwrite_original -WhitePoint= -PrimaryChromaticities= "$TMP/$name-$size.tif"
        depth=$(identify -format %z "$TMP/$name-$size.tif")
        tificc -t 0 -w "$depth" -i "$TMP/$name.icc" -o /usr/share/color/icc/sRGB.icc "$TMP/$name-$size.tif" "$TMP/$name-$size-srgb.tif" \
            2>&1 | grep -v '^Little CMS\|^Copyright\|^$' || true
        convert "$TMP/$name-$size-srgb.tif" -strip "$OUT/$name-$size.png"
    done
done <<LIST
landscape-p3 $R/landscape-p3.jpg full 256
landscape-adobergb $R/landscape-adobergb.webp full 256
landscape-prophoto16 $R/landscape-prophoto16.png full 256
landscape-cmyk $R/landscape-cmyk.jpg full
landscape-grey-cie-l $R/landscape-grey-cie-l.jpg full 256
landscape-srgb-v4 $R/landscape-srgb-v4.tif 256
sharp-p3 native-test-images/valid/sharp/p3.png full
sharp-prophoto native-test-images/valid/sharp/prophoto.png full
sharp-cmyk-swop native-test-images/valid/sharp/Channel_digital_image_CMYK_color.jpg full
sharp-concert-gray22 native-test-images/valid/sharp/concert.jpg full 256
sharp-adobergb16 native-test-images/valid/sharp/tifftag-photoshop.tiff full 256
exifr-iptc-mess-p3 native-test-images/large/exifr/iptc-mess.jpg 256
pillow-tiff-rgb native-test-images/valid/pillow/icc_profile_big.jpg full 256
LIST
rm -rf "$TMP"

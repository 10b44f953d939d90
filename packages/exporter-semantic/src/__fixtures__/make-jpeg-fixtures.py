# One-time generator of the JPEG fixtures and PIL's decoded pixels (pil-jpeg-golden.json).
# Run with Debian's Pillow (python3-pil, libjpeg-turbo): /usr/bin/python3 make-jpeg-fixtures.py
# The tests only read the committed outputs; they never run this.
import json
import os
import random

import PIL
from PIL import Image, ImageOps, features

HERE = os.path.dirname(os.path.abspath(__file__))


def pattern(width, height, x, y):
    # Gradients plus a hard-edged square and a checker patch: smooth areas and sharp edges.
    value = (x * 255 // max(1, width - 1) + y * 13) % 256
    if 3 <= x < 9 and 2 <= y < 7:
        value = 250 if (x + y) % 2 else 10
    return value


def grey_image(width, height):
    im = Image.new("L", (width, height))
    im.putdata([pattern(width, height, x, y) for y in range(height) for x in range(width)])
    return im


def colour_image(width, height):
    im = Image.new("RGB", (width, height))
    data = []
    for y in range(height):
        for x in range(width):
            r = pattern(width, height, x, y)
            g = (x * 37 + y * 11) % 256
            b = 255 - (y * 255 // max(1, height - 1))
            if x >= width // 2 and y >= height // 2:
                r, g, b = 220, 30, 40
            data.append((r, g, b))
    im.putdata(data)
    return im


def flat(pixels):
    out = []
    for p in pixels:
        if isinstance(p, tuple):
            out.extend(p)
        else:
            out.append(p)
    return out


def decoded(path, upright=False):
    with Image.open(path) as im:
        im.load()
        if upright:
            im = ImageOps.exif_transpose(im)
        return {"mode": im.mode, "width": im.width, "height": im.height, "pixels": flat(im.getdata())}


def without_jfif_with_rgb_ids(data):
    # Drops the APP0 JFIF segment and renames components 1,2,3 to 'R','G','B' in SOF0 and SOS:
    # libjpeg then takes the three planes as R, G, B (no YCbCr conversion), jdapimin.c rule.
    out = bytearray(data[:2])
    at = 2
    while at < len(data):
        marker = data[at + 1]
        length = (data[at + 2] << 8) | data[at + 3]
        segment = bytearray(data[at:at + 2 + length])
        if marker == 0xE0:
            at += 2 + length
            continue
        if marker == 0xC0:
            for i in range(segment[9]):
                segment[10 + 3 * i] = [82, 71, 66][i]
        if marker == 0xDA:
            for i in range(segment[4]):
                segment[5 + 2 * i] = [82, 71, 66][i]
            out += segment
            out += data[at + 2 + length:]
            return bytes(out)
        out += segment
        at += 2 + length
    raise ValueError("no SOS")


def with_adobe_instead_of_jfif(data, transform):
    # Replaces the APP0 JFIF segment with an APP14 Adobe one: transform 0 = RGB, 1 = YCbCr.
    assert data[2:4] == b"\xff\xe0"
    length = (data[4] << 8) | data[5]
    adobe = b"\xff\xee\x00\x0e" + b"Adobe" + b"\x00\x64" + b"\x00\x00" + b"\x00\x00" + bytes([transform])
    return data[:2] + adobe + data[4 + length:]


def main():
    fixtures = {}

    def save(name, im, **options):
        path = os.path.join(HERE, name)
        im.save(path, "JPEG", **options)
        fixtures[name] = decoded(path)

    save("grey-1c.jpg", grey_image(16, 12), quality=90)
    save("colour-420.jpg", colour_image(15, 11), quality=90, subsampling=2)
    save("colour-444.jpg", colour_image(15, 11), quality=90, subsampling=0)
    save("colour-422.jpg", colour_image(15, 11), quality=90, subsampling=1)
    # Chroma 2 samples wide: libjpeg replicates instead of filtering (jdsample.c, downsampled_width > 2).
    save("colour-420-narrow.jpg", colour_image(4, 6), quality=90, subsampling=2)
    save("grey-rgb-420.jpg", grey_image(16, 12).convert("RGB"), quality=90, subsampling=2)
    save("grey-rgb-progressive.jpg", grey_image(16, 12).convert("RGB"), quality=85, progressive=True)

    rgb_ids = without_jfif_with_rgb_ids(open(os.path.join(HERE, "colour-444.jpg"), "rb").read())
    with open(os.path.join(HERE, "colour-rgb-ids.jpg"), "wb") as f:
        f.write(rgb_ids)
    fixtures["colour-rgb-ids.jpg"] = decoded(os.path.join(HERE, "colour-rgb-ids.jpg"))

    colour_444 = open(os.path.join(HERE, "colour-444.jpg"), "rb").read()
    for transform, name in [(0, "colour-adobe-rgb.jpg"), (1, "colour-adobe-ycc.jpg")]:
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(with_adobe_instead_of_jfif(colour_444, transform))
        fixtures[name] = decoded(os.path.join(HERE, name))

    exif = Image.Exif()
    exif[0x0112] = 6
    save("grey-orient-6.jpg", grey_image(16, 12), quality=90, exif=exif.tobytes())
    fixtures["grey-orient-6.jpg"]["upright"] = decoded(os.path.join(HERE, "grey-orient-6.jpg"), upright=True)

    # PIL's convert("L") of PIL's own RGB decode, and of chosen triplets.
    with Image.open(os.path.join(HERE, "colour-420.jpg")) as im:
        fixtures["colour-420.jpg"]["luma"] = list(im.convert("L").getdata())
    rng = random.Random(601)
    triplets = [(0, 0, 0), (255, 255, 255), (255, 0, 0), (0, 255, 0), (0, 0, 255), (1, 2, 3), (128, 128, 127)]
    triplets += [(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(500)]
    tim = Image.new("RGB", (len(triplets), 1))
    tim.putdata(triplets)
    luma = {"rgb": flat(triplets), "l": list(tim.convert("L").getdata())}

    # ImageOps.exif_transpose of a 3-wide, 2-high image holding 1..6, for every orientation.
    orientations = {}
    for orientation in range(1, 9):
        im = Image.frombytes("L", (3, 2), bytes([1, 2, 3, 4, 5, 6]))
        im.getexif()[0x0112] = orientation
        out = ImageOps.exif_transpose(im)
        orientations[str(orientation)] = {"width": out.width, "height": out.height, "pixels": list(out.getdata())}

    golden = {
        "producer": f"Pillow {PIL.__version__}, libjpeg-turbo {features.version('libjpeg_turbo')} (Debian python3-pil)",
        "jpeg": fixtures,
        "luma": luma,
        "exifTranspose": orientations,
    }
    with open(os.path.join(HERE, "pil-jpeg-golden.json"), "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")


main()

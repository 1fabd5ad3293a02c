"""Image files as cameras and phones write them: GPS position, camera make and model, a turned orientation."""

import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw
from PIL.ExifTags import IFD

GPS = {1: "N", 2: (36.0, 30.0, 12.5), 3: "E", 4: (40.0, 44.0, 3.25)}  # a place in Hasakah governorate
CAMERA = {0x010F: "Canon", 0x0110: "Canon EOS 5D", 0xA431: "SERIAL-0042"}
SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><exif:GPSLatitude>36,30.2N</exif:GPSLatitude></rdf:RDF></x:xmpmeta>'
)


def camera_exif(orientation=1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = CAMERA[0x010F]
    exif[0x0110] = CAMERA[0x0110]
    exif.get_ifd(IFD.Exif)[0xA431] = CAMERA[0xA431]
    exif.get_ifd(IFD.Exif)[0x9003] = "2026:03:01 10:00:00"  # DateTimeOriginal
    exif.get_ifd(IFD.GPSInfo).update(GPS)
    return exif


def picture(width=300, height=200) -> Image.Image:
    """Left half red, right half blue: after turning, where the colours are says which way it was turned."""
    image = Image.new("RGB", (width, height), "blue")
    ImageDraw.Draw(image).rectangle([0, 0, width // 2 - 1, height - 1], fill="red")
    return image


def photo(image_format="JPEG", orientation=6, **extra) -> bytes:
    """A photo with GPS and camera EXIF, XMP and an sRGB profile, ``orientation`` 6 (turn 90° clockwise)."""
    buffer = io.BytesIO()
    options = {"exif": camera_exif(orientation), "icc_profile": SRGB_PROFILE, **extra}
    if image_format in ("JPEG", "WEBP", "TIFF"):
        options["xmp"] = XMP
    if image_format == "JPEG":
        options["comment"] = b"Taken at the safe house"
    picture().save(buffer, image_format, **options)
    return buffer.getvalue()


def huge_png(width=10_000, height=10_000) -> bytes:
    """A one-colour RGB PNG of ``width``×``height`` pixels, a few hundred KB, written without ever holding
    the picture in memory (a decompression bomb, as an attacker would make it)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    # Deflate 100 rows once; after a full flush the compressor forgets them, so the same bytes stand for every
    # further 100 rows (a raw stream, with the zlib header and checksum written here).
    rows = 100
    assert height % rows == 0, "height must be a multiple of 100"
    block = b"\x00" * ((3 * width + 1) * rows)  # per row: the filter byte, then three bytes per pixel
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    checksum = 1
    for _ in range(height // rows):
        checksum = zlib.adler32(block, checksum)
    stream = b"\x78\xda" + deflated * (height // rows) + compressor.flush() + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", stream) + chunk(b"IEND", b"")


def metadata_left(data: bytes) -> dict:
    """What in ``data`` could tell where, when or with what a picture was taken (empty when clean)."""
    found = {}
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        if len(exif) and image.format != "TIFF":  # a TIFF's tags are its EXIF: checked below
            found["exif"] = dict(exif)
        if exif.get_ifd(IFD.GPSInfo):
            found["gps"] = exif.get_ifd(IFD.GPSInfo)
        for key in ("exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment"):
            if image.info.get(key):
                found[key] = image.info[key]
        if image.format == "TIFF":
            tags = set(image.tag_v2) & {0x010F, 0x0110, 0x0112, 0x02BC, 0x83BB, 0x8769, 0x8825}
            if tags:
                found["tiff tags"] = tags
        if image.format == "PNG":
            image.load()
            if image.text:
                found["text"] = image.text
    for marker in (b"Canon", b"SERIAL-0042", b"GPSLatitude", b"safe house"):
        if marker in data:
            found.setdefault("bytes", []).append(marker)
    return found

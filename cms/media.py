"""Media safety: what an uploaded image may keep, and who may fetch a file under ``/media/``.

Photos of the centre's trainers and participants must not tell anyone where or with what they were taken:
every image is stored without its EXIF, XMP, IPTC and comment data (GPS position, camera, serial numbers,
author), the original included, once its EXIF orientation has been applied to the pixels (the tag that
said how to turn it goes with the rest). The ICC colour profile stays: it carries no personal data and
without it colours shift. JPEGs that need no turning lose their metadata segments byte for byte, without
re-encoding, so nothing is lost in quality; other formats, and turned JPEGs, are re-encoded.

``MEDIA_ROOT`` is never public as such: ``serve_media`` hands out a file only when it is the file of an
image, rendition or document outside private collections (``cms.visibility.public_media``), and can leave
the sending of the bytes to the web server (``CMS_MEDIA_ACCEL_REDIRECT``).
"""

import io
import logging
import mimetypes
import posixpath
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from PIL import Image, ImageOps, UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtail.utils.file import hash_filelike

from cms.visibility import public_media

try:  # HEIC/HEIF (phones) and AVIF, when the optional plugin is there (Willow uses it too)
    from pillow_heif import HeifImagePlugin  # noqa: F401
except ImportError:  # pragma: no cover
    pass

logger = logging.getLogger(__name__)

# Keys of ``PIL.Image.info`` that hold metadata worth removing (not the ICC profile, not transparency).
METADATA_INFO_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "photoshop", "iptc", "comment", "Comment"}
# JPEG segments that stay: APP0 (JFIF), APP2 when it is the ICC profile, APP14 (Adobe: CMYK colour transform).
JPEG_APP2_ICC = b"ICC_PROFILE\x00"
JPEG_APP14_ADOBE = b"Adobe"


def max_image_pixels() -> int | None:
    return getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000)


# -- metadata stripping ----------------------------------------------------------------------------------


def strip_metadata(data: bytes) -> bytes | None:
    """The image in ``data`` without metadata, turned upright; ``None`` when it is already clean.

    Refuses (``ValidationError``) an image whose header announces more pixels than allowed, before decoding
    it, so a decompression bomb that did not come through the upload form still cannot exhaust memory.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                frames = getattr(probe, "n_frames", 1)
    except UnidentifiedImageError:
        return None  # e.g. SVG: no raster metadata this module knows how to remove
    except Image.DecompressionBombError:
        raise _too_many_pixels("more than Pillow allows") from None
    limit = max_image_pixels()
    if limit is not None and width * height * frames > limit:
        raise _too_many_pixels(width * height * frames)
    if image_format == "MPO":  # a phone's JPEG with more pictures appended (and their EXIF): keep the first
        return _reencode(data)
    if image_format == "JPEG" and _orientation(data) in (None, 1):
        cleaned = _strip_jpeg_segments(data)
        if not _has_metadata(cleaned):
            return None if cleaned == data else cleaned
    elif not _has_metadata(data):
        return None
    return _reencode(data)


def _too_many_pixels(count) -> ValidationError:
    return ValidationError(
        f"This image has too many pixels ({count}); the maximum is {max_image_pixels()}.",
        code="file_too_many_pixels",
    )


def _orientation(data: bytes) -> int | None:
    with Image.open(io.BytesIO(data)) as image:
        return image.getexif().get(0x0112)


def _has_metadata(data: bytes) -> bool:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(io.BytesIO(data)) as image:
            if any(image.info.get(key) for key in METADATA_INFO_KEYS):
                return True
            if image.format == "TIFF":  # its tags are its EXIF: only some describe where it comes from
                return bool(set(image.tag_v2) & TIFF_METADATA_TAGS)
            if len(image.getexif()):
                return True
            if image.format != "PNG":
                return False
            image.load()  # text chunks after the pixels are read only now
            return any(image.info.get(key) for key in METADATA_INFO_KEYS) or bool(image.text)


# TIFF tags that describe the picture's origin rather than its pixels.
TIFF_METADATA_TAGS = {
    0x010D,  # DocumentName
    0x010E,  # ImageDescription
    0x010F,  # Make
    0x0110,  # Model
    0x0131,  # Software
    0x0132,  # DateTime
    0x013B,  # Artist
    0x013C,  # HostComputer
    0x0112,  # Orientation
    0x02BC,  # XMP
    0x83BB,  # IPTC
    0x8298,  # Copyright
    0x8649,  # Photoshop
    0x8769,  # Exif IFD
    0x8825,  # GPS IFD
    0xA420,  # ImageUniqueID
}


def _strip_jpeg_segments(data: bytes) -> bytes:
    """Drop APP1 (EXIF, XMP), APP3–APP13 (IPTC and vendor data), APP15 and comments; pixels untouched."""
    if data[:2] != b"\xff\xd8":
        return data
    out = bytearray(data[:2])
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return data  # not a well-formed marker sequence: leave it to the re-encoder's caller
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xDA:  # start of scan: image data up to the end-of-image marker
            # Whatever follows it is not part of the picture (phones append maker data or a video there).
            end = data.find(b"\xff\xd9", position)
            out += data[position : end + 2] if end != -1 else data[position:]
            return bytes(out)
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        segment = data[position : position + 2 + length]
        payload = segment[4:]
        keep = True
        if marker == 0xFE or 0xE1 <= marker <= 0xEF:
            keep = (marker == 0xE2 and payload.startswith(JPEG_APP2_ICC)) or (
                marker == 0xEE and payload.startswith(JPEG_APP14_ADOBE)
            )
        if keep:
            out += segment
        position += 2 + length
    return data


def _reencode(data: bytes) -> bytes:
    """Decode, turn upright, and write again in the same format with only the colour profile kept."""
    with Image.open(io.BytesIO(data)) as source:
        image_format = source.format
        icc_profile = source.info.get("icc_profile")
        options = {"format": image_format}
        if icc_profile:
            options["icc_profile"] = icc_profile
        if image_format == "MPO":
            image_format = options["format"] = "JPEG"
        animated = image_format != "JPEG" and getattr(source, "n_frames", 1) > 1
        if animated:
            frames = [ImageOps.exif_transpose(frame.copy()) for frame in _frames(source)]
            for frame in frames:
                frame.info = {k: v for k, v in frame.info.items() if k not in METADATA_INFO_KEYS}
            options.update(save_all=True, append_images=frames[1:])
            for key in ("duration", "loop", "disposal", "transparency", "background"):
                if key in source.info:
                    options[key] = source.info[key]
            clean = frames[0]
        else:
            clean = ImageOps.exif_transpose(source)
            if clean is source:
                clean = source.copy()
            # Keep what describes the pixels (transparency, gamma, dpi), nothing that describes the shot.
            clean.info = {
                k: v
                for k, v in source.info.items()
                if k in ("transparency", "gamma", "dpi", "srgb", "compression", "lossless")
            }
        if image_format == "JPEG":
            options["quality"] = 92
        elif image_format == "WEBP":
            lossless = bool(source.info.get("lossless"))
            options.update(lossless=lossless, quality=100 if lossless else 90)
        elif image_format == "TIFF" and source.info.get("compression") not in (None, "raw"):
            options["compression"] = source.info["compression"]
        elif image_format in ("HEIF", "AVIF"):
            options["quality"] = 90
        output = io.BytesIO()
        clean.save(output, **options)
    return output.getvalue()


def _frames(image):
    for index in range(image.n_frames):
        image.seek(index)
        yield image


# -- upload limits ---------------------------------------------------------------------------------------


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image upload field, refusing oversized pictures from their header alone.

    Wagtail checks ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` only after Willow has opened the upload, and Willow's
    Pillow plugin decodes the whole picture to do so: a 100-megapixel PNG of a few hundred KB took seconds
    and gigabytes before being refused. Here the size in bytes, then the width × height × frames the header
    announces, are checked first (the same error messages); only an image within the limits is decoded.
    """

    def to_python(self, data):
        if hasattr(data, "read") and getattr(data, "size", None) is not None:
            self.check_image_file_size(data)
            self.check_header_pixels(data)
        return super().to_python(data)

    def check_header_pixels(self, upload):
        limit = self.max_image_pixels
        if limit is None:
            return
        upload.seek(0)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(upload) as probe:
                    width, height = probe.size
                    frames = getattr(probe, "n_frames", 1)
            pixels = width * height * frames
        except Image.DecompressionBombError:
            pixels = None
        except Exception:  # noqa: BLE001 - not an image Pillow knows: Wagtail's own checks will say so
            return
        finally:
            upload.seek(0)
        if pixels is None or pixels > limit:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"] % {"num_pixels": pixels or "?", "max_pixels_count": limit},
                code="file_too_many_pixels",
            )


class ImageForm(BaseImageForm):
    """The admin's image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): Wagtail's, with the header check above.
    Used by the add and edit views, the multiple uploader and the choosers' upload forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and type(field) is WagtailImageField:
            field.__class__ = HeaderCheckedImageField


# -- the image model's hooks -----------------------------------------------------------------------------


def clean_upload(image) -> None:
    """Before an uncommitted upload is written: replace its content with the cleaned bytes (and refresh
    the size and hash Wagtail records), so the file with metadata never reaches the storage."""
    upload = image.file
    upload.open("rb")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    cleaned = strip_metadata(data)
    if cleaned is None:
        return
    name = posixpath.basename(upload.name)
    image.file = ContentFile(cleaned, name=name)  # the image field descriptor re-reads width and height
    image.file_size = len(cleaned)
    image.file_hash = hash_filelike(io.BytesIO(cleaned))


def clean_stored_image(image) -> bool:
    """Clean an image's stored file in place; True when it changed (its renditions are then deleted, to be
    regenerated from the clean original). Used after uploads that wrote the file before saving the model,
    and by ``manage.py clean_image_metadata``."""
    storage = image.file.storage
    name = image.file.name
    with storage.open(name, "rb") as handle:
        data = handle.read()
    cleaned = strip_metadata(data)
    if cleaned is None:
        return False
    storage.delete(name)
    stored_name = storage.save(name, ContentFile(cleaned))
    with Image.open(io.BytesIO(cleaned)) as probe:
        width, height = probe.size
    fields = {
        "file": stored_name,
        "width": width,
        "height": height,
        "file_size": len(cleaned),
        "file_hash": hash_filelike(io.BytesIO(cleaned)),
    }
    type(image).objects.filter(pk=image.pk).update(**fields)
    for field, value in fields.items():
        setattr(image, field, value)
    image._cms_loaded_file_name = stored_name
    for rendition in image.renditions.all():
        rendition.file.delete(save=False)
        rendition.delete()
    return True


# -- serving /media/ -------------------------------------------------------------------------------------


def public_media_file(path: str):
    """The public image, rendition or document whose stored file is ``path``; ``None`` if there is none.

    Anything else under ``MEDIA_ROOT`` (files of private collections, uploads still waiting for their
    details, leftovers) has no public URL.
    """
    Image_ = get_image_model()
    image = public_media(Image_.objects.filter(file=path)).first()
    if image is not None:
        return image
    rendition = Image_.get_rendition_model().objects.filter(file=path).select_related("image").first()
    if rendition is not None:
        return rendition if public_media(Image_.objects.filter(pk=rendition.image_id)).exists() else None
    Document = get_document_model()
    return public_media(Document.objects.filter(file=path)).first()


def _clean_path(path: str) -> str | None:
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised != path or normalised.startswith("..") or "\x00" in path or "\\" in path:
        return None
    return normalised


@require_safe
def serve_media(request, path):
    """``/media/<path>``: the file when it belongs to public media, else 404 (the same answer whether the
    file is private or absent, so nothing tells which)."""
    path = _clean_path(path)
    owner = public_media_file(path) if path else None
    if owner is None:
        raise Http404("No such file.")
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    is_document = isinstance(owner, get_document_model())
    accel = getattr(settings, "CMS_MEDIA_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=content_type)
        if accel.lower() == "x-sendfile":
            response["X-Sendfile"] = owner.file.path
        else:
            response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + path
    else:
        try:
            handle = owner.file.storage.open(path, "rb")
        except FileNotFoundError:
            raise Http404("No such file.") from None
        response = FileResponse(handle, content_type=content_type)
    try:
        response["Last-Modified"] = http_date(owner.file.storage.get_modified_time(path).timestamp())
    except (NotImplementedError, OSError):
        pass
    response["Cache-Control"] = f"public, max-age={getattr(settings, 'CMS_MEDIA_MAX_AGE', 300)}"
    response["X-Content-Type-Options"] = "nosniff"
    if is_document:
        # A document may be HTML or an SVG: never let it run in this origin.
        response["Content-Security-Policy"] = "default-src 'none'"
        response["Content-Disposition"] = owner.content_disposition
    return response

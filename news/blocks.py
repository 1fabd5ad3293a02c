"""The blocks editors build a body from. Each body is written once per language (the whole stream varies)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4", "blockquote"]


class HeadingBlock(blocks.CharBlock):
    """A section heading inside the body (the page title is the only h1)."""

    class Meta:
        icon = "title"
        form_classname = "title"


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with links to pages and documents."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"


class ImageBlock(blocks.StructBlock):
    """A picture from a workshop or session; its alt text comes from the image, the caption is written here."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, max_length=300, label=_("Caption"))

    class Meta:
        icon = "image"


class QuoteBlock(blocks.StructBlock):
    """Words of a trainer, participant or official, with who said them."""

    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(
        required=False, max_length=200, label=_("Said by"), help_text=_("Name and role of who said it.")
    )

    class Meta:
        icon = "openquote"


class DocumentBlock(blocks.StructBlock):
    """A downloadable attachment (report, signed statement, questionnaire)."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, max_length=200, label=_("Title"), help_text=_("Shown instead of the document's own title.")
    )

    class Meta:
        icon = "doc-full"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=30, label=_("Figure"), help_text=_("e.g. 23, 3 days, 40%"))
    label = blocks.CharBlock(max_length=120, label=_("Label"), help_text=_("e.g. trainees"))


class KeyFiguresBlock(blocks.ListBlock):
    """A row of numbers that sum up an activity (trainees, days, towns)."""

    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "table"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock(label=_("Heading"))
    paragraph = ParagraphBlock(label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))
    quote = QuoteBlock(label=_("Quote"))
    embed = EmbedBlock(icon="media", label=_("Video or post (link)"))
    document = DocumentBlock(label=_("Document"))
    key_figures = KeyFiguresBlock(label=_("Key figures"))


class ListItemBlock(blocks.StreamBlock):
    """A plain list, one sentence per item (outcomes, recommendations)."""

    item = blocks.TextBlock(icon="list-ul", label=_("Item"))

"""The printable A4 poster of a labelled event (PDF): the label, its title, dates, place
and a QR code to its public page. reportlab draws the page, segno the QR code."""

import io

import segno
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen import canvas

from .models import Event

BLUE = colors.HexColor("#000091")
RED = colors.HexColor("#e1000f")


def _dates(event: Event) -> list[str]:
    """One line per day of the event's sessions, in its académie's zone."""
    tz = event.academy.tzinfo
    lines = []
    for session in event.sessions.order_by("starts_at"):
        start = timezone.localtime(session.starts_at, tz)
        end = timezone.localtime(session.ends_at, tz)
        day = formats.date_format(start, "l j F Y").capitalize()
        lines.append(f"{day}, {start:%H:%M} – {end:%H:%M}")
    return lines[:8] + ([_("… et d'autres créneaux")] if len(lines) > 8 else [])


def _place(event: Event) -> list[str]:
    if event.format == Event.Format.ONLINE:
        return [_("En ligne")]
    lines = [line for line in (event.address, f"{event.postcode} {event.city}".strip()) if line]
    if event.format == Event.Format.HYBRID:
        lines.append(_("et en ligne"))
    return lines


def _badge(pdf: canvas.Canvas, *, x: float, y: float, radius: float) -> None:
    pdf.setFillColor(BLUE)
    pdf.circle(x, y, radius, stroke=0, fill=1)
    pdf.setStrokeColor(colors.white)
    pdf.setLineWidth(2)
    pdf.circle(x, y, radius * 0.88, stroke=1, fill=0)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", radius * 0.2)
    pdf.drawCentredString(x, y + radius * 0.3, _("LABELLISÉ"))
    pdf.setFillColor(RED)
    pdf.rect(x - radius * 0.55, y + radius * 0.18, radius * 1.1, radius * 0.03, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", radius * 0.22)
    pdf.drawCentredString(x, y - radius * 0.08, _("Semaine"))
    pdf.setFont("Helvetica", radius * 0.17)
    pdf.drawCentredString(x, y - radius * 0.34, _("de l'industrie"))


def event_poster_pdf(*, event: Event, url: str) -> bytes:
    """The A4 poster as PDF bytes."""
    buffer = io.BytesIO()
    width, height = A4
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(event.title)
    pdf.setAuthor(settings.SITE_NAME)
    pdf.setSubject(_("Affiche de l'événement labellisé Semaine de l'industrie"))

    # Band and label.
    pdf.setFillColor(BLUE)
    pdf.rect(0, height - 4 * cm, width, 4 * cm, stroke=0, fill=1)
    pdf.setFillColor(colors.white)
    pdf.setFont("Helvetica-Bold", 22)
    pdf.drawString(
        2 * cm,
        height - 2.2 * cm,
        _("Semaine de l'industrie %(year)s") % {"year": event.edition.year},
    )
    if event.edition.headline_theme:
        pdf.setFont("Helvetica", 12)
        pdf.drawString(2 * cm, height - 3 * cm, event.edition.headline_theme)
    _badge(pdf, x=width - 3.5 * cm, y=height - 4 * cm, radius=2.4 * cm)

    # Title, summary.
    y = height - 8 * cm
    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica-Bold", 28)
    for line in simpleSplit(event.title, "Helvetica-Bold", 28, width - 4 * cm)[:4]:
        pdf.drawString(2 * cm, y, line)
        y -= 1.15 * cm
    if event.summary:
        pdf.setFont("Helvetica", 14)
        for line in simpleSplit(event.summary, "Helvetica", 14, width - 4 * cm)[:3]:
            pdf.drawString(2 * cm, y, line)
            y -= 0.65 * cm
    y -= 0.6 * cm
    pdf.setFont("Helvetica", 13)
    pdf.drawString(2 * cm, y, event.organizer_display)
    y -= 1.2 * cm

    # Dates and place.
    pdf.setFillColor(BLUE)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(2 * cm, y, _("Quand ?"))
    y -= 0.75 * cm
    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica", 13)
    for line in _dates(event):
        pdf.drawString(2 * cm, y, line)
        y -= 0.6 * cm
    y -= 0.5 * cm
    pdf.setFillColor(BLUE)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(2 * cm, y, _("Où ?"))
    y -= 0.75 * cm
    pdf.setFillColor(colors.black)
    pdf.setFont("Helvetica", 13)
    for line in _place(event):
        pdf.drawString(2 * cm, y, line)
        y -= 0.6 * cm

    # QR code to the public page.
    qr = io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=10, border=2)
    qr.seek(0)
    size = 5.5 * cm
    pdf.drawImage(ImageReader(qr), width - 2 * cm - size, 2.5 * cm, size, size)
    pdf.setFont("Helvetica", 10)
    pdf.drawRightString(width - 2 * cm, 2 * cm, _("Toutes les informations et les inscriptions :"))
    pdf.setFont("Helvetica-Bold", 9)
    pdf.drawRightString(width - 2 * cm, 1.5 * cm, url[:110])
    pdf.setFont("Helvetica", 9)
    pdf.drawString(2 * cm, 1.5 * cm, settings.SITE_NAME)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()

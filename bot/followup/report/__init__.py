"""The evaluation report (§6 of the agreement): one period of the network, as Markdown, CSV and
PNG charts.

`load_dataset` reads the database once; `figures.compute` turns the data set into figures (pure);
`render` and `charts` turn figures into files. `build_report` does all three; Slack
(`bot.followup.report.delivery.deliver_report`) uploads the files, the CLI (`bot.cli.report`)
writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.localized import area_name as localized_area_name
from bot.followup.report import charts, render
from bot.followup.report.dataset import Dataset, load_dataset
from bot.followup.report.figures import Figures, compute
from storage.models import FocusArea, Network

__all__ = [
    "Dataset",
    "Figures",
    "Report",
    "build_report",
    "compute",
    "load_dataset",
    "render_report",
]


@dataclass
class Report:
    figures: Figures
    markdown: str
    files: dict[str, str | bytes] = field(default_factory=dict)  # file name -> content


def render_report(data: Dataset, lang: str, *, area_name: str | None = None) -> Report:
    """Figures, Markdown, CSV and charts of a data set (no database)."""
    figures = compute(data)
    area_only = data.area_id is not None
    images = charts.draw_all(figures, lang, area_only=area_only)
    text = render.markdown(
        data,
        figures,
        lang,
        charts=list(images),
        no_data=charts.no_data(figures, lang, area_only=area_only),
        area_name=area_name,
    )
    files: dict[str, str | bytes] = {"evaluation_report.md": text}
    files.update(render.csv_files(data, figures, lang))
    files.update(images)
    return Report(figures=figures, markdown=text, files=files)


def build_report(
    session: Session,
    network: Network,
    *,
    start: date,
    end: date,
    lang: str,
    tz: ZoneInfo,
    area_id: int | None = None,
) -> Report:
    """The whole report of `network` for [start, end] (local dates, both included)."""
    data = load_dataset(session, network, start=start, end=end, tz=tz, area_id=area_id, lang=lang)
    area = session.get(FocusArea, area_id) if area_id is not None else None
    return render_report(data, lang, area_name=localized_area_name(area, lang) if area else None)

"""Appendix item 6: the expected economic effect, four rows by four years."""

from decimal import Decimal

from django import forms

from .base import SectionForm
from .help import EFFECT_HELP

CENT = Decimal("0.01")
YEARS = ("0", "1", "2", "3")
NUMERIC_ROWS = ("jobs", "tax", "output")
ROWS = (*NUMERIC_ROWS, "other")


def effect_totals(values) -> dict[str, Decimal | int]:
    """Each numeric row's forecast total over years 1–3 (the page's JS shows the same as you type)."""
    get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
    totals = {row: sum((Decimal(get(f"{row}_{y}") or 0) for y in YEARS[1:]), Decimal(0)) for row in NUMERIC_ROWS}
    return {"jobs": int(totals["jobs"]), "tax": totals["tax"].quantize(CENT), "output": totals["output"].quantize(CENT)}


class EffectForm(SectionForm):
    required = tuple(f"{row}_{y}" for row in NUMERIC_ROWS for y in YEARS)

    class Meta(SectionForm.Meta):
        fields = [f"{row}_{y}" for row in ROWS for y in YEARS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for row in NUMERIC_ROWS:
            for y in YEARS:
                field = self.fields[f"{row}_{y}"]
                field.widget.attrs.update(
                    {
                        "data-effect-row": row,
                        "min": "0",
                        "class": "form-control",
                        "aria-describedby": f"effect-help-{row}",
                    }
                )
                if isinstance(field, forms.DecimalField):
                    field.min_value = Decimal(0)  # type: ignore[assignment]  # django-stubs types it as IntegerField's int
                    field.widget.attrs["step"] = "0.01"

        for y in YEARS:
            self.fields[f"other_{y}"].widget.attrs["aria-describedby"] = "effect-help-other"

    def grid(self):
        """Rows of (row key, [bound fields by year], help) for the template."""
        return [(row, [self[f"{row}_{y}"] for y in YEARS], EFFECT_HELP[row]) for row in ROWS]

"""Turn pyarrow values into the JSON forms `warraq cat` prints, so the two can be compared exactly."""
import base64
import datetime
import decimal
import math


def iso_timestamp(t):
    """YYYY-MM-DDTHH:MM:SS.ffffffZ with a four-digit year (strftime's %Y does not pad below 1000)."""
    return (f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
            f".{t.microsecond:06d}Z")


def to_cat_form(v):
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
        return v
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, str):
        return v
    if isinstance(v, (bytes, bytearray)):
        try:
            return bytes(v).decode("utf-8")
        except UnicodeDecodeError:
            return "base64:" + base64.b64encode(bytes(v)).decode()
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        return iso_timestamp(v)
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: to_cat_form(x) for k, x in v.items()}
    if isinstance(v, tuple) and len(v) == 2:
        # pyarrow gives map entries as (key, value) tuples; warraq prints them as records.
        return {"key": to_cat_form(v[0]), "value": to_cat_form(v[1])}
    if isinstance(v, (list, tuple)):
        return [to_cat_form(x) for x in v]
    raise TypeError(f"no cat form for {type(v)}: {v!r}")


def rows_from_pyarrow(table):
    rows = []
    for row in table.to_pylist():
        rows.append({k: to_cat_form(v) for k, v in row.items()})
    return rows

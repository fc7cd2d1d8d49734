"""`make bench` (issue 2): warraq convert of >= 100 MB of SaudiNewsNet JSON lines beside pyarrow's
write_table of the same table (gzip level 6, same row-group size, one thread). Prints figures; asserts nothing."""
import json
import os
import pathlib
import resource
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.json as pajson
import pyarrow.parquet as pq

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from corpus import DATA, SCHEMA, replicated_jsonl  # noqa: E402

WARRAQ = os.environ.get("WARRAQ", str(pathlib.Path(__file__).resolve().parents[1] / ".build/release/warraq"))


def main():
    src = replicated_jsonl()
    mb = src.stat().st_size / 1e6
    schema_path = DATA / "articles.schema.json"
    schema_path.write_text(json.dumps(SCHEMA))
    ours = DATA / "warraq.parquet"

    start = time.perf_counter()
    subprocess.run([WARRAQ, "convert", src, ours, "--schema", schema_path, "--level", "6"], check=True)
    ours_seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    md = pq.ParquetFile(ours).metadata
    rows_per_group = max(md.row_group(i).num_rows for i in range(md.num_row_groups))

    arrow_schema = pa.schema([
        ("source", pa.string()), ("url", pa.string()), ("title", pa.string()), ("author", pa.string()),
        ("date_extracted", pa.timestamp("us", tz="UTC")), ("content", pa.string()),
    ])
    table = pajson.read_json(src, parse_options=pajson.ParseOptions(explicit_schema=arrow_schema))
    pa.set_cpu_count(1)
    pa.set_io_thread_count(1)
    theirs = DATA / "pyarrow.parquet"
    start = time.perf_counter()
    pq.write_table(table, theirs, compression="gzip", compression_level=6, row_group_size=rows_per_group)
    theirs_seconds = time.perf_counter() - start

    assert pq.read_table(ours).equals(pq.read_table(theirs).cast(arrow_schema)), "the two files differ"
    ours_bytes, theirs_bytes = ours.stat().st_size, theirs.stat().st_size
    print(f"input:                 {mb:.1f} MB JSON lines, {md.num_rows} rows, {md.num_row_groups} row groups of <= {rows_per_group} rows")
    print(f"warraq convert:        {ours_seconds:.2f} s ({mb / ours_seconds:.1f} MB/s), JSON parsing included")
    print(f"pyarrow write_table:   {theirs_seconds:.2f} s (write only, table already in memory, 1 thread)")
    print(f"time ratio:            {ours_seconds / theirs_seconds:.2f} (target <= 1.00)")
    print(f"file size:             warraq {ours_bytes / 1e6:.2f} MB, pyarrow {theirs_bytes / 1e6:.2f} MB, "
          f"ratio {ours_bytes / theirs_bytes:.3f} (target <= 1.05)")
    print(f"warraq peak RSS:       {peak_mb:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()

"""Nightly inventory ETL: read stock snapshots from the WMS export, clean them, load to Postgres."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

log = logging.getLogger("etl.inventory")

EXPORT_DIR = Path(os.environ.get("WMS_EXPORT_DIR", "/data/wms/export"))
DSN = os.environ["WAREHOUSE_DSN"]
KOLOM_WAJIB = ["sku", "gudang", "jumlah", "tanggal_stok"]

# Gudang Surabaya masih kirim file dengan pemisah titik koma
SEPARATOR_GUDANG = {"SBY": ";", "JKT": ",", "MDN": ","}


def baca_snapshot(path: Path) -> pd.DataFrame:
    """Membaca satu file snapshot stok dan menormalkan nama kolom."""
    kode_gudang = path.stem.split("_")[0].upper()
    df = pd.read_csv(path, sep=SEPARATOR_GUDANG.get(kode_gudang, ","), dtype={"sku": "string"})
    df.columns = [c.strip().lower().replace(" ", "_") for c in df.columns]
    hilang = set(KOLOM_WAJIB) - set(df.columns)
    if hilang:
        raise ValueError(f"{path.name}: kolom tidak ditemukan: {sorted(hilang)}")
    df["gudang"] = kode_gudang
    return df


def bersihkan(df: pd.DataFrame) -> pd.DataFrame:
    df = df.dropna(subset=["sku"])
    df["jumlah"] = pd.to_numeric(df["jumlah"], errors="coerce").fillna(0).astype("int64")
    # stok negatif = salah input di gudang, set ke nol
    df.loc[df["jumlah"] < 0, "jumlah"] = 0
    df["tanggal_stok"] = pd.to_datetime(df["tanggal_stok"], dayfirst=True)
    return df.drop_duplicates(subset=["sku", "gudang", "tanggal_stok"], keep="last")


# Append only: staging is truncated by the dbt run that follows.
def load(df: pd.DataFrame, engine: sa.Engine) -> int:
    with engine.begin() as conn:
        df.to_sql("stock_snapshot", conn, schema="staging", if_exists="append", index=False, chunksize=5000)
    return len(df)


def main() -> None:
    engine = sa.create_engine(DSN)
    total_baris = 0
    for path in sorted(EXPORT_DIR.glob("*_stock.csv")):
        try:
            df = bersihkan(baca_snapshot(path))
        except ValueError as exc:
            log.error("skip %s: %s", path, exc)
            continue
        total_baris += load(df, engine)
        log.info("loaded %s (%d rows)", path.name, len(df))
    log.info("Selesai, total %d baris dimuat", total_baris)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()

"""Weekly shipment report for the Osaka partner (Japanese headers, xlsx)."""

from datetime import date

import pandas as pd
from openpyxl.styles import Font

HEADERS = {
    "ship_date": "出荷日",
    "order_no": "注文番号",
    "customer": "得意先",
    "cartons": "ケース数",
    "weight_kg": "重量(kg)",
}

# 週報は月曜日始まり


def week_bounds(day: date) -> tuple[date, date]:
    start = day - pd.Timedelta(days=day.weekday())
    return start, start + pd.Timedelta(days=6)


def build_weekly(shipments: pd.DataFrame, day: date) -> pd.DataFrame:
    """指定された週の出荷データを集計する。

    Returns one row per order; cartons and weight are summed.
    """
    start, end = week_bounds(day)
    mask = shipments["ship_date"].between(pd.Timestamp(start), pd.Timestamp(end))
    weekly = shipments.loc[mask].groupby(["ship_date", "order_no", "customer"], as_index=False)[["cartons", "weight_kg"]].sum()
    return weekly.rename(columns=HEADERS)


def write_xlsx(df: pd.DataFrame, path: str, day: date) -> None:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        df.to_excel(writer, sheet_name="週報", index=False)
        sheet = writer.sheets["週報"]
        # bold header row
        for cell in sheet[1]:
            cell.font = Font(bold=True, name="Meiryo")
        # フッターに作成日を入れる
        sheet.cell(row=len(df) + 3, column=1, value=f"作成日: {day:%Y年%m月%d日}")

"""Merge per-warehouse stock into one table for the Shenzhen planning team."""

import numpy as np  # noqa: I001
import pandas as pd

# 安全库存天数，按品类配置
ANQUAN_KUCUN_TIANSHU = {"electronics": 14, "apparel": 21, "food": 5}


def hebing_kucun(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """合并各仓库存，按 SKU 汇总。"""
    quanbu = pd.concat(frames, ignore_index=True)
    huizong = quanbu.groupby(["sku", "category"], as_index=False)["qty"].sum()
    return huizong


def jisuan_buhuo(kucun: pd.DataFrame, daily_sales: pd.DataFrame) -> pd.DataFrame:
    # 补货量 = 日均销量 × 安全天数 − 当前库存
    merged = kucun.merge(daily_sales, on="sku", how="left").fillna({"avg_daily": 0})
    merged["tianshu"] = merged["category"].map(ANQUAN_KUCUN_TIANSHU).fillna(7)
    merged["buhuo_liang"] = np.maximum(merged["avg_daily"] * merged["tianshu"] - merged["qty"], 0).round()
    return merged[merged["buhuo_liang"] > 0]


def to_report(df: pd.DataFrame) -> pd.DataFrame:
    """Rename columns to the Chinese headers the planners expect in Excel."""
    out = df.rename(columns={"sku": "SKU", "qty": "当前库存", "buhuo_liang": "建议补货量"})
    out["状态"] = np.where(out["建议补货量"] > 100, "紧急", "正常")
    return out

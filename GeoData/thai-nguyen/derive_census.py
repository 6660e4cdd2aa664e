#!/usr/bin/env python3
"""Derives census_2019_pre2025.csv: 2019 census households and persons per pre-2025 GSO commune code.

The census tables (tn_bk_*_2019_census_ward.csv) are keyed by GADM ward ids and names written without
spaces ("LụcBình"); the 2025 crosswalk is keyed by GSO codes. This script joins them by district and
commune name (NFC, without the unit prefix and spaces, old/new tone placement unified). 268 of the 302
census wards match a commune of the March 2025 GSO list by name. The other 34 were merged into another
commune between the census and March 2025 (2019-2020 mergers); each is assigned to its successor in
SUCCESSORS below, with the basis of the assignment:
  - "name": the successor's name is made of the merged wards' names (Tân Tiến + Tú Trĩ -> Tân Tú);
  - "only": the only commune of the district left without a census ward;
  - "assumed": neither; a neighbouring commune of the same district, to be corrected when an official
    list is at hand (flagged in the output's `method` column).
Households are the sum of the household-size columns; persons are the population table's `total`.
Standard library only; run from anywhere: python3 derive_census.py
"""

import csv
import pathlib
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent

# (district, 2019 ward) -> (GSO successor code, basis)
SUCCESSORS = {
    ("Ba Bể", "Cao Trĩ"): ("01900", "assumed"),  # Cao Thượng
    ("Bạch Thông", "Tân Tiến"): ("01993", "name"),  # Tân Tú
    ("Bạch Thông", "Tú Trĩ"): ("01993", "name"),
    ("Bạch Thông", "Quân Bình"): ("02005", "name"),  # Quân Hà
    ("Bạch Thông", "Hà Vị"): ("02005", "name"),
    ("Bạch Thông", "Phương Linh"): ("02005", "assumed"),
    ("Chợ Mới", "Chợ Mới"): ("02086", "assumed"),  # Thị trấn Đồng Tâm
    ("Chợ Mới", "Yên Đĩnh"): ("02086", "assumed"),
    ("Chợ Mới", "Thanh Bình"): ("02113", "name"),  # Thanh Thịnh
    ("Chợ Mới", "Nông Thịnh"): ("02113", "name"),
    ("Chợ Đồn", "Yên Nhuận"): ("02083", "name"),  # Yên Phong
    ("Chợ Đồn", "Phong Huân"): ("02083", "name"),
    ("Chợ Đồn", "Đông Viên"): ("02059", "assumed"),  # Đồng Thắng
    ("Chợ Đồn", "Rã Bản"): ("02059", "assumed"),
    ("Na Rì", "Văn Học"): ("02137", "name"),  # Văn Vũ
    ("Na Rì", "Vũ Loan"): ("02137", "name"),
    ("Na Rì", "Lam Sơn"): ("02161", "name"),  # Sơn Thành
    ("Na Rì", "Lương Thành"): ("02161", "name"),
    ("Na Rì", "Lương Hạ"): ("02140", "assumed"),  # Văn Lang
    ("Na Rì", "Hảo Nghĩa"): ("02140", "assumed"),
    ("Na Rì", "Lạng San"): ("02179", "assumed"),  # Trần Phú
    ("Na Rì", "Hữu Thác"): ("02179", "assumed"),
    ("Na Rì", "Ân Tình"): ("02179", "assumed"),
    ("Ngân Sơn", "Lãng Ngâm"): ("01960", "only"),  # Hiệp Lực
    ("Ngân Sơn", "Hương Nê"): ("01960", "only"),
    ("Phú Lương", "Phấn Mễ"): ("05644", "assumed"),  # Thị trấn Giang Tiên
    ("Sông Công", "Vinh Sơn"): ("05509", "name"),  # Phường Châu Sơn
    ("Sông Công", "Lương Châu"): ("05509", "name"),
    ("Đại Từ", "Vạn Thọ"): ("05845", "name"),  # Vạn Phú
    ("Đại Từ", "Ký Phú"): ("05845", "name"),
    ("Đại Từ", "Na Mao"): ("05779", "assumed"),  # Phú Cường
    ("Định Hóa", "Kim Sơn"): ("05551", "assumed"),  # Kim Phượng
    ("Định Hóa", "Bảo Cường"): ("05569", "assumed"),  # Thị trấn Chợ Chu
    ("Đồng Hỷ", "Tân Lợi"): ("05662", "assumed"),  # Thị trấn Trại Cau
}

PREFIXES = ("Thành Phố", "Thành phố", "Thị xã", "Thị Xã", "Huyện", "Phường", "Thị trấn", "Thị Trấn", "Xã")
TONES = (("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oạ", "ọa"), ("uỳ", "ùy"), ("uý", "úy"), ("uỵ", "ụy"))
SIZE_COLUMNS = ("urban_1", "urban_2", "urban_3", "urban_4", "urban_5", "rural_1_2", "rural_3", "rural_4", "rural_5")


def key(name):
    """A name without its unit prefix, spaces and case, with one tone placement."""
    s = unicodedata.normalize("NFC", name)
    for p in PREFIXES:
        if s.startswith(p + " "):
            s = s[len(p) + 1 :]
    s = s.replace(" ", "").lower()
    for old, new in TONES:
        s = s.replace(old, new)
    return s


def read(name):
    with open(HERE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    gso = read("tn_bk_admin_units_pre2025_gso.csv")
    by_name = {(key(g["district_name"]), key(g["commune_name"])): g["commune_code"] for g in gso}
    names = {g["commune_code"]: g["commune_name"] for g in gso}
    successors = {(key(d), key(w)): v for (d, w), v in SUCCESSORS.items()}
    persons = {r["ward_id"]: int(r["total"]) for r in read("tn_bk_population_2019_census_ward.csv")}
    totals = {}
    for r in read("tn_bk_households_2019_census_ward.csv"):
        k = (key(r["district"]), key(r["ward"]))
        if k in by_name:
            code, method = by_name[k], "name"
        elif k in successors:
            code, basis = successors[k]
            method = "merged (" + basis + ")"
        else:
            raise SystemExit(f"census ward {r['ward_id']} {r['district']}/{r['ward']} matches no commune")
        households = round(sum(float(r[c] or 0) for c in SIZE_COLUMNS))
        t = totals.setdefault(code, [0, 0, set()])
        t[0] += households
        t[1] += persons[r["ward_id"]]
        t[2].add(method)
    out = HERE / "census_2019_pre2025.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "households", "persons", "method"])
        for code in sorted(totals):
            h, p, methods = totals[code]
            w.writerow([code, names[code], h, p, "+".join(sorted(methods))])
    hh = sum(t[0] for t in totals.values())
    pp = sum(t[1] for t in totals.values())
    print(f"{out.name}: {len(totals)} communes, {hh} households, {pp} persons")


if __name__ == "__main__":
    main()

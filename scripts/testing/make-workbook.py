#!/usr/bin/env python3
"""Writes an Excel workbook (.xlsx) with openpyxl, the way a merchant's spreadsheet program would, for the
bonus-check import tests: real shared strings, real date cells, real formulas.

    make-workbook.py OUT.xlsx ROWS.json

ROWS.json is a list of rows, each a list of cells. A cell is a string, a number, or an object:
{"date": "2026-11-01"} (a date cell, formatted as a date), {"formula": "=SUM(1,2)"} (a formula cell).
The first row is the header. A second sheet named "Notes" is added so the import must pick the first.
"""
import datetime
import json
import sys

import openpyxl


def cell_value(value):
    if isinstance(value, dict) and "date" in value:
        return datetime.datetime.strptime(value["date"], "%Y-%m-%d")
    if isinstance(value, dict) and "formula" in value:
        return value["formula"]
    return value


def main():
    out, rows_path = sys.argv[1], sys.argv[2]
    with open(rows_path, encoding="utf-8") as f:
        rows = json.load(f)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Bonus checks"
    for row in rows:
        sheet.append([cell_value(v) for v in row])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd"
    notes = book.create_sheet("Notes")
    notes.append(["not", "the", "checks"])
    book.save(out)


if __name__ == "__main__":
    main()

"""Writes the starting corpus of each fuzz target (scripts/fuzz): the shared fixtures and conformance data
where they fit, and a few hand-written seeds. Usage: fuzz-seeds.py SHARED OUT target..."""
import json
import pathlib
import sys

shared, out, targets = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
fixtures = shared / "fixtures"


def write(target, name, data):
    directory = out / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


def json_fixtures(*platforms):
    roots = [fixtures / p for p in platforms] if platforms else [fixtures]
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*.json")):
                if path.stat().st_size <= 65536:
                    yield path


for target in targets:
    (out / target).mkdir(parents=True, exist_ok=True)
    if target == "json":
        for i, path in enumerate(json_fixtures()):
            write(target, f"fixture-{i}", path.read_bytes())
        write(target, "numbers", '[0, -1.5e-7, 820982911946154508, "\\u00e5\\ud83d\\ude00", {"a": [true, false, null]}]')
    elif target == "jmespath":
        jmespath = shared / "conformance" / "jmespath"
        n = 0
        for path in sorted(jmespath.glob("*.json")) if jmespath.is_dir() else []:
            for group in json.loads(path.read_text()):
                for case in group.get("cases", [])[:20]:
                    if "expression" in case:
                        write(target, f"case-{n}", case["expression"] + "\n" + json.dumps(group.get("given")))
                        n += 1
        write(target, "order", 'data.order.lines[].{sku: sku, qty: quantity}\n{"data": {"order": {"lines": [{"sku": "A", "quantity": 2}]}}}')
    elif target == "postback-template":
        write(target, "expr", '{"orderRef": {"$expr": "data.order.number"}, "items": {"$expr": "data.order.lines[].{sku: sku}"}}')
        write(target, "text", '{"note": {"$template": "Shipped with {{data.order.shipping.carrier}}{{#data.order.lines}} {{sku}}{{/data.order.lines}}"}}')
        write(target, "literal", '{"raw": {"$literal": {"$expr": "not evaluated"}}, "n": [1, "two", null]}')
    elif target == "message-template":
        write(target, "email", "Tack för din order {{order.number}}\0<p>Hej {{contact.first_name}}!</p>{{#order.lines}}<li>{{name}} {{quantity}}</li>{{/order.lines}}\0Hej {{contact.first_name}}! Totalt: {{order.totals.total}}")
        write(target, "sms", "Hej {{contact.first_name}}, din order {{order.number}} är skickad: {{order.shipping.tracking_url}}")
        write(target, "sections", "{{^empty(order.lines)}}{{#order.lines}}{{{name}}}{{/order.lines}}{{/empty(order.lines)}}{{! comment }}{{> partial}}")
    elif target == "mappers":
        for i, path in enumerate(json_fixtures("shopify", "woocommerce", "cartum", "fapi", "sitoo")):
            write(target, f"fixture-{i}", path.read_bytes())
    elif target == "vouchers":
        write(target, "csv", "email,phone,code,amount,currency,valid_from,valid_to\nanna@example.se,,BC-1,100.00,SEK,2026-01-01,2026-12-31\n,070-123 45 67,\"BC-2\",\"50,00\",SEK,,\n")
        write(target, "tsv", "email\tcode\tamount\tcurrency\nanna@example.se\tBC-1\t100\tSEK\n")
        for i, path in enumerate(sorted(fixtures.rglob("*.xlsx")) if fixtures.is_dir() else []):
            write(target, f"xlsx-{i}", path.read_bytes())
        try:  # a workbook as Excel writes one (openpyxl is installed where the tests run)
            import io
            import openpyxl
            workbook = openpyxl.Workbook()
            sheet = workbook.active
            sheet.append(["email", "phone", "code", "amount", "currency", "valid_from", "valid_to"])
            sheet.append(["anna@example.se", None, "BC-1", 100, "SEK", "2026-01-01", "2026-12-31"])
            sheet.append([None, "070-123 45 67", "BC-2", 49.5, "SEK", None, None])
            buffer = io.BytesIO()
            workbook.save(buffer)
            write(target, "xlsx", buffer.getvalue())
        except ImportError:
            pass
    else:
        sys.exit(f"fuzz-seeds.py: unknown target {target}")

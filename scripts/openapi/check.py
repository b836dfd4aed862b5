# Validates every example of the API document against its schema (and a few inputs that must fail), with a JSON
# Schema 2020-12 validator: python3 scripts/openapi/check.py [path]. The document is written by
# `swift run kvitto-openapi` (needs: pip install jsonschema referencing).
import json, sys
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
doc = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "Sources/KvittoHTTP/openapi.json"))
res = Resource.from_contents(doc, default_specification=__import__('referencing.jsonschema',fromlist=['DRAFT202012']).DRAFT202012)
reg = Registry().with_resource("urn:doc", res)
def check(schema, inst, where):
    s = json.loads(json.dumps(schema).replace('"#/components', '"urn:doc#/components'))
    errs = list(Draft202012Validator(s, registry=reg).iter_errors(inst))
    print(("OK  " if not errs else "FAIL"), where, [e.message[:150] for e in errs][:3])
# schema-level examples (OpenAPIKit writes OpenAPI 3.0's `example` as JSON Schema's `examples`)
for name, s in doc["components"]["schemas"].items():
    examples = s.get("examples", []) + ([s["example"]] if "example" in s else [])
    for i, e in enumerate(examples):
        check({"$ref": f"#/components/schemas/{name}"}, e, "schema " + name + (f"/{i}" if len(examples) > 1 else ""))
for name, r in doc["components"]["responses"].items():
    for ct, c in r.get("content", {}).items():
        if "example" in c: check(c["schema"], c["example"], "resp "+name)
        for k, e in c.get("examples", {}).items(): check(c["schema"], e["value"], f"resp {name}/{k}")
for p, item in doc["paths"].items():
    for m, o in item.items():
        if m == "parameters": continue
        rb = o.get("requestBody", {}).get("content", {})
        for ct, c in rb.items():
            if "example" in c: check(c["schema"], c["example"], f"{m} {p} body")
            for k, e in c.get("examples", {}).items(): check(c["schema"], e["value"], f"{m} {p} body/{k}")
        for code, r in o["responses"].items():
            for ct, c in r.get("content", {}).items():
                if "example" in c: check(c["schema"], c["example"], f"{m} {p} {code}")
# negative checks
oi = {"$ref": "#/components/schemas/OrderInput"}
check(oi, {"external_id": 820982911946154508, "currency": "SEK", "lines": [{"sku": "A", "quantity": "1.5", "unit_price": 10}]}, "int external_id ok")
check(oi, {"external_id": "1", "currency": "SEK", "bogus": 1}, "EXPECT FAIL unknown field")
check(oi, {"external_id": "1", "currency": "SEK", "lines": [{"quantity": 1, "unit_price": "1.00"}]}, "EXPECT FAIL line without name/sku/external_id")
check(oi, {"external_id": "1", "currency": "SEK", "customer": {"email": "a@b.se", "address": {"name": "x"}}}, "EXPECT FAIL customer address name")

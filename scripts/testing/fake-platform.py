#!/usr/bin/env python3
"""fake-platform.py - local fake of the historical-import APIs of Shopify, WooCommerce,
Cartum (Horoshop), FAPI and Sitoo, for Kvitto's backfill tests and benchmarks.

Python 3.11, standard library only.  Listens on 127.0.0.1 only.

    fake-platform.py --port 0 --orders N [--seed S] [--faults "429@3,500@5,drop@7"]
                     [--page-delay-ms 0] [--now 2026-09-01T00:00:00Z] ...

With --port 0 a free port is bound and exactly one line "LISTENING <port>" is printed
to stdout.  See README-fake.md for endpoints, credentials and fault semantics.

Orders are generated deterministically (same --seed, --now and --orders => byte-identical
pages) from the real payload fixtures in fixtures/<platform>/ used as templates.
"""

import argparse
import base64
import bisect
import copy
import hashlib
import json
import os
import random
import re
import socket
import struct
import sys
import threading
import time
from datetime import datetime, timezone, timedelta
from decimal import Decimal, ROUND_HALF_UP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlencode, urlsplit

PLATFORMS = ("shopify", "woocommerce", "cartum", "fapi", "sitoo")
DAY = 86400
# Orders are spread over the last 90 days (minus an hour, so the oldest one is safely inside).
SPAN = 90 * DAY - 3600

# Fixed store time zones (no DST, deliberately: predictable window arithmetic in tests).
SHOPIFY_OFFSET = -5 * 3600   # shop time zone of the sample payload ("...-05:00")
WOO_OFFSET = -3 * 3600       # sample order 727: date_created 16:28:02, date_created_gmt 19:28:02
# Cartum (Horoshop) and FAPI write naive local times: Kyiv and Prague, with their daylight saving time.
CARTUM_ZONE = "Europe/Kyiv"
FAPI_ZONE = "Europe/Prague"


def zone_offset(zone, ts):
    """Seconds east of UTC of an IANA zone at a moment."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo
    return int(datetime.fromtimestamp(ts, tz=timezone.utc).astimezone(ZoneInfo(zone)).utcoffset().total_seconds())


def parse_local(s, zone):
    """parse_time for a naive local time of an IANA zone (offset taken at that moment)."""
    t, date_only = parse_time(s, 0)
    return t - zone_offset(zone, t), date_only

FAULT_KINDS = ("429", "500", "502", "503", "drop", "reset", "cut")


def J(v):
    """Compact JSON fragment."""
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"))


def money(d):
    return str(Decimal(d).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def fmt_time(ts, off, sep="T", with_offset=True):
    s = time.strftime("%Y-%m-%d" + sep + "%H:%M:%S", time.gmtime(ts + off))
    if with_offset:
        sign = "-" if off < 0 else "+"
        a = abs(off)
        s += "%s%02d:%02d" % (sign, a // 3600, (a % 3600) // 60)
    return s


def iso_utc(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


class BadParam(Exception):
    pass


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def parse_time(s, default_off):
    """Parse a date/time filter value.  Returns (epoch_seconds, date_only).

    Accepts ISO 8601 (with 'Z' or +hh:mm offset, or naive), 'YYYY-MM-DD HH:MM:SS',
    'YYYY-MM-DD', 'DD.MM.YYYY[ HH:MM[:SS]]' and bare unix seconds.  Naive values are in the
    store's time zone (default_off, seconds east of UTC).  A '+' that arrived as a space
    because the client did not percent-encode it is repaired."""
    if s is None:
        return None
    s = str(s).strip()
    if not s:
        raise BadParam("empty date")
    if re.fullmatch(r"-?\d+", s) and len(s.lstrip("-")) != 8:   # unix seconds (8 digits = YYYYMMDD)
        return int(s), False
    m = _DMY.match(s)
    if m:
        d, mo, y, hh, mi, ss = m.groups()
        naive = datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
        return int(naive.replace(tzinfo=timezone.utc).timestamp()) - default_off, hh is None
    if "T" in s and " " in s:
        s = s.replace(" ", "+")
    date_only = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s))
    try:
        dt = datetime.fromisoformat(s)
    except ValueError:
        raise BadParam("invalid date: %r" % s)
    if dt.tzinfo is None:
        return int(dt.replace(tzinfo=timezone.utc).timestamp()) - default_off, date_only
    return int(dt.timestamp()), date_only


class Tmpl:
    """A JSON template pre-serialised once into a %-format string.

    In the template object a string value that is exactly "@@NAME@@" is a whole-value slot
    (filled with a JSON fragment: 123, "abc", null, {...}); "@@NAME@@" inside a longer string
    is an in-string slot (filled with raw, already JSON-safe text)."""

    def __init__(self, obj):
        text = J(obj).replace("%", "%%")
        text = re.sub(r'"@@(\w+)@@"', r"%(\1)s", text)
        text = re.sub(r"@@(\w+)@@", r"%(\1)s", text)
        self.fmt = text

    def render(self, vals):
        return self.fmt % vals


def find_fixtures(arg):
    cands = []
    if arg:
        cands.append(arg)
    if os.environ.get("FAKE_PLATFORM_FIXTURES"):
        cands.append(os.environ["FAKE_PLATFORM_FIXTURES"])
    here = os.path.dirname(os.path.abspath(__file__))
    cands += [os.path.join(here, "fixtures"), os.path.join(here, "..", "fixtures"),
              os.path.join(here, "..", "..", "fixtures"), "/work/shared/fixtures"]
    for c in cands:
        if os.path.isfile(os.path.join(c, "shopify", "webhooks", "orders_create.2026-07.json")):
            return os.path.abspath(c)
    sys.exit("fake-platform: fixtures not found (tried %s); use --fixtures DIR" % ", ".join(cands))


def load(fx, rel):
    with open(os.path.join(fx, rel), encoding="utf-8") as f:
        return json.load(f)


# --------------------------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------------------------

class Dataset:
    """n orders of one platform: index i = 0..n-1, oldest first; created ts strictly rising."""

    def __init__(self, name, n, now, seed, kinds, flags=None):
        self.name = name
        self.n = n
        self.now = now
        # kinds: list of (label, weight, ...)
        rng = random.Random("%s:%s:kinds" % (seed, name))
        self.kinds = kinds
        self.kind = rng.choices(range(len(kinds)), weights=[k[1] for k in kinds], k=n) if n else []
        self.flags = flags
        if flags:
            rng2 = random.Random("%s:%s:flags" % (seed, name))
            self.flag = rng2.choices(range(len(flags)), weights=[f[1] for f in flags], k=n) if n else []
        self.ts = [now - ((n - 1 - i) * SPAN) // n for i in range(n)]
        self.seed = seed
        self._cache = {}
        self._lock = threading.Lock()

    def h(self, i, salt=""):
        return hashlib.sha1(("%s:%s:%d:%s" % (self.seed, self.name, i, salt)).encode()).hexdigest()

    def window(self, tmin=None, tmax=None, strict=False):
        """Index range [lo, hi) with tmin <= ts <= tmax (strict: tmin < ts < tmax)."""
        lo, hi = 0, self.n
        if tmin is not None:
            lo = (bisect.bisect_right if strict else bisect.bisect_left)(self.ts, tmin)
        if tmax is not None:
            hi = (bisect.bisect_left if strict else bisect.bisect_right)(self.ts, tmax)
        return lo, max(lo, hi)

    def matches(self, key, lo, hi, pred):
        """Sorted ascending list/range of indices in [lo, hi) satisfying pred(i); cached by key."""
        if pred is None:
            return range(lo, hi)
        k = (key, lo, hi)
        with self._lock:
            r = self._cache.get(k)
        if r is None:
            r = [i for i in range(lo, hi) if pred(i)]
            with self._lock:
                if len(self._cache) > 64:
                    self._cache.clear()
                self._cache[k] = r
        return r


# ---------------------------------------------------------------- Shopify

SHOPIFY_ID0 = 820982911946154508
SHOPIFY_CUST0 = 115310627314723954
# label, weight, financial_status, fulfillment_status, cancelled, closed
SHOPIFY_KINDS = [
    ("pending", 10, "pending", None, False, False),
    ("authorized", 5, "authorized", None, False, False),
    ("partially_paid", 5, "partially_paid", None, False, False),
    ("paid", 28, "paid", None, False, False),
    ("partially_fulfilled", 5, "paid", "partial", False, False),
    ("fulfilled_open", 10, "paid", "fulfilled", False, False),
    ("fulfilled_closed", 15, "paid", "fulfilled", False, True),
    ("cancelled", 10, "voided", None, True, True),
    ("refunded", 7, "refunded", None, False, False),
    ("partially_refunded", 5, "partially_refunded", "partial", False, False),
]


class Shopify(Dataset):
    def __init__(self, fx, n, now, seed, redact_pct=0, currency=None):
        super().__init__("shopify", n, now, seed, SHOPIFY_KINDS,
                         flags=[("normal", 100 - redact_pct), ("redacted", redact_pct)])
        src = load(fx, "shopify/webhooks/orders_create.2026-07.json")
        t = copy.deepcopy(src)
        t["id"] = "@@ID@@"
        t["admin_graphql_api_id"] = "gid://shopify/Order/@@ID@@"
        t["name"] = "@@NAME@@"
        t["number"] = "@@NUMBER@@"
        t["order_number"] = "@@ORDER_NUMBER@@"
        t["created_at"] = "@@CREATED@@"
        t["processed_at"] = "@@CREATED@@"
        t["updated_at"] = "@@UPDATED@@"
        t["email"] = "@@EMAIL@@"
        t["contact_email"] = "@@EMAIL@@"
        t["phone"] = "@@PHONE@@"
        t["financial_status"] = "@@FIN@@"
        t["fulfillment_status"] = "@@FUL@@"
        t["cancelled_at"] = "@@CANCELLED_AT@@"
        t["cancel_reason"] = "@@CANCEL_REASON@@"
        t["closed_at"] = "@@CLOSED_AT@@"
        t["confirmed"] = True
        t["test"] = False
        t["token"] = "@@TOKEN@@"
        tok = src["token"]
        t["order_status_url"] = src["order_status_url"].replace(tok, "@@TOKEN_RAW@@")
        cu = t["customer"]
        cu["id"] = "@@CUST_ID@@"
        cu["admin_graphql_api_id"] = "gid://shopify/Customer/@@CUST_ID@@"
        cu["email"] = "@@EMAIL@@"
        cu["phone"] = "@@PHONE@@"
        cu["first_name"] = "@@FIRST@@"
        cu["last_name"] = "@@LAST@@"
        da = cu.get("default_address")
        if isinstance(da, dict):
            da["customer_id"] = "@@CUST_ID@@"
            da["first_name"] = "@@FIRST@@"
            da["last_name"] = "@@LAST@@"
            da["name"] = "@@FULLNAME@@"
        self.line_bases = []
        for k, li in enumerate(t.get("line_items", [])):
            self.line_bases.append(li["id"])
            li["id"] = "@@L%d@@" % k
            li["admin_graphql_api_id"] = "gid://shopify/LineItem/@@L%d@@" % k
        full = Tmpl(t)
        # "Basic plan without protected customer data": customer and addresses withheld.
        r = copy.deepcopy(t)
        for key in ("customer", "billing_address", "shipping_address"):
            r.pop(key, None)
        r["email"] = ""
        r["contact_email"] = None
        r["phone"] = None
        red = Tmpl(r)
        if currency and currency != "USD":
            full.fmt = full.fmt.replace('"USD"', J(currency))
            red.fmt = red.fmt.replace('"USD"', J(currency))
        self.currency = currency or "USD"
        self.fmts = (full.fmt, red.fmt)
        kv = []
        for (label, _w, fin, ful, canc, closed) in SHOPIFY_KINDS:
            kv.append({"FIN": J(fin), "FUL": J(ful),
                       "CANCEL_REASON": J("customer" if canc else None)})
        self.kind_vals = kv
        self.cust_names = [("Customer", "No%03d" % c) for c in range(1000)]

    def is_open(self, i):
        k = SHOPIFY_KINDS[self.kind[i]]
        return not k[4] and not k[5]

    def status_pred(self, status, fin, ful):
        preds = []
        if status == "open":
            preds.append(lambda i: not SHOPIFY_KINDS[self.kind[i]][4] and not SHOPIFY_KINDS[self.kind[i]][5])
        elif status == "closed":
            preds.append(lambda i: SHOPIFY_KINDS[self.kind[i]][5])
        elif status == "cancelled":
            preds.append(lambda i: SHOPIFY_KINDS[self.kind[i]][4])
        if fin and fin != "any":
            want = set(fin.split(","))
            if "unpaid" in want:
                want |= {"pending", "authorized", "partially_paid"}
            preds.append(lambda i: SHOPIFY_KINDS[self.kind[i]][2] in want)
        if ful and ful != "any":
            if ful == "shipped":
                fs = {"fulfilled"}
            elif ful == "partial":
                fs = {"partial"}
            elif ful == "unshipped":
                fs = {None}
            elif ful == "unfulfilled":
                fs = {None, "partial"}
            else:
                fs = {ful}
            preds.append(lambda i: SHOPIFY_KINDS[self.kind[i]][3] in fs)
        if not preds:
            return None
        if len(preds) == 1:
            return preds[0]
        return lambda i: all(p(i) for p in preds)

    def updated_ts(self, i):
        k = SHOPIFY_KINDS[self.kind[i]]
        return self.ts[i] + (3600 if (k[4] or k[5] or k[3]) else 0)

    def render(self, i):
        k = self.kind[i]
        kk = SHOPIFY_KINDS[k]
        c = i % 1000
        ts = self.ts[i]
        oid = SHOPIFY_ID0 + i
        onum = 1001 + i
        created = '"%s"' % fmt_time(ts, SHOPIFY_OFFSET)
        later = '"%s"' % fmt_time(ts + 3600, SHOPIFY_OFFSET)
        tok = self.h(i, "token")[:32]
        first, last = self.cust_names[c]
        v = dict(self.kind_vals[k])
        v["ID"] = oid
        v["NAME"] = '"#%d"' % onum
        v["NUMBER"] = i + 1
        v["ORDER_NUMBER"] = onum
        v["CREATED"] = created
        v["UPDATED"] = later if (kk[4] or kk[5] or kk[3]) else created
        v["CANCELLED_AT"] = later if kk[4] else "null"
        v["CLOSED_AT"] = later if kk[5] else "null"
        v["EMAIL"] = '"customer%d@example.com"' % c
        v["PHONE"] = ('"+1613555%04d"' % c) if c % 4 == 0 else "null"
        v["TOKEN"] = '"%s"' % tok
        v["TOKEN_RAW"] = tok
        v["CUST_ID"] = SHOPIFY_CUST0 + c
        v["FIRST"] = '"%s"' % first
        v["LAST"] = '"%s"' % last
        v["FULLNAME"] = '"%s %s"' % (first, last)
        for n_, base in enumerate(self.line_bases):
            v["L%d" % n_] = base + i
        return self.fmts[self.flag[i]] % v

    def summary(self, i):
        kk = SHOPIFY_KINDS[self.kind[i]]
        c = i % 1000
        red = self.flag[i] == 1
        return {"id": SHOPIFY_ID0 + i, "number": "#%d" % (1001 + i), "created_at": iso_utc(self.ts[i]),
                "state": kk[0], "financial_status": kk[2], "fulfillment_status": kk[3],
                "cancelled": kk[4], "closed": kk[5],
                "email": None if red else "customer%d@example.com" % c,
                "phone": None if red or c % 4 else "+1613555%04d" % c,
                "flags": ["redacted"] if red else [], "currency": self.currency}


# ---------------------------------------------------------------- WooCommerce

WOO_CATS = {9: ("Clothing", "clothing"), 10: ("Hoodies", "hoodies"), 11: ("Music", "music"),
            12: ("Posters", "posters"), 13: ("Singles", "singles"), 14: ("T-shirts", "t-shirts"),
            15: ("Albums", "albums")}
# product_id, variation_id, name, sku, price, category ids
WOO_PRODUCTS = [
    (93, 0, "Woo Single #1", "", "3.00", [11, 13]),
    (22, 23, "Ship Your Idea &ndash; Color: Black, Size: M Test", "Bar3", "12.00", [9, 10]),
    (794, 0, "Premium Quality", "", "21.99", [9, 14]),
    (801, 0, "Album & Tee Bundle", "BUNDLE-801", "30.00", [15, 14]),
    (802, 0, "Poster Pack", "POSTER-802", "15.00", [12]),
    (803, 0, "Hoodie with Logo", "HOODIE-803", "45.00", [10, 11]),
    (804, 0, "Sampler", "SAMPLER-804", "9.50", [9, 11]),
    (805, 0, "Singles & Albums Box", "BOX-805", "60.00", [11, 13, 15]),
]
WOO_KINDS = [("pending", 10), ("processing", 30), ("on-hold", 8), ("completed", 25),
             ("cancelled", 8), ("refunded", 6), ("failed", 6), ("trash", 3), ("checkout-draft", 4)]
WOO_STATUSES = {k[0] for k in WOO_KINDS}
# Cartum (Horoshop) status ids: 1 New, 2 Processing, 3 Delivered, 4 Canceled, 6 Shipping.
CARTUM_STATUS_IDS = {1, 2, 3, 4, 6}
WOO_PAID = {"processing", "completed", "refunded"}
# Flags exercise the seed-004 import rules (no items / no customer / no contact channel /
# phone only in shipping).
WOO_FLAGS = [("normal", 87), ("no_items", 3), ("no_customer", 2), ("no_contact", 3), ("ship_phone_only", 5)]
TAX_RATE = Decimal("0.075")   # the sample order: 0.45 tax on 6.00


class Woo(Dataset):
    def __init__(self, fx, n, now, seed, currency=None):
        super().__init__("woocommerce", n, now, seed, WOO_KINDS, flags=WOO_FLAGS)
        self.tpl = load(fx, "woocommerce/rest_v3_order_retrieve_727.json")
        self.line_tpl = self.tpl["line_items"]
        self.cats_list = load(fx, "woocommerce/rest_v3_product_categories_list.json")
        self.product_tpl = load(fx, "woocommerce/rest_v3_product_retrieve.json")
        self.currency = currency or self.tpl.get("currency", "USD")
        self.products = {p[0]: p for p in WOO_PRODUCTS}

    def lines(self, i):
        out = []
        nlines = 1 + (int(self.h(i, "n")[:4], 16) % 3)
        for k in range(nlines):
            p = WOO_PRODUCTS[(i * 7 + k * 3) % len(WOO_PRODUCTS)]
            pid, var, name, sku, price, _c = p
            qty = 1 + (i + k) % 3
            tpl = self.line_tpl[1] if var else self.line_tpl[0]
            li = copy.deepcopy(tpl)
            sub = Decimal(price) * qty
            tax = (sub * TAX_RATE).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            li["id"] = 100000 + i * 4 + k
            li["name"] = name
            li["product_id"] = pid
            li["variation_id"] = var
            li["quantity"] = qty
            li["subtotal"] = money(sub)
            li["subtotal_tax"] = money(tax)
            li["total"] = money(sub)
            li["total_tax"] = money(tax)
            li["taxes"] = [{"id": 75, "total": money(tax), "subtotal": money(tax)}]
            li["sku"] = sku
            # WooCommerce emits the unit price as a JSON number (a float on the wire).
            pr = Decimal(price)
            li["price"] = int(pr) if pr == pr.to_integral_value() else float(pr)
            out.append(li)
        return out

    def render_obj(self, i, host):
        t = self.tpl
        o = dict(t)
        st = WOO_KINDS[self.kind[i]][0]
        fl = WOO_FLAGS[self.flag[i]][0]
        c = i % 1000
        ts = self.ts[i]
        oid = 1000 + i
        o["id"] = oid
        o["number"] = str(oid)
        o["order_key"] = "wc_order_" + self.h(i, "key")[:13]
        o["status"] = st
        o["currency"] = self.currency
        o["date_created"] = fmt_time(ts, WOO_OFFSET, with_offset=False)
        o["date_created_gmt"] = fmt_time(ts, 0, with_offset=False)
        mod = ts + (3600 if st not in ("pending", "checkout-draft") else 0)
        o["date_modified"] = fmt_time(mod, WOO_OFFSET, with_offset=False)
        o["date_modified_gmt"] = fmt_time(mod, 0, with_offset=False)
        paid = st in WOO_PAID
        o["date_paid"] = fmt_time(ts + 6, WOO_OFFSET, with_offset=False) if paid else None
        o["date_paid_gmt"] = fmt_time(ts + 6, 0, with_offset=False) if paid else None
        done = st == "completed"
        o["date_completed"] = fmt_time(ts + 3600, WOO_OFFSET, with_offset=False) if done else None
        o["date_completed_gmt"] = fmt_time(ts + 3600, 0, with_offset=False) if done else None
        o["customer_id"] = 0 if (c % 3 == 0 or fl == "no_customer") else 100 + c
        bill = dict(t["billing"])
        ship = dict(t["shipping"])
        first, last = "Customer", "No%03d" % c
        bill.update(first_name=first, last_name=last, email="customer%d@example.com" % c,
                    phone="(555) 555-%04d" % c if c % 2 == 0 else "")
        ship.update(first_name=first, last_name=last, phone="")
        if fl == "no_customer":
            for k in ("first_name", "last_name", "company", "address_1", "address_2", "city",
                      "state", "postcode", "country", "email", "phone"):
                bill[k] = ""
            for k in ("first_name", "last_name", "company", "address_1", "address_2", "city",
                      "state", "postcode", "country", "phone"):
                ship[k] = ""
        elif fl == "no_contact":
            bill["email"] = ""
            bill["phone"] = ""
        elif fl == "ship_phone_only":
            bill["email"] = ""
            bill["phone"] = ""
            ship["phone"] = "(555) 444-%04d" % c
        o["billing"] = bill
        o["shipping"] = ship
        lines = [] if fl == "no_items" else self.lines(i)
        o["line_items"] = lines
        sub = sum((Decimal(li["subtotal"]) for li in lines), Decimal(0))
        tax = sum((Decimal(li["total_tax"]) for li in lines), Decimal(0))
        ship_total = Decimal("10.00")
        o["discount_total"] = "0.00"
        o["discount_tax"] = "0.00"
        o["shipping_total"] = money(ship_total)
        o["shipping_tax"] = "0.00"
        o["cart_tax"] = money(tax)
        o["total_tax"] = money(tax)
        o["total"] = money(sub + tax + ship_total)
        tl = copy.deepcopy(t["tax_lines"])
        for x in tl:
            x["id"] = 200000 + i
            x["tax_total"] = money(tax)
        o["tax_lines"] = tl if lines else []
        sl = copy.deepcopy(t["shipping_lines"])
        for x in sl:
            x["id"] = 300000 + i
        o["shipping_lines"] = sl
        o["meta_data"] = [dict(m, id=400000 + i) for m in t["meta_data"]]
        base = "http://%s/wp-json/wc/v3/orders" % host
        o["_links"] = {"self": [{"href": "%s/%d" % (base, oid)}], "collection": [{"href": base}]}
        return o

    def render(self, i, host):
        return J(self.render_obj(i, host))

    def summary(self, i):
        o = self.render_obj(i, "x")
        return {"id": o["id"], "number": o["number"], "created_at": iso_utc(self.ts[i]),
                "date_created": o["date_created"], "state": o["status"],
                "email": o["billing"]["email"] or None,
                "phone": o["billing"]["phone"] or o["shipping"].get("phone") or None,
                "lines": len(o["line_items"]), "flags": [WOO_FLAGS[self.flag[i]][0]],
                "currency": self.currency}

    def product(self, pid, host):
        p = self.products.get(pid)
        if not p:
            return None
        pid, var, name, sku, price, cats = p
        o = copy.deepcopy(self.product_tpl)
        o["id"] = pid
        o["name"] = name
        o["slug"] = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        o["permalink"] = "http://%s/product/%s/" % (host, o["slug"])
        o["sku"] = sku
        o["price"] = o["regular_price"] = price
        o["sale_price"] = ""
        o["on_sale"] = False
        o["price_html"] = '<span class="woocommerce-Price-amount amount"><span class="woocommerce-Price-currencySymbol">&#36;</span>%s</span>' % price
        o["categories"] = [{"id": c, "name": WOO_CATS[c][0], "slug": WOO_CATS[c][1]} for c in cats]
        o["type"] = "variable" if var else "simple"
        o["variations"] = [var] if var else []
        base = "http://%s/wp-json/wc/v3/products" % host
        o["_links"] = {"self": [{"href": "%s/%d" % (base, pid)}], "collection": [{"href": base}]}
        return o


# ---------------------------------------------------------------- Cartum (Horoshop)

# Horoshop built-in statuses: 1 new, 2 processing, 3 delivered, 4 not delivered, 6 shipping.
CARTUM_KINDS = [("1", 25), ("2", 25), ("6", 15), ("3", 25), ("4", 10)]
CARTUM_PRODUCTS = [
    ("Example product", "SKU-001", 1599), ("Phone case", "SKU-002", 299),
    ("USB-C cable 1 m", "SKU-003", 149), ("Power bank 10000 mAh", "SKU-004", 899),
    ("Screen protector", "SKU-005", 199), ("Wireless earbuds", "SKU-006", 2499),
]
CARTUM_FLAGS = [("normal", 94), ("no_email", 3), ("no_phone", 3)]


class Cartum(Dataset):
    def __init__(self, fx, n, now, seed, currency=None):
        super().__init__("cartum", n, now, seed, CARTUM_KINDS, flags=CARTUM_FLAGS)
        self.tpl = load(fx, "cartum/webhook_order_created.SYNTHETIC.json")
        self.currency = currency or self.tpl.get("currency", "UAH")

    def render_obj(self, i):
        t = self.tpl
        o = dict(t)
        c = i % 1000
        fl = CARTUM_FLAGS[self.flag[i]][0]
        o["order_id"] = 1001 + i
        o["user"] = 100000 + i
        o["delivery_name"] = "Customer No%03d" % c
        o["delivery_email"] = "" if fl == "no_email" else "customer%d@example.com" % c
        o["delivery_phone"] = "" if fl == "no_phone" else "+38 (067) %03d-45-67" % c
        if i % 3 == 0:
            o["delivery_city"] = "Lviv"
            o["delivery_address"] = "Nova Poshta branch #%d" % (1 + c % 50)
            o["delivery_type"] = {"id": 7, "title": "Nova Poshta"}
            dprice = 70
        else:
            o["delivery_type"] = dict(t["delivery_type"])
            dprice = 0
        o["delivery_price"] = dprice
        st = int(CARTUM_KINDS[self.kind[i]][0])
        o["stat_status"] = st
        o["payed"] = 1 if st in (2, 3, 6) else 0
        prods = []
        nl = 1 + i % 3
        tq = 0
        total = 0
        ptpl = t["products"][0]
        for k in range(nl):
            title, art, price = CARTUM_PRODUCTS[(i + k * 2) % len(CARTUM_PRODUCTS)]
            q = 1 + (i + k) % 2
            p = dict(ptpl)
            p.update(title=title, article=art, price=price, quantity=q, total_price=price * q,
                     url="https://shop.example.com.ua/%s" % art.lower())
            prods.append(p)
            tq += q
            total += price * q
        o["products"] = prods
        o["total_default"] = total
        o["total_sum"] = total
        o["total_quantity"] = tq
        o["stat_created"] = fmt_time(self.ts[i], zone_offset(CARTUM_ZONE, self.ts[i]), sep=" ", with_offset=False)
        o["currency"] = self.currency
        return o

    def render(self, i):
        return J(self.render_obj(i))

    def summary(self, i):
        o = self.render_obj(i)
        return {"id": o["order_id"], "number": str(o["order_id"]), "created_at": iso_utc(self.ts[i]),
                "stat_created": o["stat_created"], "state": o["stat_status"],
                "email": o["delivery_email"] or None, "phone": o["delivery_phone"] or None,
                "flags": [CARTUM_FLAGS[self.flag[i]][0]], "currency": self.currency}


# ---------------------------------------------------------------- FAPI

FAPI_INV0 = 185993812
FAPI_ORD0 = 12440538
FAPI_CLIENT0 = 1808089
# label, weight, type, paid, cancelled
FAPI_KINDS = [
    ("proforma_unpaid", 30, "proforma", False, False),
    ("proforma_paid", 10, "proforma", True, False),
    ("invoice_paid", 30, "invoice", True, False),
    ("proforma_cancelled", 15, "proforma", False, True),
    ("simplified_invoice", 5, "simplified_invoice", True, False),
    ("credit_note", 5, "credit_note", True, False),
    ("invoice_unpaid", 5, "invoice", False, False),
]
FAPI_ITEMS = [("Online kurz - základ", 2700), ("Konzultace 60 min", 1500),
              ("E-book", 299), ("Členství - měsíc", 490)]
FAPI_FLAGS = [("with_order", 90), ("no_order", 10)]


class Fapi(Dataset):
    def __init__(self, fx, n, now, seed, currency=None):
        super().__init__("fapi", n, now, seed, FAPI_KINDS, flags=FAPI_FLAGS)
        self.inv_tpl = load(fx, "fapi/api_invoice_get_185993812.json")
        self.ord_tpl = load(fx, "fapi/api_order_get_12440538.json")
        self.currency = currency or self.inv_tpl.get("currency", "CZK")

    def has_order(self, i):
        return FAPI_FLAGS[self.flag[i]][0] == "with_order"

    def items(self, i):
        out = []
        for k in range(1 + i % 2):
            name, price = FAPI_ITEMS[(i + k) % len(FAPI_ITEMS)]
            out.append((name, price, 1 + (i + k) % 2))
        return out

    def invoice_obj(self, i):
        t = self.inv_tpl
        o = dict(t)
        lab, _w, typ, paid, canc = FAPI_KINDS[self.kind[i]]
        c = i % 1000
        ts = self.ts[i]
        iid = FAPI_INV0 + i
        created = fmt_time(ts, zone_offset(FAPI_ZONE, ts), sep=" ", with_offset=False)
        year = created[:4]
        o["id"] = iid
        o["number"] = "%s%06d" % (year, i + 1)
        o["variable_symbol"] = o["number"]
        o["created_on"] = created
        o["last_modified_on"] = fmt_time(ts + (3600 if (paid or canc) else 0), zone_offset(FAPI_ZONE, ts), sep=" ", with_offset=False)
        o["create_date"] = created[:10]
        o["payday_date"] = time.strftime("%Y-%m-%d", time.gmtime(ts + zone_offset(FAPI_ZONE, ts) + 14 * DAY))
        o["client"] = FAPI_CLIENT0 + c
        o["type"] = typ
        o["proforma"] = typ == "proforma"
        o["simplified_invoice"] = typ == "simplified_invoice"
        o["credit_note"] = typ == "credit_note"
        o["paid"] = paid
        o["cancelled"] = canc
        o["cancellation_reason"] = "Zrušeno zákazníkem" if canc else None
        o["currency"] = self.currency
        o["path"] = self.h(i, "path")[:40]
        o["new_order"] = str(FAPI_ORD0 + i) if self.has_order(i) else None
        o["customer"] = {"name": "Zákazník %03d" % c, "email": "customer%d@example.com" % c}
        items = []
        total = 0
        sign = -1 if typ == "credit_note" else 1
        it0 = t["items"][0]
        for k, (name, price, cnt) in enumerate(self.items(i)):
            it = dict(it0)
            it.update(id=20000000 + i * 4 + k, invoice=iid, name=name, price=sign * price, count=cnt)
            items.append(it)
            total += sign * price * cnt
        o["items"] = items
        o["total"] = o["total_czk"] = o["total_native"] = total
        o["total_vat"] = o["total_vat_czk"] = o["total_vat_native"] = 0
        return o

    def order_obj(self, i):
        if not self.has_order(i):
            return None
        t = self.ord_tpl
        o = dict(t)
        lab, _w, typ, paid, canc = FAPI_KINDS[self.kind[i]]
        c = i % 1000
        oid = FAPI_ORD0 + i
        o["id"] = oid
        o["created"] = fmt_time(self.ts[i] - 2, zone_offset(FAPI_ZONE, self.ts[i]), sep=" ", with_offset=False)
        o["first_name"] = "Zákazník"
        o["last_name"] = "No%03d" % c
        o["email"] = "customer%d@example.com" % c
        o["phone"] = "+420777%06d" % c if c % 2 == 0 else None
        o["client"] = FAPI_CLIENT0 + c
        o["invoice"] = FAPI_INV0 + i
        o["pending"] = not paid
        o["currency"] = self.currency
        o["next_url"] = "http://fapi.cz/?fapiUpsellOrderId=%d" % oid
        it0 = t["items"][0]
        items = []
        for name, price, cnt in self.items(i):
            it = copy.deepcopy(it0)
            it.update(name=name, price=price, price_czk=price, count=cnt,
                      price_eur=None, prices=[{"price": price, "type": "one_time", "currency_code": "CZK",
                                               "metadata": None, "repayment_count": None}])
            items.append(it)
        o["items"] = items
        return o

    def render(self, i):
        return J(self.invoice_obj(i))

    def summary(self, i):
        lab, _w, typ, paid, canc = FAPI_KINDS[self.kind[i]]
        inv = self.invoice_obj(i)
        return {"id": inv["id"], "number": inv["number"], "created_at": iso_utc(self.ts[i]),
                "created_on": inv["created_on"], "state": lab, "type": typ, "paid": paid, "cancelled": canc,
                "order_id": FAPI_ORD0 + i if self.has_order(i) else None,
                "email": inv["customer"]["email"], "flags": [FAPI_FLAGS[self.flag[i]][0]],
                "currency": self.currency}


# ---------------------------------------------------------------- Sitoo

# No Sitoo order fixture exists (fixtures/sitoo holds CRM-SPI and events-SPI bodies only).
# This template is the first item of the GET /sites/{siteid}/orders response example in
# spysystem/sitoo-client src/paths/sites/_siteid_/orders.yaml (hand-written from
# developer.sitoo.com "Get Orders"), plus the order-read.yaml fields that the default
# `fields` list does not return (phone, externalid, creditorderid, addresses, ...).
SITOO_TEMPLATE = {
    "orderid": 11513, "eshopid": 1, "externalid": "", "creditorderid": None,
    "email": "", "namefirst": "", "namelast": "", "personalid": "", "company": "", "phone": "",
    "invoice_address": "", "invoice_address2": "", "invoice_zip": "", "invoice_city": "",
    "invoice_state": "", "invoice_countryid": "SE",
    "delivery_address": "", "delivery_address2": "", "delivery_zip": "", "delivery_city": "",
    "delivery_state": "", "delivery_countryid": "SE",
    "comment": "", "commentinternal": "", "customerref": "", "checkoutref": "",
    "moneyfinal_net": "14.15", "moneyfinal_vat": "0.85", "moneytotal_gross_roundoff": "0.00",
    "moneytotal_gross_all": "15.00", "checkouttypename": "Sitoo POS - Card", "deliverytypename": "",
    "orderdate": 1463041119, "orderstateid": 10, "paymentstateid": 20, "ordertypeid": 10,
    "userid_staff": "", "registerid": "{3CCB9848-155A-49E1-7CA8-5F7F78FC3067}", "warehouseid": 1,
    "datereserved": None, "currencycode": "USD", "additionaldata": {},
    "orderitems": [{"orderitemid": 0, "orderitemtype": 10, "productid": 24, "productname": "Cookbook",
                    "sku": "121292-4", "productattributes": "", "externalinput": "", "externalinputtitle": "",
                    "unitlabel": "", "quantity": 1, "decimalunitquantity": None,
                    "moneynetpriceperunit": "14.15", "moneypriceorg": "0.00", "vatvalue": 6,
                    "deliveryinfo": "", "moneyitemtotal_net": "14.15", "moneyitemtotal_vat": "0.85",
                    "voucherid": 0, "vouchercode": "", "vouchername": "", "moneyoriginalprice": "14.15",
                    "moneydiscountedprice": "0.00", "moneydiscount": "0.00", "salestaxes": [],
                    "additionaldata": {}, "decimalquantitytotal": "1.000",
                    "moneynetpriceperquantity": "14.15"}],
    "payments": [{"name": "Card", "moneyamount": "15.00", "externalid": "123456", "reftype": "verifonelpp",
                  "refid": "160512095647 000046160830", "cardissuer": "Mastercard", "additionaldata": {}}],
    "reservedpayments": [],
}
SITOO_DEFAULT_FIELDS = ("orderid,eshopid,email,namefirst,namelast,company,moneyfinal_net,moneyfinal_vat,"
                        "moneytotal_gross_roundoff,moneytotal_gross_all,checkouttypename,deliverytypename,"
                        "orderdate,orderstateid,paymentstateid,ordertypeid,registerid,warehouseid,datereserved,"
                        "currencycode,orderitems,payments,reservedpayments,additionaldata").split(",")
# orderstateid: 0 open, 10 closed, 20 cancelled (our choice; docs list ids, not all names)
SITOO_KINDS = [("10", 80), ("0", 10), ("20", 10)]
SITOO_FLAGS = [("pos", 80), ("webshop", 10), ("refund", 5), ("anonymous", 5)]
SITOO_PRODUCTS = [(24, "Cookbook", "121292-4", "14.15", 6), (19, "Coffee Table", "44079-0", "2392.00", 25),
                  (31, "Sofa Cosy", "10038-2", "100.00", 25), (45, "Scented candle", "55120-1", "79.20", 25),
                  (52, "Linen napkins 4-pack", "55133-0", "159.20", 25)]
SITOO_ORDER0 = 100001


class Sitoo(Dataset):
    def __init__(self, fx, n, now, seed, currency=None):
        super().__init__("sitoo", n, now, seed, SITOO_KINDS, flags=SITOO_FLAGS)
        self.currency = currency or "SEK"

    def render_obj(self, i):
        o = copy.deepcopy(SITOO_TEMPLATE)
        c = i % 1000
        fl = SITOO_FLAGS[self.flag[i]][0]
        st = int(SITOO_KINDS[self.kind[i]][0])
        oid = SITOO_ORDER0 + i
        o["orderid"] = oid
        o["orderdate"] = self.ts[i]
        o["orderstateid"] = st
        o["paymentstateid"] = {10: 20, 0: 10, 20: 0}[st]
        o["currencycode"] = self.currency
        if fl != "anonymous":
            o["email"] = "customer%d@example.com" % c
            o["namefirst"] = "Kund"
            o["namelast"] = "No%03d" % c
            o["phone"] = "+46701%06d" % c
        if fl == "webshop":
            o["registerid"] = None
            o["checkouttypename"] = "Klarna Checkout"
            o["deliverytypename"] = "PostNord"
            o["delivery_address"] = "Storgatan %d" % (1 + c % 90)
            o["delivery_zip"] = "11122"
            o["delivery_city"] = "Stockholm"
        sign = -1 if fl == "refund" else 1
        if fl == "refund" and i > 0:
            o["creditorderid"] = oid - 1
            o["additionaldata"] = {"refundreasoncode-reasoncode": "RC123", "refundreasoncode-comment": "Guarantee"}
        items = []
        net = Decimal(0)
        vat = Decimal(0)
        it0 = SITOO_TEMPLATE["orderitems"][0]
        for k in range(1 + i % 3):
            pid, name, sku, price, vatv = SITOO_PRODUCTS[(i + k) % len(SITOO_PRODUCTS)]
            q = sign * (1 + (i + k) % 2)
            it = dict(it0)
            pn = Decimal(price)
            tn = pn * q
            tv = (tn * vatv / Decimal(100)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            it.update(orderitemid=k, productid=pid, productname=name, sku=sku, quantity=q,
                      moneynetpriceperunit=money(pn), vatvalue=vatv, moneyitemtotal_net=money(tn),
                      moneyitemtotal_vat=money(tv), moneyoriginalprice=money(pn),
                      decimalquantitytotal="%.3f" % q, moneynetpriceperquantity=money(pn))
            items.append(it)
            net += tn
            vat += tv
        o["orderitems"] = items
        o["moneyfinal_net"] = money(net)
        o["moneyfinal_vat"] = money(vat)
        o["moneytotal_gross_all"] = money(net + vat)
        pay = dict(SITOO_TEMPLATE["payments"][0])
        pay.update(moneyamount=money(net + vat), externalid=str(500000 + i),
                   refid="%s %012d" % (time.strftime("%y%m%d%H%M%S", time.gmtime(self.ts[i])), i))
        o["payments"] = [pay] if st != 0 else []
        return o

    def render(self, i, fields):
        o = self.render_obj(i)
        return J({k: o[k] for k in fields if k in o})

    def summary(self, i):
        o = self.render_obj(i)
        return {"id": o["orderid"], "number": str(o["orderid"]), "created_at": iso_utc(self.ts[i]),
                "orderdate": o["orderdate"], "state": o["orderstateid"], "email": o["email"] or None,
                "phone": o["phone"] or None, "flags": [SITOO_FLAGS[self.flag[i]][0]],
                "currency": self.currency}


# --------------------------------------------------------------------------------------------
# Faults, log, stats
# --------------------------------------------------------------------------------------------

def parse_faults(spec):
    out = []
    if not spec:
        return out
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\w+)@(?:(\w+):)?(\d+)", part)
        if not m or m.group(1) not in FAULT_KINDS:
            raise ValueError("bad fault %r (kind@k or kind@platform:k; kinds %s)" % (part, ",".join(FAULT_KINDS)))
        plat = m.group(2)
        if plat and plat not in PLATFORMS:
            raise ValueError("bad fault platform %r" % plat)
        out.append({"kind": m.group(1), "platform": plat, "at": int(m.group(3)), "fired": False})
    return out


class State:
    def __init__(self, faults):
        self.lock = threading.Lock()
        self.t0 = time.time()
        self.reset(faults)

    def reset(self, faults):
        with self.lock:
            self.faults = faults
            self.log = []
            self.list_n = 0
            self.list_n_by = {p: 0 for p in PLATFORMS}
            self.fired = []
            self.served = {p: 0 for p in PLATFORMS}
            self.distinct = {p: set() for p in PLATFORMS}
            self.pages_seen = {}
            self.dup_pages = 0
            self.inflight = 0
            self.bucket = {}
            self.writes = []
            self.write_faults = []

    def next_list(self, platform):
        """Count one authorised orders-list request; return (k, fault or None)."""
        with self.lock:
            self.list_n += 1
            self.list_n_by[platform] += 1
            k, kp = self.list_n, self.list_n_by[platform]
            for f in self.faults:
                if f["fired"]:
                    continue
                if (f["platform"] is None and f["at"] == k) or (f["platform"] == platform and f["at"] == kp):
                    f["fired"] = True
                    self.fired.append({"kind": f["kind"], "at": f["at"], "platform_filter": f["platform"],
                                       "platform": platform, "request": k})
                    return k, f
            return k, None

    def record(self, entry, platform=None, ids=None, page_key=None):
        with self.lock:
            entry["seq"] = len(self.log) + 1
            self.log.append(entry)
            if ids is not None and platform:
                self.served[platform] += len(ids)
                self.distinct[platform].update(ids)
                if page_key is not None:
                    n = self.pages_seen.get(page_key, 0) + 1
                    self.pages_seen[page_key] = n
                    if n > 1:
                        self.dup_pages += 1

    def stats(self):
        with self.lock:
            by_plat, by_status, by_ep = {}, {}, {}
            auth_fail = 0
            for e in self.log:
                by_plat[e.get("platform") or "-"] = by_plat.get(e.get("platform") or "-", 0) + 1
                s = str(e["status"])
                by_status[s] = by_status.get(s, 0) + 1
                by_ep[e.get("endpoint") or "-"] = by_ep.get(e.get("endpoint") or "-", 0) + 1
                if e.get("auth_failed"):
                    auth_fail += 1
            return {
                "requests": len(self.log),
                "by_platform": by_plat, "by_status": by_status, "by_endpoint": by_ep,
                "list_requests": self.list_n, "list_requests_by_platform": dict(self.list_n_by),
                "auth_failures": auth_fail,
                "faults": {"configured": ["%s@%s%d" % (f["kind"], (f["platform"] + ":") if f["platform"] else "", f["at"])
                                          for f in self.faults],
                           "fired": list(self.fired),
                           "pending": ["%s@%s%d" % (f["kind"], (f["platform"] + ":") if f["platform"] else "", f["at"])
                                       for f in self.faults if not f["fired"]]},
                "orders_served": dict(self.served),
                "distinct_orders_served": {p: len(s) for p, s in self.distinct.items()},
                "duplicate_page_requests": self.dup_pages,
            }


# --------------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------------

def b64url(d):
    return base64.urlsafe_b64encode(J(d).encode()).decode().rstrip("=")


def unb64url(s):
    try:
        return json.loads(base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)))
    except Exception:
        raise BadParam("page_info")


def qs1(q, k, default=None):
    v = q.get(k)
    return v[-1] if v else default


def int_param(v, name, default, lo=None, hi=None):
    if v is None or v == "":
        return default
    try:
        x = int(str(v).strip())
    except ValueError:
        raise BadParam(name)
    if (lo is not None and x < lo) or (hi is not None and x > hi):
        raise BadParam(name)
    return x


def error_body(platform, code, msg):
    if platform == "shopify":
        if code == 429:
            return {"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}
        return {"errors": msg}
    if platform == "woocommerce":
        return {"code": {429: "rest_too_many_requests", 500: "internal_server_error"}.get(code, "rest_error"),
                "message": msg, "data": {"status": code}}
    if platform == "cartum":
        return {"status": "EXCEPTION" if code >= 500 else "ERROR", "response": {"message": msg}}
    if platform == "fapi":
        return {"message": msg}
    if platform == "sitoo":
        return {"statuscode": code, "errortext": msg}
    return {"error": msg}


SHOPIFY_FILTERS = ("status", "financial_status", "fulfillment_status", "created_at_min", "created_at_max",
                   "updated_at_min", "updated_at_max", "processed_at_min", "processed_at_max", "since_id",
                   "ids", "attribution_app_id", "order", "name")

ROUTES = [
    ("GET", re.compile(r"^/admin/api/(?P<v>[^/]+)/orders\.json$"), "shopify", "shopify_orders", True),
    ("GET", re.compile(r"^/admin/api/(?P<v>[^/]+)/orders/count\.json$"), "shopify", "shopify_count", False),
    ("GET", re.compile(r"^/admin/api/(?P<v>[^/]+)/orders/(?P<id>\d+)\.json$"), "shopify", "shopify_one", False),
    ("GET", re.compile(r"^/admin/api/(?P<v>[^/]+)/shop\.json$"), "shopify", "shopify_shop", False),
    ("GET", re.compile(r"^/wp-json/wc/v3/orders/?$"), "woocommerce", "woo_orders", True),
    ("GET", re.compile(r"^/wp-json/wc/v3/orders/(?P<id>\d+)/?$"), "woocommerce", "woo_one", False),
    ("GET", re.compile(r"^/wp-json/wc/v3/products/categories/?$"), "woocommerce", "woo_categories", False),
    ("GET", re.compile(r"^/wp-json/wc/v3/products/(?P<id>\d+)/?$"), "woocommerce", "woo_product", False),
    ("GET", re.compile(r"^/wp-json/wc/v3/settings/general/woocommerce_currency/?$"), "woocommerce", "woo_currency", False),
    ("PUT", re.compile(r"^/wp-json/wc/v3/orders/(?P<id>\d+)/?$"), "woocommerce", "woo_update", False),
    ("POST", re.compile(r"^/wp-json/wc/v3/orders/(?P<id>\d+)/?$"), "woocommerce", "woo_update", False),
    ("POST", re.compile(r"^/api/auth/?$"), "cartum", "cartum_auth", False),
    ("POST", re.compile(r"^/api/orders/update/?$"), "cartum", "cartum_update", False),
    ("POST", re.compile(r"^/api/orders/get/?$"), "cartum", "cartum_orders", True),
    ("GET", re.compile(r"^/api/orders/get/?$"), "cartum", "cartum_orders", True),
    ("GET", re.compile(r"^/invoices/?$"), "fapi", "fapi_invoices", True),
    ("GET", re.compile(r"^/invoices/count/?$"), "fapi", "fapi_invoice_count", False),
    ("GET", re.compile(r"^/invoices/(?P<id>\d+)/?$"), "fapi", "fapi_invoice", False),
    ("GET", re.compile(r"^/orders/?$"), "fapi", "fapi_orders", True),
    ("GET", re.compile(r"^/orders/(?P<id>\d+)/?$"), "fapi", "fapi_order", False),
    ("GET", re.compile(r"^/v2/accounts/(?P<acc>[^/]+)/sites/(?P<site>\d+)/orders(?:\.json)?/?$"), "sitoo", "sitoo_orders", True),
    ("GET", re.compile(r"^/v2/accounts/(?P<acc>[^/]+)/sites/(?P<site>\d+)/orders/(?P<id>\d+)(?:\.json)?/?$"), "sitoo", "sitoo_one", False),
    ("GET", re.compile(r"^/_fake/log$"), None, "fake_log", False),
    ("GET", re.compile(r"^/_fake/writes$"), None, "fake_writes", False),
    ("POST", re.compile(r"^/_fake/write-faults$"), None, "fake_write_faults", False),
    ("GET", re.compile(r"^/_fake/stats$"), None, "fake_stats", False),
    ("GET", re.compile(r"^/_fake/info$"), None, "fake_info", False),
    ("GET", re.compile(r"^/_fake/index$"), None, "fake_index", False),
    ("POST", re.compile(r"^/_fake/reset$"), None, "fake_reset", False),
    ("POST", re.compile(r"^/_fake/faults$"), None, "fake_faults", False),
]


class Fault(Exception):
    pass


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "fake-platform/1.0"

    def version_string(self):
        return self.server_version

    def log_message(self, fmt, *args):
        if self.server.cfg.verbose:
            sys.stderr.write("fake-platform: " + (fmt % args) + "\n")

    # ---------------------------------------------------------------- plumbing
    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def host(self):
        return self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]

    def dispatch(self, method):
        S = self.server
        u = urlsplit(self.path)
        self.u_path, self.u_query = u.path, u.query
        self.q = parse_qs(u.query, keep_blank_values=True)
        n = int(self.headers.get("Content-Length") or 0)
        self.body_raw = self.rfile.read(n) if n > 0 else b""
        self.cut_next = False
        self.entry = {"t_ms": int((time.time() - S.state.t0) * 1000), "method": method,
                      "path": u.path, "query": u.query, "status": None}
        with S.state.lock:
            S.state.inflight += 1
        try:
            for (m, rx, plat, fn, is_list) in ROUTES:
                mm = rx.match(u.path)
                if mm and m == method:
                    self.platform = plat
                    self.entry["platform"] = plat
                    self.entry["endpoint"] = fn
                    self.is_list = is_list
                    try:
                        getattr(self, fn)(**mm.groupdict())
                    except BadParam as e:
                        self.send_json(400, self.bad_param_body(plat, str(e)))
                    except Fault:
                        pass
                    return
            if any(rx.match(u.path) for (_m, rx, _p, _f, _l) in ROUTES):
                self.platform = None
                self.send_json(405, {"error": "method not allowed"})
                return
            self.platform = None
            self.send_json(404, {"errors": "Not Found"} if u.path.startswith("/admin/") else {"error": "not found", "path": u.path})
        finally:
            with S.state.lock:
                S.state.inflight -= 1

    def bad_param_body(self, plat, what):
        if plat == "woocommerce":
            return {"code": "rest_invalid_param", "message": "Invalid parameter(s): %s" % what,
                    "data": {"status": 400, "params": {what: "Invalid parameter."}}}
        if plat == "shopify":
            return {"errors": {what: "Invalid value."}}
        if plat == "cartum":
            return {"status": "ERROR", "response": {"message": "Invalid parameter: %s" % what}}
        if plat == "sitoo":
            return {"statuscode": 400, "errortext": "Invalid parameter: %s" % what}
        return {"message": "Invalid parameter: %s" % what}

    def send_raw(self, code, body, headers=(), ctype="application/json; charset=utf-8",
                 ids=None, page_key=None, cut=False):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.entry["status"] = code
        if cut:
            self.entry["fault"] = "cut"
            self.entry["status"] = None
            self.entry["sent_status"] = code
            self.entry["sent_bytes"] = max(1, len(body) // 2)
            self.entry["content_length"] = len(body)
            self.server.state.record(self.entry)
            try:
                self.wfile.write(body[: max(1, len(body) // 2)])
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.close_connection = True
            return
        if ids is not None:
            self.entry["items"] = len(ids)
        if not self.u_path.startswith("/_fake/"):   # control requests are not logged
            self.server.state.record(self.entry, self.platform, ids if code == 200 else None, page_key)
        try:
            self.wfile.write(body)
        except OSError:
            self.close_connection = True

    def send_json(self, code, obj, headers=(), **kw):
        self.send_raw(code, J(obj).encode("utf-8"), headers, **kw)

    def auth_fail(self, code, obj, headers=()):
        self.entry["auth_failed"] = True
        self.send_json(code, obj, headers)
        raise Fault()

    def list_gate(self, shopify_extra=()):
        """Authorised orders-list request: count it, fire a fault if one is due, apply delay."""
        S = self.server
        k, f = S.state.next_list(self.platform)
        self.entry["list_n"] = k
        if f:
            kind = f["kind"]
            self.entry["fault"] = kind
            if kind in ("drop", "reset"):
                S.state.record(self.entry)
                try:
                    if kind == "reset":
                        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                        self.connection.close()
                    else:
                        self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.close_connection = True
                raise Fault()
            if kind == "cut":
                self.cut_next = True
                return
            code = int(kind)
            hdrs = []
            if code == 429:
                hdrs.append(("Retry-After", "1"))
                if self.platform == "shopify":
                    hdrs.append(("X-Shopify-Shop-Api-Call-Limit", "40/40"))
            if code == 503:
                hdrs.append(("Retry-After", "1"))
            self.send_json(code, error_body(self.platform, code, {429: "Too Many Requests", 500: "Internal Server Error",
                                                                 502: "Bad Gateway", 503: "Service Unavailable"}[code]),
                           hdrs)
            raise Fault()
        if S.cfg.page_delay_ms > 0:
            time.sleep(S.cfg.page_delay_ms / 1000.0)

    def send_page(self, code, body, headers, ids, page_key):
        cut = getattr(self, "cut_next", False)
        self.send_raw(code, body, headers, ids=ids, page_key=page_key, cut=cut)

    def basic_auth(self):
        h = self.headers.get("Authorization") or ""
        if not h.lower().startswith("basic "):
            return None
        try:
            u, _, p = base64.b64decode(h[6:].strip()).decode("utf-8").partition(":")
            return u, p
        except Exception:
            return None

    # ---------------------------------------------------------------- Shopify
    def shopify_auth(self, version):
        cfg = self.server.cfg
        if not re.fullmatch(r"\d{4}-\d{2}|unstable", version):
            self.send_json(404, {"errors": "Not Found"})
            raise Fault()
        if self.headers.get("X-Shopify-Access-Token") != cfg.shopify_token:
            self.auth_fail(401, {"errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"})
        S = self.server.state
        now = time.time()
        with S.lock:
            lvl, last = S.bucket.get("shopify", (0.0, now))
            lvl = max(0.0, lvl - 2.0 * (now - last)) + 1.0
            over = lvl > 40
            if over:
                lvl -= 1.0
            S.bucket["shopify"] = (lvl, now)
            inflight = S.inflight
        mode = cfg.shopify_bucket
        if mode == "enforce" and over:
            self.send_json(429, error_body("shopify", 429, ""), [("Retry-After", "1"),
                                                                 ("X-Shopify-Shop-Api-Call-Limit", "40/40")])
            raise Fault()
        if mode == "off":
            used = max(1, min(inflight, 40))
        else:
            used = min(int(lvl + 0.999), 40 if mode == "enforce" else 39)
        return [("X-Shopify-Shop-Api-Call-Limit", "%d/40" % used), ("X-Shopify-API-Version", version),
                ("X-Request-Id", "fake-%d" % self.entry["t_ms"])]

    def shopify_filters(self, q):
        f = {}
        for k in SHOPIFY_FILTERS:
            if k in q:
                f[k] = q[k][-1]
        st = f.get("status", "open")
        if st not in ("open", "closed", "cancelled", "any"):
            raise BadParam("status")
        f["status"] = st
        return f

    def shopify_select(self, f):
        ds = self.server.ds["shopify"]
        tmin = parse_time(f["created_at_min"], SHOPIFY_OFFSET)[0] if f.get("created_at_min") else None
        tmax = parse_time(f["created_at_max"], SHOPIFY_OFFSET)[0] if f.get("created_at_max") else None
        pmin = parse_time(f["processed_at_min"], SHOPIFY_OFFSET)[0] if f.get("processed_at_min") else None
        pmax = parse_time(f["processed_at_max"], SHOPIFY_OFFSET)[0] if f.get("processed_at_max") else None
        if pmin is not None:
            tmin = pmin if tmin is None else max(tmin, pmin)
        if pmax is not None:
            tmax = pmax if tmax is None else min(tmax, pmax)
        lo, hi = ds.window(tmin, tmax)
        if f.get("since_id"):
            sid = int_param(f["since_id"], "since_id", 0)
            lo = max(lo, min(hi, max(0, sid - SHOPIFY_ID0 + 1)))
        pred = ds.status_pred(f["status"], f.get("financial_status"), f.get("fulfillment_status"))
        umin = parse_time(f["updated_at_min"], SHOPIFY_OFFSET)[0] if f.get("updated_at_min") else None
        umax = parse_time(f["updated_at_max"], SHOPIFY_OFFSET)[0] if f.get("updated_at_max") else None
        if umin is not None or umax is not None:
            p0 = pred

            def pred(i, p0=p0):
                u = ds.updated_ts(i)
                return ((umin is None or u >= umin) and (umax is None or u <= umax)
                        and (p0 is None or p0(i)))
        if f.get("ids"):
            want = set()
            for x in f["ids"].split(","):
                try:
                    want.add(int(x) - SHOPIFY_ID0)
                except ValueError:
                    raise BadParam("ids")
            p1 = pred
            pred = lambda i, p1=p1: i in want and (p1 is None or p1(i))
        key = J(sorted(f.items()))
        return ds.matches(("shopify", key), lo, hi, pred)

    def shopify_orders(self, v):
        hdrs = self.shopify_auth(v)
        q = self.q
        limit = int_param(qs1(q, "limit"), "limit", 50, 1, None)
        limit = min(limit, 250)
        if "page_info" in q:
            bad = [k for k in q if k in SHOPIFY_FILTERS]
            if bad:
                raise BadParam("page_info")
            cur = unb64url(qs1(q, "page_info"))
            if not isinstance(cur, dict) or "f" not in cur:
                raise BadParam("page_info")
            f = cur["f"]
            anchor, direction = cur.get("a"), cur.get("d", "n")
        else:
            f = self.shopify_filters(q)
            anchor, direction = None, "n"
        self.list_gate()
        m = self.shopify_select(f)
        asc = bool(f.get("since_id")) or f.get("order", "").lower().endswith("asc")
        # Page = `limit` items adjacent to `anchor` in the list order (desc = newest first).
        if anchor is None:
            idx = list(m[:limit]) if asc else list(reversed(m[max(0, len(m) - limit):]))
        else:
            p = bisect.bisect_left(m, anchor)
            forward_up = (direction == "n") == asc     # moving towards higher indices?
            if forward_up:
                s = p + 1 if (p < len(m) and m[p] == anchor) else p
                idx = list(m[s:s + limit])
                if not asc:
                    idx.reverse()
            else:
                idx = list(m[max(0, p - limit):p])
                if not asc:
                    idx.reverse()
        links = []
        if idx:
            lo_i, hi_i = min(idx), max(idx)
            first_i, last_i = idx[0], idx[-1]
            has_lower = len(m) > 0 and lo_i > m[0]
            has_higher = len(m) > 0 and hi_i < m[-1]
            has_next = has_higher if asc else has_lower
            has_prev = has_lower if asc else has_higher
            base = "http://%s/admin/api/%s/orders.json?limit=%d&page_info=" % (self.host(), v, limit)
            if has_prev:
                links.append('<%s%s>; rel="previous"' % (base, b64url({"f": f, "a": first_i, "d": "p"})))
            if has_next:
                links.append('<%s%s>; rel="next"' % (base, b64url({"f": f, "a": last_i, "d": "n"})))
        if links:
            hdrs.append(("Link", ", ".join(links)))
        ds = self.server.ds["shopify"]
        body = ('{"orders":[' + ",".join(ds.render(i) for i in idx) + "]}").encode("utf-8")
        self.send_page(200, body, hdrs, [SHOPIFY_ID0 + i for i in idx], ("shopify", J(f), tuple(idx[:1]), limit))

    def shopify_count(self, v):
        hdrs = self.shopify_auth(v)
        f = self.shopify_filters(self.q)
        self.send_json(200, {"count": len(self.shopify_select(f))}, hdrs)

    def shopify_shop(self, v):
        hdrs = self.shopify_auth(v)
        ds = self.server.ds["shopify"]
        self.send_json(200, {"shop": {"id": 548380009, "name": "Fake Shop", "myshopify_domain": "fake-shop.myshopify.com",
                                      "currency": ds.currency, "enabled_presentment_currencies": [ds.currency]}}, hdrs)

    def shopify_one(self, v, id):
        hdrs = self.shopify_auth(v)
        ds = self.server.ds["shopify"]
        i = int(id) - SHOPIFY_ID0
        if not (0 <= i < ds.n):
            self.send_json(404, {"errors": "Not Found"}, hdrs)
            return
        self.send_raw(200, ('{"order":' + ds.render(i) + "}").encode("utf-8"), hdrs)

    # ---------------------------------------------------------------- WooCommerce
    def woo_auth(self):
        cfg = self.server.cfg
        ba = self.basic_auth()
        if ba is None:
            ba = (qs1(self.q, "consumer_key"), qs1(self.q, "consumer_secret"))
        if ba != (cfg.woo_key, cfg.woo_secret):
            if ba[0] and ba[0] != cfg.woo_key:
                self.auth_fail(401, {"code": "woocommerce_rest_authentication_error",
                                     "message": "Consumer key is invalid.", "data": {"status": 401}})
            if ba[0]:
                self.auth_fail(401, {"code": "woocommerce_rest_authentication_error",
                                     "message": "Invalid signature - provided signature does not match.",
                                     "data": {"status": 401}})
            self.auth_fail(401, {"code": "woocommerce_rest_cannot_view",
                                 "message": "Sorry, you cannot list resources.", "data": {"status": 401}})

    def wp_page_headers(self, total, per_page, page):
        pages = (total + per_page - 1) // per_page if per_page else 0
        hdrs = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        params = {k: v[-1] for k, v in self.q.items() if k not in ("consumer_key", "consumer_secret")}
        base = "http://%s%s?" % (self.host(), self.u_path)
        links = []
        if page > 1 and pages > 0:
            params["page"] = str(min(page - 1, pages))
            links.append('<%s%s>; rel="prev"' % (base, urlencode(params)))
        if page < pages:
            params["page"] = str(page + 1)
            links.append('<%s%s>; rel="next"' % (base, urlencode(params)))
        if links:
            hdrs.append(("Link", ", ".join(links)))
        return hdrs

    def woo_orders(self):
        self.woo_auth()
        q = self.q
        ds = self.server.ds["woocommerce"]
        per_page = int_param(qs1(q, "per_page"), "per_page", 10, 1, 100)
        page = int_param(qs1(q, "page"), "page", 1, 1, None)
        offset = int_param(qs1(q, "offset"), "offset", None, 0, None)
        status = qs1(q, "status", "any") or "any"
        sts = [s.strip() for s in status.split(",") if s.strip()]
        for s in sts:
            if s != "any" and s not in WOO_STATUSES:
                raise BadParam("status")
        gmt = (qs1(q, "dates_are_gmt", "") or "").lower() in ("1", "true")
        off = 0 if gmt else WOO_OFFSET
        after = parse_time(qs1(q, "after"), off)[0] if qs1(q, "after") else None
        before = parse_time(qs1(q, "before"), off)[0] if qs1(q, "before") else None
        order = (qs1(q, "order", "desc") or "desc").lower()
        if order not in ("asc", "desc"):
            raise BadParam("order")
        orderby = qs1(q, "orderby", "date") or "date"
        if orderby not in ("date", "id", "include", "title", "slug", "modified"):
            raise BadParam("orderby")
        self.list_gate()
        lo, hi = ds.window(after, before, strict=True)
        if "any" in sts:
            want = WOO_STATUSES - {"trash", "checkout-draft"}
        else:
            want = set(sts)
        if want == {k[0] for k in WOO_KINDS}:
            pred = None
        else:
            wk = {n for n, k in enumerate(WOO_KINDS) if k[0] in want}
            pred = lambda i: ds.kind[i] in wk
        m = ds.matches(("woo", J(sorted(want))), lo, hi, pred)
        total = len(m)
        start = offset if offset is not None else (page - 1) * per_page
        if order == "desc":
            sel = list(reversed(m[max(0, total - start - per_page):max(0, total - start)]))
        else:
            sel = list(m[start:start + per_page])
        host = self.host()
        body = ("[" + ",".join(ds.render(i, host) for i in sel) + "]").encode("utf-8")
        self.send_page(200, body, self.wp_page_headers(total, per_page, page), [1000 + i for i in sel],
                       ("woo", self.u_query))

    def woo_one(self, id):
        self.woo_auth()
        ds = self.server.ds["woocommerce"]
        i = int(id) - 1000
        if not (0 <= i < ds.n):
            self.send_json(404, {"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID.",
                                 "data": {"status": 404}})
            return
        self.send_raw(200, ds.render(i, self.host()).encode("utf-8"))

    def woo_currency(self):
        self.woo_auth()
        ds = self.server.ds["woocommerce"]
        self.send_json(200, {"id": "woocommerce_currency", "label": "Currency", "type": "select", "default": "USD",
                             "value": ds.currency})

    def woo_categories(self):
        self.woo_auth()
        ds = self.server.ds["woocommerce"]
        per_page = int_param(qs1(self.q, "per_page"), "per_page", 10, 1, 100)
        page = int_param(qs1(self.q, "page"), "page", 1, 1, None)
        cats = ds.cats_list
        sel = cats[(page - 1) * per_page: page * per_page]
        self.send_json(200, sel, self.wp_page_headers(len(cats), per_page, page))

    def woo_product(self, id):
        self.woo_auth()
        p = self.server.ds["woocommerce"].product(int(id), self.host())
        if p is None:
            self.send_json(404, {"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.",
                                 "data": {"status": 404}})
            return
        self.send_json(200, p)

    # ---------------------------------------------------------------- Cartum (Horoshop)
    def cartum_params(self):
        p = {k: v[-1] for k, v in self.q.items()}
        if self.body_raw:
            try:
                b = json.loads(self.body_raw)
            except ValueError:
                self.send_json(200, {"status": "ERROR", "response": {"message": "Invalid JSON"}})
                raise Fault()
            if isinstance(b, dict):
                p.update(b)
        return p

    def cartum_token_check(self, p):
        """Answers (and stops the request) when the body's token is unknown or expired."""
        tok = p.get("token")
        with self.server.state.lock:
            exp = self.server.tokens.get(tok) if isinstance(tok, str) else None
        if exp is None:
            self.auth_fail(200, {"status": "AUTHORIZATION_ERROR", "response": {"message": "Token is invalid"}})
        if exp < time.time():
            self.auth_fail(200, {"status": "UNAUTHORIZED", "response": {"message": "Token expired"}})

    def cartum_auth(self):
        cfg = self.server.cfg
        p = self.cartum_params()
        self.entry["body"] = {k: ("***" if k in ("password", "token") else v) for k, v in p.items()}
        if p.get("login") != cfg.cartum_login or p.get("password") != cfg.cartum_password:
            self.auth_fail(200, {"status": "ERROR", "response": {"message": "Wrong login or password"}})
        tok = hashlib.sha1(("%s:%s:%s" % (cfg.seed, time.time(), os.urandom(8).hex())).encode()).hexdigest()
        with self.server.state.lock:
            self.server.tokens[tok] = time.time() + cfg.cartum_token_ttl
        self.send_json(200, {"status": "OK", "response": {"token": tok}})

    def take_write_fault(self):
        """The status the next order write answers instead of applying it (POST /_fake/write-faults), or None."""
        st = self.server.state
        with st.lock:
            return st.write_faults.pop(0) if st.write_faults else None

    def record_write(self, platform, order_id, status):
        st = self.server.state
        with st.lock:
            st.writes.append({"platform": platform, "order_id": str(order_id), "status": status,
                              "t_ms": int((time.time() - st.t0) * 1000)})

    def woo_update(self, id):
        """Order update (WooCommerce REST v3 `PUT /orders/{id}`): only the status is taken and recorded."""
        self.woo_auth()
        try:
            body = json.loads(self.body_raw or b"{}")
        except ValueError:
            self.send_json(400, {"code": "rest_invalid_json", "message": "Invalid JSON body passed.", "data": {"status": 400}})
            return
        status = body.get("status") if isinstance(body, dict) else None
        if status is not None and status not in WOO_STATUSES:
            self.send_json(400, {"code": "rest_invalid_param", "message": "Invalid parameter(s): status",
                                 "data": {"status": 400, "params": {"status": "status is not one of %s." % ", ".join(sorted(WOO_STATUSES))}}})
            return
        fault = self.take_write_fault()
        if fault is not None:
            self.send_json(fault, {"code": "internal_server_error", "message": "Injected fault", "data": {"status": fault}})
            return
        # Any order id is taken: the orders written to are often ones a test sent as webhooks, not generated here.
        self.record_write("woocommerce", id, status)
        self.send_json(200, {"id": int(id), "status": status})

    def cartum_update(self):
        """Horoshop/Cartum `orders/update/`: `{"token", "orders": [{"order_id", "status"}]}`; each write is recorded."""
        p = self.cartum_params()
        self.cartum_token_check(p)
        orders = p.get("orders")
        if not isinstance(orders, list) or not orders or not all(isinstance(o, dict) and "order_id" in o for o in orders):
            self.send_json(200, {"status": "ERROR", "response": {"message": "orders must be a list of {order_id, status}"}})
            return
        fault = self.take_write_fault()
        if fault is not None:
            self.send_json(fault, {"status": "EXCEPTION", "response": {"message": "Injected fault"}})
            return
        for o in orders:
            if o.get("status") not in CARTUM_STATUS_IDS:
                self.send_json(200, {"status": "ERROR", "response": {"message": "Unknown status %r" % (o.get("status"),)}})
                return
        for o in orders:
            self.record_write("cartum", o["order_id"], o.get("status"))
        self.send_json(200, {"status": "OK", "response": {"updated": len(orders)}})

    def fake_writes(self):
        st = self.server.state
        with st.lock:
            out = list(st.writes)
        self.send_raw(200, J(out).encode("utf-8"))

    def fake_write_faults(self):
        """`{"statuses": [503, 500]}`: the next order writes answer these, one each, instead of being applied."""
        try:
            statuses = json.loads(self.body_raw or b"{}").get("statuses", [])
            statuses = [int(x) for x in statuses]
        except (ValueError, AttributeError, TypeError):
            self.send_json(400, {"error": "body must be {\"statuses\": [int, ...]}"})
            return
        with self.server.state.lock:
            self.server.state.write_faults = statuses
        self.send_json(200, {"ok": True, "statuses": statuses})

    def cartum_orders(self):
        p = self.cartum_params()
        self.entry["body"] = {k: ("***" if k in ("password", "token") else v) for k, v in p.items()}
        self.cartum_token_check(p)
        ds = self.server.ds["cartum"]
        tmin = tmax = None
        if p.get("from"):
            tmin = parse_local(p["from"], CARTUM_ZONE)[0]
        if p.get("to"):
            tmax, d_only = parse_local(p["to"], CARTUM_ZONE)
            if d_only:
                tmax += DAY - 1
        limit = int_param(p.get("limit"), "limit", None, 1, None)
        offset = int_param(p.get("offset"), "offset", 0, 0, None) if limit is not None else 0
        st = p.get("status")
        if st is not None and st != "":
            sts = st if isinstance(st, list) else str(st).split(",")
            try:
                want = {int(x) for x in sts}
            except (TypeError, ValueError):
                raise BadParam("status")
        else:
            want = None
        ids = p.get("ids")
        if ids is not None:
            try:
                ids = {int(x) - 1001 for x in (ids if isinstance(ids, list) else str(ids).split(","))}
            except (TypeError, ValueError):
                raise BadParam("ids")
        self.list_gate()
        lo, hi = ds.window(tmin, tmax)
        preds = []
        if want is not None:
            wk = {n for n, k in enumerate(CARTUM_KINDS) if int(k[0]) in want}
            preds.append(lambda i: ds.kind[i] in wk)
        if ids is not None:
            preds.append(lambda i: i in ids)
        pred = None if not preds else (lambda i: all(f(i) for f in preds))
        m = ds.matches(("cartum", J([sorted(want) if want else None, sorted(ids) if ids else None])), lo, hi, pred)
        sel = list(m[offset:offset + limit]) if limit is not None else list(m)
        if not sel:
            body = J({"status": "EMPTY", "response": {"orders": []}}).encode()
        else:
            body = ('{"status":"OK","response":{"orders":[' + ",".join(ds.render(i) for i in sel) + "]}}").encode("utf-8")
        pk = ("cartum", J({k: v for k, v in p.items() if k != "token"}))
        self.send_page(200, body, [], [1001 + i for i in sel], pk)

    # ---------------------------------------------------------------- FAPI
    def fapi_auth(self):
        cfg = self.server.cfg
        if self.basic_auth() != (cfg.fapi_user, cfg.fapi_key):
            self.auth_fail(401, {"message": "You are not authorized for this action."},
                           [("WWW-Authenticate", 'Basic realm="FAPI"')])

    def fapi_filtered(self):
        ds = self.server.ds["fapi"]
        q = self.q
        tmin = parse_local(qs1(q, "created_on_from"), FAPI_ZONE)[0] if qs1(q, "created_on_from") else None
        tmax = None
        if qs1(q, "created_on_to"):
            tmax, d_only = parse_local(qs1(q, "created_on_to"), FAPI_ZONE)
            if d_only:
                tmax += DAY - 1
        lo, hi = ds.window(tmin, tmax)
        preds = []
        typ = qs1(q, "type")
        if typ:
            preds.append(lambda i: FAPI_KINDS[ds.kind[i]][2] == typ)
        paid = qs1(q, "paid")
        if paid not in (None, ""):
            pv = paid.lower() in ("1", "true")
            preds.append(lambda i: FAPI_KINDS[ds.kind[i]][3] == pv)
        cl = qs1(q, "client")
        if cl:
            cv = int_param(cl, "client", 0) - FAPI_CLIENT0
            preds.append(lambda i: i % 1000 == cv)
        pred = None if not preds else (lambda i: all(f(i) for f in preds))
        return ds.matches(("fapi", J([typ, paid, cl])), lo, hi, pred)

    def fapi_invoices(self):
        self.fapi_auth()
        limit = int_param(qs1(self.q, "limit"), "limit", None, 0, None)
        offset = int_param(qs1(self.q, "offset"), "offset", 0, 0, None)
        m = self.fapi_filtered()
        self.list_gate()
        ds = self.server.ds["fapi"]
        sel = list(m[offset:offset + limit]) if limit is not None else list(m[offset:])
        body = ('{"invoices":[' + ",".join(ds.render(i) for i in sel) + "]}").encode("utf-8")
        self.send_page(200, body, [], [FAPI_INV0 + i for i in sel], ("fapi", self.u_query))

    def fapi_invoice_count(self):
        self.fapi_auth()
        self.send_json(200, {"count": len(self.fapi_filtered())})

    def fapi_invoice(self, id):
        self.fapi_auth()
        ds = self.server.ds["fapi"]
        i = int(id) - FAPI_INV0
        if not (0 <= i < ds.n):
            self.send_json(404, {"message": "Invoice not found."})
            return
        self.send_raw(200, ds.render(i).encode("utf-8"))

    def fapi_orders(self):
        self.fapi_auth()
        ds = self.server.ds["fapi"]
        limit = int_param(qs1(self.q, "limit"), "limit", None, 0, None)
        offset = int_param(qs1(self.q, "offset"), "offset", 0, 0, None)
        inv = qs1(self.q, "invoice")
        self.list_gate()
        if inv:
            i = int_param(inv, "invoice", 0) - FAPI_INV0
            m = [i] if (0 <= i < ds.n and ds.has_order(i)) else []
        else:
            m = ds.matches(("fapi-orders",), 0, ds.n, ds.has_order)
        sel = list(m[offset:offset + limit]) if limit is not None else list(m[offset:])
        body = J({"orders": [ds.order_obj(i) for i in sel]}).encode("utf-8")
        self.send_page(200, body, [], None, None)

    def fapi_order(self, id):
        self.fapi_auth()
        ds = self.server.ds["fapi"]
        i = int(id) - FAPI_ORD0
        o = ds.order_obj(i) if 0 <= i < ds.n else None
        if o is None:
            self.send_json(404, {"message": "Order not found."})
            return
        self.send_json(200, o)

    # ---------------------------------------------------------------- Sitoo
    def sitoo_auth(self, acc, site):
        cfg = self.server.cfg
        if self.basic_auth() != (cfg.sitoo_user, cfg.sitoo_password) or acc != str(cfg.sitoo_account):
            self.auth_fail(401, {"statuscode": 401, "errortext": "Unauthorized"},
                           [("WWW-Authenticate", 'Basic realm="Sitoo"')])
        if int(site) != cfg.sitoo_site:
            self.send_json(404, {"statuscode": 404, "errortext": "Resource not found"})
            raise Fault()

    def sitoo_orders(self, acc, site):
        self.sitoo_auth(acc, site)
        q = self.q
        ds = self.server.ds["sitoo"]
        start = int_param(qs1(q, "start"), "start", 0, 0, None)
        num = int_param(qs1(q, "num"), "num", 10, 1, None)
        tmin = parse_time(qs1(q, "orderdatefrom"), 0)[0] if qs1(q, "orderdatefrom") else None
        tmax = parse_time(qs1(q, "orderdateto"), 0)[0] if qs1(q, "orderdateto") else None
        sort = qs1(q, "sort", "-orderid") or "-orderid"
        if sort not in ("-orderid", "orderid", "-orderdate", "orderdate"):
            raise BadParam("sort")
        fields = [x for x in (qs1(q, "fields") or "").split(",") if x] or SITOO_DEFAULT_FIELDS
        st = qs1(q, "orderstate")
        want = None
        if st:
            try:
                want = {int(x) for x in st.split(",")}
            except ValueError:
                raise BadParam("orderstate")
        self.list_gate()
        lo, hi = ds.window(tmin, tmax)
        pred = None
        if want is not None:
            wk = {n for n, k in enumerate(SITOO_KINDS) if int(k[0]) in want}
            pred = lambda i: ds.kind[i] in wk
        m = ds.matches(("sitoo", J(sorted(want)) if want else ""), lo, hi, pred)
        total = len(m)
        if sort.startswith("-"):
            sel = list(reversed(m[max(0, total - start - num):max(0, total - start)]))
        else:
            sel = list(m[start:start + num])
        body = ('{"totalcount":%d,"items":[' % total + ",".join(ds.render(i, fields) for i in sel) + "]}").encode("utf-8")
        self.send_page(200, body, [], [SITOO_ORDER0 + i for i in sel], ("sitoo", self.u_query))

    def sitoo_one(self, acc, site, id):
        self.sitoo_auth(acc, site)
        ds = self.server.ds["sitoo"]
        i = int(id) - SITOO_ORDER0
        if not (0 <= i < ds.n):
            self.send_json(404, {"statuscode": 404, "errortext": "Order not found"})
            return
        fields = [x for x in (qs1(self.q, "fields") or "").split(",") if x] or SITOO_DEFAULT_FIELDS
        self.send_raw(200, ds.render(i, fields).encode("utf-8"))

    # ---------------------------------------------------------------- control
    def fake_log(self):
        st = self.server.state
        since = int_param(qs1(self.q, "since"), "since", 0, 0, None)
        with st.lock:
            out = [dict(e) for e in st.log if e["seq"] > since]
        self.send_raw(200, J(out).encode("utf-8"))

    def fake_stats(self):
        self.send_json(200, self.server.state.stats())

    def fake_info(self):
        S = self.server
        cfg = S.cfg
        self.send_json(200, {
            "now": iso_utc(cfg.now_ts), "now_ts": cfg.now_ts, "seed": cfg.seed,
            "orders": {p: S.ds[p].n for p in PLATFORMS},
            "span_days": 90,
            "oldest": {p: iso_utc(S.ds[p].ts[0]) if S.ds[p].n else None for p in PLATFORMS},
            "newest": {p: iso_utc(S.ds[p].ts[-1]) if S.ds[p].n else None for p in PLATFORMS},
            "currencies": {p: S.ds[p].currency for p in PLATFORMS},
            "credentials": {
                "shopify": {"access_token": cfg.shopify_token},
                "woocommerce": {"consumer_key": cfg.woo_key, "consumer_secret": cfg.woo_secret},
                "cartum": {"login": cfg.cartum_login, "password": cfg.cartum_password},
                "fapi": {"user": cfg.fapi_user, "api_key": cfg.fapi_key},
                "sitoo": {"account_id": cfg.sitoo_account, "site_id": cfg.sitoo_site,
                          "api_id": cfg.sitoo_user, "password": cfg.sitoo_password},
            },
            "time_zones": {"shopify": "-05:00", "woocommerce": "-03:00", "cartum": CARTUM_ZONE,
                           "fapi": FAPI_ZONE, "sitoo": "unix seconds (UTC)"},
        })

    def fake_index(self):
        p = qs1(self.q, "platform")
        if p not in PLATFORMS:
            self.send_json(400, {"error": "platform must be one of %s" % ",".join(PLATFORMS)})
            return
        ds = self.server.ds[p]
        self.send_raw(200, J([ds.summary(i) for i in range(ds.n)]).encode("utf-8"))

    def fake_reset(self):
        st = self.server.state
        spec = None
        if self.body_raw:
            try:
                spec = json.loads(self.body_raw).get("faults")
            except Exception:
                spec = self.body_raw.decode().strip()
        faults = parse_faults(spec) if spec is not None else [dict(f, fired=False) for f in st.faults]
        st.reset(faults)
        self.send_json(200, {"ok": True, "faults": [f["kind"] + "@" + str(f["at"]) for f in faults]})

    def fake_faults(self):
        st = self.server.state
        spec = self.body_raw.decode().strip()
        if spec.startswith("{"):
            spec = json.loads(spec).get("faults", "")
        try:
            faults = parse_faults(spec)
        except ValueError as e:
            self.send_json(400, {"error": str(e)})
            return
        with st.lock:
            st.faults = faults
            st.list_n = 0
            st.list_n_by = {p: 0 for p in PLATFORMS}
        self.send_json(200, {"ok": True, "faults": [f["kind"] + "@" + str(f["at"]) for f in faults],
                             "note": "list-request counter restarted at 0"})


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main(argv=None):
    ap = argparse.ArgumentParser(description="Local fake of Shopify/WooCommerce/Cartum/FAPI/Sitoo order-import APIs")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--orders", type=int, default=1000, help="orders per platform")
    ap.add_argument("--count", action="append", default=[], metavar="PLATFORM=N",
                    help="override --orders for one platform (repeatable)")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--faults", default="", help='e.g. "429@3,500@5,drop@7" or "500@shopify:2"')
    ap.add_argument("--page-delay-ms", type=float, default=0)
    ap.add_argument("--now", default=None, help="newest order time (ISO 8601); default: start time - 60 s")
    ap.add_argument("--fixtures", default=None)
    ap.add_argument("--currency", action="append", default=[], metavar="PLATFORM=CUR")
    ap.add_argument("--shopify-token", default="shpat_fake_token")
    ap.add_argument("--shopify-bucket", choices=("off", "sim", "enforce"), default="off")
    ap.add_argument("--shopify-redact-pct", type=int, default=0,
                    help="%% of Shopify orders without customer data (Basic plan)")
    ap.add_argument("--woo-key", default="ck_fake_key")
    ap.add_argument("--woo-secret", default="cs_fake_secret")
    ap.add_argument("--cartum-login", default="api")
    ap.add_argument("--cartum-password", default="secret")
    ap.add_argument("--cartum-token-ttl", type=float, default=600)
    ap.add_argument("--fapi-user", default="user@example.com")
    ap.add_argument("--fapi-key", default="fapi_key")
    ap.add_argument("--sitoo-account", type=int, default=90000)
    ap.add_argument("--sitoo-site", type=int, default=1)
    ap.add_argument("--sitoo-user", default=None, help="API id; default <account>-1")
    ap.add_argument("--sitoo-password", default="sitoo_pass")
    ap.add_argument("--verbose", action="store_true")
    cfg = ap.parse_args(argv)
    if cfg.sitoo_user is None:
        cfg.sitoo_user = "%d-1" % cfg.sitoo_account
    if cfg.now:
        cfg.now_ts = parse_time(cfg.now, 0)[0]
    else:
        cfg.now_ts = int(time.time()) - 60
    counts = {p: cfg.orders for p in PLATFORMS}
    for c in cfg.count:
        p, _, n = c.partition("=")
        if p not in PLATFORMS:
            ap.error("--count: unknown platform %r" % p)
        counts[p] = int(n)
    cur = {}
    for c in cfg.currency:
        p, _, v = c.partition("=")
        if p not in PLATFORMS:
            ap.error("--currency: unknown platform %r" % p)
        cur[p] = v
    try:
        faults = parse_faults(cfg.faults)
    except ValueError as e:
        ap.error(str(e))
    fx = find_fixtures(cfg.fixtures)
    ds = {
        "shopify": Shopify(fx, counts["shopify"], cfg.now_ts, cfg.seed, cfg.shopify_redact_pct, cur.get("shopify")),
        "woocommerce": Woo(fx, counts["woocommerce"], cfg.now_ts, cfg.seed, cur.get("woocommerce")),
        "cartum": Cartum(fx, counts["cartum"], cfg.now_ts, cfg.seed, cur.get("cartum")),
        "fapi": Fapi(fx, counts["fapi"], cfg.now_ts, cfg.seed, cur.get("fapi")),
        "sitoo": Sitoo(fx, counts["sitoo"], cfg.now_ts, cfg.seed, cur.get("sitoo")),
    }
    srv = Server(("127.0.0.1", cfg.port), Handler)
    srv.cfg = cfg
    srv.ds = ds
    srv.tokens = {}
    srv.state = State(faults)
    sys.stdout.write("LISTENING %d\n" % srv.server_address[1])
    sys.stdout.flush()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()


if __name__ == "__main__":
    main()

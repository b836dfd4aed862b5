#!/usr/bin/env python3
"""Drives Kvitto's admin in headless Chromium through Selenium, as a person would, against a running
`kvitto serve`. Used by the process test AdminBrowserTests; run by hand:

    python3 scripts/testing/admin-browser.py --base http://127.0.0.1:8080 --email owner@butiken.se \
        --password '…' --api-key kvt_… --screenshots .build/screenshots

Needs Debian's chromium and chromium-driver and `pip install selenium==4.51.0`. Exits 0 when every step
passed; otherwise prints the step that failed, saves a screenshot of it and exits 1. Nothing is fetched
from the internet: the driver is the system's, not one Selenium Manager downloads.
"""
import argparse
import json
import pathlib
import shutil
import sys
import tempfile
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ORDER = {
    "source": "webshop", "external_id": "1001", "number": "#1001", "currency": "SEK",
    "customer": {"email": "anna@example.se", "phone": "070-123 45 67", "first_name": "Anna", "last_name": "Berg"},
    "lines": [{"sku": "HOOD-M", "name": "Hoodie", "quantity": 2, "unit_price": "299.00"}],
    "shipping": {"carrier": "PostNord", "cost": "49.00",
                 "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}},
    "totals": {"total": "647.00"},
}


class Browser:
    def __init__(self, base, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
        for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
            options.add_argument(argument)
        driver = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(executable_path=driver), options=options)
        self.driver.implicitly_wait(5)
        self.base = base
        self.screenshots = pathlib.Path(screenshots)
        self.screenshots.mkdir(parents=True, exist_ok=True)

    def open(self, path):
        self.driver.get(self.base + path)

    def path(self):
        return self.driver.current_url[len(self.base):]

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def fill(self, name, value):
        field = self.driver.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)

    def submit(self, selector="main button[type=submit]"):
        self.driver.find_element(By.CSS_SELECTOR, selector).click()

    def shot(self, name):
        """The whole page, not only the window: the window is made as tall as the page for the picture."""
        width = self.driver.get_window_size()["width"]
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(width, min(max(height + 120, 600), 4000))
        self.driver.save_screenshot(str(self.screenshots / f"admin-{name}.png"))
        self.driver.set_window_size(width, 900)


def check(condition, step, browser):
    """Waits up to 10 s for `condition` (a function of nothing) to hold: a click starts a navigation that
    Selenium does not wait for."""
    try:
        WebDriverWait(browser.driver, 10, poll_frequency=0.1,
                      ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(lambda _: condition())
    except TimeoutException:
        browser.shot("failure")
        raise AssertionError(f"{step} (at {browser.path()}): {browser.text()[:500]}") from None


def post_order(base, key):
    request = urllib.request.Request(base + "/v1/orders", data=json.dumps(ORDER).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status in (200, 201), response.status


def sign_in(browser, email, password):
    browser.open("/admin/login")
    browser.fill("email", email)
    browser.fill("password", password)
    browser.submit()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--api-key", required=True, help="a key that may ingest, to post an order through the API")
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--viewer-email", required=True, help="a user with the viewer role (same password)")
    parser.add_argument("--sink", required=True, help="a Standard Webhooks receiver (webhook-receiver.py) for the test send")
    args = parser.parse_args()
    browser = Browser(args.base, args.screenshots)
    try:
        browser.open("/admin")
        check(lambda: browser.path() == "/admin/login", "signed out, /admin sends to the sign-in page", browser)
        browser.shot("login")

        sign_in(browser, args.email, "not the password")
        check(lambda: "Wrong e-mail or password" in browser.text(), "a wrong password is refused", browser)
        check(lambda: browser.driver.get_cookie("kvitto_session") is None, "no session after a wrong password", browser)

        # A form without its CSRF token (removed from the page) is refused even with the right password.
        browser.open("/admin/login")
        browser.driver.execute_script("document.querySelector('input[name=csrf_token]').remove()")
        browser.fill("email", args.email)
        browser.fill("password", args.password)
        browser.submit()
        check(lambda: "expired" in browser.text(), "a sign-in without the CSRF token is refused", browser)
        check(lambda: browser.driver.get_cookie("kvitto_session") is None, "no session without the CSRF token", browser)

        sign_in(browser, args.email, args.password)
        check(lambda: browser.path() == "/admin", "the right password signs in", browser)
        check(lambda: "deliveries waiting" in browser.text(), "the dashboard shows the queue", browser)
        cookie = browser.driver.get_cookie("kvitto_session")
        check(lambda: cookie is not None and cookie.get("httpOnly") and cookie.get("sameSite") == "Lax", "the session cookie is HttpOnly, Lax", browser)
        browser.shot("dashboard")

        post_order(args.base, args.api_key)
        browser.open("/admin/contacts")
        browser.fill("q", "070-123 45 67")
        browser.submit("form[role=search] button[type=submit]")
        check(lambda: "Anna Berg" in browser.text(), "the order's customer is found by phone", browser)
        browser.shot("contacts")
        browser.driver.find_element(By.CSS_SELECTOR, "#match a").click()
        check(lambda: "#1001" in browser.text() and "webshop" in browser.text(), "the card shows the order", browser)
        check(lambda: "Carrier: PostNord" in browser.driver.find_element(By.ID, "contact-orders").text
              and "Storgatan 1, 111 22 Stockholm" in browser.driver.find_element(By.ID, "contact-orders").text,
              "with its delivery comment", browser)
        browser.shot("contact-card")

        browser.driver.set_window_size(390, 844)
        browser.shot("contact-card-390px")
        width = browser.driver.execute_script("return document.documentElement.scrollWidth")
        check(lambda: width <= 390, f"the card fits a 390 px screen (is {width} px wide)", browser)
        browser.driver.set_window_size(1280, 900)

        # The order's postback went to an endpoint that refuses connections (a trigger the test made, without
        # retries): it fails; replaying it from its page sends it again.
        def failed_listed():
            browser.open("/admin/deliveries?status=failed")
            return bool(browser.driver.find_elements(By.CSS_SELECTOR, "tbody a"))
        check(failed_listed, "the failed delivery is listed", browser)
        browser.shot("deliveries")
        browser.driver.find_element(By.CSS_SELECTOR, "tbody a").click()
        check(lambda: browser.driver.find_element(By.ID, "delivery-status").text == "failed", "its page shows it failed", browser)
        browser.shot("delivery")
        browser.submit("#replay")
        check(lambda: "Replayed" in browser.text(), "a replay is confirmed", browser)
        check(lambda: browser.driver.find_element(By.ID, "delivery-status").text == "pending", "and the delivery waits to be sent", browser)

        # A postback made with the Template Mapper: a broken template points at the directive, the result of a
        # good one is shown, it is saved (its secret shown once), and a test send reaches a real receiver.
        browser.open("/admin/triggers")
        browser.fill("name", "Partner feed")
        browser.fill("url", args.sink + "/hooks")
        browser.fill("template", '{"orderRef": {"$expr": "data.order.number"}, "broken": {"$expr": "data.order.["}}')
        browser.submit("#preview")
        check(lambda: "at /broken" in browser.driver.find_element(By.ID, "template-errors").text, "a broken directive is pointed at", browser)
        browser.fill("template", '{"orderRef": {"$expr": "data.order.number"}, "items": {"$expr": "data.order.lines[].sku"}}')
        browser.submit("#preview")
        check(lambda: '"orderRef"' in browser.driver.find_element(By.ID, "output").text, "the result is shown", browser)
        browser.shot("template-mapper")
        browser.submit("#save")
        check(lambda: browser.driver.find_element(By.ID, "secret").text.startswith("whsec_"), "saved, with its secret shown once", browser)
        secret = browser.driver.find_element(By.ID, "secret").text
        register = urllib.request.Request(args.sink + "/_secret", data=json.dumps({"secret": secret}).encode(), method="POST")
        urllib.request.urlopen(register, timeout=10).close()
        browser.submit("#test")
        check(lambda: "webhook-signature" in browser.driver.find_element(By.ID, "test-request").text, "the test shows the signed request", browser)
        check(lambda: '"status": 200' in browser.driver.find_element(By.ID, "test-response").text,
              "and the receiver's answer: it verified the signature", browser)
        browser.shot("trigger-tested")

        # An API key made in the admin: its secret is shown once.
        browser.open("/admin/keys")
        browser.fill("name", "Lagret")
        browser.driver.find_element(By.NAME, "scope_read").click()
        browser.submit("#new-key-form button[type=submit]")
        check(lambda: browser.driver.find_element(By.ID, "secret").text.startswith("kvt_"), "the new key's secret is shown", browser)
        browser.shot("keys-created")
        browser.open("/admin/keys")
        check(lambda: not browser.driver.find_elements(By.ID, "secret") and "Lagret" in browser.text(), "and never again", browser)
        browser.shot("keys")

        # A file of bonus checks uploaded through the form; the report names the skipped row.
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as checks:
            checks.write("email,phone,code,amount,currency,valid_from,valid_to\n"
                         "anna@example.se,,BC-1001,100.00,SEK,2026-11-01,2027-01-31\n"
                         "not-an-address,,BC-1002,50.00,SEK,2026-11-01,2027-01-31\n")
        browser.open("/admin/vouchers")
        browser.driver.find_element(By.ID, "file").send_keys(checks.name)
        browser.submit("#upload-form button[type=submit]")
        check(lambda: browser.driver.find_element(By.ID, "imported").text == "1", "the upload's report: one check made", browser)
        check(lambda: "row 3" in browser.driver.find_element(By.ID, "report").text, "and the skipped row named", browser)
        browser.shot("bonus-checks")
        pathlib.Path(checks.name).unlink()

        browser.open("/admin/audit")
        check(lambda: "api_key.create" in browser.text(), "the audit log has the new key", browser)
        browser.shot("audit")

        browser.open("/admin")
        browser.submit("header form button[type=submit]")
        check(lambda: browser.path() == "/admin/login", "signing out returns to the sign-in page", browser)
        browser.open("/admin")
        check(lambda: browser.path() == "/admin/login", "signed out for good", browser)

        # A viewer sees no form to make a key, and the server refuses one posted by hand with a valid token.
        sign_in(browser, args.viewer_email, args.password)
        check(lambda: browser.path() == "/admin", "the viewer signs in", browser)
        browser.open("/admin/keys")
        check(lambda: "Lagret" in browser.text() and not browser.driver.find_elements(By.ID, "new-key-form"), "a viewer sees no form", browser)
        status = browser.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            const token = document.querySelector('input[name=csrf_token]').value;
            fetch('/admin/keys', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                                  body: 'csrf_token=' + encodeURIComponent(token) + '&name=Sneaky&scope_admin=on'})
              .then(r => done(r.status), () => done(0));
        """)
        check(lambda: status == 403, f"the server refuses a viewer's hand-made POST (answered {status})", browser)
        browser.open("/admin/keys")
        check(lambda: "Sneaky" not in browser.text(), "and made nothing", browser)
        print("admin-browser: every step passed")
    except Exception as error:  # the step and the page, for the test's log
        print(f"admin-browser: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        browser.driver.quit()


if __name__ == "__main__":
    main()

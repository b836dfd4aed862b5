#!/usr/bin/env python3
"""Drives `kvitto demo`'s admin in headless Chromium as a newcomer would: the demo's confirmations arrive in
its Demo inbox; a message template written in the editor (merge field picked, previewed) is sent by an
automation on a tag when the tag is added on a customer's card. Used by the process test DemoBrowserTests;
by hand, against a running demo:

    python3 scripts/testing/demo-browser.py --base http://127.0.0.1:8080 --password '…' --screenshots .build/screenshots

Same needs as admin-browser.py (Debian's chromium and chromium-driver, selenium==4.51.0).
"""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
admin = __import__("admin-browser")  # the shared Browser and check helpers

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--email", default="demo@example.se")
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    browser = admin.Browser(args.base, args.screenshots)
    check = admin.check
    try:
        admin.sign_in(browser, args.email, args.password)
        check(lambda: browser.path() == "/admin", "the demo's owner signs in", browser)

        # The demo shop's orders are confirmed by e-mail, caught by the demo's own mail catcher.
        def confirmation_caught():
            browser.open("/admin/demo")
            return "Tack för din beställning" in browser.driver.find_element(By.ID, "demo-mails").text
        check(confirmation_caught, "an order confirmation reaches the Demo inbox", browser)
        browser.shot("demo-inbox")
        browser.driver.find_element(By.PARTIAL_LINK_TEXT, "Tack för din beställning").click()
        check(lambda: "Ordernummer" in browser.driver.find_element(By.ID, "mail-text").text, "the caught e-mail is readable", browser)
        browser.shot("demo-mail")

        # A message template: the merge field is picked from the list (script inserts it at the cursor).
        browser.open("/admin/messages")
        browser.driver.find_element(By.ID, "new-email").click()
        check(lambda: browser.path().startswith("/admin/messages/new"), "the editor opens", browser)
        browser.fill("name", "VIP-välkomst")
        Select(browser.driver.find_element(By.ID, "sample")).select_by_visible_text("contact.tag_added")
        browser.fill("subject", "Välkommen som VIP, ")
        subject = browser.driver.find_element(By.ID, "subject")
        check(lambda: browser.driver.find_elements(By.CSS_SELECTOR, "[data-insert='{{contact.first_name}}']"), "the picker lists the merge fields", browser)
        subject.click()
        subject.send_keys("\ue010")  # End: the cursor after the text
        browser.driver.find_element(By.CSS_SELECTOR, "[data-insert='{{contact.first_name}}']").click()
        check(lambda: subject.get_attribute("value") == "Välkommen som VIP, {{contact.first_name}}", "a click inserts the merge field", browser)
        browser.fill("text", "Hej {{contact.first_name}}! Du är nu VIP hos {{account.name}}.")
        check(lambda: "Välkommen som VIP, Anna" in browser.driver.find_element(By.ID, "message-preview").text,
              "the preview follows the typing, with the sample's customer", browser)
        browser.submit("#preview")
        check(lambda: browser.driver.find_element(By.ID, "preview-text").text == "Hej Anna! Du är nu VIP hos Demobutiken.",
              "the preview without script renders the text", browser)
        browser.shot("message-template")
        browser.submit("#save")
        check(lambda: "Saved." in browser.text(), "the template is saved", browser)

        # An automation on the tag VIP that sends it.
        browser.open("/admin/automations")
        browser.fill("name", "VIP-välkomst")
        Select(browser.driver.find_element(By.NAME, "trigger_kind")).select_by_visible_text("tag")
        browser.fill("trigger_value", "VIP")
        Select(browser.driver.find_element(By.NAME, "step1_type")).select_by_visible_text("email: VIP-välkomst")
        active = browser.driver.find_element(By.NAME, "active")
        if not active.is_selected():
            active.click()
        browser.submit("#automation-form button[type=submit]")
        check(lambda: "tag VIP" in browser.text() and "active" in browser.text(), "the automation is listed, active", browser)
        browser.shot("automations")

        # Tagging a customer on their card starts it; the e-mail arrives in the Demo inbox.
        def anna_found():  # the shop's fifth order is hers
            browser.open("/admin/contacts?q=anna.berg%40example.se")
            return browser.driver.find_elements(By.CSS_SELECTOR, "#match a")
        check(anna_found, "the demo shop's customer is found by e-mail", browser)
        browser.driver.find_element(By.CSS_SELECTOR, "#match a").click()
        check(lambda: "PostNord" in browser.driver.find_element(By.ID, "contact-orders").text,
              "the card shows the demo's orders with their delivery details", browser)
        browser.fill("tag", "VIP")
        browser.submit("#tag-form button[type=submit]")
        check(lambda: "VIP" in browser.driver.find_element(By.ID, "contact-tags").text, "the card shows the tag", browser)

        def welcome_caught():
            browser.open("/admin/demo")
            return "Välkommen som VIP, Anna" in browser.driver.find_element(By.ID, "demo-mails").text
        check(welcome_caught, "the automation's e-mail reaches the Demo inbox", browser)
        browser.driver.find_element(By.PARTIAL_LINK_TEXT, "Välkommen som VIP").click()
        check(lambda: "anna.berg@example.se" in browser.driver.find_element(By.ID, "mail-recipients").text
              and "Hej Anna! Du är nu VIP hos Demobutiken." in browser.driver.find_element(By.ID, "mail-text").text,
              "sent to Anna, with her name merged", browser)
        # The pages a newcomer looks at next, with the demo's data in them (screenshots for the README).
        browser.open("/admin")
        check(lambda: int(browser.driver.find_element(By.ID, "orders-24h").text) > 0, "the dashboard counts the demo's orders", browser)
        browser.shot("demo-dashboard")
        browser.open("/admin/orders?status=shipped")
        check(lambda: "#10" in browser.text(), "the orders list filters by status", browser)
        browser.shot("orders")
        browser.open("/admin/pos")
        check(lambda: browser.driver.find_element(By.ID, "pos-url").text.endswith("/pos/v2"), "the POS page gives the API URL", browser)
        browser.shot("pos")
        browser.open("/admin/connections/new?kind=woocommerce")
        check(lambda: browser.driver.find_elements(By.ID, "credential_consumer_key"), "a platform's connection form", browser)
        browser.shot("connect-woocommerce")
        print("demo-browser: every step passed")
    except Exception as error:  # the step and the page, for the test's log
        print(f"demo-browser: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    finally:
        browser.driver.quit()


if __name__ == "__main__":
    main()

import Foundation
import HTTPTypes
import KvittoCore
import KvittoSQLite
import KvittoStorage
import KvittoTestSupport
import Testing

/// A browser as the admin sees it: cookies kept between requests, forms posted url-encoded.
struct AdminBrowser {
    let api: APIClient
    var cookies: [String: String] = [:]

    /// The value of a hidden field (`csrf_token`) in a page.
    static func field(_ name: String, in html: String) -> String? {
        guard let match = html.firstMatch(of: try! Regex(#"name="\#(name)" value="([^"]*)""#)) else { return nil }
        return match.output[1].substring.map(String.init)
    }

    mutating func keep(_ reply: APIClient.Reply) {
        for header in reply.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let (name, value) = (String(pair[0]), pair.count > 1 ? String(pair[1]) : "")
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    var cookieHeader: HTTPFields {
        cookies.isEmpty ? [:] : [.cookie: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    mutating func get(_ uri: String) async throws -> APIClient.Reply {
        let reply = try await api.call(.get, uri, headers: cookieHeader)
        keep(reply)
        return reply
    }

    mutating func post(_ uri: String, _ fields: [(String, String)]) async throws -> APIClient.Reply {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        let reply = try await api.post(uri, bytes: Array(body.utf8), headers: headers)
        keep(reply)
        return reply
    }

    /// A `multipart/form-data` form with one file, as a browser uploads it.
    mutating func upload(_ uri: String, fields: [(String, String)], file: (field: String, name: String, type: String, content: String)) async throws -> APIClient.Reply {
        let boundary = "----kvitto\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n"
        body += file.content + "\r\n--\(boundary)--\r\n"
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let reply = try await api.post(uri, bytes: Array(body.utf8), headers: headers)
        keep(reply)
        return reply
    }

    /// A browser signed in as `email` (with the tests' password).
    static func signedIn(_ api: APIClient, as email: String) async throws -> AdminBrowser {
        var browser = AdminBrowser(api: api)
        _ = try await browser.signIn(email: email, password: AdminSignInTests.password)
        return browser
    }

    /// Signs in through the sign-in page as a person would.
    mutating func signIn(email: String, password: String) async throws -> APIClient.Reply {
        let page = try await get("/admin/login")
        let csrf = try #require(Self.field("csrf_token", in: page.text))
        return try await post("/admin/login", [("csrf_token", csrf), ("email", email), ("password", password)])
    }
}

@Suite("Admin: signing in and out")
struct AdminSignInTests {
    static let password = "correct horse battery"

    static func user(_ harness: APIHarness, account: Account, email: String = "owner@butiken.se", role: AdminUser.Role = .owner) async throws -> AdminUser {
        let hash = try AdminUsers.hash(password, rounds: 1000)
        return try await harness.store.write { w in
            try AdminUsers.create(AdminUsers.NewUser(email: email, role: role, password: password), passwordHash: hash, account: account.id,
                                  in: w, now: Date())
        }
    }

    @Test func aUserSignsInSeesTheDashboardAndSignsOut() async throws {
        let harness = try APIHarness()
        let (account, _) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        try await harness.run { api in
            var browser = AdminBrowser(api: api)
            #expect(try await browser.get("/admin").status == .seeOther, "signed out: sent to the sign-in page")
            let page = try await browser.get("/admin/login")
            #expect(page.status == .ok && page.text.contains(#"name="email""#) && page.text.contains(#"name="password""#))
            let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("kvitto_form=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/admin"))

            let signedIn = try await browser.signIn(email: "Owner@Butiken.se", password: Self.password)
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/admin")
            let session = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("kvitto_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && !session.contains("Secure"))
            let dashboard = try await browser.get("/admin")
            #expect(dashboard.status == .ok && dashboard.text.contains("owner@butiken.se") && dashboard.text.contains("deliveries waiting"))
            #expect(dashboard.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)

            // Signing out needs the page's CSRF token; without it the session stays.
            #expect(try await browser.post("/admin/logout", []).status == .forbidden)
            #expect(try await browser.get("/admin").status == .ok)
            let csrf = try #require(AdminBrowser.field("csrf_token", in: dashboard.text))
            let out = try await browser.post("/admin/logout", [("csrf_token", csrf)])
            #expect(out.status == .seeOther && out.headers[.location] == "/admin/login")
            #expect(try await browser.get("/admin").status == .seeOther, "signed out")
        }
    }

    @Test func aWrongPasswordOrAMissingFormTokenIsRefusedAndRepeatedFailuresAreThrottled() async throws {
        let harness = try APIHarness()
        let (account, _) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        try await harness.run { api in
            var browser = AdminBrowser(api: api)
            let wrong = try await browser.signIn(email: "owner@butiken.se", password: "not the password")
            #expect(wrong.status == .unauthorized && wrong.text.contains("Wrong e-mail or password"))
            #expect(wrong.headers[values: .setCookie].allSatisfy { !$0.hasPrefix("kvitto_session=") })
            let unknown = try await browser.signIn(email: "nobody@butiken.se", password: Self.password)
            #expect(unknown.status == .unauthorized && unknown.text.contains("Wrong e-mail or password"), "the same answer for an unknown address")

            _ = try await browser.get("/admin/login")
            let noToken = try await browser.post("/admin/login", [("email", "owner@butiken.se"), ("password", Self.password)])
            #expect(noToken.status == .forbidden, "a sign-in without the form's token is refused")

            for _ in 0..<4 { _ = try await browser.signIn(email: "owner@butiken.se", password: "still not it") }
            let throttled = try await browser.signIn(email: "owner@butiken.se", password: Self.password)
            #expect(throttled.status == .tooManyRequests && throttled.text.contains("Too many failed attempts"),
                    "after five failures even the right password waits")
        }
    }

    @Test func anAdminKeyCreatesTheFirstOwnerAndOnlyWhileThereIsNone() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            var browser = AdminBrowser(api: api)
            var page = try await browser.get("/admin/login")
            var csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let setup = try await browser.post("/admin/login", [("csrf_token", csrf), ("api_key", key)])
            #expect(setup.status == .ok && setup.text.contains("Create the first owner"))
            let setupToken = try #require(AdminBrowser.field("csrf_token", in: setup.text))
            let short = try await browser.post("/admin/setup", [("csrf_token", setupToken), ("api_key", key), ("email", "first@butiken.se"),
                                                                 ("password", "short")])
            #expect(short.status == .unprocessableContent && short.text.contains("at least 12 characters"), "the error is next to the field")
            let created = try await browser.post("/admin/setup", [("csrf_token", setupToken), ("api_key", key), ("email", "first@butiken.se"),
                                                                   ("name", "Första"), ("password", Self.password)])
            #expect(created.status == .seeOther && created.headers[.location] == "/admin")
            let audit = try await browser.get("/admin/audit")
            #expect(audit.text.contains("user.create") && audit.text.contains("first@butiken.se"), "the change is in the audit log")

            var other = AdminBrowser(api: api)
            page = try await other.get("/admin/login")
            csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let again = try await other.post("/admin/login", [("csrf_token", csrf), ("api_key", key)])
            #expect(again.status == .forbidden && again.text.contains("has users"), "the key signs in no longer")
        }
    }

    @Test func contactSearchIsExactAndShowsTheCard() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        try await harness.run { api in
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            var browser = try await AdminBrowser.signedIn(api, as: "viewer@butiken.se")
            let found = try await browser.get("/admin/contacts?q=070-123%2045%2067")
            #expect(found.status == .ok && found.text.contains(#"id="match""#) && found.text.contains("Anna Berg"))
            let partial = try await browser.get("/admin/contacts?q=0701234")
            #expect(partial.text.contains(#"id="no-match""#), "a part of a number finds nothing")
            let id = try #require(found.text.firstMatch(of: /\/admin\/contacts\/(con_[0-9A-Z]+)/)?.output.1)
            let card = try await browser.get("/admin/contacts/\(id)")
            #expect(card.status == .ok && card.text.contains("#1001") && card.text.contains("webshop"))
        }
    }

    /// An owner makes a key and sees its secret once, and it works; a viewer and a staff member are refused
    /// even when they post the form by hand with a valid CSRF token.
    @Test func onlyOwnersAndAdminsCreateKeysWhoseSecretIsShownOnce() async throws {
        let harness = try APIHarness()
        let (account, _) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/keys")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let missing = try await owner.post("/admin/keys", [("csrf_token", csrf), ("name", "")])
            #expect(missing.status == .unprocessableContent && missing.text.contains("Give the key a name") && missing.text.contains("at least one scope"))
            let created = try await owner.post("/admin/keys", [("csrf_token", csrf), ("name", "Lagret"), ("scope_read", "on")])
            let secret = try #require(created.text.firstMatch(of: /<code id="secret">(kvt_[A-Za-z0-9_-]+)<\/code>/)?.output.1)
            #expect(try await api.call(.get, "/v1/orders", key: String(secret)).status == .ok, "the new key reads")
            #expect(try await api.call(.post, "/v1/orders", key: String(secret), body: Sample.order()).status == .forbidden, "and only reads")
            #expect(!(try await owner.get("/admin/keys").text.contains(String(secret))), "the secret is shown once")

            for email in ["viewer@butiken.se", "staff@butiken.se"] {
                var other = try await AdminBrowser.signedIn(api, as: email)
                let list = try await other.get("/admin/keys")
                #expect(list.status == .ok && list.text.contains("Lagret") && !list.text.contains("new-key-form"), "\(email) sees no form")
                let token = try #require(AdminBrowser.field("csrf_token", in: list.text))
                let forged = try await other.post("/admin/keys", [("csrf_token", token), ("name", "Sneaky"), ("scope_admin", "on")])
                #expect(forged.status == .forbidden, "\(email): the server refuses a hand-made POST")
            }
            #expect(!(try await owner.get("/admin/keys").text.contains("Sneaky")), "nothing was made")

            let keyID = try #require(created.text.firstMatch(of: /\/admin\/keys\/(key_[0-9A-Z]+)\/revoke/)?.output.1)
            let revoked = try await owner.post("/admin/keys/\(keyID)/revoke", [("csrf_token", csrf)])
            #expect(revoked.status == .seeOther)
            #expect(try await api.call(.get, "/v1/orders", key: String(secret)).status == .unauthorized, "a revoked key stops at once")
            let audit = try await owner.get("/admin/audit")
            #expect(audit.text.contains("api_key.create") && audit.text.contains("api_key.revoke") && audit.text.contains("owner@butiken.se"))
        }
    }

    /// The delivery log shows a failed postback with its attempt; staff replay it, and the receiver gets it again.
    @Test func aFailedDeliveryIsShownWithItsAttemptsAndReplayed() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        let receiver = try await WebhookReceiver(arguments: ["--status", "503"])
        defer { receiver.stop() }
        try await harness.run { api in
            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: """
                {"name": "Once", "event_types": ["order.received"], "url": "\(receiver.url)", "retry": false}
                """)
            try await receiver.start(secrets: [try #require(trigger.json["secret"]?.stringValue)])
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let failed = try await api.waitForDeliveries(key: key) { $0.first?["status"] == "failed" }
            let id = try #require(failed.first?["id"]?.stringValue)

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let list = try await staff.get("/admin/deliveries?status=failed")
            #expect(list.text.contains(id) && list.text.contains("replay-failed"))
            let detail = try await staff.get("/admin/deliveries/\(id)")
            #expect(detail.text.contains("503") && detail.text.contains(#"id="replay""#))
            let csrf = try #require(AdminBrowser.field("csrf_token", in: detail.text))
            let replayed = try await staff.post("/admin/deliveries/\(id)/replay", [("csrf_token", csrf)])
            #expect(replayed.text.contains("Replayed"))
            _ = try await api.waitForDeliveries(key: key) { $0.first?["attempt_count"] == 2 }
            #expect(try await receiver.stats()["requests"] == 2, "the receiver got it again")
            #expect(try await staff.get("/admin/audit").text.contains("delivery.replay"))
        }
    }

    /// An owner adds a staff member with the synced-orders grant, who signs in; an admin may not make owners;
    /// disabling a user signs them out at once; nobody disables themselves.
    @Test func ownersManageUsersAndADisabledUserIsSignedOut() async throws {
        let harness = try APIHarness()
        let (account, _) = try await harness.account()
        let owner = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "admin@butiken.se", role: .admin)
        try await harness.run { api in
            var browser = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await browser.get("/admin/users")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let short = try await browser.post("/admin/users", [("csrf_token", csrf), ("email", "erik@butiken.se"), ("role", "staff"), ("password", "short")])
            #expect(short.status == .unprocessableContent && short.text.contains("at least 12 characters") && short.text.contains("erik@butiken.se"),
                    "the error is next to the field and what was typed is kept")
            let added = try await browser.post("/admin/users", [("csrf_token", csrf), ("email", "erik@butiken.se"), ("name", "Erik"), ("role", "staff"),
                                                                ("grant_synced_orders", "on"), ("password", Self.password)])
            #expect(added.status == .ok && added.text.contains("erik@butiken.se can sign in now"))
            let erik = try #require(try await harness.store.read { r in try r.adminUser(emailKey: "erik@butiken.se") })
            #expect(erik.role == .staff && erik.grants == [.syncedOrders] && erik.mayWorkWithSyncedOrders)

            var staff = AdminBrowser(api: api)
            #expect(try await staff.signIn(email: "erik@butiken.se", password: Self.password).headers[.location] == "/admin")
            #expect(try await staff.get("/admin").status == .ok)

            var admin = try await AdminBrowser.signedIn(api, as: "admin@butiken.se")
            let adminPage = try await admin.get("/admin/users")
            let adminToken = try #require(AdminBrowser.field("csrf_token", in: adminPage.text))
            let ownerMade = try await admin.post("/admin/users", [("csrf_token", adminToken), ("email", "boss@butiken.se"), ("role", "owner"),
                                                                  ("password", Self.password)])
            #expect(ownerMade.status == .unprocessableContent && ownerMade.text.contains("Choose a role you may give"), "admins do not make owners")

            let disabled = try await browser.post("/admin/users/\(erik.id)", [("csrf_token", csrf), ("action", "disable")])
            #expect(disabled.text.contains("disabled and signed out"))
            #expect(try await staff.get("/admin").status == .seeOther, "the disabled user's session ended")
            #expect(try await staff.signIn(email: "erik@butiken.se", password: Self.password).status == .unauthorized, "and cannot sign in")
            let selfDisable = try await browser.post("/admin/users/\(owner.id)", [("csrf_token", csrf), ("action", "disable")])
            #expect(selfDisable.status == .forbidden, "nobody disables themselves")
            let audit = try await browser.get("/admin/audit")
            #expect(audit.text.contains("user.create") && audit.text.contains("user.change"))
        }
    }

    /// An order from a platform is locked only by a user with the synced-orders grant (owners and admins have
    /// it); staff without it see no lock and are refused a hand-made POST; an order of the API any staff locks.
    @Test func lockingAPlatformOrderNeedsTheSyncedOrdersGrant() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        let hash = try AdminUsers.hash(Self.password, rounds: 1000)
        let now = Date()
        let synced = try await harness.store.write { w in
            _ = try AdminUsers.create(AdminUsers.NewUser(email: "lager@butiken.se", role: .staff, grants: [.syncedOrders], password: ""),
                                      passwordHash: hash, account: account.id, in: w, now: now)
            let shop = Connection(id: KvittoID.make(.connection, at: now), accountID: account.id, kind: .shopify, name: "Shop", createdAt: now)
            try w.insertConnection(shop)
            return try Orders.upsert(try OrderInput.read(try JSONParser.parse(Sample.order(externalID: "5005"))), connection: shop, account: account,
                                     origin: .live, in: w, now: now).order
        }
        try await harness.run { api in
            let apiOrder = try #require(try await api.call(.post, "/v1/orders", key: key, body: Sample.order()).json["id"]?.stringValue)
            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let list = try await staff.get("/admin/orders")
            #expect(list.text.contains("#5005") && list.text.contains("#1001"))
            let page = try await staff.get("/admin/orders/\(synced.id)")
            #expect(page.status == .ok && page.text.contains("Hoodie") && !page.text.contains(#"id="lock""#), "no lock without the grant")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            #expect(try await staff.post("/admin/orders/\(synced.id)/lock", [("csrf_token", csrf)]).status == .forbidden)
            let own = try await staff.post("/admin/orders/\(apiOrder)/lock", [("csrf_token", csrf)])
            #expect(own.text.contains("Locked:") && own.text.contains(#"id="locked""#), "an order of the API: staff may lock it")

            var granted = try await AdminBrowser.signedIn(api, as: "lager@butiken.se")
            let grantedPage = try await granted.get("/admin/orders/\(synced.id)")
            let token = try #require(AdminBrowser.field("csrf_token", in: grantedPage.text))
            #expect(grantedPage.text.contains(#"id="lock""#))
            let locked = try await granted.post("/admin/orders/\(synced.id)/lock", [("csrf_token", token)])
            #expect(locked.text.contains("Locked:"))
            #expect(try await api.call(.get, "/v1/orders/\(synced.id)", key: key).json["locked"] == true)
            #expect(try await granted.get("/admin/audit").text.contains("order.lock"))
        }
    }

    /// The Template Mapper on the server: "Show result" renders a sample, a broken directive is pointed at,
    /// "Save" makes the template and the trigger; a viewer's hand-made POST makes nothing.
    @Test func theTemplateMapperPreviewsPointsAtErrorsAndSaves() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/triggers")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let fields: [(String, String)] = [("csrf_token", csrf), ("name", "Partner"), ("url", "https://partner.example/hooks"),
                                              ("event_order.shipped", "on"), ("sample", "order.shipped"), ("method", "POST")]
            let broken = try await owner.post("/admin/triggers", fields + [("template", #"{"ref": {"$expr": "data.order.["}}"#), ("action", "preview")])
            #expect(broken.status == .unprocessableContent && broken.text.contains("at /ref"), "the directive at fault is named")
            let preview = try await owner.post("/admin/triggers", fields + [("template", #"{"ref": {"$expr": "data.order.number"}}"#), ("action", "preview")])
            #expect(preview.status == .ok && preview.text.contains(#"id="output""#) && preview.text.contains("&quot;ref&quot;"))
            let saved = try await owner.post("/admin/triggers", fields + [("template", #"{"ref": {"$expr": "data.order.number"}}"#), ("action", "save"),
                                                                            ("active", "on")])
            #expect(saved.status == .ok && saved.text.contains("whsec_"), "saved; the secret is shown once")
            #expect(!saved.text.contains("· filter"), "no filter line for a trigger without a filter")
            #expect(!(try await owner.get("/admin/audit").text.contains("Older")), "no next page link when there is no next page")
            let triggers = try await api.call(.get, "/v1/triggers", key: key).json["items"]?.arrayValue ?? []
            #expect(triggers.count == 1 && triggers.first?["event_types"] == ["order.shipped"] && triggers.first?["template_id"] != .null)
            #expect(triggers.first?["retry"] == false, "the retry box was not ticked")

            // A real event instead of the sample, and a trigger that sends to an e-mail address with retries.
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            #expect(order.status == .created)
            let events = try await api.call(.get, "/v1/events?after=0&limit=20", key: key).json["items"]?.arrayValue ?? []
            let eventID = try #require(events.first { $0["type"] == "order.received" }?["id"]?.stringValue)
            let real = try await owner.post("/admin/triggers", fields + [("template", #"{"ref": {"$expr": "data.order.number"}}"#), ("action", "preview"),
                                                                           ("event_id", eventID)])
            #expect(real.text.contains("&quot;#1001&quot;"), "the template is shown on the stored event")
            let missing = try await owner.post("/admin/triggers", fields + [("template", ""), ("action", "preview"), ("event_id", "evt_nope")])
            #expect(missing.text.contains("No event evt_nope in this account"))
            let mailed = try await owner.post("/admin/triggers", [("csrf_token", csrf), ("name", "Lagret per e-post"), ("email", "lager@partner.example"),
                                                                  ("event_order.received", "on"), ("retry", "on"), ("active", "on"), ("action", "save")])
            #expect(mailed.status == .ok && mailed.text.contains("whsec_"), "\(mailed.text.prefix(300))")
            let byMail = try await api.call(.get, "/v1/triggers", key: key).json["items"]?.arrayValue?.first { $0["name"] == "Lagret per e-post" }
            #expect(byMail?["email"] == "lager@partner.example" && byMail?["retry"] == true)

            var viewer = try await AdminBrowser.signedIn(api, as: "viewer@butiken.se")
            let token = try #require(AdminBrowser.field("csrf_token", in: try await viewer.get("/admin/triggers").text))
            let forged = try await viewer.post("/admin/triggers", [("csrf_token", token), ("name", "Sneaky"), ("url", "https://evil.example"),
                                                                   ("event_order.shipped", "on"), ("action", "save")])
            #expect(forged.status == .forbidden)
            let names = (try await api.call(.get, "/v1/triggers", key: key).json["items"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(!names.contains("Sneaky") && names.count == 2, "the viewer made nothing: \(names)")
        }
    }

    /// A file of bonus checks uploaded from the page: the report names what was made and each skipped row;
    /// a browser's `application/octet-stream` is read by the file's extension; a viewer may not import.
    @Test func aBonusCheckFileUploadedFromThePageIsReportedRowByRow() async throws {
        let harness = try APIHarness()
        let (account, _) = try await harness.account()
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        _ = try await Self.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        let csv = "email,phone,code,amount,currency,valid_from,valid_to\nanna@example.se,,BC-1001,100.00,SEK,2026-11-01,2027-01-31\nnot-an-address,,BC-1002,50.00,SEK,2026-11-01,2027-01-31\n"
        try await harness.run { api in
            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let page = try await staff.get("/admin/vouchers")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            #expect(page.text.contains(#"enctype="multipart/form-data""#))
            let report = try await staff.upload("/admin/vouchers", fields: [("csrf_token", csrf)],
                                                file: ("file", "checks.csv", "application/octet-stream", csv))
            #expect(report.status == .ok && report.text.contains(#"<strong id="imported">1</strong>"#), "\(report.text)")
            #expect(report.text.contains("row 3"), "the skipped row is named")
            let noToken = try await staff.upload("/admin/vouchers", fields: [], file: ("file", "checks.csv", "text/csv", csv))
            #expect(noToken.status == .forbidden, "the multipart form needs its CSRF token too")
            #expect(try await staff.get("/admin/audit").text.contains("vouchers.import"))

            var viewer = try await AdminBrowser.signedIn(api, as: "viewer@butiken.se")
            let viewerPage = try await viewer.get("/admin/vouchers")
            #expect(!viewerPage.text.contains("upload-form"))
            let token = try #require(AdminBrowser.field("csrf_token", in: viewerPage.text))
            #expect(try await viewer.upload("/admin/vouchers", fields: [("csrf_token", token)], file: ("file", "c.csv", "text/csv", csv)).status == .forbidden)
        }
    }

    /// The settings form saves through the API's rules: a wrong time zone is named next to its field with what
    /// was typed kept; an empty password keeps the stored one; staff may look but not save.
    @Test func settingsAreSavedThroughTheSameRulesAsTheAPI() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/settings")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let smtp: [(String, String)] = [("smtp_host", "smtp.butiken.se"), ("smtp_port", "587"), ("smtp_starttls", "on"),
                                            ("smtp_from", "Butiken <order@butiken.se>"), ("smtp_username", "order")]
            let wrong = try await owner.post("/admin/settings", [("csrf_token", csrf), ("time_zone", "Europe/Nowhere")] + smtp + [("smtp_password", "s3cret")])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains(#"id="time_zone-error""#) && wrong.text.contains("Europe/Nowhere"))
            let saved = try await owner.post("/admin/settings", [("csrf_token", csrf), ("time_zone", "Europe/Stockholm"), ("locale", "sv-SE")]
                                             + smtp + [("smtp_password", "s3cret")])
            #expect(saved.status == .ok && saved.text.contains("Saved."))
            let again = try await owner.post("/admin/settings", [("csrf_token", csrf), ("time_zone", "Europe/Stockholm"), ("locale", "sv-SE")] + smtp)
            #expect(again.text.contains("leave empty to keep it"), "the password stays set")
            let settings = try await api.call(.get, "/v1/settings", key: key).json
            #expect(settings["time_zone"] == "Europe/Stockholm" && settings["smtp"]?["host"] == "smtp.butiken.se")
            #expect(settings["smtp"]?["password_set"] == true, "\(settings)")

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffPage = try await staff.get("/admin/settings")
            let token = try #require(AdminBrowser.field("csrf_token", in: staffPage.text))
            #expect(try await staff.post("/admin/settings", [("csrf_token", token), ("time_zone", "UTC")]).status == .forbidden)
        }
    }

    /// An automation made in the form, by the API's rules: a wrong duration is named, a good one is saved
    /// and started by its tag; staff may not make one.
    @Test func anAutomationOnATagIsMadeInTheForm() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/automations")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let template = try #require(page.text.firstMatch(of: /value="(email:tpl_[0-9A-Z]+)"/)?.output.1, "a standard e-mail template to choose")
            let fields: [(String, String)] = [("csrf_token", csrf), ("name", "Tack, VIP"), ("trigger_kind", "tag"), ("trigger_value", "VIP"),
                                              ("step1_type", String(template)), ("step3_type", "add_tag"), ("step3_value", "Thanked"), ("active", "on")]
            let wrong = try await owner.post("/admin/automations", fields + [("step2_type", "wait"), ("step2_value", "two days")])
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("/steps/1/duration"), "the wrong step is named")
            let saved = try await owner.post("/admin/automations", fields + [("step2_type", "wait"), ("step2_value", "P2D")])
            #expect(saved.status == .ok && saved.text.contains("Tack, VIP is saved and active") && saved.text.contains("tag VIP"))
            let automations = try await api.call(.get, "/v1/automations", key: key).json["items"]?.arrayValue ?? []
            #expect(automations.count == 1 && automations.first?["trigger"]?["tag"] == "VIP" && automations.first?["steps"]?.arrayValue?.count == 3)

            // The flow and its e-mail step are switched off and on from the list, as the API's `active` members.
            let automationID = try #require(automations.first?["id"]?.stringValue)
            let stepOff = try await owner.post("/admin/automations/\(automationID)/switch", [("csrf_token", csrf), ("step", "0")])
            #expect(stepOff.text.contains("Step 1 of Tack, VIP is off.") && stepOff.text.contains("<strong>(off)</strong>"))
            let flowOff = try await owner.post("/admin/automations/\(automationID)/switch", [("csrf_token", csrf)])
            #expect(flowOff.text.contains("Tack, VIP is off."))
            var stored = try await api.call(.get, "/v1/automations/\(automationID)", key: key).json
            #expect(stored["active"] == false && stored["steps"]?.arrayValue?.first?["active"] == false)
            _ = try await owner.post("/admin/automations/\(automationID)/switch", [("csrf_token", csrf), ("active", "on")])
            _ = try await owner.post("/admin/automations/\(automationID)/switch", [("csrf_token", csrf), ("step", "0"), ("active", "on")])
            stored = try await api.call(.get, "/v1/automations/\(automationID)", key: key).json
            #expect(stored["active"] == true && stored["steps"]?.arrayValue?.first?["active"] == true)
            let wait = try await owner.post("/admin/automations/\(automationID)/switch", [("csrf_token", csrf), ("step", "1")])
            #expect(wait.status == .unprocessableContent, "a wait is not switched")

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffPage = try await staff.get("/admin/automations")
            #expect(!staffPage.text.contains("/switch"), "staff see no switches")
            let token = try #require(AdminBrowser.field("csrf_token", in: staffPage.text))
            #expect(try await staff.post("/admin/automations", [("csrf_token", token), ("name", "x"), ("trigger_value", "y")]).status == .forbidden)
            #expect(try await staff.post("/admin/automations/\(automationID)/switch", [("csrf_token", token)]).status == .forbidden)
        }
    }

    /// The card's export is the API's document, as a file; erasure from the card (owners and admins) removes the
    /// person and keeps the order, and the audit log names only the id.
    @Test func aContactIsExportedAndErasedFromTheCard() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            let orderID = try #require(try await api.call(.post, "/v1/orders", key: key, body: Sample.order()).json["id"]?.stringValue)
            let contactID = try #require(try await api.call(.get, "/v1/orders/\(orderID)", key: key).json["contact_id"]?.stringValue)
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let export = try await owner.get("/admin/contacts/\(contactID)/export")
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.json["contact"]?["id"]?.stringValue == contactID && export.json["orders"]?.arrayValue?.count == 1)

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffCard = try await staff.get("/admin/contacts/\(contactID)")
            #expect(!staffCard.text.contains(#"id="erase""#))
            let token = try #require(AdminBrowser.field("csrf_token", in: staffCard.text))
            #expect(try await staff.post("/admin/contacts/\(contactID)/erase", [("csrf_token", token)]).status == .forbidden)

            let card = try await owner.get("/admin/contacts/\(contactID)")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: card.text))
            let erased = try await owner.post("/admin/contacts/\(contactID)/erase", [("csrf_token", csrf)])
            #expect(erased.text.contains("Erased"))
            #expect(try await api.call(.get, "/v1/contacts/\(contactID)", key: key).status == .notFound)
            #expect(try await api.call(.get, "/v1/orders/\(orderID)", key: key).json["contact_id"] == .null, "the order stays, anonymised")
            let audit = try await owner.get("/admin/audit").text
            #expect(audit.contains("contact.erase") && !audit.contains("Anna"), "the log names the id, not the person")
        }
    }

    /// Lists made on the page, and a bulk action over a tag: the selection is required (never every contact),
    /// an erasure needs its confirmation, a move puts the tagged contacts in the list; staff make lists but no
    /// bulk actions.
    @Test func listsAndBulkActionsFromThePage() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await Self.user(harness, account: account)
        _ = try await Self.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "vip@example.se", "tags": ["VIP"]}"#)
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "other@example.se"}"#)
            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffPage = try await staff.get("/admin/lists")
            let staffToken = try #require(AdminBrowser.field("csrf_token", in: staffPage.text))
            #expect(try await staff.post("/admin/lists", [("csrf_token", staffToken), ("name", "VIP-kunder")]).text.contains("is made"))
            #expect(try await staff.post("/admin/lists/bulk", [("csrf_token", staffToken), ("tag", "VIP"), ("action", "blacklist")]).status == .forbidden)

            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/lists")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let listID = try #require(page.text.firstMatch(of: /<option value="(lst_[0-9A-Z]+)">VIP-kunder/)?.output.1)
            let everyone = try await owner.post("/admin/lists/bulk", [("csrf_token", csrf), ("action", "delete"), ("confirm", "on")])
            #expect(everyone.status == .unprocessableContent && everyone.text.contains("never takes every contact"))
            let unconfirmed = try await owner.post("/admin/lists/bulk", [("csrf_token", csrf), ("tag", "VIP"), ("action", "delete")])
            #expect(unconfirmed.status == .unprocessableContent && unconfirmed.text.contains("confirm"))
            let moved = try await owner.post("/admin/lists/bulk", [("csrf_token", csrf), ("tag", "VIP"), ("action", "move"), ("target", String(listID))])
            #expect(moved.text.contains("move: 1 contacts"), "\(moved.text)")
            let members = try await api.call(.get, "/v1/contacts?list=\(listID)", key: key).json["items"]?.arrayValue ?? []
            #expect(members.map { $0["email"]?.stringValue } == ["vip@example.se"])
            #expect(try await owner.get("/admin/audit").text.contains("contacts.bulk"))
        }
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// The admin at `/admin`: sign-in with a user's e-mail and password (or, before the account has users, an
/// admin API key that then creates the first owner), and the pages. Pages are rendered on the server and work
/// without JavaScript. A signed-in browser holds only a random token in an HttpOnly, SameSite=Lax cookie
/// (Secure behind TLS); every form that changes something carries a CSRF token, and a POST without the right
/// one is answered 403.
struct AdminController {
    let services: KvittoServices
    let throttle = LoginThrottle()

    static let sessionCookie = "kvitto_session"
    /// Before sign-in there is no session to tie the form's token to: the sign-in form's token is also set
    /// as a cookie, and a POST must bring both alike (a page of another site can send neither).
    static let formCookie = "kvitto_form"

    func register(on router: Router<KvittoRequestContext>) {
        let admin = router.group("admin")
        admin.get("login", use: loginPage)
        admin.post("login", use: login)
        admin.post("setup", use: setup)
        admin.post("logout") { request, context in try await signedIn(request, context) { call in try await logout(call) } }
        admin.get { request, context in try await signedIn(request, context, dashboard) }
        admin.get("contacts") { request, context in try await signedIn(request, context, contacts) }
        admin.get("contacts/{id}") { request, context in try await signedIn(request, context, contact) }
        admin.get("audit") { request, context in try await signedIn(request, context, audit) }
        admin.get("keys") { request, context in try await signedIn(request, context) { call in try await keys(call) } }
        admin.post("keys") { request, context in try await signedIn(request, context, needs: .administer, createKey) }
        admin.post("keys/{id}/revoke") { request, context in try await signedIn(request, context, needs: .administer, revokeKey) }
        admin.get("deliveries") { request, context in try await signedIn(request, context, deliveries) }
        admin.get("deliveries/{id}") { request, context in try await signedIn(request, context) { call in try await delivery(call) } }
        admin.post("deliveries/{id}/replay") { request, context in try await signedIn(request, context, needs: .change, replay) }
        admin.post("deliveries/replay") { request, context in try await signedIn(request, context, needs: .change, replayFailed) }
        admin.get("orders") { request, context in try await signedIn(request, context, orders) }
        admin.get("orders/{id}") { request, context in try await signedIn(request, context) { call in try await order(call) } }
        admin.post("orders/{id}/lock") { request, context in try await signedIn(request, context, needs: .change, lockOrder) }
        admin.get("users") { request, context in try await signedIn(request, context) { call in try await users(call) } }
        admin.post("users") { request, context in try await signedIn(request, context, needs: .administer, createUser) }
        admin.post("users/{id}") { request, context in try await signedIn(request, context, needs: .administer, changeUser) }
    }

    /// What a request needs of its user beyond being signed in.
    enum Need {
        /// Reading (and signing out): every role.
        case read
        /// Changing the day's records: every role but viewer.
        case change
        /// Settings, API keys, connections, users: owners and admins.
        case administer

        func allows(_ user: AdminUser) -> Bool {
            switch self {
            case .read: user.disabledAt == nil
            case .change: user.mayChange
            case .administer: user.mayAdminister
            }
        }
    }

    // MARK: the signed-in page shape

    /// A request from a signed-in browser: who, and the CSRF token its forms carry.
    struct AdminCall: Sendable {
        let user: AdminUser
        let sessionToken: String
        let request: Request
        let context: KvittoRequestContext
        var csrf: String { AdminController.csrfToken(session: sessionToken) }

        /// A query parameter as a browser's GET form sends it (`+` for a space, which the URI's own parser leaves).
        func query(_ name: String) -> String? { AdminForm(encoded: request.uri.query ?? "")[name] }

        /// What the layout shows of the user.
        var layout: [String: Any] { ["user": ["email": user.email, "role": user.role.rawValue, "csrf": csrf]] }
    }

    static func csrfToken(session token: String) -> String { APIKeySecret.hash("csrf:" + token) }

    /// Runs `page` for a signed-in browser; any other is sent to the sign-in page. A POST must carry the
    /// session's CSRF token and come from a user whose role allows what it `needs` (403 otherwise, whatever
    /// the browser showed or hid).
    func signedIn(_ request: Request, _ context: KvittoRequestContext, needs: Need,
                  _ page: (AdminCall, AdminForm?) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[Self.sessionCookie]?.value,
              let (_, user) = try await AdminUsers.session(token: token, store: services.store, now: services.clock.now()) else {
            return Self.redirect(to: "/admin/login")
        }
        let call = AdminCall(user: user, sessionToken: token, request: request, context: context)
        guard request.method == .post else { return try await page(call, nil) }
        let form = try await AdminForm.read(request)
        guard let sent = form["csrf_token"], Self.same(sent, call.csrf) else { return Self.forbidden("The form has expired; go back, reload and try again.") }
        guard needs.allows(user) else { return Self.forbidden("Your role (\(user.role.rawValue)) may not do this.") }
        return try await page(call, form)
    }

    func signedIn(_ request: Request, _ context: KvittoRequestContext, _ page: @escaping (AdminCall) async throws -> Response) async throws -> Response {
        try await signedIn(request, context, needs: .read) { call, _ in try await page(call) }
    }

    // MARK: sign-in and out

    func loginPage(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        if let token = request.cookies[Self.sessionCookie]?.value,
           try await AdminUsers.session(token: token, store: services.store, now: services.clock.now()) != nil {
            return Self.redirect(to: "/admin")
        }
        return signInPage(request, values: [:])
    }

    /// The sign-in page with a fresh form token (as a hidden field and a cookie).
    func signInPage(_ request: Request, values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let token = APIKeySecret.generate().secret
        var response = AdminPages.render("login", values.merging(["title": "Sign in", "csrf": token]) { _, new in new }, status: status)
        response.setCookie(cookie(Self.formCookie, token, request: request))
        return response
    }

    func login(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let form = try await AdminForm.read(request)
        guard let sent = form["csrf_token"], let expected = request.cookies[Self.formCookie]?.value, Self.same(sent, expected) else {
            return Self.forbidden("The sign-in form has expired; reload the sign-in page.")
        }
        if let key = form["api_key"], !key.isEmpty { return try await firstSetUp(request, apiKey: key, form: form, token: sent) }
        let email = form["email"] ?? "", key = "email:" + AdminUser.emailKey(email)
        let now = services.clock.now()
        if let until = throttle.blockedUntil(key, now: now) {
            return signInPage(request, values: ["email": email, "error": "Too many failed attempts; try again after \(Timestamp.format(until))."],
                              status: .tooManyRequests)
        }
        guard let user = try await AdminUsers.signIn(email: email, password: form["password"] ?? "", store: services.store) else {
            throttle.failed(key, at: now)
            return signInPage(request, values: ["email": email, "error": "Wrong e-mail or password."], status: .unauthorized)
        }
        throttle.succeeded(key)
        return try await startSession(for: user, request: request)
    }

    /// An admin API key signs in only while its account has no users: to create the first owner.
    func firstSetUp(_ request: Request, apiKey: String, form: AdminForm, token: String) async throws -> Response {
        guard let (account, users) = try await keyAccount(apiKey) else {
            return signInPage(request, values: ["error": "This is not an API key with the admin scope."], status: .unauthorized)
        }
        guard users.isEmpty else {
            return signInPage(request, values: ["error": "\(account.name) has users; sign in with your e-mail and password."], status: .forbidden)
        }
        return AdminPages.render("setup", ["title": "First set-up", "csrf": token, "apiKey": apiKey, "accountName": account.name])
    }

    /// The account of an admin-scoped key, with its users.
    func keyAccount(_ apiKey: String) async throws -> (Account, [AdminUser])? {
        let hash = APIKeySecret.hash(apiKey)
        return try await services.store.read { r -> (Account, [AdminUser])? in
            guard let key = try r.apiKey(hash: hash), key.allows(.admin), let account = try r.account(key.accountID) else { return nil }
            return (account, try r.adminUsers(account: account.id))
        }
    }

    /// `POST /admin/setup`: the first owner, created with the account's admin key, is signed in.
    func setup(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let form = try await AdminForm.read(request)
        guard let sent = form["csrf_token"], let expected = request.cookies[Self.formCookie]?.value, Self.same(sent, expected) else {
            return Self.forbidden("The set-up form has expired; sign in with the API key again.")
        }
        let apiKey = form["api_key"] ?? ""
        guard let (account, users) = try await keyAccount(apiKey), users.isEmpty else {
            return signInPage(request, values: ["error": "The first owner exists already; sign in with your e-mail and password."], status: .forbidden)
        }
        let new = AdminUsers.NewUser(email: form["email"] ?? "", name: form["name"] ?? "", role: .owner, password: form["password"] ?? "")
        let values: [String: Any] = ["title": "First set-up", "csrf": sent, "apiKey": apiKey, "accountName": account.name,
                                     "email": new.email, "name": new.name]
        do {
            let hash = try AdminUsers.hash(new.password)
            let now = services.clock.now()
            let user = try await services.store.write { w in
                let user = try AdminUsers.create(new, passwordHash: hash, account: account.id, in: w, now: now)
                try AdminUsers.audit("user.create", subject: user.id, detail: "created the first owner \(user.email) with an API key", by: user,
                                     in: w, now: now)
                return user
            }
            return try await startSession(for: user, request: request)
        } catch let error as KvittoError where error.code == .invalid || error.code == .conflict {
            let errors = Dictionary(error.fieldErrors.map { (String($0.pointer.dropFirst()), $0.detail) }) { first, _ in first }
            return AdminPages.render("setup", values.merging(["errors": errors]) { _, new in new }, status: .unprocessableContent)
        }
    }

    func startSession(for user: AdminUser, request: Request) async throws -> Response {
        let now = services.clock.now()
        let token = try await services.store.write { w in try AdminUsers.startSession(for: user, in: w, now: now) }
        var response = Self.redirect(to: "/admin")
        response.setCookie(cookie(Self.sessionCookie, token, request: request))
        response.setCookie(cookie(Self.formCookie, "", request: request, expired: true))
        return response
    }

    func logout(_ call: AdminCall) async throws -> Response {
        let hash = APIKeySecret.hash(call.sessionToken)
        try await services.store.write { w in try w.deleteAdminSession(tokenHash: hash) }
        var response = Self.redirect(to: "/admin/login")
        response.setCookie(cookie(Self.sessionCookie, "", request: call.request, expired: true))
        return response
    }

    // MARK: pages

    func dashboard(_ call: AdminCall) async throws -> Response {
        let account = call.user.accountID
        let (queue, rejections) = try await services.store.read { r in
            (try r.queueDepth(), try r.rejections(account: account, page: PageRequest(limit: 10)))
        }
        return AdminPages.render("dashboard", call.layout.merging([
            "title": "Dashboard", "pending": queue.pending, "oldest": queue.oldestDue.map(Timestamp.format) ?? "–",
            "rejections": rejections.map { ["at": Self.when($0.at), "reason": $0.reason, "detail": $0.detail] },
        ]) { _, new in new })
    }

    /// `/admin/contacts?q=`: exact search by phone number or e-mail, as the API's look-up.
    func contacts(_ call: AdminCall) async throws -> Response {
        let q = (call.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        var values: [String: Any] = ["title": "Contacts", "q": q, "searched": !q.isEmpty]
        if !q.isEmpty {
            let account = try await services.store.read { r in try r.account(call.user.accountID) }
            if let account {
                let found = try await services.store.read { r in
                    try Contacts.find(email: q.contains("@") ? q : nil, phone: q.contains("@") ? nil : q, account: account, in: r)
                }
                if let found {
                    values["found"] = ["id": found.id, "name": Self.name(of: found), "email": found.email ?? "", "phone": found.phone ?? ""]
                }
            }
        }
        return AdminPages.render("contacts", call.layout.merging(values) { _, new in new })
    }

    /// The customer card.
    func contact(_ call: AdminCall) async throws -> Response {
        let id = try call.context.parameters.require("id")
        guard let card = try await services.store.read({ r in try Contacts.card(id: id, account: call.user.accountID, in: r) }) else {
            return AdminPages.render("contacts", call.layout.merging(["title": "Contacts", "notice": "No such contact."]) { _, new in new },
                                     status: .notFound)
        }
        let groups: [[String: Any]] = (card.contact.fields.json.objectValue ?? [:]).map { group, values in
            ["title": group, "values": (values.objectValue ?? [:]).map { ["name": $0.key, "value": Self.text($0.value)] }]
        }
        var values: [String: Any] = [
            "title": Self.name(of: card.contact), "email": card.contact.email ?? "", "phone": card.contact.phone ?? "",
            "tags": card.contact.tags, "groups": groups,
            "orders": card.latestOrders.map { order in
                ["number": order.number ?? order.externalID, "source": order.source, "status": order.status.rawValue,
                 "total": order.totals.total.description, "currency": order.currency, "created": Self.when(order.createdAt)]
            },
            "timeline": card.timeline.map { ["at": Self.when($0.at), "text": $0.text] },
        ]
        // Left out when there is none: an empty text still counts as "there is one" to a Mustache section.
        if let number = card.contact.memberNumber { values["memberNumber"] = number }
        return AdminPages.render("contact", call.layout.merging(values) { _, new in new })
    }

    func audit(_ call: AdminCall) async throws -> Response {
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let entries = try await services.store.read { r in try r.adminAudit(account: call.user.accountID, page: page) }
        return AdminPages.render("audit", call.layout.merging([
            "title": "Audit log",
            "entries": entries.map { ["at": Self.when($0.at), "user": $0.userEmail, "action": $0.action, "detail": $0.detail] },
            "next": entries.count == page.limit ? entries.last?.id ?? "" : "",
        ]) { _, new in new })
    }

    // MARK: API keys

    /// The account's keys (never their secrets), and for owners and admins the form to make one; `created`
    /// is a key just made, whose secret this answer shows once.
    func keys(_ call: AdminCall, created: (APIKey, String)? = nil, errors: [String: String] = [:]) async throws -> Response {
        let keys = try await services.store.read { r in try r.apiKeys(account: call.user.accountID) }
        var values: [String: Any] = [
            "title": "API keys", "errors": errors,
            "keys": keys.map { key -> [String: Any] in
                var row: [String: Any] = ["id": key.id, "name": key.name, "prefix": key.prefix, "scopes": key.scopes.sorted().map(\.rawValue).joined(separator: ", "),
                                          "created": Self.when(key.createdAt), "lastUsed": key.lastUsedAt.map(Self.when) ?? "never"]
                if let revoked = key.revokedAt { row["revoked"] = Self.when(revoked) } else if call.user.mayAdminister { row["revocable"] = true }
                return row
            },
            "scopes": Scope.allCases.map { ["name": $0.rawValue] },
        ]
        if call.user.mayAdminister { values["mayCreate"] = true }
        if let (key, secret) = created { values["created"] = ["name": key.name, "secret": secret] }
        return AdminPages.render("keys", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func createKey(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let name = (form?["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let scopes = Set(Scope.allCases.filter { form?["scope_\($0.rawValue)"] != nil })
        var errors: [String: String] = [:]
        if name.isEmpty || name.count > 200 { errors["name"] = "Give the key a name of 1–200 characters." }
        if scopes.isEmpty { errors["scopes"] = "Choose at least one scope." }
        guard errors.isEmpty else { return try await keys(call, errors: errors) }
        let (user, now) = (call.user, services.clock.now())
        let created = try await services.store.write { w in
            let (key, secret) = try Accounts.createKey(account: user.accountID, name: name, scopes: scopes, in: w, now: now)
            try AdminUsers.audit("api_key.create", subject: key.id,
                                 detail: "created API key \(name) (\(scopes.sorted().map(\.rawValue).joined(separator: ", ")))", by: user, in: w, now: now)
            return (key, secret)
        }
        return try await keys(call, created: created)
    }

    func revokeKey(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let id = try call.context.parameters.require("id")
        let (user, now) = (call.user, services.clock.now())
        let revoked = try await services.store.write { w -> Bool in
            guard try w.revokeAPIKey(account: user.accountID, id: id, at: now) else { return false }
            try AdminUsers.audit("api_key.revoke", subject: id, detail: "revoked API key \(id)", by: user, in: w, now: now)
            return true
        }
        if revoked { services.authenticator.forget(keyID: id) }
        return Self.redirect(to: "/admin/keys")
    }

    // MARK: deliveries

    /// The delivery log, newest first, filtered by status (`?status=failed`) and paged.
    func deliveries(_ call: AdminCall) async throws -> Response {
        var filter = DeliveryFilter()
        let status = call.query("status").flatMap(Delivery.Status.init(rawValue:))
        filter.status = status
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let (account, chosen) = (call.user.accountID, filter)
        let found = try await services.store.read { r in try r.deliveries(account: account, filter: chosen, page: page) }
        var values: [String: Any] = [
            "title": "Deliveries",
            "statuses": ([nil] + Delivery.Status.allCases).map { option -> [String: Any] in
                ["value": option?.rawValue ?? "", "label": option?.rawValue ?? "all", "selected": option == status]
            },
            "deliveries": found.map { delivery -> [String: Any] in
                ["id": delivery.id, "what": delivery.channel == .postback ? "postback" : delivery.channel.rawValue, "event": delivery.eventType.rawValue,
                 "status": delivery.status.rawValue, "attempts": delivery.attempts, "error": delivery.lastError ?? "",
                 "created": Self.when(delivery.createdAt)]
            },
        ]
        if found.count == page.limit, let last = found.last { values["next"] = last.id + (status.map { "&status=\($0.rawValue)" } ?? "") }
        if call.user.mayChange, status == .failed, !found.isEmpty { values["replayAll"] = true }
        return AdminPages.render("deliveries", call.layout.merging(values) { _, new in new })
    }

    /// One delivery with every attempt: status, latency, the error and the start of the response.
    func delivery(_ call: AdminCall, notice: String? = nil) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Delivery, [DeliveryAttempt])? in
            guard let delivery = try r.delivery(account: account, id: id) else { return nil }
            return (delivery, try r.attempts(deliveryID: id))
        }
        guard let (delivery, attempts) = found else {
            return AdminPages.render("deliveries", call.layout.merging(["title": "Deliveries", "notice": "No such delivery."]) { _, new in new },
                                     status: .notFound)
        }
        var values: [String: Any] = [
            "title": "Delivery \(delivery.id)", "status": delivery.status.rawValue, "event": delivery.eventType.rawValue,
            "source": delivery.sourceID, "error": delivery.lastError ?? "",
            "attempts": attempts.map { attempt -> [String: Any] in
                ["number": attempt.number, "at": Self.when(attempt.at), "code": attempt.statusCode.map(String.init) ?? "–",
                 "latency": attempt.latencyMilliseconds, "error": attempt.error ?? "", "excerpt": attempt.responseExcerpt ?? ""]
            },
        ]
        if let notice { values["notice"] = notice }
        if call.user.mayChange, delivery.status != .pending { values["replayable"] = ["id": delivery.id] }
        return AdminPages.render("delivery", call.layout.merging(values) { _, new in new })
    }

    /// Sends a finished delivery again: the same delivery, the same webhook-id.
    func replay(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let replayed = try await services.store.write { w -> Bool in
            guard let delivery = try w.delivery(account: user.accountID, id: id), delivery.status != .pending else { return false }
            _ = try Postbacks.replay(delivery, in: w, now: now)
            try AdminUsers.audit("delivery.replay", subject: id, detail: "replayed delivery \(id)", by: user, in: w, now: now)
            return true
        }
        if replayed { services.deliveriesQueued() }
        return try await delivery(call, notice: replayed ? "Replayed: it is sent again now." : "Nothing to replay: the delivery is waiting already.")
    }

    /// Replays every failed delivery.
    func replayFailed(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (user, now) = (call.user, services.clock.now())
        let count = try await Postbacks.replayAll(matching: DeliveryFilter(status: .failed), account: user.accountID, store: services.store, now: now)
        try await services.store.write { w in
            try AdminUsers.audit("delivery.replay", subject: nil, detail: "replayed \(count) failed deliveries", by: user, in: w, now: now)
        }
        services.deliveriesQueued()
        return Self.redirect(to: "/admin/deliveries")
    }

    // MARK: orders

    func orders(_ call: AdminCall) async throws -> Response {
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let account = call.user.accountID
        let found = try await services.store.read { r in try r.orders(account: account, contactID: nil, page: page) }
        var values: [String: Any] = [
            "title": "Orders",
            "orders": found.map { order -> [String: Any] in
                ["id": order.id, "number": order.number ?? order.externalID, "source": order.source, "status": order.status.rawValue,
                 "total": order.totals.total.description, "currency": order.currency, "created": Self.when(order.createdAt),
                 "locked": order.locked]
            },
        ]
        if found.count == page.limit, let last = found.last { values["next"] = last.id }
        return AdminPages.render("orders", call.layout.merging(values) { _, new in new })
    }

    /// The order with its lines, totals and timeline (status changes, delivery comments, ignored updates),
    /// and the lock for those who may.
    func order(_ call: AdminCall, notice: String? = nil) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Order, [TimelineEntry], Connection?)? in
            guard let order = try r.order(account: account, id: id) else { return nil }
            return (order, try r.timeline(account: account, subjectID: id, limit: 100), try r.connection(account: account, id: order.connectionID))
        }
        guard let (order, timeline, connection) = found else {
            return AdminPages.render("orders", call.layout.merging(["title": "Orders", "notice": "No such order."]) { _, new in new }, status: .notFound)
        }
        var values: [String: Any] = [
            "title": "Order \(order.number ?? order.externalID)", "id": order.id, "source": order.source, "status": order.status.rawValue,
            "total": order.totals.total.description, "currency": order.currency, "created": Self.when(order.createdAt),
            "lines": order.lines.map { ["name": $0.name, "sku": $0.sku ?? "", "quantity": $0.quantity.description,
                                        "price": $0.unitPrice.description, "total": $0.lineTotal.description] },
            "timeline": timeline.map { ["at": Self.when($0.at), "kind": $0.kind.rawValue, "text": $0.text] },
        ]
        if order.locked { values["locked"] = true } else if Self.mayChange(order, from: connection, user: call.user) { values["lockable"] = true }
        if let contactID = order.contactID { values["contactID"] = contactID }
        if let notice { values["notice"] = notice }
        return AdminPages.render("order", call.layout.merging(values) { _, new in new })
    }

    /// Whether `user` may change or lock `order`: one that came from a platform needs the synced-orders grant
    /// (owners and admins have it); one sent through the API needs a user who may change things.
    static func mayChange(_ order: Order, from connection: Connection?, user: AdminUser) -> Bool {
        let synced = connection.map { $0.kind != .api } ?? false
        return synced ? user.mayWorkWithSyncedOrders : user.mayChange
    }

    func lockOrder(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let outcome = try await services.store.write { w -> String? in
            guard let order = try w.order(account: user.accountID, id: id), let account = try w.account(user.accountID) else { return "No such order." }
            let connection = try w.connection(account: account.id, id: order.connectionID)
            guard Self.mayChange(order, from: connection, user: user) else { return nil }
            guard !order.locked else { return "The order is locked already." }
            _ = try Orders.lock(orderID: id, account: account, in: w, now: now)
            try AdminUsers.audit("order.lock", subject: id, detail: "locked order \(order.number ?? order.externalID)", by: user, in: w, now: now)
            return "Locked: later changes from the shop are ignored."
        }
        guard let outcome else {
            return Self.forbidden("This order came from a platform; changing it needs the synced_orders grant.")
        }
        return try await order(call, notice: outcome)
    }

    // MARK: users

    /// The account's users; owners and admins change roles and grants, disable users and add new ones.
    func users(_ call: AdminCall, errors: [String: String] = [:], entered: [String: String] = [:], notice: String? = nil) async throws -> Response {
        let actor = call.user
        let users = try await services.store.read { r in try r.adminUsers(account: actor.accountID) }
        let manageable = AdminUser.Role.allCases.filter { AdminUsers.may(actor, manage: $0) }
        var values: [String: Any] = [
            "title": "Users", "errors": errors, "entered": entered,
            "users": users.map { user -> [String: Any] in
                var row: [String: Any] = ["id": user.id, "email": user.email, "name": user.name, "role": user.role.rawValue]
                if !user.grants.isEmpty { row["grants"] = user.grants.map(\.rawValue).sorted().joined(separator: ", ") }
                if let disabled = user.disabledAt { row["disabled"] = Self.when(disabled) }
                if user.disabledAt == nil, user.id != actor.id, AdminUsers.may(actor, manage: user.role) {
                    row["manage"] = [
                        "roles": manageable.map { ["name": $0.rawValue, "selected": $0 == user.role] },
                        "grants": AdminUser.Permission.allCases.map { ["name": $0.rawValue, "checked": user.grants.contains($0)] },
                    ]
                }
                return row
            },
        ]
        if actor.mayAdminister {
            values["newUser"] = ["roles": manageable.map { ["name": $0.rawValue, "selected": $0 == .staff] },
                                 "grants": AdminUser.Permission.allCases.map { ["name": $0.rawValue] }]
        }
        if let notice { values["notice"] = notice }
        return AdminPages.render("users", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func grants(in form: AdminForm?) -> Set<AdminUser.Permission> {
        Set(AdminUser.Permission.allCases.filter { form?["grant_\($0.rawValue)"] != nil })
    }

    func createUser(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (actor, now) = (call.user, services.clock.now())
        let entered = ["email": form?["email"] ?? "", "name": form?["name"] ?? ""]
        guard let role = form?["role"].flatMap(AdminUser.Role.init(rawValue:)), AdminUsers.may(actor, manage: role) else {
            return try await users(call, errors: ["role": "Choose a role you may give."], entered: entered)
        }
        let new = AdminUsers.NewUser(email: entered["email"] ?? "", name: entered["name"] ?? "", role: role, grants: Self.grants(in: form),
                                     password: form?["password"] ?? "")
        do {
            let hash = try AdminUsers.hash(new.password)
            let user = try await services.store.write { w in
                let user = try AdminUsers.create(new, passwordHash: hash, account: actor.accountID, in: w, now: now)
                try AdminUsers.audit("user.create", subject: user.id, detail: "created \(user.email) (\(user.role.rawValue))", by: actor, in: w, now: now)
                return user
            }
            return try await users(call, notice: "\(user.email) can sign in now.")
        } catch let error as KvittoError where error.code == .invalid || error.code == .conflict {
            let errors = Dictionary(error.fieldErrors.map { (String($0.pointer.dropFirst()), $0.detail) }) { first, _ in first }
            return try await users(call, errors: errors, entered: entered)
        }
    }

    /// Saves a user's role and grants, or disables the user (`action=disable`).
    func changeUser(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, actor, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let disable = form?["action"] == "disable"
        let role = disable ? nil : form?["role"].flatMap(AdminUser.Role.init(rawValue:))
        let grants = disable ? nil : Self.grants(in: form)
        do {
            let user = try await services.store.write { w in
                try AdminUsers.change(id, role: role, grants: grants, disable: disable, by: actor, in: w, now: now)
            }
            return try await users(call, notice: disable ? "\(user.email) is disabled and signed out." : "Saved \(user.email).")
        } catch let error as KvittoError where error.code == .forbidden || error.code == .conflict {
            return Self.forbidden(error.detail)
        }
    }

    // MARK: small parts

    /// A time as the pages show it: `2026-11-01 10:00 UTC`.
    static func when(_ date: Date) -> String {
        let text = Timestamp.format(date)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(5) + " UTC"
    }

    static func name(of contact: Contact) -> String {
        let name = [contact.firstName, contact.lastName].compactMap { $0 }.joined(separator: " ")
        return name.isEmpty ? (contact.email ?? contact.phone ?? contact.id) : name
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.text
        case .bool(let flag): flag ? "yes" : "no"
        case .null: ""
        default: JSONWriter.string(value)
        }
    }

    /// Compares two tokens in constant time.
    static func same(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    static func forbidden(_ message: String) -> Response {
        AdminPages.render("login", ["title": "Not allowed", "error": message], status: .forbidden)
    }

    /// An admin cookie: HttpOnly, SameSite=Lax, only under /admin, and Secure when the browser came over TLS
    /// (directly or through a proxy that says so) or the public address is https.
    func cookie(_ name: String, _ value: String, request: Request, expired: Bool = false) -> Cookie {
        let secure = request.headers[.forwardedProto]?.lowercased() == "https" || services.adminCookiesSecure
        return Cookie(name: name, value: value, maxAge: expired ? 0 : nil, path: "/admin", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

extension HTTPField.Name {
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}

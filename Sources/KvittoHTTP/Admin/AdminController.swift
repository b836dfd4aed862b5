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
        admin.get("contacts/{id}") { request, context in try await signedIn(request, context) { call in try await contact(call) } }
        admin.get("contacts/{id}/export") { request, context in try await signedIn(request, context, exportContact) }
        admin.post("contacts/{id}/tags") { request, context in try await signedIn(request, context, needs: .change, tagContact) }
        admin.post("contacts/{id}/erase") { request, context in try await signedIn(request, context, needs: .administer, eraseContact) }
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
        admin.get("triggers") { request, context in try await signedIn(request, context) { call in try await triggers(call) } }
        admin.post("triggers") { request, context in try await signedIn(request, context, needs: .administer, saveTrigger) }
        admin.get("triggers/{id}") { request, context in try await signedIn(request, context) { call in try await trigger(call) } }
        admin.post("triggers/{id}/test") { request, context in try await signedIn(request, context, needs: .administer, testTrigger) }
        admin.get("connections") { request, context in try await signedIn(request, context, connections) }
        admin.post("connections") { request, context in try await signedIn(request, context, needs: .administer, createConnection) }
        admin.get("connections/new") { request, context in try await signedIn(request, context) { call in try await newConnection(call) } }
        admin.get("connections/{id}") { request, context in try await signedIn(request, context) { call in try await connection(call) } }
        admin.post("connections/{id}") { request, context in try await signedIn(request, context, needs: .administer, saveConnection) }
        admin.get("connections/{id}/inbox/{item}") { request, context in try await signedIn(request, context, inboxItem) }
        admin.post("connections/{id}/backfills") { request, context in try await signedIn(request, context, needs: .administer, startBackfill) }
        admin.get("backfills/{id}") { request, context in try await signedIn(request, context, backfill) }
        admin.get("pos") { request, context in try await signedIn(request, context) { call in try await pos(call) } }
        admin.post("pos") { request, context in try await signedIn(request, context, needs: .administer, savePOS) }
        admin.post("pos/keys") { request, context in try await signedIn(request, context, needs: .administer, createPOSKey) }
        admin.get("vouchers") { request, context in try await signedIn(request, context) { call in try await vouchers(call) } }
        admin.post("vouchers") { request, context in try await signedIn(request, context, needs: .change, importVouchers) }
        admin.get("settings") { request, context in try await signedIn(request, context) { call in try await settings(call) } }
        admin.post("settings/account") { request, context in try await signedIn(request, context, needs: .administer, saveAccount) }
        admin.post("settings") { request, context in try await signedIn(request, context, needs: .administer, saveSettings) }
        admin.get("automations") { request, context in try await signedIn(request, context) { call in try await automations(call) } }
        admin.post("automations/{id}/switch") { request, context in try await signedIn(request, context, needs: .administer, switchAutomation) }
        admin.post("automations") { request, context in try await signedIn(request, context, needs: .administer, createAutomation) }
        admin.get("lists") { request, context in try await signedIn(request, context) { call in try await lists(call) } }
        admin.post("lists") { request, context in try await signedIn(request, context, needs: .change, createList) }
        admin.post("lists/bulk") { request, context in try await signedIn(request, context, needs: .administer, bulk) }
        admin.get("messages") { request, context in try await signedIn(request, context, messageTemplates) }
        admin.post("messages") { request, context in try await signedIn(request, context, needs: .read, saveMessageTemplate) }
        admin.get("messages/new") { request, context in try await signedIn(request, context, messageTemplate) }
        admin.get("messages/{id}") { request, context in try await signedIn(request, context, messageTemplate) }
        admin.post("messages/{id}") { request, context in try await signedIn(request, context, needs: .read, saveMessageTemplate) }
        admin.get("admin.js") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/javascript; charset=utf-8"
            headers[.cacheControl] = "max-age=300"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: AdminPages.script)))
        }
        admin.get("demo") { request, context in try await signedIn(request, context, demoInbox) }
        admin.get("demo/mail/{number}") { request, context in try await signedIn(request, context, demoMail) }
        admin.get("demo/mail/{number}/html") { request, context in try await signedIn(request, context, demoMailHTML) }
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
        /// Whether this is `kvitto demo` (the menu then shows its inbox).
        var demo = false
        var csrf: String { AdminController.csrfToken(session: sessionToken) }

        /// A query parameter as a browser's GET form sends it (`+` for a space, which the URI's own parser leaves).
        func query(_ name: String) -> String? { AdminForm(encoded: request.uri.query ?? "")[name] }

        /// What the layout shows of the user.
        var layout: [String: Any] {
            var shown: [String: Any] = ["email": user.email, "role": user.role.rawValue, "csrf": csrf]
            if demo { shown["demo"] = true }
            return ["user": shown]
        }
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
        let call = AdminCall(user: user, sessionToken: token, request: request, context: context, demo: services.demoInbox != nil)
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
        AdminPages.render("message", ["title": "Not allowed", "error": message], status: .forbidden)
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

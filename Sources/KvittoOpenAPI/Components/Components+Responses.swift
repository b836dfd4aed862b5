import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// The error answers operations refer to: RFC 9457 problems, each with examples of what the server says.
    static var responses: OpenAPI.ComponentDictionary<OpenAPI.Response> {
        [
            "BadRequest": problem(
                "Malformed JSON: the body is missing or is not JSON.",
                example: KvittoError(code: .malformed, detail: "the request has no JSON body")
            ),
            "Unauthorized": problem(
                "No API key, or the key is unknown or revoked.",
                challenge: true,
                example: KvittoError(code: .unauthorized, detail: "an API key is required: Authorization: Bearer <key>")
            ),
            "Forbidden": problem(
                "The key is valid but lacks the scope the endpoint needs.",
                example: KvittoError(code: .forbidden, detail: "this key lacks the 'ingest' scope")
            ),
            "NotFound": problem(
                "No such object in the caller's account (another account's objects are never visible).",
                example: .notFound("contact con_01JBZ8W3Q0K9X2T4V6M8N0P2R4")
            ),
            "Conflict": problem(
                "The new e-mail or phone belongs to another contact; nothing is merged silently.",
                example: KvittoError(
                    code: .conflict, detail: "the identifier belongs to another contact",
                    fieldErrors: [FieldError("/email", "belongs to contact con_01JBZ8W3Q0M1N2P3Q4R5S6T7V8")]
                )
            ),
            "TooLarge": problem(
                "The body is larger than 1 MiB (1048576 bytes); nothing was read.",
                example: KvittoError(code: .tooLarge, detail: "the body is larger than 1048576 bytes")
            ),
            "TooManyRequests": problem(
                """
                The key made more requests than the operator's rate limit allows (`KVITTO_RATE_LIMIT`). `Retry-After` \
                says in how many seconds to try again; every answer to a key carries `RateLimit-Limit`, \
                `RateLimit-Remaining` and `RateLimit-Reset` when a limit is set.
                """,
                example: KvittoError(code: .rateLimited, detail: "this key made more than 50 requests a second (bursts of 100); try again in 1 s")
            ),
            "Invalid": problem(
                """
                Valid JSON that is invalid: unknown, missing or mistyped members, each with a JSON pointer in \
                `errors`.
                """,
                example: .invalid([FieldError("/name", "is required"), FieldError("/colour", "is not a known field")])
            ),
            "OrderUnprocessable": problem(
                """
                The order is invalid (`title` `Invalid request`, field errors in `errors`) or a rule rejected it \
                (`title` `Rejected by a rule`, the rule in `reason`: `currency-mismatch`, `no-lines`, \
                `no-customer` or `no-contact-channel`, with a pointer in `errors`). Rejected orders are kept in \
                `GET /v1/rejections`.
                """,
                examples: [
                    "invalid": .problem("Invalid fields", .invalid(
                        [
                            FieldError("/external_id", "is required"),
                            FieldError("/lines/0/unit_price", "must be a decimal amount such as \"299.00\""),
                        ]
                    )),
                    "currency-mismatch": .problem("Currency differs from the account's", .rejected(
                        "currency-mismatch",
                        "order currency EUR differs from the account currency SEK",
                        pointer: "/currency"
                    )),
                    "no-lines": .problem("No lines", .rejected("no-lines", "an order needs at least one line", pointer: "/lines")),
                    "no-customer": .problem("No customer", .rejected("no-customer", "the order has no customer", pointer: "/customer")),
                    "no-contact-channel": .problem("Customer without e-mail or phone", .rejected(
                        "no-contact-channel",
                        "the customer has neither a valid e-mail nor a valid phone",
                        pointer: "/customer"
                    )),
                ]
            ),
            "TemplateInvalid": problem(
                """
                The template request is invalid: unknown, missing or mistyped members, or a body that does not \
                compile, with a pointer to the directive at fault under `/body`.
                """,
                examples: [
                    "expression": .problem("A $expr that does not parse", .invalid([
                        FieldError("/body/out/$expr", "invalid JMESPath expression: unexpected end of expression at byte 13"),
                    ])),
                    "directive": .problem("An unknown directive", .invalid([
                        FieldError(
                            "/body/note/$tmpl",
                            #"unknown directive "$tmpl": keys starting with $ are directives ($expr, $template, $literal); "#
                                + #"to send such a key, wrap its object in {"$literal": …}"#
                        ),
                    ])),
                    "missing": .problem("Name and body missing on create", .invalid([
                        FieldError("/name", "is required"), FieldError("/body", "is required"),
                    ])),
                ]
            ),
            "TriggerInvalid": problem(
                """
                The trigger request is invalid, each mistake with a pointer: a missing member, an unknown event \
                type (`/event_types/0`), a filter that does not compile (`/filter`), a URL that is not an \
                absolute http(s) URL (`/url`), an unknown template (`/template_id`), or an e-mail destination \
                that is not an address or comes with a URL (`/email`).
                """,
                examples: [
                    "missing": .problem("Required members missing on create", .invalid(
                        [
                            FieldError("/name", "is required"),
                            FieldError("/event_types", "name at least one event type"),
                            FieldError("/url", "is required (or an e-mail address in email)"),
                        ]
                    )),
                    "event-type": .problem("An unknown event type", .invalid([
                        FieldError("/event_types/0", "unknown event type; one of \(rawValues(EventType.self))"),
                    ])),
                    "url-filter-template": .problem("Bad URL, filter and template", .invalid(
                        [
                            FieldError("/url", "must be an absolute http(s) URL, e.g. https://partner.example/hooks"),
                            FieldError(
                                "/filter",
                                "not a valid JMESPath expression: syntax: '=' is not an operator; did you mean '=='? at byte 24"
                            ),
                            FieldError("/template_id", "no template tpl_01JBZ9B4C5D6E7F8G9H0J1K2M4 in this account"),
                        ]
                    )),
                    "email": .problem("An e-mail destination that is not one", .invalid([
                        FieldError("/email", "is not an e-mail address"),
                    ])),
                ]
            ),
            "TriggerTestInvalid": problem(
                """
                The body is invalid (an unknown member, an unknown `event_type`), or the trigger's template \
                failed on the event (pointers into the template).
                """,
                example: .invalid([FieldError("/event_type", "must be one of \(rawValues(EventType.self))")])
            ),
            "TriggerTestUnavailable": problem(
                """
                This process runs no delivery worker (it was started with role `api`), so it cannot send; call a \
                worker process.
                """,
                example: KvittoError(
                    code: .conflict, detail: "this process runs no delivery worker (role api); test from a worker process"
                )
            ),
            "TemplateInUse": problem(
                "A trigger still uses the template; point it elsewhere first.",
                example: KvittoError(
                    code: .conflict,
                    detail: "trigger trg_01JBZ9C5D6E7F8G9H0J1K2M3N4 uses this template; point it elsewhere first"
                )
            ),
            "PreviewUnprocessable": problem(
                """
                No template or no input was given, or the template does not compile or fails on the input: \
                `errors` point at the directive, relative to the template (`/out/$expr`).
                """,
                examples: [
                    "expression": .problem("A $expr that does not parse", .invalid(
                        [
                            FieldError("/out/$expr", "invalid JMESPath expression: unexpected end of expression at byte 13"),
                        ]
                    )),
                    "missing": .problem("Neither template nor input", .invalid(
                        [
                            FieldError("/template", "give a template or a template_id"),
                            FieldError("/payload", "give a payload, an event_id or a sample event type"),
                        ]
                    )),
                ]
            ),
            "DeliveryFilterInvalid": problem(
                """
                A filter value is invalid (`status`, `event_type` or `since`; the pointer names the query \
                parameter or body member), or — for a replay body — a member is unknown or the body is not an \
                object.
                """,
                examples: [
                    "filter": .problem("Bad status and since", .invalid(
                        [
                            FieldError("/status", "pending, succeeded or failed"),
                            FieldError("/since", "must be an RFC 3339 timestamp"),
                        ]
                    )),
                    "unknown": .problem("An unknown body member", .invalid([FieldError("/state", "is not a known field")])),
                ]
            ),
            "ConnectionInvalid": problem(
                """
                The connection request is invalid, each mistake with a pointer: an unknown or missing member, a \
                kind that is `api` or (on `PATCH`) differs from the connection's, a status mapping to something \
                other than the eight statuses, an import window outside 1–3650 days, or a credential the \
                platform's webhooks cannot be checked without.
                """,
                examples: [
                    "credentials": .problem("A Shopify connection without its webhook secret", .invalid([
                        FieldError("/credentials/webhook_secret", "is required for shopify webhooks"),
                    ])),
                    "settings": .problem("Bad kind and settings", .invalid(
                        [
                            FieldError("/kind", "must be one of \(rawValues(Connection.Kind.self))"),
                            FieldError("/settings/import_window_days", "must be a whole number of days from 1 to 3650"),
                            FieldError("/settings/colour", "is not a known field"),
                        ]
                    )),
                    "status-mapping": .problem("A status mapped to an unknown status", .invalid(
                        [FieldError("/settings/status_mapping/open", "must be one of \(rawValues(OrderStatus.self))")]
                    )),
                    "api": .problem("An api connection", .invalid([
                        FieldError("/kind", "api connections are made by posting orders with a source label"),
                    ])),
                    "kind-change": .problem("Another kind on PATCH", .invalid([
                        FieldError("/kind", "cannot change; make a new connection"),
                    ])),
                ]
            ),
            "ConnectionConflict": problem(
                """
                A connection of this platform with this name exists in the account, or the stored credentials \
                cannot be opened with this process's secret key.
                """,
                examples: [
                    "exists": .problem(
                        "The name is taken", KvittoError(code: .conflict, detail: "a shopify connection named Webshop exists")
                    ),
                    "sealed": .problem("Credentials sealed with another key", KvittoError(
                        code: .conflict,
                        detail: """
                            the credentials of connection \(Examples.connectionID) cannot be opened: this process's \
                            secret key (KVITTO_SECRET_KEY, or the key file beside the SQLite database) is not the one \
                            they were sealed with
                            """
                    )),
                ]
            ),
            "CredentialsSealed": problem(
                """
                The connection's stored credentials cannot be opened: this process runs with another secret key \
                than the one they were sealed with.
                """,
                example: KvittoError(
                    code: .conflict,
                    detail: """
                        the credentials of connection \(Examples.connectionID) cannot be opened: this process's \
                        secret key (KVITTO_SECRET_KEY, or the key file beside the SQLite database) is not the one \
                        they were sealed with
                        """
                )
            ),
            "BackfillInvalid": problem(
                """
                The backfill request is invalid (an unknown member, a timestamp that is not RFC 3339, `until` not \
                after `since`), or the connection lacks a credential the platform's API needs for imports \
                (pointer `/credentials/<name>`; set it with `PATCH /v1/connections/{id}`).
                """,
                examples: [
                    "window": .problem("until before since", .invalid([FieldError("/until", "must be after since")])),
                    "credentials": .problem("No access token to import with", .invalid([
                        FieldError("/credentials/access_token", "is required to import from shopify"),
                    ])),
                ]
            ),
            "SignatureInvalid": problem(
                """
                The platform's proof does not match: a missing or wrong signature (Shopify, WooCommerce), a wrong \
                URL or bearer token (Cartum, Sitoo), or a FAPI `security` that does not fit the invoice it names. \
                Nothing was stored.
                """,
                challenge: true,
                example: KvittoError(code: .unauthorized, detail: "the shopify signature does not match; nothing was stored")
            ),
            "HookNotFound": problem(
                "No connection with this id, or it is a connection of another platform.",
                example: .notFound("connection \(Examples.connectionID)")
            ),
            "FAPINotificationInvalid": problem(
                "The form lacks `id`, `time` or `security`, or one is malformed.",
                example: .invalid(
                    [
                        FieldError("/time", "must be a decimal number"),
                        FieldError("/security", "must be a 40-digit hexadecimal SHA-1"),
                    ]
                )
            ),
            "SitooEventsInvalid": problem(
                """
                The body is not an array of at most 10 events, or an order event lacks its `event_id`, \
                `event_date` or `data.order_id`. Nothing was stored.
                """,
                examples: [
                    "order-id": .problem("An order event without its order id", .invalid([FieldError("/1/data/order_id", "is required")])),
                    "too-many": .problem("More than 10 events", .invalid([
                        FieldError("", "holds 11 events; Sitoo sends at most 10"),
                    ])),
                ]
            ),
            "InternalError": problem("An unexpected failure; nothing was committed.", example: .unexpected),
        ]
    }

    /// A problem answer. `challenge`: a 401 that names the scheme to authenticate with (`WWW-Authenticate: Bearer`).
    static func problem(
        _ description: String, challenge: Bool = false, example: KvittoError? = nil, examples: OpenAPI.Example.Map? = nil
    ) -> OpenAPI.Response {
        var headers: OpenAPI.Header.Map? = challenge
            ? ["WWW-Authenticate": .header(.init(schema: .string(allowedValues: ["Bearer"])))]
            : nil
        if example?.code == .rateLimited {
            headers = [
                "Retry-After": .header(.init(schema: .integer(minimum: (0, exclusive: false)), description: "Seconds until a request may pass.")),
                "RateLimit-Limit": .header(.init(schema: .integer, description: "Requests the key may make at once.")),
                "RateLimit-Remaining": .header(.init(schema: .integer, description: "Requests left now (0).")),
                "RateLimit-Reset": .header(.init(schema: .integer, description: "Seconds until the key's allowance is full again.")),
            ]
        }
        return OpenAPI.Response(
            description: description, headers: headers,
            content: [.problemJSON: content(.ref("Problem"), example: example.map(problemExample), examples: examples)]
        )
    }

    /// The problem document the HTTP edge answers `error` with (KvittoHTTP's `Problem.json`).
    static func problemExample(_ error: KvittoError) -> JSONValue {
        var problem: JSONObject = [
            "type": .string(error.problemType), "title": .string(error.code.title),
            "status": .number(JSONNumber(error.code.httpStatus)), "detail": .string(error.detail),
        ]
        if let reason = error.reason { problem["reason"] = .string(reason) }
        if !error.fieldErrors.isEmpty {
            problem["errors"] = .array(error.fieldErrors.map { ["pointer": .string($0.pointer), "detail": .string($0.detail)] })
        }
        return .object(problem)
    }
}

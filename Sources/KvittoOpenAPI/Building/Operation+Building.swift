import KvittoCore
import OpenAPIKit

/// The tags operations are grouped by, in the order the document lists them.
enum Tag: String, CaseIterable {
    case contacts = "Contacts", orders = "Orders", catalogue = "Catalogue", events = "Events", templates = "Templates"
    case triggers = "Triggers", lists = "Lists", engagement = "Engagement", automations = "Automations"
    case deliveries = "Deliveries", connections = "Connections", pos = "POS", apiKeys = "API keys", operations = "Operations"

    var description: String? {
        switch self {
        case .contacts, .orders, .catalogue, .events, .apiKeys, .operations: nil
        case .templates: "Postback templates, event samples and the mapping preview."
        case .triggers: "Postback triggers: where events are sent, signed with which secret."
        case .lists: "Lists of contacts, and bulk actions over a list or over the contacts in no list."
        case .engagement: "RFM scores and segments of every buying contact."
        case .automations:
            """
            Flows that send e-mail and SMS, wait, tag and post back, started by events, tags or time rules; their \
            runs; the unsubscribe link of marketing e-mail.
            """
        case .deliveries: "The delivery log (postbacks, e-mail and SMS) and replays."
        case .connections:
            """
            Platform connections (Shopify, WooCommerce, Cartum, FAPI, Sitoo): their settings and sealed credentials, \
            the webhook receivers under `/hooks/` (authorised by the platform's signature or token, not an API key), \
            the inbox of raw webhook deliveries, and historical imports (backfills).
            """
        case .pos:
            """
            The till's API, compatible with Sitoo's CRM SPI v2 (point Sitoo's Custom CRM at `https://HOST/pos/v2` \
            with a `pos` key as the HTTP Basic password): exact customer look-ups, all logged, registration and \
            editing, purchase history; and the look-up audit log.
            """
        }
    }
}

/// A successful answer of an operation.
struct Answer {
    var status: OpenAPI.Response.StatusCode
    var response: OpenAPI.Response

    /// An answer with a JSON body described by the component schema `schema` (none without one).
    static func json(
        _ status: Int, _ description: String, _ schema: String? = nil, headers: OpenAPI.Header.Map? = nil,
        example: JSONValue? = nil
    ) -> Answer {
        let content = schema.map { APIDocument.json(.ref($0), example: example) } ?? [:]
        return Answer(status: .status(code: status), response: .init(description: description, headers: headers, content: content))
    }

    /// An answer with any content.
    static func content(_ status: Int, _ description: String, _ content: OpenAPI.Content.Map) -> Answer {
        Answer(status: .status(code: status), response: .init(description: description, content: content))
    }
}

/// The error answers of an operation: references to the problem responses of the components, by status.
/// Every operation can also fail with a 500.
struct Errors {
    /// Statuses that come together.
    struct Statuses: ExpressibleByIntegerLiteral {
        var codes: [Int]
        init(integerLiteral code: Int) { codes = [code] }
        init(_ codes: [Int]) { self.codes = codes }

        /// Every operation that needs an API key: none or a bad one (401), one without the scope (403), a key
        /// over its rate limit (429, where the operator set one).
        static let auth = Statuses([401, 403, 429])
        /// Every operation that reads a JSON body: not JSON (400), too large (413), invalid (422).
        static let body = Statuses([400, 413, 422])
    }

    var responses: OpenAPI.Response.Map

    /// - Parameters:
    ///   - unprocessable, conflict, unauthorized, notFound: the response component for 422, 409, 401 and 404 when
    ///     the general one (`Invalid`, `Conflict`, `Unauthorized`, `NotFound`) says too little.
    static func of(
        _ statuses: Statuses..., unprocessable: String = "Invalid", conflict: String = "Conflict",
        unauthorized: String = "Unauthorized", notFound: String = "NotFound"
    ) -> Errors {
        let components = [
            400: "BadRequest", 401: unauthorized, 403: "Forbidden", 404: notFound, 409: conflict, 413: "TooLarge", 429: "TooManyRequests",
            422: unprocessable, 500: "InternalError",
        ]
        var responses: OpenAPI.Response.Map = [:]
        for code in statuses.flatMap(\.codes) + [500] {
            guard let name = components[code] else { preconditionFailure("no problem response for status \(code)") }
            responses[.status(code: code)] = .reference(.component(named: name))
        }
        return Errors(responses: responses)
    }

    /// The errors of a platform webhook, which proves itself with the platform's signature or token.
    static func hook(_ statuses: Statuses..., unprocessable: String = "Invalid") -> Errors {
        of(Statuses(statuses.flatMap(\.codes)), unprocessable: unprocessable, conflict: "CredentialsSealed",
           unauthorized: "SignatureInvalid", notFound: "HookNotFound")
    }
}

extension APIDocument {
    /// An operation of the API.
    /// - Parameters:
    ///   - scope: the scope its API key needs; `nil` for platform webhooks, which need no key (`security: []`)
    ///     because they prove themselves with the platform's signature or token.
    ///   - description: what it does; the scope sentence is added after it.
    static func operation(
        _ id: String, _ summary: String, scope: Scope?, tag: Tag, _ description: String = "", ok: [Answer],
        errors: Errors, body: OpenAPI.Request? = nil, parameters: OpenAPI.Parameter.Array = []
    ) -> OpenAPI.Operation {
        var responses = errors.responses
        for answer in ok { responses[answer.status] = .response(answer.response) }
        // A page size outside 1–500 is a 422, so every paged list documents one.
        let paged = parameters.contains { parameter in
            if case .a(let reference) = parameter { return reference.name == "Limit" }
            return false
        }
        if paged, responses[.status(code: 422)] == nil { responses[.status(code: 422)] = .reference(.component(named: "Invalid")) }
        // A body that is not JSON is a 400 wherever one is read, an optional body too.
        if body != nil, responses[.status(code: 400)] == nil { responses[.status(code: 400)] = .reference(.component(named: "BadRequest")) }
        let scopeText = switch scope {
        case nil: "No API key: the platform's own proof (the signature or token described above) authorises the request."
        case .admin: "Requires a key with the `\(Scope.admin.rawValue)` scope."
        case let scope?: "Requires a key with the `\(scope.rawValue)` scope (or `\(Scope.admin.rawValue)`, which implies every scope)."
        }
        return OpenAPI.Operation(
            tags: [tag.rawValue], summary: summary, description: description.isEmpty ? scopeText : description + "\n\n" + scopeText,
            operationId: id, parameters: parameters, requestBody: body, responses: responses,
            security: scope == nil ? [] : nil
        )
    }

    /// An operation anyone may call, without a key (`security: []`).
    static func openOperation(
        _ id: String, _ summary: String, tag: Tag, _ description: String, parameters: OpenAPI.Parameter.Array = [],
        responses: OpenAPI.Response.Map
    ) -> OpenAPI.Operation {
        OpenAPI.Operation(
            tags: [tag.rawValue], summary: summary, description: description, operationId: id, parameters: parameters,
            responses: responses, security: []
        )
    }

    /// `application/json` content.
    static func json(_ schema: JSONSchema, example: JSONValue? = nil, examples: OpenAPI.Example.Map? = nil) -> OpenAPI.Content.Map {
        [.json: content(schema, example: example, examples: examples)]
    }

    /// Content of any media type.
    static func content(
        _ schema: JSONSchema, example: JSONValue? = nil, examples: OpenAPI.Example.Map? = nil
    ) -> Either<OpenAPI.Reference<OpenAPI.Content>, OpenAPI.Content> {
        if let examples { return .b(OpenAPI.Content(schema: schema, examples: examples)) }
        return .b(OpenAPI.Content(schema: schema, example: example?.anyCodable))
    }
}

extension OpenAPI.Request {
    /// A JSON body described by the component schema `schema`.
    static func json(
        _ schema: String, required: Bool = true, description: String? = nil, example: JSONValue? = nil,
        examples: OpenAPI.Example.Map? = nil
    ) -> OpenAPI.Request {
        OpenAPI.Request(
            description: description, content: APIDocument.json(.ref(schema), example: example, examples: examples),
            required: required
        )
    }
}

extension Either where A == OpenAPI.Reference<OpenAPI.Example>, B == OpenAPI.Example {
    /// A named example: a summary and its value.
    static func example(_ summary: String, _ value: JSONValue) -> Self {
        .b(OpenAPI.Example(summary: summary, legacyValue: .b(value.anyCodable)))
    }

    /// A named example of a problem answer.
    static func problem(_ summary: String, _ error: KvittoError) -> Self {
        example(summary, APIDocument.problemExample(error))
    }
}

/// Parameters written inline in an operation (see `OpenAPI.Parameter.query(_:required:_:description:example:)`).
extension Either where A == OpenAPI.Reference<OpenAPI.Parameter>, B == OpenAPI.Parameter {
    /// A reference to a parameter of the components.
    static func component(_ name: String) -> Self {
        .reference(.component(named: name))
    }

    static func query(
        _ name: String, required: Bool = false, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil
    ) -> Self {
        .b(OpenAPI.Parameter.query(name, required: required, schema, description: description, example: example))
    }

    static func header(
        _ name: String, required: Bool = false, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil
    ) -> Self {
        .b(OpenAPI.Parameter.header(name, required: required, schema, description: description, example: example))
    }

    static func path(_ name: String, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil) -> Self {
        .b(OpenAPI.Parameter.path(name, schema, description: description, example: example))
    }
}

import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import NIOCore

/// A JSON value is an answer by itself: 200 with `application/json`, numbers exactly as stored.
extension JSONValue: ResponseGenerator {
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONAnswer(self).response()
    }
}

/// A JSON answer with a status other than 200, or headers of its own.
struct JSONAnswer: ResponseGenerator {
    var value: JSONValue
    var status: HTTPResponse.Status
    var headers: HTTPFields

    init(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = HTTPFields()) {
        self.value = value; self.status = status; self.headers = headers
    }

    static func created(_ value: JSONValue) -> JSONAnswer { JSONAnswer(value, status: .created) }
    static func accepted(_ value: JSONValue) -> JSONAnswer { JSONAnswer(value, status: .accepted) }

    func response(from request: Request, context: some RequestContext) throws -> Response { response() }

    func response() -> Response {
        var headers = self.headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(value))))
    }
}

/// Anything a list endpoint returns: its id is the cursor of the page after it.
protocol Identified {
    var id: String { get }
}

/// A listed record that shows itself as its own JSON.
protocol Listed: Identified {
    var json: JSONValue { get }
}

extension APIKey: Listed {}
extension Automation: Listed {}
extension AutomationRun: Listed {}
extension Backfill: Listed {}
extension KvittoCore.Category: Listed {}
extension Connection: Identified {}
extension ContactList: Listed {}
extension Contact: Listed {}
extension InboxItem: Listed {}
extension LookupRecord: Listed {}
extension MergeCandidate: Listed {}
extension Order: Listed {}
extension Product: Listed {}
extension Rejection: Listed {}
extension Template: Listed {}
extension Trigger: Listed {}

/// One page of a list: `{"items": […], "next_cursor": "…" | null}`. A page that came back full has a next
/// page (perhaps empty) after its last item; a shorter one is the last.
struct Page: ResponseGenerator {
    var items: [JSONValue]
    var nextCursor: String?

    /// Items read with `request`, each shown with `json`.
    init<Item: Identified>(_ items: [Item], of request: PageRequest, json: (Item) throws -> JSONValue) rethrows {
        self.items = try items.map(json)
        self.nextCursor = items.count == request.limit ? items.last?.id : nil
    }

    /// Items read with `request`, each shown as its own JSON.
    init<Item: Listed>(_ items: [Item], of request: PageRequest) {
        self.init(items, of: request, json: \.json)
    }

    /// A list that is never paged (an account's keys, lists, categories): every item, no cursor.
    init(all items: [JSONValue]) {
        self.items = items
        self.nextCursor = nil
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONAnswer(["items": .array(items), "next_cursor": .string(nextCursor)]).response()
    }
}

extension JSONValue {
    /// The object with `members` set (added, or replaced where present): an answer that is a stored record
    /// plus what only this response says (the secret shown once, the outcome of an upsert).
    func adding(_ members: KeyValuePairs<String, JSONValue>) -> JSONValue {
        guard case .object(var object) = self else { return self }
        for (key, value) in members { object[key] = value }
        return .object(object)
    }
}

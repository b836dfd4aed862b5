import Hummingbird
import KvittoCore

/// Who is calling: the key's account and scopes, set by `AuthMiddleware`.
public struct Principal: Sendable {
    public var account: Account
    public var key: APIKey
}

public struct KvittoRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }

    /// The caller, if its key has `scope`: 401 without a key, 403 without the scope.
    func principal(for scope: Scope) throws -> Principal {
        guard let principal else { throw KvittoError(code: .unauthorized, detail: "an API key is required: Authorization: Bearer <key>") }
        guard principal.key.allows(scope) else {
            throw KvittoError(code: .forbidden, detail: "this key lacks the '\(scope.rawValue)' scope")
        }
        return principal
    }
}

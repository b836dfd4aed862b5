import Foundation
import KvittoCore

public enum Templates {
    /// Deletes a template unless a trigger still uses it (409 naming the trigger): the trigger's deliveries
    /// would have no body.
    public static func delete(id: String, account: String, in writer: any StoreWriter) throws {
        var cursor: String?
        repeat {
            let triggers = try writer.triggers(account: account, page: PageRequest(limit: 500, cursor: cursor))
            if let user = triggers.first(where: { $0.templateID == id }) {
                throw KvittoError(code: .conflict, detail: "trigger \(user.id) uses this template; point it elsewhere first")
            }
            cursor = triggers.count == 500 ? triggers.last?.id : nil
        } while cursor != nil
        guard try writer.deleteTemplate(account: account, id: id) else { throw KvittoError.notFound("template \(id)") }
    }
}

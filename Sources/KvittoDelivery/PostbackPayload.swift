import Foundation
import KvittoCore
import KvittoStorage
import KvittoTemplates
import Synchronization

/// The body of a postback: the event envelope, or the trigger's template rendered against it.
/// Compiled templates are kept by id and version, so a busy trigger does not re-parse its template.
final class PostbackPayload: Sendable {
    private let compiled = Mutex<[String: (updatedAt: Date, template: PostbackTemplate)]>([:])

    func body(for event: Event, template: Template?) throws -> [UInt8] {
        let envelope = event.json
        guard let template else { return JSONWriter.bytes(envelope) }
        let key = template.id
        let cached = compiled.withLock { $0[key] }
        let postback: PostbackTemplate
        if let cached, cached.updatedAt == template.updatedAt {
            postback = cached.template
        } else {
            do { postback = try PostbackTemplate(template.body) } catch { throw KvittoError.invalid(error.errors) }
            compiled.withLock { entries in
                if entries.count > 10_000 { entries.removeAll() }
                entries[key] = (template.updatedAt, postback)
            }
        }
        do { return JSONWriter.bytes(try postback.render(envelope)) } catch { throw KvittoError.invalid(error.errors) }
    }
}

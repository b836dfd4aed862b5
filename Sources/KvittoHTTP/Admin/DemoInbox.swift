import Foundation
import KvittoCore
import KvittoMail
import Synchronization

/// What `kvitto demo` caught instead of sending on: the e-mails its mail catcher received and the postbacks
/// its sink (`POST /demo/postbacks`) was sent, newest first, the last `capacity` of each, in memory only.
public final class DemoInbox: Sendable {
    public struct Postback: Sendable {
        public let receivedAt: Date
        public let method: String
        public let path: String
        public let headers: [(name: String, value: String)]
        public let body: String
    }

    public let capacity: Int
    private let state = Mutex((mails: [ReceivedMail](), postbacks: [Postback](), caught: 0))

    public init(capacity: Int = 200) {
        self.capacity = capacity
    }

    public func add(_ mail: ReceivedMail) {
        state.withLock { state in
            state.mails.insert(mail, at: 0)
            if state.mails.count > capacity { state.mails.removeLast() }
            state.caught += 1
        }
    }

    public func add(_ postback: Postback) {
        state.withLock { state in
            state.postbacks.insert(postback, at: 0)
            if state.postbacks.count > capacity { state.postbacks.removeLast() }
        }
    }

    public var mails: [ReceivedMail] { state.withLock { $0.mails } }
    public var postbacks: [Postback] { state.withLock { $0.postbacks } }

    /// Messages caught since start, including those no longer kept; a message's number is stable: the
    /// newest has number `caught`.
    public var caught: Int { state.withLock { $0.caught } }

    /// The message with that number, while it is still kept.
    public func mail(number: Int) -> ReceivedMail? {
        state.withLock { state in
            let index = state.caught - number
            return state.mails.indices.contains(index) ? state.mails[index] : nil
        }
    }
}

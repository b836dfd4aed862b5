import NIOCore
import NIOPosix

/// Keeps one SMTP connection open across many messages and replaces it when the
/// server has dropped it, which servers do to idle clients all the time.
public actor SMTPSender {
    private let settings: SMTPSettings
    private let eventLoopGroup: any EventLoopGroup
    private var connection: SMTPConnection?
    private let lock = AsyncSerialLock()

    public init(settings: SMTPSettings, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends over the current connection, connecting first if there is none.
    ///
    /// When a reused connection turns out to be dead (connection error or 421)
    /// a new one is opened and the message is tried once more; a failure on a
    /// fresh connection is reported as is.
    public func send(_ message: MailMessage) async throws(SMTPError) -> String {
        do {
            return try await lock.withLock { try await self.sendSerially(message) }
        } catch {
            throw SMTPClientHandler.classify(error)
        }
    }

    /// Says QUIT on the open connection, if any. A later `send` reconnects.
    public func close() async {
        await lock.withLock { await self.closeSerially() }
    }

    private func sendSerially(_ message: MailMessage) async throws(SMTPError) -> String {
        if let existing = connection, existing.isOpen {
            do {
                return try await existing.send(message)
            } catch {
                guard Self.isStaleConnectionFailure(error) else {
                    if !existing.isOpen { connection = nil }
                    throw error
                }
                await existing.close()
                connection = nil
            }
        }
        let fresh = try await openConnection()
        do {
            return try await fresh.send(message)
        } catch {
            if !fresh.isOpen { connection = nil }
            throw error
        }
    }

    private func openConnection() async throws(SMTPError) -> SMTPConnection {
        if let stale = connection {
            await stale.close()
            connection = nil
        }
        let fresh = try await SMTPConnection.connect(settings, eventLoopGroup: eventLoopGroup)
        connection = fresh
        return fresh
    }

    private func closeSerially() async {
        await connection?.close()
        connection = nil
    }

    private static func isStaleConnectionFailure(_ error: SMTPError) -> Bool {
        switch error {
        case .connection, .transient(code: 421, text: _):
            return true
        default:
            return false
        }
    }
}

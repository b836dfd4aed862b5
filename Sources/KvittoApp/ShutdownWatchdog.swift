import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The background services that have started and not yet returned, by name, so that a shutdown that does
/// not finish can say which service holds it up.
public final class RunningServices: Sendable {
    private let names = Mutex<[String]>([])

    public init() {}

    public var current: [String] { names.withLock { $0 } }

    func started(_ name: String) { names.withLock { $0.append(name) } }

    func stopped(_ name: String) {
        names.withLock { names in
            if let index = names.firstIndex(of: name) { names.remove(at: index) }
        }
    }
}

/// A service that records in `running` whether it is running; the service group sees the wrapped one's name.
struct NamedService: Service, CustomStringConvertible {
    let base: any Service
    let running: RunningServices

    var description: String { String(describing: type(of: base)) }

    func run() async throws {
        running.started(description)
        defer { running.stopped(description) }
        try await base.run()
    }
}

/// Ends a process whose graceful shutdown hangs. On SIGTERM or SIGINT the service group stops the services
/// one by one; if the process is still here `limit` later, the watchdog logs the services still running
/// and exits with status 1. That is safe: every write is a transaction, and a delivery that was being sent
/// is leased, so another worker (or this one, restarted) sends it again. Without it an operator's stop
/// could wait for ever on one service.
enum ShutdownWatchdog {
    /// Dispatch sources that must live as long as the process (released, a source stops).
    private struct Retained: @unchecked Sendable {
        // @unchecked: a source is only resumed before it is stored, and never touched again.
        let source: any DispatchSourceSignal
    }
    private static let sources = Mutex<[Retained]>([])

    static func arm(limit: Duration, running: RunningServices, logger: Logger) {
        let fired = Atomic(false)
        let queue = DispatchQueue(label: "kvitto.shutdown-watchdog")
        for signalNumber in [SIGTERM, SIGINT] {
            // The service group traps these signals too; a dispatch source sees them as well as its own.
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                guard !fired.exchange(true, ordering: .relaxed) else { return }
                let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
                queue.asyncAfter(deadline: .now() + seconds) {
                    logger.error("shutdown did not finish in time; exiting", metadata: [
                        "limit_seconds": "\(seconds)",
                        "still_running": "\(running.current.joined(separator: ", "))",
                    ])
                    exit(1)
                }
            }
            source.resume()
            let retained = Retained(source: source)
            sources.withLock { $0.append(retained) }
        }
    }
}

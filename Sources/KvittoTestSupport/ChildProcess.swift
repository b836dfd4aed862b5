import Foundation
import KvittoCore
import Subprocess
import SystemPackage
import Synchronization

/// A process a test starts and stops: a Python peer, or the real `kvitto` binary. Runs through
/// swift-subprocess, whose `Execution` lives only inside `run`'s closure; so the closure stays open for the
/// process's life and takes signals from an `AsyncStream`. Its standard output is read line by line: the
/// first line comes back from `start` (peers say which port they bound there), the rest is discarded, and
/// its end is taken as the process ending (every process here keeps standard output open until it exits).
/// Standard error goes to the test's. Standard input is a pipe this test process holds open: a peer started
/// with `--exit-on-stdin-eof` dies with a crashed test run instead of being left behind.
public final class ChildProcess: Sendable {
    public let processIdentifier: Int32
    /// The first line the process printed (empty when it printed none before exiting).
    public let firstLine: String
    private let signals: AsyncStream<Subprocess.Signal>.Continuation
    private let outcome: Task<TerminationStatus, any Error>
    private let running: RunningFlag

    /// Whether the process still runs, and the lines it printed; shared between the object and the task that
    /// runs it.
    private final class RunningFlag: Sendable {
        let value = Atomic<Bool>(true)
        let lines = Mutex<[String]>([])
    }

    private init(processIdentifier: Int32, firstLine: String, signals: AsyncStream<Subprocess.Signal>.Continuation,
                 outcome: Task<TerminationStatus, any Error>, running: RunningFlag) {
        self.processIdentifier = processIdentifier; self.firstLine = firstLine; self.signals = signals; self.outcome = outcome
        self.running = running
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) and returns once it printed its first line
    /// or ended, or (`waitForFirstLine: false`) once it runs. `environment` adds to (or overrides) this process's.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                             waitForFirstLine: Bool = true) async throws -> ChildProcess {
        let (signalStream, signals) = AsyncStream<Subprocess.Signal>.makeStream()
        let (started, startedContinuation) = AsyncStream<(Int32, String)>.makeStream()
        let running = RunningFlag()
        let program: Executable = executable.hasPrefix("/") ? .path(FilePath(executable)) : .name(executable)
        let overrides = Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
            Environment.Key(rawValue: key).map { ($0, Optional(value)) }
        })
        let outcome = Task {
            defer {
                running.value.store(false, ordering: .releasing)
                startedContinuation.finish()
            }
            return try await run(program, arguments: Arguments(arguments), environment: .inherit.updating(overrides),
                                 input: .inputWriter, output: .sequence, error: .currentStandardError) { execution in
                let pid = execution.processIdentifier.value
                if !waitForFirstLine { startedContinuation.yield((pid, "")) }
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var announced = !waitForFirstLine
                        do {
                            for try await line in execution.standardOutput.strings() {
                                running.lines.withLock { $0.append(line) }
                                if !announced {
                                    startedContinuation.yield((pid, line))
                                    announced = true
                                }
                            }
                        } catch {}
                        if !announced { startedContinuation.yield((pid, "")) }
                    }
                    group.addTask {
                        for await signal in signalStream { try? execution.send(signal: signal) }
                    }
                    await group.next()  // standard output ended: the process is gone
                    group.cancelAll()
                }
                try? await execution.standardInputWriter.finish()
            }.terminationStatus
        }
        var iterator = started.makeAsyncIterator()
        guard let (pid, line) = await iterator.next() else {
            // It could not be started at all: `run` threw before the process existed.
            _ = try await outcome.value
            throw ChildProcessFailure(message: "\(executable) did not start")
        }
        return ChildProcess(processIdentifier: pid, firstLine: line, signals: signals, outcome: outcome, running: running)
    }

    public var isRunning: Bool { running.value.load(ordering: .acquiring) }

    /// Every line it printed on standard output so far.
    public var printed: [String] { running.lines.withLock { $0 } }

    /// Sends `signal` without waiting for its effect.
    public func send(_ signal: Subprocess.Signal) { signals.yield(signal) }

    /// SIGINT, as Ctrl-C sends it, without waiting.
    public func interrupt() { send(.interrupt) }

    /// SIGTERM without waiting: for `defer`, where a test peer only has to go away.
    public func terminate() { send(.terminate) }

    /// How the process ended, once it has.
    public func exitStatus() async throws -> TerminationStatus { try await outcome.value }

    /// The exit code once the process has ended; `nil` when a signal ended it.
    public func exitCode() async throws -> Int32? {
        if case .exited(let code) = try await exitStatus() { return Int32(code) }
        return nil
    }

    /// SIGTERM, then SIGKILL if it is still running after `patience`: how long it took, the exit code (`nil`
    /// when a signal ended it) and whether it had to be killed.
    @discardableResult
    public func stop(patience: Duration = .seconds(30)) async throws -> (seconds: Double, exitCode: Int32?, killed: Bool) {
        let clock = ContinuousClock()
        let sent = clock.now
        send(.terminate)
        while isRunning, clock.now - sent < patience { try await Task.sleep(for: .milliseconds(10)) }
        let waited = clock.now - sent
        let seconds = Double(waited.components.seconds) + Double(waited.components.attoseconds) / 1e18
        let killed = isRunning
        if killed { send(.kill) }
        return (seconds, try await exitCode(), killed)
    }

    /// SIGKILL: no shutdown handler runs, exactly like a crash. Returns once the process is gone.
    public func kill() async throws {
        send(.kill)
        _ = try await exitStatus()
    }

    /// Runs `executable` to its end and returns what it printed on standard output; a failure status throws.
    public static func output(_ executable: String, _ arguments: [String]) async throws -> String {
        let ran = try await outcome(executable, arguments)
        guard ran.exitCode == 0 else {
            FileHandle.standardError.write(Data(ran.errors.utf8))
            throw ChildProcessFailure(message: "\(executable) \(arguments) ended with \(ran.exitCode.map { "status \($0)" } ?? "a signal")")
        }
        return ran.output
    }

    /// Runs `executable` to its end, with `input` on its standard input: its exit code (`nil` when a signal
    /// ended it) and what it printed.
    ///
    /// It gives up after `deadline`: once in many runs swift-subprocess (1.0.2) never resumed after such a
    /// process had exited, and a test run then hung until CI's limit instead of failing.
    public static func outcome(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                               input: String = "", deadline: Duration = .seconds(180)) async throws -> (exitCode: Int32?, output: String, errors: String) {
        try await abandoning(after: deadline, "\(executable) \(arguments.prefix(2).joined(separator: " ")) did not end") {
            try await runToEnd(executable, arguments, environment: environment, input: input)
        }
    }

    private static func runToEnd(_ executable: String, _ arguments: [String], environment: [String: String],
                                 input: String) async throws -> (exitCode: Int32?, output: String, errors: String) {
        let program: Executable = executable.hasPrefix("/") ? .path(FilePath(executable)) : .name(executable)
        let overrides = Dictionary(uniqueKeysWithValues: environment.compactMap { key, value in
            Environment.Key(rawValue: key).map { ($0, Optional(value)) }
        })
        let result = try await run(program, arguments: Arguments(arguments), environment: .inherit.updating(overrides),
                                   input: .string(input), output: .string(limit: 16 << 20), error: .string(limit: 16 << 20))
        let code: Int32? = if case .exited(let code) = result.terminationStatus { Int32(code) } else { nil }
        return (code, result.standardOutput, result.standardError)
    }
}

/// `body`'s result, or a `ChildProcessFailure` saying `what` once `deadline` has passed (see `abandoning`).
func abandoning<T: Sendable>(after deadline: Duration, _ what: String,
                             _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await KvittoCore.abandoning(after: deadline, answering: { throw ChildProcessFailure(message: "\(what) within \(deadline)") }, body)
}

public struct ChildProcessFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

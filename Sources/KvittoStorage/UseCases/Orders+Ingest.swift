import Foundation
import KvittoCore

extension Orders {
    /// One order sent through the API: upserted in its own write; when a rule refuses it, the refusal is kept
    /// in the rejection log (with the payload as sent) and rethrown, so the caller answers 422.
    public static func ingest(_ input: OrderInput, payload: JSONValue, account: Account, store: any KvittoStore,
                              now: Date) async throws -> OrderUpsert {
        do {
            return try await store.write(preparing: WritePreparation(account: account, orders: [input])) { w in
                try upsert(input, account: account, origin: .api, in: w, now: now)
            }
        } catch let error as KvittoError where error.code == .rejected {
            try await store.write { w in
                try recordRejection(error, payload: payload, source: input.source, externalID: input.externalID, account: account.id,
                                    in: w, now: now)
            }
            throw error
        }
    }

    /// What became of one order of a batch.
    public enum BatchOutcome: Sendable {
        case accepted(OrderUpsert)
        case refused(KvittoError)
    }

    /// A batch of orders in one transaction, each succeeding or failing alone: an entry that could not be read
    /// (`.failure`) is refused as it is, and a refused order is kept in the rejection log like a single one.
    ///
    /// The whole batch runs first in one savepoint: a savepoint per order costs two round trips on PostgreSQL,
    /// and almost every order is accepted. When one is refused, that savepoint is rolled back and the batch
    /// runs again, each order in a savepoint of its own.
    public static func ingestBatch(_ entries: [(input: Result<OrderInput, KvittoError>, payload: JSONValue)], account: Account,
                                   in writer: any StoreWriter, now: Date) throws -> [BatchOutcome] {
        let inputs = entries.compactMap { try? $0.input.get() }
        do {
            return try writer.savepoint {
                try preload(inputs, account: account, in: writer)
                return try entries.map { entry -> BatchOutcome in
                    switch entry.input {
                    case .failure(let error): return .refused(error)
                    case .success(let input): return .accepted(try upsert(input, account: account, origin: .api, in: writer, now: now))
                    }
                }
            }
        } catch let error as KvittoError where error.code == .rejected || error.code == .invalid {}
        try preload(inputs, account: account, in: writer)
        return try entries.map { entry -> BatchOutcome in
            switch entry.input {
            case .failure(let error):
                return .refused(error)
            case .success(let input):
                do {
                    return .accepted(try writer.savepoint { try upsert(input, account: account, origin: .api, in: writer, now: now) })
                } catch let error as KvittoError where error.code == .rejected || error.code == .invalid {
                    if error.code == .rejected {
                        try recordRejection(error, payload: entry.payload, source: input.source, externalID: input.externalID,
                                            account: account.id, in: writer, now: now)
                    }
                    return .refused(error)
                }
            }
        }
    }
}

import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage

/// Writes orders' statuses to WooCommerce (`PUT /wp-json/wc/v3/orders/{id}`) and Cartum
/// (`POST /api/orders/update/`) for the delivery worker. One request an attempt: the delivery queue, not
/// this writer, retries, so that every attempt is in the delivery log.
public struct PlatformStatusWriter: PlatformStatusWriting {
    let store: any KvittoStore
    let secrets: SecretBox
    /// The platform API clients (through the outbound address guard), making one attempt a request.
    let http: PlatformHTTP

    public init(store: any KvittoStore, secrets: SecretBox, http: PlatformHTTP) {
        self.store = store; self.secrets = secrets
        self.http = PlatformHTTP(client: http.client, attempts: 1)
    }

    public func writeStatus(of delivery: Delivery) async -> PlatformStatusWrite {
        let (account, orderID, connectionID) = (delivery.accountID, delivery.orderID ?? "", delivery.connectionID ?? "")
        let found: (Order?, Connection?)
        do {
            found = try await store.read { r in (try r.order(account: account, id: orderID), try r.connection(account: account, id: connectionID)) }
        } catch {
            return PlatformStatusWrite(.answered(.transportError(.other)), error: "could not read the order: \(error)")
        }
        guard let order = found.0 else { return PlatformStatusWrite(.nothingToWrite("the order \(orderID) is gone")) }
        guard let connection = found.1 else { return PlatformStatusWrite(.nothingToWrite("the connection \(connectionID) is gone")) }
        guard let target = StatusWriteBack.target(for: order.status, on: connection) else {
            return PlatformStatusWrite(.nothingToWrite("\(connection.name) does not take status \(order.status.rawValue) (write-back off or no counterpart)"))
        }
        if target.awaitsLock, !order.locked {
            return PlatformStatusWrite(.nothingToWrite("status \(target.platformStatus) waits until the order is locked"))
        }
        let credentials: [String: String]
        do { credentials = try Connections.credentials(of: connection, secrets: secrets) } catch {
            return PlatformStatusWrite(.nothingToWrite("\(error)"))
        }
        let started = ContinuousClock.now
        var write: PlatformStatusWrite
        do {
            switch connection.kind {
            case .woocommerce: write = try await wooCommerce(order, target.platformStatus, credentials)
            case .cartum: write = try await cartum(order, target.platformStatus, credentials)
            case .api, .shopify, .fapi, .sitoo: write = PlatformStatusWrite(.nothingToWrite("\(connection.kind.rawValue) is not written to"))
            }
        } catch let error as PlatformAPIError {
            // One attempt: an answer other than success arrives here with its status; a failure on the way without.
            write = PlatformStatusWrite(.answered(error.status.map { .response(statusCode: $0) } ?? .transportError(.other)),
                                        responseExcerpt: error.status == nil ? nil : error.message, error: error.description)
        } catch {
            write = PlatformStatusWrite(.answered(.transportError(.other)), error: "\(error)")
        }
        write.platformStatus = target.platformStatus
        write.latencyMilliseconds = Int((ContinuousClock.now - started) / .milliseconds(1))
        return write
    }

    static func excerpt(_ bytes: [UInt8]) -> String { String(decoding: bytes.prefix(4096), as: UTF8.self) }

    func wooCommerce(_ order: Order, _ status: String, _ credentials: [String: String]) async throws -> PlatformStatusWrite {
        guard let site = credentials["site_url"], let key = credentials["consumer_key"], let secret = credentials["consumer_secret"] else {
            return PlatformStatusWrite(.nothingToWrite("the connection lacks site_url, consumer_key or consumer_secret to write to WooCommerce"))
        }
        let url = "\(PlatformClients.base(site))/wp-json/wc/v3/orders/\(order.externalID.queryEncoded)"
        let response = try await http.put(url, json: ["status": .string(status)], headers: [PlatformClients.basic(key, secret)])
        return PlatformStatusWrite(.answered(.response(statusCode: response.status)), responseExcerpt: Self.excerpt(response.body))
    }

    /// Cartum answers HTTP 200 with `{"status": "OK" | "ERROR" | …}`; an expired token is renewed once.
    func cartum(_ order: Order, _ status: String, _ credentials: [String: String]) async throws -> PlatformStatusWrite {
        guard let site = credentials["site_url"], let login = credentials["login"], let password = credentials["password"] else {
            return PlatformStatusWrite(.nothingToWrite("the connection lacks site_url, login or password to write to Cartum"))
        }
        let client = CartumImportClient(http: http, base: PlatformClients.base(site), login: login, password: password)
        // Cartum's status ids are numbers; a shop's own status given as text is sent as it is.
        let statusValue: JSONValue = Int64(status).map { .number(JSONNumber($0)) } ?? .string(status)
        var response: PlatformHTTP.Response
        var attempt = 0
        repeat {
            let body: JSONValue = [
                "token": .string(try await client.currentToken(renew: attempt > 0)),
                "orders": [["order_id": .string(order.externalID), "status": statusValue]],
            ]
            response = try await http.post("\(client.base)/api/orders/update/", json: body)
            attempt += 1
        } while attempt < 2 && ["AUTHORIZATION_ERROR", "UNAUTHORIZED"].contains(try? response.json()["status"]?.stringValue ?? "")
        let excerpt = Self.excerpt(response.body)
        guard (200..<300).contains(response.status) else {
            return PlatformStatusWrite(.answered(.response(statusCode: response.status)), responseExcerpt: excerpt)
        }
        guard (try? response.json()["status"]?.stringValue) == "OK" else {
            return PlatformStatusWrite(.refused(statusCode: response.status), responseExcerpt: excerpt, error: "Cartum refused the write: \(excerpt)")
        }
        return PlatformStatusWrite(.answered(.response(statusCode: response.status)), responseExcerpt: excerpt)
    }
}

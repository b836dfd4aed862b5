import Foundation
import Testing

@testable import KvittoHTTP

/// How an API key is read from the Authorization header: `Bearer KEY`, or `Basic` with the key as password.
@Suite("HTTP: the API key in the Authorization header")
struct APIKeyHeaderTests {
    @Test func bearerKeysAreReadInAnyCaseOfTheSchemeAndTrimmed() {
        #expect(AuthMiddleware.secret(from: "Bearer kv_abc") == "kv_abc")
        #expect(AuthMiddleware.secret(from: "bearer \t kv_abc  ") == "kv_abc")
        #expect(AuthMiddleware.secret(from: "BEARER kv_abc") == "kv_abc")
        #expect(AuthMiddleware.secret(from: "Bearer kv_äbc") == "kv_äbc", "a key with other characters is read the general way")
        #expect(AuthMiddleware.secret(from: "Bearer \u{2003}kv_abc") == "kv_abc", "Unicode spaces are trimmed too")
    }

    @Test func otherSchemesAndEmptyKeysGiveNoKey() {
        #expect(AuthMiddleware.secret(from: "Bearer ") == nil)
        #expect(AuthMiddleware.secret(from: "Bearer    ") == nil)
        #expect(AuthMiddleware.secret(from: "Bearer") == nil)
        #expect(AuthMiddleware.secret(from: "Bearerkv_abc") == nil)
        #expect(AuthMiddleware.secret(from: "Token kv_abc") == nil)
        #expect(AuthMiddleware.secret(from: "Bearer\u{00A0}kv_abc") == nil, "the scheme ends at a plain space")
    }

    @Test func basicCarriesTheKeyAsItsPassword() {
        let credentials = Data("integrator:kv_abc".utf8).base64EncodedString()
        #expect(AuthMiddleware.secret(from: "Basic " + credentials) == "kv_abc")
        #expect(AuthMiddleware.secret(from: "basic " + credentials) == "kv_abc")
        #expect(AuthMiddleware.secret(from: "Basic " + Data("integrator:".utf8).base64EncodedString()) == nil)
    }
}

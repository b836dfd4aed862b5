import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Triggers.
    static var triggerPaths: OpenAPI.PathItem.Map {
        [
            "/v1/triggers": .pathItem(.init(
                get: operation(
                    "listTriggers", "List postback triggers", scope: .read, tag: .triggers,
                    "Triggers, newest first. Secrets are never returned.",
                    ok: [.json(200, "A page of triggers.", "TriggerPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createTrigger", "Create a postback trigger", scope: .admin, tag: .triggers,
                    """
                    Creates a trigger and its signing secret (`whsec_…`), which is in the answer's `secret` and \
                    is never shown again. From now on every matching event (type and filter) creates a delivery \
                    in the event's own transaction; backfilled events fire nothing.
                    """,
                    ok: [.json(201, "The trigger was created; `secret` is shown only here.", "TriggerWithSecret")],
                    errors: .of(.body, .auth, unprocessable: "TriggerInvalid"), body: .json("TriggerCreateInput")
                )
            )),
            "/v1/triggers/{id}": .pathItem(.init(
                parameters: [.component("TriggerID")],
                get: operation(
                    "getTrigger", "Get a postback trigger", scope: .read, tag: .triggers,
                    "The trigger (without its secret).",
                    ok: [.json(200, "The trigger.", "Trigger")], errors: .of(.auth, 404)
                ),
                delete: operation(
                    "deleteTrigger", "Delete a postback trigger", scope: .admin, tag: .triggers,
                    """
                    Deletes the trigger. Its deliveries stay in the log; pending ones are not sent (they fail \
                    with `the trigger was deleted`).
                    """,
                    ok: [.json(204, "The trigger was deleted.")], errors: .of(.auth, 404)
                ),
                patch: operation(
                    "patchTrigger", "Change a postback trigger", scope: .admin, tag: .triggers,
                    """
                    Changes the given members; absent members are kept, `filter` or `template_id` `null` removes \
                    them. Setting `active` to `true` re-enables a trigger Kvitto disabled.
                    """,
                    ok: [.json(200, "The changed trigger.", "Trigger")],
                    errors: .of(.body, .auth, 404, unprocessable: "TriggerInvalid"),
                    body: .json("TriggerInput", example: ["active": true, "filter": nil])
                )
            )),
            "/v1/triggers/{id}/rotate-secret": .pathItem(.init(
                parameters: [.component("TriggerID")],
                post: operation(
                    "rotateTriggerSecret", "Rotate a trigger's signing secret", scope: .admin, tag: .triggers,
                    """
                    Generates a new secret, returned once in `secret`. The previous secret keeps signing \
                    alongside the new one for \(Int(WebhookSecret.rotationOverlap / 3600)) hours \
                    (`previous_secret_expires_at`; `webhook-signature` then \
                    carries two `v1,…` entries), so a receiver can switch without a gap. No request body is \
                    needed.
                    """,
                    ok: [.json(
                         200,
                         "The trigger with its new `secret`, shown only here.",
                         "TriggerWithSecret",
                         example: Examples.triggerRotated
                     )],
                    errors: .of(.auth, 404)
                )
            )),
            "/v1/triggers/{id}/test": .pathItem(.init(
                parameters: [.component("TriggerID")],
                post: operation(
                    "testTrigger", "Send a test postback", scope: .admin, tag: .triggers,
                    """
                    Sends one real, signed request to the trigger's URL — with a stored event (`event_id`), the \
                    sample of `event_type`, or by default the sample of the trigger's first event type, shaped by \
                    its template — and returns the exact request (headers, body) and the response (status, \
                    headers, body excerpt, time). It is sent even if the trigger is inactive or disabled. Nothing \
                    is written, so nothing retries. The body is optional. Only processes that run the delivery \
                    worker can send (409 otherwise).
                    """,
                    ok: [.json(200, "The request sent and what came back.", "TriggerTestResult")],
                    errors: .of(
                        400, 413, .auth, 404, 409, 422, unprocessable: "TriggerTestInvalid", conflict: "TriggerTestUnavailable"
                    ),
                    body: .json("TriggerTestRequest", required: false)
                )
            )),
        ]
    }

    /// Deliveries.
    static var deliveryPaths: OpenAPI.PathItem.Map {
        [
            "/v1/deliveries": .pathItem(.init(
                get: operation(
                    "listDeliveries", "List deliveries", scope: .read, tag: .deliveries,
                    """
                    The delivery log, newest first, each delivery with every attempt (time, status, latency, \
                    response headers and excerpt). The filters combine.
                    """,
                    ok: [.json(200, "A page of deliveries.", "DeliveryPage")],
                    errors: .of(.auth, 422, unprocessable: "DeliveryFilterInvalid"),
                    parameters: [
                        .query(
                            "trigger_id", .string, description: "Only this trigger's deliveries.", example: "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"
                        ),
                        .query(
                            "automation_id", .string, description: "Only the messages this automation queued.",
                            example: "aut_01JDR0A1B2C3D4E5F6G7H8J9K0"
                        ),
                        .query(
                            "connection_id", .string, description: "Only the status write-backs to this connection.",
                            example: "con_01JC4R5S6T7V8W9X0Y1Z2A3B4C"
                        ),
                        .query("status", .ref("DeliveryStatus"), description: "Only deliveries with this status (422 for another value)."),
                        .query("event_type", .ref("EventType"), description: "Only deliveries of this event type (422 for an unknown one)."),
                        .query(
                            "since", .string(format: .dateTime),
                            description: "RFC 3339: only deliveries created at or after this time (422 otherwise).",
                            example: "2026-11-22T08:00:00Z"
                        ),
                        .component("Limit"), .component("Cursor"),
                    ]
                )
            )),
            "/v1/deliveries/{id}": .pathItem(.init(
                parameters: [.component("DeliveryID")],
                get: operation(
                    "getDelivery", "Get a delivery", scope: .read, tag: .deliveries,
                    "The delivery with every attempt, oldest first.",
                    ok: [.json(200, "The delivery.", "DeliveryDetail")], errors: .of(.auth, 404)
                )
            )),
            "/v1/deliveries/{id}/replay": .pathItem(.init(
                parameters: [.component("DeliveryID")],
                post: operation(
                    "replayDelivery", "Replay a delivery", scope: .admin, tag: .deliveries,
                    """
                    Queues the delivery again, whatever its status: same id (so the same `webhook-id`), a fresh \
                    retry schedule, due now. Attempt numbers keep counting (`cycle_start` marks the new round). \
                    No request body is needed.
                    """,
                    ok: [.json(202, "The delivery is queued (`status` `pending`).", "Delivery")], errors: .of(.auth, 404)
                )
            )),
            "/v1/deliveries/replay": .pathItem(.init(
                post: operation(
                    "replayDeliveries", "Replay deliveries in bulk", scope: .admin, tag: .deliveries,
                    """
                    Queues again every delivery the filter selects that is not pending — typically `status` \
                    `failed` `since` an outage began — each as `POST /v1/deliveries/{id}/replay` does. The body \
                    is optional; without it (or with `{}`) every non-pending delivery of the account is replayed.
                    """,
                    ok: [.json(202, "The deliveries are queued.", "ReplayResult")],
                    errors: .of(400, 413, .auth, 422, unprocessable: "DeliveryFilterInvalid"),
                    body: .json("DeliveryReplayRequest", required: false)
                )
            )),
        ]
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The admin's pages: Mustache templates kept in the binary (no files to ship next to it), each filling the
/// layout's `content` block. Every value is HTML-escaped by `{{…}}`; no template uses the unescaped form.
enum AdminPages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, source) in templates {
            do { try library.register(source, named: name) } catch { fatalError("admin template \(name) does not parse: \(error)") }
        }
        return library
    }()

    /// A page as a response: `template` rendered with `values` (and `status`).
    static func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><p>Missing page \(template)</p>"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // The admin loads nothing from elsewhere and is never framed.
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "same-origin"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static let templates: [String: String] = [
        "layout": """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{title}} · Kvitto</title>
            {{#refresh}}<meta http-equiv="refresh" content="{{refresh}}">{{/refresh}}
            <style>
            body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1c1c1c; background: #fafafa; }
            header { background: #203040; color: #fff; padding: .5rem 1rem; display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
            header a { color: #fff; }
            header form { margin-left: auto; }
            main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
            label { display: block; margin-top: .75rem; font-weight: 600; }
            fieldset label { display: inline-block; margin-right: 1rem; font-weight: normal; }
            input, select, button { font: inherit; padding: .4rem .5rem; max-width: 100%; }
            input[type=email], input[type=password], input[type=text], input[type=search] { width: 22rem; }
            button { cursor: pointer; }
            .error { color: #a00000; }
            .notice { background: #fff3c4; padding: .5rem 1rem; }
            .table { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
            .numbers { display: flex; flex-wrap: wrap; gap: 1rem; }
            .numbers div { background: #fff; border: 1px solid #ddd; padding: .5rem 1rem; }
            .numbers strong { display: block; font-size: 1.5rem; }
            textarea { font: 14px/1.4 ui-monospace, monospace; width: 100%; box-sizing: border-box; }
            pre { background: #fff; border: 1px solid #ddd; padding: .5rem; overflow-x: auto; font-size: 14px; }
            pre.sample { max-height: 24rem; overflow: auto; }
            .mapper { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
            </style>
            </head>
            <body>
            {{#user}}
            <header>
              <strong>Kvitto</strong>
              <nav><a href="/admin">Dashboard</a> · <a href="/admin/contacts">Contacts</a> · <a href="/admin/lists">Lists</a> · <a href="/admin/orders">Orders</a> · <a href="/admin/automations">Automations</a> · <a href="/admin/triggers">Postbacks</a> · <a href="/admin/deliveries">Deliveries</a> · <a href="/admin/connections">Connections</a> · <a href="/admin/vouchers">Bonus checks</a> · <a href="/admin/keys">API keys</a> · <a href="/admin/users">Users</a> · <a href="/admin/settings">Settings</a> · <a href="/admin/audit">Audit log</a></nav>
              <form method="post" action="/admin/logout">
                <input type="hidden" name="csrf_token" value="{{csrf}}">
                <span>{{email}} ({{role}})</span> <button type="submit">Sign out</button>
              </form>
            </header>
            {{/user}}
            <main>
            <h1>{{title}}</h1>
            {{#notice}}<p class="notice" role="status">{{notice}}</p>{{/notice}}
            {{$content}}{{/content}}
            </main>
            </body>
            </html>
            """,
        "login": """
            {{<layout}}{{$content}}
            {{#error}}<p class="error" role="alert" id="login-error">{{error}}</p>{{/error}}
            <form method="post" action="/admin/login">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <label for="email">E-mail</label>
              <input id="email" name="email" type="email" autocomplete="username" value="{{email}}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password">
              <p><button type="submit">Sign in</button></p>
              <details>
                <summary>First set-up: sign in with an API key</summary>
                <label for="api_key">API key with the admin scope</label>
                <input id="api_key" name="api_key" type="password" autocomplete="off">
                <p>Works while the account has no users yet; you then create the first owner.</p>
              </details>
            </form>
            {{/content}}{{/layout}}
            """,
        "message": """
            {{<layout}}{{$content}}
            <p class="error" role="alert">{{error}}</p>
            <p><a href="/admin">Back to the admin</a></p>
            {{/content}}{{/layout}}
            """,
        "setup": """
            {{<layout}}{{$content}}
            <p>Create the first owner of {{accountName}}. From then on, everyone signs in with their own e-mail and password.</p>
            <form method="post" action="/admin/setup">
              <input type="hidden" name="csrf_token" value="{{csrf}}">
              <input type="hidden" name="api_key" value="{{apiKey}}">
              <label for="email">E-mail</label>
              <input id="email" name="email" type="email" autocomplete="username" value="{{email}}" aria-describedby="email-error">
              {{#errors.email}}<p class="error" id="email-error">{{errors.email}}</p>{{/errors.email}}
              <label for="name">Name</label>
              <input id="name" name="name" type="text" autocomplete="name" value="{{name}}">
              <label for="password">Password (at least 12 characters)</label>
              <input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-error">
              {{#errors.password}}<p class="error" id="password-error">{{errors.password}}</p>{{/errors.password}}
              <p><button type="submit">Create the owner and sign in</button></p>
            </form>
            {{/content}}{{/layout}}
            """,
        "dashboard": """
            {{<layout}}{{$content}}
            <div class="numbers">
              <div><strong id="queue-pending">{{pending}}</strong> deliveries waiting</div>
              <div><strong>{{oldest}}</strong> oldest due</div>
            </div>
            <h2>Latest rejections</h2>
            {{^rejections}}<p>None.</p>{{/rejections}}
            <div class="table"><table>{{#rejections}}<tr><td>{{at}}</td><td>{{reason}}</td><td>{{detail}}</td></tr>{{/rejections}}</table></div>
            {{/content}}{{/layout}}
            """,
        "contacts": """
            {{<layout}}{{$content}}
            <form method="get" action="/admin/contacts" role="search">
              <label for="q">Phone number or e-mail (exact)</label>
              <input id="q" name="q" type="search" value="{{q}}">
              <button type="submit">Search</button>
            </form>
            {{#searched}}{{^found}}<p id="no-match">No customer has this phone number or e-mail.</p>{{/found}}{{/searched}}
            {{#found}}
            <p id="match"><a href="/admin/contacts/{{id}}">{{name}}</a> · {{email}} · {{phone}}</p>
            {{/found}}
            {{/content}}{{/layout}}
            """,
        "contact": """
            {{<layout}}{{$content}}
            <p>{{email}} · {{phone}} {{#memberNumber}}· member {{memberNumber}}{{/memberNumber}}</p>
            <p><a href="/admin/contacts/{{id}}/export" id="export">Export everything held on this person (JSON)</a></p>
            {{#tags.0}}<p>Tags: {{#tags}}<span class="tag">{{.}}</span> {{/tags}}</p>{{/tags.0}}
            {{#groups}}<h2>{{title}}</h2><div class="table"><table><tbody>{{#values}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/values}}</tbody></table></div>{{/groups}}
            <h2>Orders</h2>
            {{^orders}}<p>None.</p>{{/orders}}
            <div class="table"><table>{{#orders}}<tr><td>{{number}}</td><td>{{source}}</td><td>{{status}}</td><td>{{total}} {{currency}}</td><td>{{created}}</td></tr>{{/orders}}</table></div>
            <h2>Timeline</h2>
            {{^timeline}}<p>Nothing yet.</p>{{/timeline}}
            <ul>{{#timeline}}<li>{{at}} {{text}}</li>{{/timeline}}</ul>
            {{#mayErase}}
            <h2>Erase</h2>
            <form method="post" action="/admin/contacts/{{id}}/erase">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <p>Erasing removes the person and their timeline for good; their orders stay for the books, without them.</p>
              <button type="submit" id="erase">Erase this contact</button>
            </form>
            {{/mayErase}}
            {{/content}}{{/layout}}
            """,
        "keys": """
            {{<layout}}{{$content}}
            {{#created}}
            <div class="notice" role="status" id="new-key">
              <p>The key <strong>{{name}}</strong>; copy it now, it is not shown again:</p>
              <p><code id="secret">{{secret}}</code></p>
            </div>
            {{/created}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Starts with</th><th>Scopes</th><th>Created</th><th>Last used</th><th></th></tr></thead>
            <tbody>{{#keys}}<tr><td>{{name}}</td><td><code>{{prefix}}…</code></td><td>{{scopes}}</td><td>{{created}}</td><td>{{lastUsed}}</td>
            <td>{{#revoked}}revoked {{revoked}}{{/revoked}}{{#revocable}}<form method="post" action="/admin/keys/{{id}}/revoke">
            <input type="hidden" name="csrf_token" value="{{user.csrf}}"><button type="submit" aria-label="Revoke {{name}}">Revoke</button></form>{{/revocable}}</td></tr>{{/keys}}</tbody>
            </table></div>
            {{#mayCreate}}
            <h2>New key</h2>
            <form method="post" action="/admin/keys" id="new-key-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="name">Name</label>
              <input id="name" name="name" type="text" aria-describedby="name-error">
              {{#errors.name}}<p class="error" id="name-error">{{errors.name}}</p>{{/errors.name}}
              <fieldset><legend>Scopes</legend>
              {{#scopes}}<label><input type="checkbox" name="scope_{{name}}" value="on"> {{name}}</label>{{/scopes}}
              </fieldset>
              {{#errors.scopes}}<p class="error">{{errors.scopes}}</p>{{/errors.scopes}}
              <p><button type="submit">Create the key</button></p>
            </form>
            {{/mayCreate}}
            {{/content}}{{/layout}}
            """,
        "deliveries": """
            {{<layout}}{{$content}}
            <form method="get" action="/admin/deliveries" id="delivery-filter">
              <label for="status">Status</label>
              <select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
              <button type="submit">Show</button>
            </form>
            {{#replayAll}}
            <form method="post" action="/admin/deliveries/replay">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <p><button type="submit" id="replay-failed">Replay every failed delivery</button></p>
            </form>
            {{/replayAll}}
            {{^deliveries}}<p>No deliveries.</p>{{/deliveries}}
            <div class="table"><table>
            <thead><tr><th>Delivery</th><th>What</th><th>Event</th><th>Status</th><th>Attempts</th><th>Last error</th><th>Created</th></tr></thead>
            <tbody>{{#deliveries}}<tr><td><a href="/admin/deliveries/{{id}}">{{id}}</a></td><td>{{what}}</td><td>{{event}}</td><td>{{status}}</td>
            <td>{{attempts}}</td><td>{{error}}</td><td>{{created}}</td></tr>{{/deliveries}}</tbody>
            </table></div>
            {{#next}}<p><a href="/admin/deliveries?cursor={{next}}">Older</a></p>{{/next}}
            {{/content}}{{/layout}}
            """,
        "delivery": """
            {{<layout}}{{$content}}
            <p>Status <strong id="delivery-status">{{status}}</strong> · {{event}} · {{source}}</p>
            {{#error}}<p class="error">{{error}}</p>{{/error}}
            {{#replayable}}
            <form method="post" action="/admin/deliveries/{{id}}/replay">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <button type="submit" id="replay">Replay</button>
            </form>
            {{/replayable}}
            <h2>Attempts</h2>
            {{^attempts}}<p>None yet.</p>{{/attempts}}
            <div class="table"><table>
            <thead><tr><th>#</th><th>When</th><th>Status</th><th>ms</th><th>Error</th><th>Response</th></tr></thead>
            <tbody>{{#attempts}}<tr><td>{{number}}</td><td>{{at}}</td><td>{{code}}</td><td>{{latency}}</td><td>{{error}}</td><td><code>{{excerpt}}</code></td></tr>{{/attempts}}</tbody>
            </table></div>
            {{/content}}{{/layout}}
            """,
        "orders": """
            {{<layout}}{{$content}}
            {{^orders}}<p>No orders yet.</p>{{/orders}}
            <div class="table"><table>
            <thead><tr><th>Order</th><th>Source</th><th>Status</th><th>Total</th><th>Created</th></tr></thead>
            <tbody>{{#orders}}<tr><td><a href="/admin/orders/{{id}}">{{number}}</a>{{#locked}} (locked){{/locked}}</td><td>{{source}}</td>
            <td>{{status}}</td><td>{{total}} {{currency}}</td><td>{{created}}</td></tr>{{/orders}}</tbody>
            </table></div>
            {{#next}}<p><a href="/admin/orders?cursor={{next}}">Older</a></p>{{/next}}
            {{/content}}{{/layout}}
            """,
        "order": """
            {{<layout}}{{$content}}
            <p>{{source}} · <strong id="order-status">{{status}}</strong> · {{total}} {{currency}} · {{created}}
            {{#contactID}}· <a href="/admin/contacts/{{contactID}}">the customer</a>{{/contactID}}</p>
            {{#locked}}<p id="locked">Locked: the goods are written off; later changes from the shop are ignored.</p>{{/locked}}
            {{#lockable}}
            <form method="post" action="/admin/orders/{{id}}/lock">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <button type="submit" id="lock">Lock (goods written off)</button>
            </form>
            {{/lockable}}
            <h2>Lines</h2>
            <div class="table"><table>
            <thead><tr><th>Item</th><th>SKU</th><th>Quantity</th><th>Price</th><th>Total</th></tr></thead>
            <tbody>{{#lines}}<tr><td>{{name}}</td><td>{{sku}}</td><td>{{quantity}}</td><td>{{price}}</td><td>{{total}}</td></tr>{{/lines}}</tbody>
            </table></div>
            <h2>Timeline</h2>
            {{^timeline}}<p>Nothing yet.</p>{{/timeline}}
            <ul>{{#timeline}}<li>{{at}} <em>{{kind}}</em> {{text}}</li>{{/timeline}}</ul>
            {{/content}}{{/layout}}
            """,
        "triggers": """
            {{<layout}}{{$content}}
            {{^triggers}}<p>No postbacks yet.</p>{{/triggers}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Events</th><th>To</th><th>State</th></tr></thead>
            <tbody>{{#triggers}}<tr><td><a href="/admin/triggers/{{id}}">{{name}}</a></td><td>{{events}}</td><td>{{to}}</td><td>{{state}}</td></tr>{{/triggers}}</tbody>
            </table></div>
            {{#form}}
            <h2>New postback</h2>
            <form method="post" action="/admin/triggers" id="trigger-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              {{#errors}}<p class="error">{{field}}: {{detail}}</p>{{/errors}}
              <label for="trigger-name">Name</label>
              <input id="trigger-name" name="name" type="text" value="{{name}}">
              <fieldset><legend>Events</legend>
              {{#eventTypes}}<label><input type="checkbox" name="event_{{name}}" value="on"{{#checked}} checked{{/checked}}> {{name}}</label>{{/eventTypes}}
              </fieldset>
              <label for="trigger-url">URL</label>
              <input id="trigger-url" name="url" type="text" value="{{url}}" placeholder="https://partner.example/hooks">
              <label for="trigger-method">Method</label>
              <select id="trigger-method" name="method">{{#methods}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/methods}}</select>
              <label for="trigger-filter">Filter (JMESPath, optional)</label>
              <input id="trigger-filter" name="filter" type="text" value="{{filter}}" placeholder="data.order.totals.total != '0.00'">
              <div class="mapper">
                <div>
                  <label for="sample">Sample event</label>
                  <select id="sample" name="sample">{{#samples}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/samples}}</select>
                  <pre id="sample-event" class="sample">{{sampleEvent}}</pre>
                </div>
                <div>
                  <label for="template">Template ($expr, $template, $literal; empty sends the event as it is)</label>
                  <textarea id="template" name="template" rows="10" aria-describedby="template-errors">{{template}}</textarea>
                  <div id="template-errors">{{#templateErrors}}<p class="error">at {{pointer}}: {{detail}}</p>{{/templateErrors}}</div>
                </div>
                <div>
                  <p><strong>Result</strong></p>
                  {{#output}}<pre id="output">{{output}}</pre>{{/output}}
                  {{^output}}<p>Choose "Show result".</p>{{/output}}
                </div>
              </div>
              <label><input type="checkbox" name="active" value="on"{{#active}} checked{{/active}}> Active</label>
              <p><button type="submit" name="action" value="preview" id="preview">Show result</button>
                 <button type="submit" name="action" value="save" id="save">Save and activate</button></p>
            </form>
            {{/form}}
            {{/content}}{{/layout}}
            """,
        "trigger": """
            {{<layout}}{{$content}}
            {{#secret}}
            <div class="notice" role="status"><p>The signing secret; give it to the receiver now, it is not shown again:</p>
            <p><code id="secret">{{secret}}</code></p></div>
            {{/secret}}
            <p>{{state}} · {{method}} {{to}} · {{events}}{{#filter}} · filter <code>{{filter}}</code>{{/filter}}</p>
            {{#template}}<h2>Template</h2><pre>{{template}}</pre>{{/template}}
            {{#testable}}
            <form method="post" action="/admin/triggers/{{id}}/test">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <button type="submit" id="test">Test: send one signed request with a sample event</button>
            </form>
            {{/testable}}
            {{#test}}
            <h2>The request sent</h2><pre id="test-request">{{request}}</pre>
            <h2>The response</h2><pre id="test-response">{{response}}</pre>
            {{#error}}<p class="error">{{error}}</p>{{/error}}
            {{/test}}
            {{/content}}{{/layout}}
            """,
        "connections": """
            {{<layout}}{{$content}}
            {{^connections}}<p>No platform is connected yet; connect one with <code>POST /v1/connections</code>.</p>{{/connections}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Platform</th><th>Connected</th></tr></thead>
            <tbody>{{#connections}}<tr><td><a href="/admin/connections/{{id}}">{{name}}</a></td><td>{{kind}}</td><td>{{created}}</td></tr>{{/connections}}</tbody>
            </table></div>
            {{#sources.0}}<p>Orders also come through the API from: {{#sources}}{{name}} {{/sources}}</p>{{/sources.0}}
            {{/content}}{{/layout}}
            """,
        "connection": """
            {{<layout}}{{$content}}
            <p>{{kind}} · products identified by {{productKey}}</p>
            <h2>Set-up in the platform</h2>
            <p>Webhook URL: <code id="webhook-url">{{webhookURL}}</code></p>
            <p id="setup">{{setup}}</p>
            <h2>Statuses</h2>
            <div class="table"><table><thead><tr><th>The platform's</th><th>Kvitto's</th></tr></thead>
            <tbody>{{#statuses}}<tr><td>{{platform}}</td><td>{{kvitto}}</td></tr>{{/statuses}}</tbody></table></div>
            {{#importable}}
            <h2>Synchronise orders</h2>
            <form method="post" action="/admin/connections/{{id}}/backfills">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label><input type="checkbox" name="all_states" value="on"> Finished orders too</label>
              <p><button type="submit" id="start-import">Import the order history</button></p>
            </form>
            {{/importable}}
            <h2>Latest webhooks</h2>
            {{^inbox}}<p>None received yet.</p>{{/inbox}}
            <div class="table"><table>
            <thead><tr><th>Received</th><th>Topic</th><th>Status</th><th>Outcome</th></tr></thead>
            <tbody>{{#inbox}}<tr><td>{{received}}</td><td>{{topic}}</td><td>{{status}}</td><td>{{outcome}}</td></tr>{{/inbox}}</tbody>
            </table></div>
            {{/content}}{{/layout}}
            """,
        "backfill": """
            {{<layout}}{{$content}}
            <p>Status <strong id="import-status">{{status}}</strong>{{#refresh}} (this page follows it){{/refresh}}</p>
            <p>Orders from {{since}} to {{until}}: <span id="imported">{{imported}}</span> imported, {{rejected}} rejected,
               {{skipped}} skipped, {{pages}} pages.</p>
            {{#error}}<p class="error">{{error}}</p>{{/error}}
            <p><a href="/admin/connections/{{connectionID}}">Back to the connection</a></p>
            {{/content}}{{/layout}}
            """,
        "vouchers": """
            {{<layout}}{{$content}}
            {{#error}}<p class="error" role="alert" id="upload-error">{{error}}</p>{{/error}}
            {{#report}}
            <div class="notice" role="status" id="report">
              <p>{{file}}: <strong id="imported">{{imported}}</strong> new, <strong id="updated">{{updated}}</strong> updated.</p>
              {{#rejected.0}}<p>Skipped:</p><ul>{{/rejected.0}}{{#rejected}}<li>row {{row}}: {{reason}}</li>{{/rejected}}{{#rejected.0}}</ul>{{/rejected.0}}
            </div>
            {{/report}}
            <p>A file of checks, one a row: <code>email</code>, <code>phone</code> (one of them finds or makes the customer),
               <code>code</code>, <code>amount</code>, <code>currency</code>, <code>valid_from</code>, <code>valid_to</code>.
               CSV, tab-separated text or an Excel workbook (its first sheet). A code imported again updates its check.</p>
            {{#mayImport}}
            <form method="post" action="/admin/vouchers" enctype="multipart/form-data" id="upload-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="file">File</label>
              <input id="file" name="file" type="file" accept=".csv,.tsv,.txt,.xlsx">
              <p><button type="submit">Import</button></p>
            </form>
            {{/mayImport}}
            {{/content}}{{/layout}}
            """,
        "settings": """
            {{<layout}}{{$content}}
            <p>Messages are formatted now as: {{effective}}.</p>
            <form method="post" action="/admin/settings" id="settings-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <fieldset><legend>Formatting</legend>
              <label for="time_zone">Time zone (IANA, e.g. Europe/Stockholm; empty: the account's country)</label>
              <input id="time_zone" name="time_zone" type="text" value="{{timeZone}}" aria-describedby="time_zone-error">
              {{#errors.time_zone}}<p class="error" id="time_zone-error">{{errors.time_zone}}</p>{{/errors.time_zone}}
              <label for="locale">Language (e.g. sv-SE)</label>
              <input id="locale" name="locale" type="text" value="{{locale}}" aria-describedby="locale-error">
              {{#errors.locale}}<p class="error" id="locale-error">{{errors.locale}}</p>{{/errors.locale}}
              <label for="alert_email">Alert address (Kvitto writes here when messages or postbacks keep failing)</label>
              <input id="alert_email" name="alert_email" type="email" value="{{alertEmail}}" aria-describedby="alert_email-error">
              {{#errors.alert_email}}<p class="error" id="alert_email-error">{{errors.alert_email}}</p>{{/errors.alert_email}}
              </fieldset>
              <fieldset><legend>E-mail (SMTP)</legend>
              <label for="smtp_host">Server (empty: no e-mail)</label>
              <input id="smtp_host" name="smtp_host" type="text" value="{{smtpHost}}" aria-describedby="smtp_host-error">
              {{#errors.smtp_host}}<p class="error" id="smtp_host-error">{{errors.smtp_host}}</p>{{/errors.smtp_host}}
              <label for="smtp_port">Port</label>
              <input id="smtp_port" name="smtp_port" type="text" inputmode="numeric" value="{{smtpPort}}" aria-describedby="smtp_port-error">
              {{#errors.smtp_port}}<p class="error" id="smtp_port-error">{{errors.smtp_port}}</p>{{/errors.smtp_port}}
              <label><input type="checkbox" name="smtp_starttls" value="on"{{#smtpStartTLS}} checked{{/smtpStartTLS}}> STARTTLS</label>
              <label for="smtp_from">From</label>
              <input id="smtp_from" name="smtp_from" type="text" value="{{smtpFrom}}" placeholder="Butiken &lt;order@butiken.se&gt;" aria-describedby="smtp_from-error">
              {{#errors.smtp_from}}<p class="error" id="smtp_from-error">{{errors.smtp_from}}</p>{{/errors.smtp_from}}
              <label for="smtp_username">User name</label>
              <input id="smtp_username" name="smtp_username" type="text" autocomplete="off" value="{{smtpUsername}}">
              <label for="smtp_password">Password{{#passwordSet}} (set; leave empty to keep it){{/passwordSet}}</label>
              <input id="smtp_password" name="smtp_password" type="password" autocomplete="new-password" aria-describedby="smtp_password-error">
              {{#errors.smtp_password}}<p class="error" id="smtp_password-error">{{errors.smtp_password}}</p>{{/errors.smtp_password}}
              </fieldset>
              <fieldset><legend>Loyalty club</legend>
              <label><input type="checkbox" name="issue_member_numbers" value="on"{{#issueMemberNumbers}} checked{{/issueMemberNumbers}}> Issue member numbers at the till</label>
              <label for="member_prefix">Member number prefix</label>
              <input id="member_prefix" name="member_prefix" type="text" value="{{memberPrefix}}">
              {{#errors.loyalty_member_number_prefix}}<p class="error">{{errors.loyalty_member_number_prefix}}</p>{{/errors.loyalty_member_number_prefix}}
              </fieldset>
              {{#mayChange}}<p><button type="submit">Save</button></p>{{/mayChange}}
            </form>
            {{/content}}{{/layout}}
            """,
        "automations": """
            {{<layout}}{{$content}}
            {{^automations}}<p>No automations yet.</p>{{/automations}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Starts on</th><th>Steps</th><th></th></tr></thead>
            <tbody>{{#automations}}<tr><td>{{name}}</td><td>{{trigger}}</td><td>{{steps}}</td><td>{{active}}</td></tr>{{/automations}}</tbody>
            </table></div>
            {{#form}}
            <h2>New automation</h2>
            <form method="post" action="/admin/automations" id="automation-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <div id="automation-errors">{{#errors}}<p class="error">{{detail}}</p>{{/errors}}</div>
              <label for="automation-name">Name</label>
              <input id="automation-name" name="name" type="text" value="{{name}}">
              <label for="trigger_kind">Starts on</label>
              <select id="trigger_kind" name="trigger_kind">{{#kinds}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/kinds}}</select>
              <label for="trigger_value">The tag, the event type (e.g. order.received) or the number of days</label>
              <input id="trigger_value" name="trigger_value" type="text" value="{{triggerValue}}">
              {{#steps}}
              <label for="step{{index}}_type">Step {{index}}</label>
              <select id="step{{index}}_type" name="step{{index}}_type">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>
              <input name="step{{index}}_value" type="text" value="{{value}}" aria-label="Step {{index}}: duration or tag">
              {{/steps}}
              <label><input type="checkbox" name="active" value="on" checked> Active</label>
              <p><button type="submit">Save</button></p>
            </form>
            {{/form}}
            {{/content}}{{/layout}}
            """,
        "lists": """
            {{<layout}}{{$content}}
            {{#error}}<p class="error" role="alert" id="lists-error">{{error}}</p>{{/error}}
            {{^lists}}<p>No lists yet.</p>{{/lists}}
            <ul>{{#lists}}<li>{{name}} <small>({{created}})</small></li>{{/lists}}</ul>
            {{#mayCreate}}
            <form method="post" action="/admin/lists" id="list-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="list-name">New list</label>
              <input id="list-name" name="name" type="text">
              <button type="submit">Make the list</button>
            </form>
            {{/mayCreate}}
            {{#mayBulk}}
            <h2>Bulk action</h2>
            <form method="post" action="/admin/lists/bulk" id="bulk-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="bulk-list">Contacts</label>
              <select id="bulk-list" name="list">{{#selections}}<option value="{{value}}">{{label}}</option>{{/selections}}</select>
              <label for="bulk-tag">with the tag (optional)</label>
              <input id="bulk-tag" name="tag" type="text">
              <label for="bulk-segment">in the segment</label>
              <select id="bulk-segment" name="segment">{{#segments}}<option value="{{value}}">{{label}}</option>{{/segments}}</select>
              <label for="bulk-action">Action</label>
              <select id="bulk-action" name="action"><option value="move">move to the list</option><option value="blacklist">blacklist</option>
              <option value="delete">erase (GDPR)</option></select>
              <label for="bulk-target">Move to</label>
              <select id="bulk-target" name="target">{{#targets}}<option value="{{value}}">{{label}}</option>{{/targets}}</select>
              <label><input type="checkbox" name="confirm" value="on"> Yes, erase them (only for erase)</label>
              <p><button type="submit">Apply</button></p>
            </form>
            {{/mayBulk}}
            {{/content}}{{/layout}}
            """,
        "users": """
            {{<layout}}{{$content}}
            <div class="table"><table>
            <thead><tr><th>E-mail</th><th>Name</th><th>Role and grants</th><th></th></tr></thead>
            <tbody>{{#users}}<tr><td>{{email}}</td><td>{{name}}</td>
            <td>{{^manage}}{{role}}{{#grants}} · {{grants}}{{/grants}}{{/manage}}
            {{#manage}}<form method="post" action="/admin/users/{{id}}">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="role-{{id}}">Role</label>
              <select id="role-{{id}}" name="role">{{#roles}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/roles}}</select>
              {{#grants}}<label><input type="checkbox" name="grant_{{name}}" value="on"{{#checked}} checked{{/checked}}> {{name}}</label>{{/grants}}
              <button type="submit" name="action" value="save">Save</button>
              <button type="submit" name="action" value="disable">Disable</button>
            </form>{{/manage}}</td>
            <td>{{#disabled}}disabled {{disabled}}{{/disabled}}</td></tr>{{/users}}</tbody>
            </table></div>
            {{#newUser}}
            <h2>New user</h2>
            <form method="post" action="/admin/users" id="new-user-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="new-email">E-mail</label>
              <input id="new-email" name="email" type="email" value="{{entered.email}}" aria-describedby="new-email-error">
              {{#errors.email}}<p class="error" id="new-email-error">{{errors.email}}</p>{{/errors.email}}
              <label for="new-name">Name</label>
              <input id="new-name" name="name" type="text" value="{{entered.name}}">
              <label for="new-role">Role</label>
              <select id="new-role" name="role">{{#roles}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/roles}}</select>
              {{#errors.role}}<p class="error">{{errors.role}}</p>{{/errors.role}}
              <fieldset><legend>Grants</legend>
              {{#grants}}<label><input type="checkbox" name="grant_{{name}}" value="on"> {{name}}</label>{{/grants}}
              <p>synced_orders: may change or lock orders that came from a platform.</p>
              </fieldset>
              <label for="new-password">First password (at least 12 characters)</label>
              <input id="new-password" name="password" type="password" autocomplete="new-password" aria-describedby="new-password-error">
              {{#errors.password}}<p class="error" id="new-password-error">{{errors.password}}</p>{{/errors.password}}
              <p><button type="submit">Add the user</button></p>
            </form>
            {{/newUser}}
            {{/content}}{{/layout}}
            """,
        "audit": """
            {{<layout}}{{$content}}
            {{^entries}}<p>Nothing changed in the admin yet.</p>{{/entries}}
            <div class="table"><table>{{#entries}}<tr><td>{{at}}</td><td>{{user}}</td><td>{{action}}</td><td>{{detail}}</td></tr>{{/entries}}</table></div>
            {{#next}}<p><a href="/admin/audit?cursor={{next}}">Older</a></p>{{/next}}
            {{/content}}{{/layout}}
            """,
    ]
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}

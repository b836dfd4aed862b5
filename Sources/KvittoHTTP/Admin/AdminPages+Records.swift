extension AdminPages {
    /// The day's records: dashboard, contacts, orders, deliveries, lists, bonus checks and the audit log.
    static let recordTemplates: [String: String] = [
        "dashboard": """
            {{<layout}}{{$content}}
            <div class="numbers">
              <div><strong id="orders-24h">{{orders24h}}</strong> orders in 24 h</div>
              <div><strong id="events-24h">{{events24h}}</strong> events in 24 h</div>
              <div><strong id="success-rate"{{#rateLow}} class="error"{{/rateLow}}>{{successRate}}</strong> of deliveries succeeded
                <small>({{succeeded}} succeeded, {{failed}} failed in 24 h)</small></div>
              <div><strong id="queue-pending">{{pending}}</strong> deliveries waiting</div>
              <div><strong>{{oldest}}</strong> oldest due</div>
            </div>
            <h2>Failing postbacks</h2>
            {{^failing}}<p id="no-failing">None: every endpoint answers.</p>{{/failing}}
            <ul id="failing-triggers">{{#failing}}<li><a href="/admin/triggers/{{id}}">{{name}}</a> → {{to}}: <span class="error">{{state}}</span></li>{{/failing}}</ul>
            <h2>The last 24 hours (UTC)</h2>
            <div class="table"><table id="hourly">
            <thead><tr><th>Hour</th><th>Orders</th><th>Events</th></tr></thead>
            <tbody>{{#hours}}<tr><td title="{{day}}">{{hour}}</td>
            <td><span class="bar" style="width:{{ordersWidth}}%"></span> {{orders}}</td>
            <td><span class="bar events" style="width:{{eventsWidth}}%"></span> {{events}}</td></tr>{{/hours}}</tbody>
            </table></div>
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
            <p>{{email}} · {{phone}} {{#memberNumber}}· member {{memberNumber}}{{/memberNumber}} {{#segment}}· segment <strong>{{segment}}</strong>{{/segment}}</p>
            <p><a href="/admin/contacts/{{id}}/export" id="export">Export everything held on this person (JSON)</a></p>
            <h2>Tags</h2>
            {{^tags}}<p>No tags.</p>{{/tags}}
            <ul id="contact-tags">{{#tags}}<li><span class="tag">{{tag}}</span>
            {{#mayTag}}<form method="post" action="/admin/contacts/{{id}}/tags" class="inline">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}"><input type="hidden" name="remove" value="{{tag}}">
              <button type="submit" aria-label="Remove the tag {{tag}}">Remove</button>
            </form>{{/mayTag}}</li>{{/tags}}</ul>
            {{#mayTag}}
            <form method="post" action="/admin/contacts/{{id}}/tags" id="tag-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="tag">Add a tag</label>
              <input id="tag" name="tag" type="text" maxlength="100"{{#tagError}} aria-invalid="true" aria-describedby="tag-error"{{/tagError}}>
              {{#tagError}}<span class="error" id="tag-error">{{tagError}}</span>{{/tagError}}
              <button type="submit">Add</button>
              <small>Automations that start on this tag start now.</small>
            </form>
            {{/mayTag}}
            {{^empty(lists)}}<p>Lists: {{#lists}}<span class="tag">{{.}}</span> {{/lists}}</p>{{/empty(lists)}}
            {{#groups}}<h2>{{title}}</h2><div class="table"><table><tbody>{{#values}}<tr><th>{{name}}</th><td>{{value}}</td></tr>{{/values}}</tbody></table></div>{{/groups}}
            <h2>Orders</h2>
            {{^orders}}<p>None.</p>{{/orders}}
            <div class="table"><table id="contact-orders">{{#orders}}<tr><td><a href="/admin/orders/{{id}}">{{number}}</a></td><td>{{source}}</td><td>{{status}}</td>
            <td>{{total}} {{currency}}</td><td>{{created}}</td><td>{{delivery}}</td></tr>{{/orders}}</table></div>
            <h2>Bonus checks</h2>
            {{^vouchers}}<p>None.</p>{{/vouchers}}
            <div class="table"><table>{{#vouchers}}<tr><td>{{code}}</td><td>{{remaining}} of {{amount}} {{currency}}</td><td>{{valid}}</td><td>{{used}}</td></tr>{{/vouchers}}</table></div>
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
        "orders": """
            {{<layout}}{{$content}}
            <form method="get" action="/admin/orders" id="order-filter" class="filters">
              <label for="source">Source</label>
              <select id="source" name="source">{{#sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sources}}</select>
              <label for="status">Status</label>
              <select id="status" name="status"{{#statusError}} aria-invalid="true"{{/statusError}}>{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
              {{#statusError}}<span class="error">{{statusError}}</span>{{/statusError}}
              <label for="from">Placed from (UTC)</label>
              <input id="from" name="from" type="date" value="{{from}}"{{#fromError}} aria-invalid="true"{{/fromError}}>
              {{#fromError}}<span class="error">{{fromError}}</span>{{/fromError}}
              <label for="to">to</label>
              <input id="to" name="to" type="date" value="{{to}}"{{#toError}} aria-invalid="true"{{/toError}}>
              {{#toError}}<span class="error">{{toError}}</span>{{/toError}}
              <button type="submit">Show</button>
            </form>
            {{^orders}}<p>No orders.</p>{{/orders}}
            <div class="table"><table>
            <thead><tr><th>Order</th><th>Source</th><th>Status</th><th>Total</th><th>Created</th></tr></thead>
            <tbody>{{#orders}}<tr><td><a href="/admin/orders/{{id}}">{{number}}</a>{{#locked}} (locked){{/locked}}</td><td>{{source}}</td>
            <td>{{status}}</td><td>{{total}} {{currency}}</td><td>{{created}}</td></tr>{{/orders}}</tbody>
            </table></div>
            {{#next}}<p><a href="/admin/orders?{{next}}">Older</a></p>{{/next}}
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
        "deliveries": """
            {{<layout}}{{$content}}
            <form method="get" action="/admin/deliveries" id="delivery-filter">
              <label for="status">Status</label>
              <select id="status" name="status">{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
              <label for="delivery-source">From</label>
              <select id="delivery-source" name="source">{{#sources}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sources}}</select>
              <label for="event_type">Event</label>
              <select id="event_type" name="event_type">{{#eventTypes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/eventTypes}}</select>
              <button type="submit">Show</button>
            </form>
            {{#replayAll}}
            <form method="post" action="/admin/deliveries/replay">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <input type="hidden" name="source" value="{{source}}"><input type="hidden" name="event_type" value="{{eventType}}">
              <p><button type="submit" id="replay-failed">Replay every failed delivery shown</button></p>
            </form>
            {{/replayAll}}
            {{^deliveries}}<p>No deliveries.</p>{{/deliveries}}
            <div class="table"><table>
            <thead><tr><th>Delivery</th><th>What</th><th>Event</th><th>Status</th><th>Attempts</th><th>Last error</th><th>Created</th></tr></thead>
            <tbody>{{#deliveries}}<tr><td><a href="/admin/deliveries/{{id}}">{{id}}</a></td><td>{{what}}</td><td>{{event}}</td><td>{{status}}</td>
            <td>{{attempts}}</td><td>{{error}}</td><td>{{created}}</td></tr>{{/deliveries}}</tbody>
            </table></div>
            {{#next}}<p><a href="/admin/deliveries?{{next}}">Older</a></p>{{/next}}
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
        "vouchers": """
            {{<layout}}{{$content}}
            {{#error}}<p class="error" role="alert" id="upload-error">{{error}}</p>{{/error}}
            {{#report}}
            <div class="notice" role="status" id="report">
              <p>{{file}}: <strong id="imported">{{imported}}</strong> new, <strong id="updated">{{updated}}</strong> updated.</p>
              {{^empty(rejected)}}<p>Skipped:</p><ul>{{/empty(rejected)}}{{#rejected}}<li>row {{row}}: {{reason}}</li>{{/rejected}}{{^empty(rejected)}}</ul>{{/empty(rejected)}}
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
        "audit": """
            {{<layout}}{{$content}}
            {{^entries}}<p>Nothing changed in the admin yet.</p>{{/entries}}
            <div class="table"><table>{{#entries}}<tr><td>{{at}}</td><td>{{user}}</td><td>{{action}}</td><td>{{detail}}</td></tr>{{/entries}}</table></div>
            {{#next}}<p><a href="/admin/audit?cursor={{next}}">Older</a></p>{{/next}}
            {{/content}}{{/layout}}
            """,
    ]
}

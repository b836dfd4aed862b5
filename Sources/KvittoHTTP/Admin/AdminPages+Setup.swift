extension AdminPages {
    /// What owners and admins set up: postbacks, automations, connections, API keys, users and settings.
    static let setupTemplates: [String: String] = [
        "triggers": """
            {{<layout}}{{$content}}
            {{^triggers}}<p>No postbacks yet.</p>{{/triggers}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Events</th><th>To</th><th>State</th></tr></thead>
            <tbody>{{#triggers}}<tr><td><a href="/admin/triggers/{{id}}">{{name}}</a></td><td>{{events}}</td><td>{{to}}</td><td>{{state}}</td></tr>{{/triggers}}</tbody>
            </table></div>
            {{#form}}
            <h2>New postback</h2>
            <form method="post" action="/admin/triggers" id="trigger-form" data-live-preview="template-errors mapper-result sample-event">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              {{#errors}}<p class="error">{{field}}: {{detail}}</p>{{/errors}}
              <label for="trigger-name">Name</label>
              <input id="trigger-name" name="name" type="text" value="{{name}}">
              <fieldset><legend>Events</legend>
              {{#eventTypes}}<label><input type="checkbox" name="event_{{name}}" value="on"{{#checked}} checked{{/checked}}> {{name}}</label>{{/eventTypes}}
              </fieldset>
              <label for="trigger-url">URL</label>
              <input id="trigger-url" name="url" type="text" value="{{url}}" placeholder="https://partner.example/hooks">
              <label for="trigger-email">or an e-mail address (the result is sent as the text of an e-mail)</label>
              <input id="trigger-email" name="email" type="email" value="{{email}}" placeholder="orders@partner.example">
              <label for="trigger-method">Method</label>
              <select id="trigger-method" name="method">{{#methods}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/methods}}</select>
              <label for="trigger-filter">Filter (JMESPath, optional)</label>
              <input id="trigger-filter" name="filter" type="text" value="{{filter}}" placeholder="data.order.totals.total != '0.00'">
              <div class="mapper">
                <div>
                  <label for="sample">Sample event</label>
                  <select id="sample" name="sample">{{#samples}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/samples}}</select>
                  <label for="event_id">or a real event (its id, evt_…)</label>
                  <input id="event_id" name="event_id" type="text" value="{{eventID}}"{{#eventError}} aria-invalid="true" aria-describedby="event-error"{{/eventError}}>
                  {{#eventError}}<span class="error" id="event-error">{{eventError}}</span>{{/eventError}}
                  <pre id="sample-event" class="sample">{{sampleEvent}}</pre>
                </div>
                <div>
                  <label for="template">Template ($expr, $template, $literal; empty sends the event as it is)</label>
                  <textarea id="template" name="template" rows="10" aria-describedby="template-errors">{{template}}</textarea>
                  <div id="template-errors">{{#templateErrors}}<p class="error">at {{pointer}}: {{detail}}</p>{{/templateErrors}}</div>
                </div>
                <div id="mapper-result">
                  <p><strong>Result</strong></p>
                  {{#output}}<pre id="output">{{output}}</pre>{{/output}}
                  {{^output}}<p>Choose "Show result".</p>{{/output}}
                </div>
              </div>
              <label><input type="checkbox" name="retry" value="on"{{#retry}} checked{{/retry}}> Retry on failure (over about five days)</label>
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
        "automations": """
            {{<layout}}{{$content}}
            {{^automations}}<p>No automations yet.</p>{{/automations}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Starts on</th><th>Steps</th><th></th></tr></thead>
            <tbody>{{#automations}}<tr><td>{{name}}</td><td>{{trigger}}</td>
            <td><ol class="steps">{{#steps}}<li>{{text}}{{#switchable}}{{^stepActive}} <strong>(off)</strong>{{/stepActive}}{{#mayAdminister}}
              <form method="post" action="/admin/automations/{{id}}/switch" class="inline">
                <input type="hidden" name="csrf_token" value="{{user.csrf}}"><input type="hidden" name="step" value="{{index}}">
                {{^stepActive}}<input type="hidden" name="active" value="on">{{/stepActive}}
                <button type="submit">{{#stepActive}}Switch off{{/stepActive}}{{^stepActive}}Switch on{{/stepActive}}</button>
              </form>{{/mayAdminister}}{{/switchable}}</li>{{/steps}}</ol></td>
            <td><span class="automation-state">{{active}}</span>{{#mayAdminister}}
              <form method="post" action="/admin/automations/{{id}}/switch" class="inline">
                <input type="hidden" name="csrf_token" value="{{user.csrf}}">
                {{^isActive}}<input type="hidden" name="active" value="on">{{/isActive}}
                <button type="submit" aria-label="{{#isActive}}Switch {{name}} off{{/isActive}}{{^isActive}}Switch {{name}} on{{/isActive}}">{{#isActive}}Switch off{{/isActive}}{{^isActive}}Switch on{{/isActive}}</button>
              </form>{{/mayAdminister}}</td></tr>{{/automations}}</tbody>
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
        "connections": """
            {{<layout}}{{$content}}
            {{^connections}}<p>No platform is connected yet.</p>{{/connections}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Platform</th><th>Connected</th></tr></thead>
            <tbody>{{#connections}}<tr><td><a href="/admin/connections/{{id}}">{{name}}</a></td><td>{{kind}}</td><td>{{created}}</td></tr>{{/connections}}</tbody>
            </table></div>
            {{^empty(sources)}}<p>Orders also come through the API from: {{#sources}}{{name}} {{/sources}}</p>{{/empty(sources)}}
            {{^empty(platforms)}}<h2>Connect a platform</h2>
            <ul id="connect">{{#platforms}}<li><a href="/admin/connections/new?kind={{kind}}">{{label}}</a></li>{{/platforms}}</ul>{{/empty(platforms)}}
            {{/content}}{{/layout}}
            """,
        "connection": """
            {{<layout}}{{$content}}
            <p>{{kind}} · products identified by {{productKey}}</p>
            {{^empty(shownOnce)}}<div class="notice" role="status" id="shown-once"><p>Copy now, it is not shown again:</p>
            {{#shownOnce}}<p>{{name}}: <code id="secret">{{value}}</code> <button type="button" data-copy="secret">Copy</button></p>{{/shownOnce}}</div>{{/empty(shownOnce)}}
            <h2>Set-up in the platform</h2>
            <p>Webhook URL: <code id="webhook-url">{{webhookURL}}</code> <button type="button" data-copy="webhook-url">Copy</button></p>
            {{#tokenShown}}<p class="notice">The address carries its secret token: copy it now, it is shown in full only this once.</p>{{/tokenShown}}
            <p id="setup">{{setup}}</p>
            {{#mayChange}}
            <h2>Settings</h2>
            <form method="post" action="/admin/connections/{{id}}" id="connection-settings">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="product_key">Identify products by</label>
              <select id="product_key" name="product_key">{{#productKeys}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/productKeys}}</select>
              <label><input type="checkbox" name="status_sync" value="on"{{#statusSync}} checked{{/statusSync}}> Status sync: the platform's status changes move the order's status</label>
              {{#writable}}<input type="hidden" name="write_back_shown" value="on">
              <label><input type="checkbox" name="status_write_back" value="on"{{#statusWriteBack}} checked{{/statusWriteBack}}> Status write-back: statuses set in Kvitto are written to the shop (Completed once the order is locked)</label>{{/writable}}
              <p><button type="submit">Save</button></p>
            </form>
            {{/mayChange}}
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
            <tbody>{{#inbox}}<tr><td><a href="/admin/connections/{{id}}/inbox/{{itemID}}">{{received}}</a></td><td>{{topic}}</td><td>{{status}}</td><td>{{outcome}}</td></tr>{{/inbox}}</tbody>
            </table></div>
            {{/content}}{{/layout}}
            """,
        "connection-new": """
            {{<layout}}{{$content}}
            <p><a href="/admin/connections">All connections</a></p>
            <form method="post" action="/admin/connections" id="connection-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <input type="hidden" name="kind" value="{{kind}}">
              {{^empty(errors)}}<div role="alert">{{#errors}}<p class="error">{{field}}: {{detail}}</p>{{/errors}}</div>{{/empty(errors)}}
              <label for="connection-name">Name (as the orders' source)</label>
              <input id="connection-name" name="name" type="text" value="{{name}}" maxlength="100"{{#nameError}} aria-invalid="true"{{/nameError}}>
              {{#nameError}}<span class="error">{{nameError}}</span>{{/nameError}}
              <fieldset><legend>Credentials (sealed at rest, never shown again)</legend>
              {{#credentials}}
              <label for="credential_{{name}}">{{label}}</label>
              <input id="credential_{{name}}" name="credential_{{name}}" type="{{type}}" value="{{value}}" autocomplete="off"{{#error}} aria-invalid="true"{{/error}}>
              {{#error}}<span class="error">{{error}}</span>{{/error}}
              {{/credentials}}
              </fieldset>
              <label for="product_key">Identify products by</label>
              <select id="product_key" name="product_key">{{#productKeys}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/productKeys}}</select>
              <label><input type="checkbox" name="status_sync" value="on"{{#statusSync}} checked{{/statusSync}}> Status sync: the platform's status changes move the order's status</label>
              <p><button type="submit" id="connect">Connect</button></p>
            </form>
            {{/content}}{{/layout}}
            """,
        "inbox-item": """
            {{<layout}}{{$content}}
            <p><a href="/admin/connections/{{connectionID}}">Back to the connection</a></p>
            <p>Received {{received}} · status <strong id="inbox-status">{{status}}</strong> · {{outcome}}</p>
            <h2>Headers</h2>
            <div class="table"><table><tbody>{{#headers}}<tr><th scope="row">{{name}}</th><td><code>{{value}}</code></td></tr>{{/headers}}</tbody></table></div>
            <h2>Body, as received</h2>
            <pre id="inbox-body">{{body}}</pre>
            {{#fetched}}<h2>Fetched for it</h2><pre>{{fetched}}</pre>{{/fetched}}
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
        "settings": """
            {{<layout}}{{$content}}
            {{#account}}
            <form method="post" action="/admin/settings/account" id="account-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <fieldset><legend>The account</legend>
              <label for="account_name">Name (signs the standard messages)</label>
              <input id="account_name" name="account_name" type="text" value="{{name}}" aria-describedby="account_name-error">
              {{#errors.account_name}}<p class="error" id="account_name-error">{{errors.account_name}}</p>{{/errors.account_name}}
              <label for="currency">Currency (changes only while there are no orders)</label>
              <input id="currency" name="currency" type="text" value="{{currency}}" maxlength="3" aria-describedby="account_currency-error">
              {{#errors.account_currency}}<p class="error" id="account_currency-error">{{errors.account_currency}}</p>{{/errors.account_currency}}
              <label for="country">Default country (for phone numbers without a country code)</label>
              <input id="country" name="country" type="text" value="{{country}}" maxlength="2" aria-describedby="account_country-error">
              {{#errors.account_country}}<p class="error" id="account_country-error">{{errors.account_country}}</p>{{/errors.account_country}}
              <label for="identity_priority">A customer is recognised by</label>
              <select id="identity_priority" name="identity_priority">{{#priorities}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/priorities}}</select>
              {{#errors.account_identity_priority}}<p class="error">{{errors.account_identity_priority}}</p>{{/errors.account_identity_priority}}
              <label for="account_product_key">Identify products by</label>
              <select id="account_product_key" name="product_key">{{#productKeys}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/productKeys}}</select>
              </fieldset>
              {{#mayChange}}<p><button type="submit" id="save-account">Save the account</button></p>{{/mayChange}}
            </form>
            {{/account}}
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
              <fieldset><legend>SMS gateway (an HTTP endpoint that sends the text; leave the URL empty to send no SMS)</legend>
              <label for="sms_url">URL</label>
              <input id="sms_url" name="sms_url" type="url" value="{{smsURL}}" placeholder="https://sms.example/send" aria-describedby="sms_gateway_url-error">
              {{#errors.sms_gateway_url}}<p class="error" id="sms_gateway_url-error">{{errors.sms_gateway_url}}</p>{{/errors.sms_gateway_url}}
              <label for="sms_auth_header">Authorization header{{#authHeaderSet}} (set; leave empty to keep it){{/authHeaderSet}}</label>
              <input id="sms_auth_header" name="sms_auth_header" type="password" autocomplete="off" placeholder="Bearer …">
              <label for="sms_body">Request body ({{=<% %>=}}{{to}}<%={{ }}=%> is the number in E.164, {{=<% %>=}}{{text}}<%={{ }}=%> the message)</label>
              <textarea id="sms_body" name="sms_body" rows="3" aria-describedby="sms_gateway_body-error">{{smsBody}}</textarea>
              {{#errors.sms_gateway_body}}<p class="error" id="sms_gateway_body-error">{{errors.sms_gateway_body}}</p>{{/errors.sms_gateway_body}}
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
    ]
}

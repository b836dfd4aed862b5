extension AdminPages {
    /// The point of sale: Sitoo's back office set-up and what the till shows.
    static let posTemplates: [String: String] = [
        "pos": """
            {{<layout}}{{$content}}
            <p>Sitoo's tills look customers up, register them and show their purchases and bonus checks through Kvitto.
            Kvitto must be reachable from the internet over HTTPS for that.</p>
            <h2>In Sitoo's back office</h2>
            <ol id="pos-steps">
              <li>Settings → Custom CRM (ask Sitoo to switch the module on if it is missing).</li>
              <li>API URL: <code id="pos-url">{{apiURL}}</code> <button type="button" data-copy="pos-url">Copy</button></li>
              <li>API token: a key that may only serve tills (below), as the password of HTTP Basic or as a Bearer token.</li>
              <li>Under "Registration of new contact" and "Update of contact", make at least one of e-mail and mobile
                  "Shown and editable": a customer without either is refused.</li>
              <li>Search placeholder: "Phone or email" — the till finds customers by exact phone number, e-mail or member number.</li>
            </ol>
            {{#created}}
            <div class="notice" role="status" id="new-key">
              <p>The key <strong>{{name}}</strong>; copy it now, it is not shown again:</p>
              <p><code id="secret">{{secret}}</code> <button type="button" data-copy="secret">Copy</button></p>
            </div>
            {{/created}}
            <h2>Keys for the tills</h2>
            {{^keys}}<p>None yet.</p>{{/keys}}
            <ul>{{#keys}}<li>{{name}} <code>{{prefix}}…</code>, last used {{lastUsed}}</li>{{/keys}}</ul>
            {{#mayChange}}
            <form method="post" action="/admin/pos/keys" id="pos-key-form">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <label for="pos-key-name">Name</label>
              <input id="pos-key-name" name="name" type="text" value="Sitoo" maxlength="200">
              <button type="submit">Make a key for the tills</button>
            </form>
            <h2>What the till shows</h2>
            <form method="post" action="/admin/pos" id="pos-settings">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <fieldset><legend>Custom field groups on the customer card</legend>
              <label><input type="checkbox" name="every_group" value="on"{{#everyGroup}} checked{{/everyGroup}}> Every group the customer has</label>
              <p>or only these, in this order:</p>
              {{#groups}}<label><input type="checkbox" name="group_{{name}}" value="on"{{#checked}} checked{{/checked}}> {{name}}</label>{{/groups}}
              <label for="other_groups">Other groups (comma-separated)</label>
              <input id="other_groups" name="other_groups" type="text"{{#groupsError}} aria-invalid="true" aria-describedby="groups-error"{{/groupsError}}>
              {{#groupsError}}<span class="error" id="groups-error">{{groupsError}}</span>{{/groupsError}}
              </fieldset>
              <label><input type="checkbox" name="own_purchases_only" value="on"{{#ownPurchasesOnly}} checked{{/ownPurchasesOnly}}> The till lists only purchases made at tills (no web orders)</label>
              <p><button type="submit">Save</button></p>
            </form>
            {{/mayChange}}
            <p>Bonus checks are uploaded under <a href="/admin/vouchers">Bonus checks</a>.</p>
            {{/content}}{{/layout}}
            """,
    ]
}

extension AdminPages {
    /// The layout every page fills, sign-in, first set-up and refusals.
    static let signInTemplates: [String: String] = [
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
            button.link { background: none; border: none; padding: 0; color: #0645ad; text-decoration: underline; cursor: pointer; font: inherit; }
            .merge-fields { max-height: 24rem; overflow: auto; padding-left: 1rem; font-size: 14px; }
            .bar { display: inline-block; height: .7rem; background: #2b6cb0; vertical-align: middle; max-width: 70%; }
            .bar.events { background: #9ab; }
            .mapper input[type=text], .mapper select, .mapper textarea { width: 100%; box-sizing: border-box; }
            #preview-text, #mail-text, #inbox-body { white-space: pre-wrap; }
            form.inline { display: inline; margin-left: .5rem; }
            .mapper { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
            </style>
            <script src="/admin/admin.js" defer></script>
            </head>
            <body>
            {{#user}}
            <header>
              <strong>Kvitto</strong>
              <nav><a href="/admin">Dashboard</a> · <a href="/admin/contacts">Contacts</a> · <a href="/admin/lists">Lists</a> · <a href="/admin/orders">Orders</a> · <a href="/admin/automations">Automations</a> · <a href="/admin/messages">Messages</a> · <a href="/admin/triggers">Postbacks</a> · <a href="/admin/deliveries">Deliveries</a> · <a href="/admin/connections">Connections</a> · <a href="/admin/pos">Point of sale</a> · <a href="/admin/vouchers">Bonus checks</a> · <a href="/admin/keys">API keys</a> · <a href="/admin/users">Users</a> · <a href="/admin/settings">Settings</a> · <a href="/admin/audit">Audit log</a>{{#demo}} · <a href="/admin/demo">Demo inbox</a>{{/demo}}</nav>
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
    ]
}

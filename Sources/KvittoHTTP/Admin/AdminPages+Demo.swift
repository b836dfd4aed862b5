extension AdminPages {
    /// `kvitto demo`'s inbox: caught e-mails and postbacks.
    static let demoTemplates: [String: String] = [
        "demo": """
            {{<layout}}{{$content}}
            <p>In the demo nothing leaves this machine: e-mails go to a mail catcher built into Kvitto, and postbacks to
            <code>/demo/postbacks</code> on this server. Both are kept in memory and shown here.</p>
            <h2>E-mails</h2>
            {{^mails}}<p>No e-mails caught yet.</p>{{/mails}}
            <div class="table"><table id="demo-mails">
            <thead><tr><th>#</th><th>Received</th><th>To</th><th>Subject</th></tr></thead>
            <tbody>{{#mails}}<tr><td>{{number}}</td><td>{{at}}</td><td>{{to}}</td><td><a href="/admin/demo/mail/{{number}}">{{subject}}</a></td></tr>{{/mails}}</tbody>
            </table></div>
            <h2>Postbacks</h2>
            {{^postbacks}}<p>No postbacks received yet.</p>{{/postbacks}}
            {{#postbacks}}
            <details class="demo-postback">
              <summary>{{at}} · {{method}} {{path}} · {{type}} · {{id}}</summary>
              <pre>{{headers}}</pre>
              <pre>{{body}}</pre>
            </details>
            {{/postbacks}}
            {{/content}}{{/layout}}
            """,
        "demo-mail": """
            {{<layout}}{{$content}}
            <p><a href="/admin/demo">Back to the inbox</a></p>
            <p>Received {{at}} · envelope from <code>{{envelopeFrom}}</code> to <code id="mail-recipients">{{recipients}}</code></p>
            <div class="table"><table>
            <tbody>{{#headers}}<tr><th scope="row">{{name}}</th><td>{{value}}</td></tr>{{/headers}}</tbody>
            </table></div>
            {{#html}}
            <h2>HTML</h2>
            <iframe src="/admin/demo/mail/{{number}}/html" title="The message as HTML" sandbox="" style="width:100%;height:32rem;border:1px solid #ddd;background:#fff"></iframe>
            {{/html}}
            {{#text}}
            <h2>Text</h2>
            <pre id="mail-text">{{text}}</pre>
            {{/text}}
            <details><summary>The message as sent</summary><pre>{{raw}}</pre></details>
            {{/content}}{{/layout}}
            """,
    ]
}

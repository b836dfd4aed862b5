extension AdminPages {
    /// Message templates: the list and the editor with its merge-field picker and preview.
    static let messageTemplates: [String: String] = [
        "messages": """
            {{<layout}}{{$content}}
            <p>The e-mails and SMS automations send. The standard ones (Swedish and English) can be changed; new ones
            are used by choosing them in an automation's step.</p>
            {{#mayCreate}}<p><a href="/admin/messages/new?kind=email" id="new-email">New e-mail template</a> ·
            <a href="/admin/messages/new?kind=sms" id="new-sms">New SMS template</a></p>{{/mayCreate}}
            {{^templates}}<p>No message templates.</p>{{/templates}}
            <div class="table"><table>
            <thead><tr><th>Name</th><th>Kind</th><th>Purpose</th><th>Standard</th></tr></thead>
            <tbody>{{#templates}}<tr><td><a href="/admin/messages/{{id}}">{{name}}</a></td><td>{{kind}}</td><td>{{purpose}}</td><td>{{standard}}</td></tr>{{/templates}}</tbody>
            </table></div>
            {{/content}}{{/layout}}
            """,
        "message-template": """
            {{<layout}}{{$content}}
            <p><a href="/admin/messages">All message templates</a>{{#standard}} · standard template <code>{{standard}}</code>{{/standard}}</p>
            <form method="post" action="{{action}}" id="message-form" data-live-preview="message-preview">
              <input type="hidden" name="csrf_token" value="{{user.csrf}}">
              <input type="hidden" name="kind" value="{{kind}}">
              {{^empty(errors)}}<div role="alert">{{#errors}}<p class="error">{{field}}: {{detail}}</p>{{/errors}}</div>{{/empty(errors)}}
              <label for="message-name">Name</label>
              <input id="message-name" name="name" type="text" value="{{name}}" maxlength="200"{{#nameError}} aria-invalid="true"{{/nameError}}>
              {{#nameError}}<span class="error">{{nameError}}</span>{{/nameError}}
              <label for="purpose">Purpose (marketing respects unsubscribes and missing consent; transactional is part of a purchase)</label>
              <select id="purpose" name="purpose">{{#purposes}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{value}}</option>{{/purposes}}</select>
              <div class="mapper">
                <div>
                  {{#email}}
                  <label for="subject">Subject</label>
                  <input id="subject" name="subject" type="text" value="{{subject}}" data-merge-target{{#subjectError}} aria-invalid="true"{{/subjectError}}>
                  {{#subjectError}}<span class="error">{{subjectError}}</span>{{/subjectError}}
                  <label for="html">HTML (optional)</label>
                  <textarea id="html" name="html" rows="12" data-merge-target>{{html}}</textarea>
                  {{#htmlError}}<span class="error">{{htmlError}}</span>{{/htmlError}}
                  {{/email}}
                  <label for="text">Text</label>
                  <textarea id="text" name="text" rows="10" data-merge-target{{#textError}} aria-invalid="true"{{/textError}}>{{text}}</textarea>
                  {{#textError}}<span class="error">{{textError}}</span>{{/textError}}
                </div>
                <div>
                  <label for="sample">Merge fields of the event</label>
                  <select id="sample" name="sample">{{#samples}}<option{{#selected}} selected{{/selected}}>{{name}}</option>{{/samples}}</select>
                  <p><small>Write a field as <code>{{=<% %>=}}{{contact.first_name}}<%={{ }}=%></code>; with script on, a click inserts it where the cursor is.</small></p>
                  <ul id="merge-fields" class="merge-fields">{{#mergeFields}}<li><button type="button" data-insert="{{insert}}" class="link">{{path}}</button> <small>{{example}}</small></li>{{/mergeFields}}</ul>
                </div>
                <div id="message-preview">
                  <p><strong>Preview</strong> (with the sample event)</p>
                  {{#previewErrors}}<p class="error">at {{field}}: {{detail}}</p>{{/previewErrors}}
                  {{#rendered}}
                  {{#previewSubject}}<p>Subject: <strong id="preview-subject">{{previewSubject}}</strong></p>{{/previewSubject}}
                  {{#previewSMS}}<p>{{previewSMS}}</p>{{/previewSMS}}
                  {{#warnings}}<p class="error">{{.}}</p>{{/warnings}}
                  {{#previewHTML}}<iframe srcdoc="{{previewHTML}}" sandbox="" title="The HTML part" style="width:100%;height:24rem;border:1px solid #ddd;background:#fff"></iframe>{{/previewHTML}}
                  <pre id="preview-text">{{previewText}}</pre>
                  {{/rendered}}
                  {{^rendered}}{{^previewErrors}}<p>Choose "Preview".</p>{{/previewErrors}}{{/rendered}}
                </div>
              </div>
              <p><button type="submit" name="action" value="preview" id="preview">Preview</button>
              {{#maySave}}<button type="submit" name="action" value="save" id="save">Save</button>{{/maySave}}</p>
            </form>
            {{/content}}{{/layout}}
            """,
    ]

    /// The admin's only script: it adds to pages that work without it — copy buttons, the merge-field picker
    /// inserting at the cursor, and previews that follow the typing.
    static let script = """
        // Kvitto admin. Every form works without this file; it only saves clicks.
        (function () {
          "use strict";
          var lastField = null;
          document.addEventListener("focusin", function (event) {
            if (event.target.matches && event.target.matches("[data-merge-target]")) { lastField = event.target; }
          });
          document.addEventListener("click", function (event) {
            var copy = event.target.closest("[data-copy]");
            if (copy) {
              event.preventDefault();
              var source = document.getElementById(copy.getAttribute("data-copy"));
              if (source && navigator.clipboard) {
                navigator.clipboard.writeText((source.value || source.textContent).trim()).then(function () { copy.textContent = "Copied"; });
              }
              return;
            }
            var insert = event.target.closest("[data-insert]");
            if (insert) {
              event.preventDefault();
              var field = lastField || document.querySelector("[data-merge-target]");
              if (!field) { return; }
              var text = insert.getAttribute("data-insert");
              var start = field.selectionStart || 0, end = field.selectionEnd || 0;
              field.value = field.value.slice(0, start) + text + field.value.slice(end);
              field.selectionStart = field.selectionEnd = start + text.length;
              field.focus();
              field.dispatchEvent(new Event("input", { bubbles: true }));
            }
          });
          // <form data-live-preview="id …">: after a pause in typing, the form is posted as its preview button
          // would post it, and the elements with those ids are taken from the answer.
          Array.prototype.forEach.call(document.querySelectorAll("form[data-live-preview]"), function (form) {
            var ids = form.getAttribute("data-live-preview").split(" ");
            var timer = null, latest = 0;
            function refresh() {
              var data = new URLSearchParams(new FormData(form));
              data.set("action", "preview");
              var mine = ++latest;
              fetch(form.getAttribute("action"), { method: "POST", body: data, credentials: "same-origin" })
                .then(function (response) { return response.text(); })
                .then(function (html) {
                  if (mine !== latest) { return; }
                  var page = new DOMParser().parseFromString(html, "text/html");
                  ids.forEach(function (id) {
                    var fresh = page.getElementById(id), current = document.getElementById(id);
                    if (fresh && current) { current.innerHTML = fresh.innerHTML; }
                  });
                });
            }
            function later(delay) { clearTimeout(timer); timer = setTimeout(refresh, delay); }
            form.addEventListener("input", function () { later(400); });
            form.addEventListener("change", function () { later(100); });
          });
        })();
        """
}

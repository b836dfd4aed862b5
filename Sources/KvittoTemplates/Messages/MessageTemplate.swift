import Foundation
import KvittoCore
import Mustache

/// The kinds of message a template can produce.
public enum MessageKind: String, Sendable, Hashable, CaseIterable {
    case email, sms
}

/// The parts of a message template; their raw values name them in errors and JSON pointers.
public enum MessagePart: String, Sendable, Hashable, CaseIterable {
    case subject, html, text

    /// Whether values are HTML-escaped in this part. Only the HTML body is markup; a subject, a plain-text
    /// body or an SMS showing `Tom &amp; Jerry` would be a bug.
    public var escapesHTML: Bool { self == .html }
}

/// A message template as a merchant writes it: Mustache text per part (SPEC §6).
public struct MessageTemplateSource: Sendable, Hashable {
    public let kind: MessageKind
    /// E-mail only.
    public let subject: String?
    /// E-mail only.
    public let html: String?
    /// The plain-text body of an e-mail, or the SMS text.
    public let text: String

    public static func email(subject: String, html: String, text: String) -> MessageTemplateSource {
        MessageTemplateSource(kind: .email, subject: subject, html: html, text: text)
    }

    public static func sms(text: String) -> MessageTemplateSource {
        MessageTemplateSource(kind: .sms, subject: nil, html: nil, text: text)
    }

    /// The parts this kind has, with their text, in the order they are compiled and rendered.
    var parts: [(part: MessagePart, source: String)] {
        [(.subject, subject), (.html, html), (.text, text)].compactMap { part, source in source.map { (part, $0) } }
    }
}

/// Why a message template could not be compiled or rendered, part by part.
public struct MessageTemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One problem in one part; `line` and `column` (1-based, within that part's text) when the Mustache
    /// parser located it.
    public struct Problem: Error, Sendable, Equatable {
        public let part: MessagePart
        public let detail: String
        public let line: Int?
        public let column: Int?

        public init(part: MessagePart, detail: String, line: Int? = nil, column: Int? = nil) {
            self.part = part; self.detail = detail; self.line = line; self.column = column
        }

        /// `html: a section is not closed (line 3, column 7)`.
        public var description: String {
            let location = line.map { line in " (line \(line)" + (column.map { ", column \($0)" } ?? "") + ")" } ?? ""
            return "\(part.rawValue): \(detail)\(location)"
        }
    }

    /// `invalid` for a template that does not compile, `limitExceeded` for a render past the limits.
    public let kind: TemplateError.Kind
    public let problems: [Problem]

    public init(_ kind: TemplateError.Kind, problems: [Problem]) {
        self.kind = kind
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "; ") }

    /// The error in the form postback templates use, for the HTTP edge: one field error per problem,
    /// pointing at the part (`/html`), with the location in its detail.
    public var templateError: TemplateError {
        TemplateError(kind, errors: problems.map { problem in
            let location = problem.line.map { line in " (line \(line)" + (problem.column.map { ", column \($0)" } ?? "") + ")" } ?? ""
            return FieldError("/" + problem.part.rawValue, problem.detail + location)
        })
    }
}

/// A merge field that rendered empty because the data has no such value.
public struct MergeFieldWarning: Sendable, Hashable, CustomStringConvertible {
    /// The dotted path, as a template would write it: `contact.fields.Sitoo-Contact.member_number`.
    public let path: String

    public var description: String { "the merge field \(path) is missing and rendered empty" }
}

/// A rendered message, ready for MIME or the SMS gateway.
public struct RenderedMessage: Sendable, Equatable {
    public let kind: MessageKind
    public let subject: String?
    public let html: String?
    public let text: String
    /// Each missing merge field once, in the order the parts met them.
    public let warnings: [MergeFieldWarning]

    public init(kind: MessageKind, subject: String?, html: String?, text: String, warnings: [MergeFieldWarning]) {
        self.kind = kind; self.subject = subject; self.html = html; self.text = text; self.warnings = warnings
    }
}

extension TemplateLimits {
    /// Limits for message templates: the postback defaults, except that an e-mail's HTML with inline
    /// styles is far longer than a postback field, so a part may be up to 256 KB.
    public static let messages = TemplateLimits(maxTextLength: 262_144, maxOutputBytes: 1 << 21)
}

/// A compiled message template.
///
/// The HTML part renders as swift-mustache renders by default, escaping `<`, `>`, `&`, `"` and `'` in
/// values. The subject, the text part and SMS are compiled behind the built-in `TEXT` content-type pragma
/// on a line of its own, as postback texts are (`TextTemplate.textPragma`), so values go out as they are:
/// swift-mustache has no render option for escaping. `{{{x}}}` and `{{& x}}` never escape.
///
/// Rendering is bounded as postback rendering is: every value and every section element is charged to one
/// `RenderBudget` shared by all parts, sections nest at most `maxTextNesting` deep, and every part must fit
/// `maxOutputBytes`.
public struct MessageTemplate: Sendable {
    public let source: MessageTemplateSource
    public let limits: TemplateLimits
    private let compiled: [CompiledPart]

    struct CompiledPart: Sendable {
        let part: MessagePart
        let mustache: MustacheTemplate
        /// One pass over the part's text, what each section element is charged (see `RenderBudget.passCost`).
        let passCost: Int
    }

    /// Compiles every part, reporting the problems of all of them at once.
    public init(_ source: MessageTemplateSource, limits: TemplateLimits = .messages) throws(MessageTemplateError) {
        var compiled: [CompiledPart] = []
        var problems: [MessageTemplateError.Problem] = []
        for (part, text) in source.parts {
            switch Self.compile(text, as: part, limits: limits) {
            case .success(let mustache): compiled.append(CompiledPart(part: part, mustache: mustache, passCost: max(1, text.utf8.count)))
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { throw MessageTemplateError(.invalid, problems: problems) }
        self.source = source
        self.limits = limits
        self.compiled = compiled
    }

    private static func compile(_ text: String, as part: MessagePart, limits: TemplateLimits) -> Result<MustacheTemplate, MessageTemplateError.Problem> {
        guard text.utf8.count <= limits.maxTextLength else {
            return .failure(.init(part: part, detail: "the text is longer than the limit of \(limits.maxTextLength) bytes"))
        }
        // Checked before parsing: swift-mustache's parser recurses once per level, with large frames.
        guard let depth = TextTemplate.sectionDepth(of: text) else {
            return .failure(.init(part: part, detail: "a set-delimiter tag is malformed or uses non-ASCII characters"))
        }
        guard depth <= limits.maxTextNesting else {
            return .failure(.init(part: part, detail: "sections nest \(depth) levels deep, deeper than the limit of \(limits.maxTextNesting)"))
        }
        let prefix = part.escapesHTML ? "" : TextTemplate.textPragma
        do {
            return .success(try MustacheTemplate(string: prefix + text))
        } catch let error as MustacheTemplate.ParserError {
            // The pragma is one line of its own in front of the author's text.
            let line = part.escapesHTML ? error.context.lineNumber : max(1, error.context.lineNumber - 1)
            return .failure(.init(part: part, detail: TextTemplate.describe(error.error), line: line, column: error.context.columnNumber))
        } catch {
            return .failure(.init(part: part, detail: "\(error)"))
        }
    }

    /// Renders every part against `context` (see `MessageContext`). Missing merge fields render empty and
    /// come back as warnings; a render past the limits throws `limitExceeded` naming the parts at fault.
    public func render(_ context: JSONValue) throws(MessageTemplateError) -> RenderedMessage {
        let budget = RenderBudget(limits.textWork)
        let recorder = MergeFieldRecorder()
        var rendered: [MessagePart: String] = [:]
        var problems: [MessageTemplateError.Problem] = []
        for part in compiled {
            budget.passCost = part.passCost
            let output = budget.charge(part.passCost)
                ? part.mustache.render(MergeFieldContext.root(context, budget: budget, recorder: recorder))
                : ""
            if budget.exhausted {
                problems.append(.init(part: part.part, detail: "rendering needs more work than the limits allow"))
            } else if output.utf8.count > limits.maxOutputBytes {
                problems.append(.init(part: part.part, detail: "the rendered text is longer than the limit of \(limits.maxOutputBytes) bytes"))
            }
            rendered[part.part] = output
        }
        guard problems.isEmpty else { throw MessageTemplateError(.limitExceeded, problems: problems) }
        return RenderedMessage(
            kind: source.kind, subject: rendered[.subject], html: rendered[.html], text: rendered[.text] ?? "",
            warnings: recorder.missing.map(MergeFieldWarning.init(path:))
        )
    }
}

extension RenderedMessage {
    /// The message with an unsubscribe link appended to both parts (before `</body>` in HTML): for marketing
    /// e-mail whose template did not place `{{unsubscribe_url}}` itself. `language` picks the wording.
    public func withUnsubscribeFooter(_ url: String, language: String) -> RenderedMessage {
        let label = language == "sv" ? "Avregistrera dig från våra utskick" : "Unsubscribe from these e-mails"
        let text = self.text + "\n\n--\n\(label): \(url)\n"
        var html = self.html
        if let body = html {
            let link = "<p style=\"font-size:12px;color:#777\"><a href=\"\(HTMLEscaping.escape(url))\">\(HTMLEscaping.escape(label))</a></p>"
            if let end = body.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
                html = body.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: link)
            } else {
                html = body + link
            }
        }
        return RenderedMessage(kind: kind, subject: subject, html: html, text: text, warnings: warnings)
    }
}

/// The five characters that matter in HTML text and attribute values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

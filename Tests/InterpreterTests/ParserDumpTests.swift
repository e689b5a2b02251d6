import Testing
@testable import Interpreter

/// A compact S-expression form of the AST, with every node's `@line:column`, so tests can
/// compare whole trees with what CPython's `ast` module gives for the same source.
enum ASTDump {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func at(_ location: Interpreter.SourceLocation) -> String { "@\(location.line):\(location.column)" }

    static func optional(_ expression: Expr?) -> String { expression.map(dump) ?? "_" }

    static func parameters(_ parameters: Parameters) -> String {
        var out: [String] = []
        for parameter in parameters.positional {
            out.append(parameter.name + (parameter.defaultValue.map { "=" + dump($0) } ?? ""))
        }
        if let varArgs = parameters.varArgs {
            out.append("*" + varArgs)
        } else if !parameters.keywordOnly.isEmpty {
            out.append("*")
        }
        for parameter in parameters.keywordOnly {
            out.append(parameter.name + (parameter.defaultValue.map { "=" + dump($0) } ?? ""))
        }
        if let varKeywords = parameters.varKeywords { out.append("**" + varKeywords) }
        return "(" + out.joined(separator: " ") + ")"
    }

    static func comprehensions(_ clauses: [Comprehension]) -> String {
        clauses.map { clause in
            "(for \(dump(clause.target)) \(dump(clause.iterable))"
                + clause.conditions.map { " (if \(dump($0)))" }.joined() + ")"
        }.joined(separator: " ")
    }

    static func parts(_ parts: [FStringPart]) -> [String] {
        parts.map { part in
            switch part {
            case .literal(let text):
                return quoted(text)
            case .field(let value, let conversion, let spec):
                let conversionText = conversion.map { "!\($0)" } ?? ""
                let specText = spec.map { ":(" + Self.parts($0).joined(separator: " ") + ")" } ?? ""
                return "{" + dump(value) + conversionText + specText + "}"
            }
        }
    }

    static func list(_ items: [Expr]) -> String { items.map { " " + dump($0) }.joined() }

    static func dump(_ expression: Expr) -> String {
        let body: String
        switch expression.kind {
        case .int(let value): body = "\(value)"
        case .bigInt(let value): body = "big:\(value)"
        case .float(let value): body = "\(value)"
        case .imaginary(let value): body = "\(value)j"
        case .string(let text): body = quoted(text)
        case .formattedString(let items): body = "(f " + parts(items).joined(separator: " ") + ")"
        case .bool(let value): body = value ? "True" : "False"
        case .none: body = "None"
        case .ellipsis: body = "..."
        case .name(let name): body = name
        case .attribute(let value, let name): body = "(. \(dump(value)) \(name))"
        case .subscript(let value, let index): body = "([] \(dump(value)) \(dump(index)))"
        case .slice(let lower, let upper, let step): body = "(: \(optional(lower)) \(optional(upper)) \(optional(step)))"
        case .call(let function, let arguments):
            let items = arguments.map { argument -> String in
                switch argument {
                case .positional(let value): return " " + dump(value)
                case .star(let value): return " *" + dump(value)
                case .keyword(let name, let value): return " \(name)=" + dump(value)
                case .doubleStar(let value): return " **" + dump(value)
                }
            }
            body = "(call \(dump(function))\(items.joined()))"
        case .binary(let op, let left, let right): body = "(\(op.rawValue) \(dump(left)) \(dump(right)))"
        case .unary(let op, let operand): body = "(\(op.rawValue) \(dump(operand)))"
        case .and(let values): body = "(and" + list(values) + ")"
        case .or(let values): body = "(or" + list(values) + ")"
        case .compare(let left, let pairs):
            body = "(cmp \(dump(left))" + pairs.map { " \($0.0.rawValue) \(dump($0.1))" }.joined() + ")"
        case .conditional(let test, let thenValue, let orElse): body = "(ifexp \(dump(test)) \(dump(thenValue)) \(dump(orElse)))"
        case .lambda(let parameters, let value): body = "(lambda \(Self.parameters(parameters)) \(dump(value)))"
        case .tuple(let items): body = "(tuple" + list(items) + ")"
        case .list(let items): body = "(list" + list(items) + ")"
        case .set(let items): body = "(set" + list(items) + ")"
        case .dict(let items):
            body = "(dict" + items.map { item -> String in
                switch item {
                case .pair(let key, let value): return " " + dump(key) + ":" + dump(value)
                case .unpack(let value): return " **" + dump(value)
                }
            }.joined() + ")"
        case .starred(let value): body = "(* \(dump(value)))"
        case .listComprehension(let element, let clauses): body = "(listcomp \(dump(element)) \(comprehensions(clauses)))"
        case .setComprehension(let element, let clauses): body = "(setcomp \(dump(element)) \(comprehensions(clauses)))"
        case .generator(let element, let clauses): body = "(genexp \(dump(element)) \(comprehensions(clauses)))"
        case .dictComprehension(let key, let value, let clauses):
            body = "(dictcomp \(dump(key)) \(dump(value)) \(comprehensions(clauses)))"
        case .yield(let value): body = "(yield \(optional(value)))"
        case .yieldFrom(let value): body = "(yieldfrom \(dump(value)))"
        case .namedExpr(let name, let value): body = "(:= \(name) \(dump(value)))"
        }
        return body + at(expression.location)
    }

    static func block(_ statements: [Stmt]) -> String {
        "[" + statements.map(dump).joined(separator: " ") + "]"
    }

    static func imports(_ names: [ImportName]) -> String {
        names.map { $0.name + ($0.asName.map { " as " + $0 } ?? "") }.joined(separator: " ")
    }

    static func dump(_ statement: Stmt) -> String {
        let body: String
        switch statement.kind {
        case .expression(let value): body = "(expr \(dump(value)))"
        case .assign(let targets, let value): body = "(= \(targets.map(dump).joined(separator: " ")) \(dump(value)))"
        case .augmentedAssign(let target, let op, let value): body = "(\(op.rawValue)= \(dump(target)) \(dump(value)))"
        case .annotatedAssign(let target, let annotation, let value): body = "(ann \(dump(target)) \(dump(annotation)) \(optional(value)))"
        case .delete(let targets): body = "(del \(targets.map(dump).joined(separator: " ")))"
        case .pass: body = "pass"
        case .break: body = "break"
        case .continue: body = "continue"
        case .return(let value): body = "(return \(optional(value)))"
        case .if(let test, let thenBody, let orElse): body = "(if \(dump(test)) \(block(thenBody)) \(block(orElse)))"
        case .while(let test, let loopBody, let orElse): body = "(while \(dump(test)) \(block(loopBody)) \(block(orElse)))"
        case .for(let target, let iterable, let loopBody, let orElse):
            body = "(for \(dump(target)) \(dump(iterable)) \(block(loopBody)) \(block(orElse)))"
        case .try(let tryBody, let handlers, let orElse, let final):
            let handlerText = handlers.map {
                "(except \(optional($0.type)) \($0.name ?? "_") \(block($0.body)))" + at($0.location)
            }.joined(separator: " ")
            body = "(try \(block(tryBody)) [\(handlerText)] \(block(orElse)) \(block(final)))"
        case .raise(let exception, let cause): body = "(raise \(optional(exception)) \(optional(cause)))"
        case .with(let items, let withBody):
            body = "(with \(items.map { "(\(dump($0.context)) \(optional($0.target)))" }.joined(separator: " ")) \(block(withBody)))"
        case .functionDef(let function):
            body = "(def \(function.name) \(parameters(function.parameters)) \(block(function.body))"
                + (function.isGenerator ? " gen" : "") + " [\(function.decorators.map(dump).joined(separator: " "))])"
        case .classDef(let classDef):
            body = "(class \(classDef.name) (\(classDef.bases.map(dump).joined(separator: " "))) \(block(classDef.body)) [\(classDef.decorators.map(dump).joined(separator: " "))])"
        case .global(let names): body = "(global \(names.joined(separator: " ")))"
        case .nonlocal(let names): body = "(nonlocal \(names.joined(separator: " ")))"
        case .assert(let test, let message): body = "(assert \(dump(test)) \(optional(message)))"
        case .import(let names): body = "(import \(imports(names)))"
        case .importFrom(let module, let names): body = "(from \(module) \(imports(names)))"
        }
        return body + at(statement.location)
    }

    static func dump(_ statements: [Stmt]) -> String {
        statements.map(dump).joined(separator: " ")
    }

    /// Parses `source` and dumps it, or describes the error.
    static func parse(_ source: String) -> String {
        do {
            return dump(try PythonParser.parse(source))
        } catch {
            return "\(error.kind.rawValue): \(error.message) @\(error.line):\(error.offset)"
        }
    }
}

@Test func dumpShowsNodesWithLocations() {
    #expect(ASTDump.parse("x = 1") == "(= x@1:0 1@1:4)@1:0")
}

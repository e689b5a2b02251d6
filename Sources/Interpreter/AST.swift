import BigInt

// The abstract syntax tree: the only contract between the parser and the evaluator.
// Shaped after CPython's `Python.asdl`, reduced to the subset TapeLab runs.

/// A position in a cell's source: 1-based line, 0-based column (as CPython counts them).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// An expression node and where it starts.
public struct Expr: Sendable {
    public var kind: ExprKind
    public var location: SourceLocation

    public init(_ kind: ExprKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public indirect enum ExprKind: Sendable {
    /// An integer literal that fits in `Int`.
    case int(Int)
    /// An integer literal too large for `Int`.
    case bigInt(BigInt)
    case float(Double)
    /// An imaginary literal (`1.5j`): the imaginary part.
    case imaginary(Double)
    /// A string literal; adjacent literals are already concatenated.
    case string(String)
    /// An f-string (possibly concatenated with plain literals).
    case formattedString([FStringPart])
    case bool(Bool)
    case none
    case ellipsis
    case name(String)
    /// `value.name`
    case attribute(Expr, String)
    /// `value[index]`; `a[1:2, 3]` has a `.tuple` index of `.slice` and `.int`.
    case `subscript`(Expr, Expr)
    /// `lower:upper:step`, only as (part of) a subscript index.
    case slice(lower: Expr?, upper: Expr?, step: Expr?)
    case call(Expr, [CallArgument])
    case binary(BinaryOperator, Expr, Expr)
    case unary(UnaryOperator, Expr)
    /// `a and b`: the operands, left to right (at least two).
    case and([Expr])
    /// `a or b`: the operands, left to right (at least two).
    case or([Expr])
    /// `a < b <= c`: the first operand and each following operator with its right operand.
    case compare(Expr, [(CompareOperator, Expr)])
    /// `body if test else orElse`
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(Parameters, Expr)
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    case dict([DictItem])
    /// `*value` inside a display, a call's arguments are `CallArgument.star` instead.
    case starred(Expr)
    case listComprehension(Expr, [Comprehension])
    case setComprehension(Expr, [Comprehension])
    case dictComprehension(key: Expr, value: Expr, [Comprehension])
    case generator(Expr, [Comprehension])
    case yield(Expr?)
    case yieldFrom(Expr)
    /// `name := value`
    case namedExpr(String, Expr)
}

public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", matrixMultiply = "@", divide = "/"
    case floorDivide = "//", modulo = "%", power = "**"
    case leftShift = "<<", rightShift = ">>", bitOr = "|", bitXor = "^", bitAnd = "&"
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-", plus = "+", invert = "~", not = "not"
}

public enum CompareOperator: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `is` = "is", isNot = "is not", `in` = "in", notIn = "not in"
}

/// One argument of a call, in source order.
public enum CallArgument: Sendable {
    case positional(Expr)
    /// `*iterable`
    case star(Expr)
    case keyword(String, Expr)
    /// `**mapping`
    case doubleStar(Expr)
}

public enum DictItem: Sendable {
    case pair(Expr, Expr)
    /// `**mapping`
    case unpack(Expr)
}

/// `for target in iterable if condition…` inside a comprehension.
public struct Comprehension: Sendable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]

    public init(target: Expr, iterable: Expr, conditions: [Expr]) {
        self.target = target
        self.iterable = iterable
        self.conditions = conditions
    }
}

/// A piece of an f-string. `f"{x=}"` is already rewritten as the literal `x=` and a field with `!r`.
public enum FStringPart: Sendable {
    case literal(String)
    /// `{value!conversion:spec}`; `conversion` is `s`, `r` or `a`; `spec` may itself hold fields.
    case field(Expr, conversion: Character?, spec: [FStringPart]?)
}

/// The parameters of a `def` or `lambda`.
public struct Parameters: Sendable {
    public struct Parameter: Sendable {
        public var name: String
        public var defaultValue: Expr?

        public init(name: String, defaultValue: Expr? = nil) {
            self.name = name
            self.defaultValue = defaultValue
        }
    }

    /// Parameters before `*` (positional-only ones, before `/`, are included here).
    public var positional: [Parameter]
    /// `*args`
    public var varArgs: String?
    /// Parameters after `*` or `*args`.
    public var keywordOnly: [Parameter]
    /// `**kwargs`
    public var varKeywords: String?

    public init(positional: [Parameter] = [], varArgs: String? = nil,
                keywordOnly: [Parameter] = [], varKeywords: String? = nil) {
        self.positional = positional
        self.varArgs = varArgs
        self.keywordOnly = keywordOnly
        self.varKeywords = varKeywords
    }
}

/// A statement node and where it starts.
public struct Stmt: Sendable {
    public var kind: StmtKind
    public var location: SourceLocation

    public init(_ kind: StmtKind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public indirect enum StmtKind: Sendable {
    case expression(Expr)
    /// `a = b = value`: every target, left to right.
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, BinaryOperator, value: Expr)
    /// `target: annotation = value`
    case annotatedAssign(target: Expr, annotation: Expr, value: Expr?)
    case delete([Expr])
    case pass
    case `break`
    case `continue`
    case `return`(Expr?)
    /// `elif` is an `if` alone in `orElse`.
    case `if`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
    /// `raise`, `raise exc`, `raise exc from cause`
    case raise(Expr?, cause: Expr?)
    case with([WithItem], body: [Stmt])
    case functionDef(FunctionDef)
    case classDef(ClassDef)
    case global([String])
    case nonlocal([String])
    case assert(Expr, message: Expr?)
    /// `import a.b as c, d`
    case `import`([ImportName])
    /// `from module import a as b, c` (`*` is the name `*`)
    case importFrom(module: String, [ImportName])
}

public struct ExceptHandler: Sendable {
    /// The class or tuple of classes; nil for a bare `except:`.
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var location: SourceLocation

    public init(type: Expr?, name: String?, body: [Stmt], location: SourceLocation) {
        self.type = type
        self.name = name
        self.body = body
        self.location = location
    }
}

public struct WithItem: Sendable {
    public var context: Expr
    public var target: Expr?

    public init(context: Expr, target: Expr?) {
        self.context = context
        self.target = target
    }
}

public struct ImportName: Sendable {
    /// Dotted module name, or the imported name for `from … import`.
    public var name: String
    public var asName: String?

    public init(name: String, asName: String?) {
        self.name = name
        self.asName = asName
    }
}

public struct FunctionDef: Sendable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    public var decorators: [Expr]
    /// True when the body (not a nested function or class) contains `yield`.
    public var isGenerator: Bool

    public init(name: String, parameters: Parameters, body: [Stmt], decorators: [Expr], isGenerator: Bool) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.decorators = decorators
        self.isGenerator = isGenerator
    }
}

public struct ClassDef: Sendable {
    public var name: String
    public var bases: [Expr]
    public var body: [Stmt]
    public var decorators: [Expr]

    public init(name: String, bases: [Expr], body: [Stmt], decorators: [Expr]) {
        self.name = name
        self.bases = bases
        self.body = body
        self.decorators = decorators
    }
}

/// A syntax error found by the tokenizer or parser: CPython's class name and message, and where.
public struct SyntaxErrorInfo: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case syntaxError = "SyntaxError"
        case indentationError = "IndentationError"
        case tabError = "TabError"
    }

    public var kind: Kind
    public var message: String
    public var line: Int
    /// 1-based column of the caret, as CPython's `offset`.
    public var offset: Int

    public init(_ kind: Kind = .syntaxError, _ message: String, line: Int, offset: Int) {
        self.kind = kind
        self.message = message
        self.line = line
        self.offset = offset
    }
}

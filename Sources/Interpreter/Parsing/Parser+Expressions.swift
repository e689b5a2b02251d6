/// Binding strength of the operators `Parser.operators(_:)` handles, loosest first.
enum Precedence {
    static let or = 1, and = 2, not = 3, comparison = 4, bitOr = 5, bitXor = 6, bitAnd = 7
    static let shift = 8, sum = 9, term = 10
}

// Expressions: CPython's `expressions` through `atom` rules.
extension Parser {
    /// Whether a token can begin an expression (for hints such as a forgotten comma).
    mutating func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .string, .leftParen, .leftBracket, .leftBrace, .minus, .plus, .tilde,
             .kwNot, .kwLambda, .kwNone, .kwTrue, .kwFalse, .ellipsis, .kwAwait:
            return true
        default:
            return false
        }
    }

    /// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ',' | star_expression
    mutating func starExpressions() throws -> Expr {
        let start = location(current)
        let first = try starExpression()
        if kind != .comma { return first }
        var items = [first]
        var childDepth = lastDepth
        while accept(.comma) {
            if !startsExpression(kind) && kind != .star { break }
            items.append(try starExpression())
            childDepth = max(childDepth, lastDepth)
        }
        return try node(.tuple(items), start, childDepth)
    }

    /// `yield_expr | star_expressions`, the right-hand side of an assignment.
    mutating func starExpressionsOrYield() throws -> Expr {
        if kind == .kwYield { return try yieldExpression() }
        return try starExpressions()
    }

    /// star_expression: '*' bitwise_or | expression
    mutating func starExpression() throws -> Expr {
        if kind == .star { return try starred() }
        return try expression()
    }

    /// star_named_expression: '*' bitwise_or | named_expression
    mutating func starNamedExpression() throws -> Expr {
        if kind == .star { return try starred() }
        return try namedExpression()
    }

    /// `'*' bitwise_or`, an element unpacked into a display or target list.
    @inline(never)
    mutating func starred() throws -> Expr {
        let token = current
        advance()
        let value = try operators(Precedence.bitOr)
        return try node(.starred(value), location(token), lastDepth)
    }

    /// named_expression: assignment_expression | expression !':='
    ///
    /// With `hint`, an `=` after the expression gets CPython's `invalid_named_expression`
    /// message; call arguments give their own instead.
    mutating func namedExpression(hint: Bool = true) throws -> Expr {
        if kind == .name && peekKind(1) == .colonEqual { return try assignmentExpression() }
        let value = try expression()
        if kind == .colonEqual || (hint && kind == .equal) { throw misplacedAssignment(value) }
        return value
    }

    /// assignment_expression: NAME ':=' ~ expression
    @inline(never)
    mutating func assignmentExpression() throws -> Expr {
        let token = current
        advance()
        advance()
        let value = try expression()
        return try node(.namedExpr(identifier(token), value), location(token), lastDepth)
    }

    /// The error for `:=` or `=` after an expression where neither belongs.
    @inline(never)
    mutating func misplacedAssignment(_ value: Expr) -> SyntaxErrorInfo {
        if kind == .colonEqual {
            return error("cannot use assignment expressions with \(expressionName(value))", at: value.location)
        }
        switch value.kind {
        case .name:
            return error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", at: value.location)
        case .list, .tuple, .generator, .bool, .none, .compare, .and, .or, .conditional, .lambda, .namedExpr, .unary(.not, _):
            return invalidSyntax()
        default:
            return error("cannot assign to \(expressionName(value)) here. Maybe you meant '==' instead of '='?", at: value.location)
        }
    }

    /// expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef
    mutating func expression() throws -> Expr {
        try enter()
        defer { leave() }
        if kind == .kwLambda { return try lambda() }
        let start = location(current)
        let body = try operators(Precedence.or)
        guard kind == .kwIf else { return body }
        return try conditional(body, start: start)
    }

    /// The rest of `body 'if' disjunction 'else' expression`, from the `if`.
    @inline(never)
    mutating func conditional(_ body: Expr, start: SourceLocation) throws -> Expr {
        let bodyDepth = lastDepth
        advance()
        let test = try operators(Precedence.or)
        let testDepth = lastDepth
        if !accept(.kwElse) {
            if kind == .colon { throw invalidSyntax() }
            throw error("expected 'else' after 'if' expression", at: body.location)
        }
        let orElse = try expression()
        return try node(.conditional(test: test, body: body, orElse: orElse), start,
                        max(bodyDepth, testDepth, lastDepth))
    }

    /// lambdef: 'lambda' [lambda_params] ':' expression
    @inline(never)
    mutating func lambda() throws -> Expr {
        let token = current
        advance()
        let parameters = try parameterList(closing: .colon)
        try expect(.colon)
        let outer = (inLambda, sawYield)
        inLambda = true
        let body = try expression()
        (inLambda, sawYield) = outer
        return try node(.lambda(parameters, body), location(token), lastDepth)
    }

    /// The infix operator `kind` starts, with its precedence (0 if none).
    mutating func infix(_ kind: TokenKind) -> Int {
        switch kind {
        case .kwOr: return Precedence.or
        case .kwAnd: return Precedence.and
        case .less, .greater, .equalEqual, .notEqual, .lessEqual, .greaterEqual, .kwIn, .kwIs:
            return Precedence.comparison
        case .kwNot: return peekKind(1) == .kwIn ? Precedence.comparison : 0
        case .vbar: return Precedence.bitOr
        case .circumflex: return Precedence.bitXor
        case .amper: return Precedence.bitAnd
        case .leftShift, .rightShift: return Precedence.shift
        case .plus, .minus: return Precedence.sum
        case .star, .slash, .doubleSlash, .percent, .at: return Precedence.term
        default: return 0
        }
    }

    mutating func binaryOperator(_ kind: TokenKind) -> BinaryOperator {
        switch kind {
        case .vbar: return .bitOr
        case .circumflex: return .bitXor
        case .amper: return .bitAnd
        case .leftShift: return .leftShift
        case .rightShift: return .rightShift
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .doubleSlash: return .floorDivide
        case .percent: return .modulo
        default: return .matrixMultiply
        }
    }

    /// compare_op_bitwise_or_pair: the comparison operator at the current token, consumed.
    mutating func comparisonOperator() -> CompareOperator? {
        let op: CompareOperator
        switch kind {
        case .less: op = .less
        case .greater: op = .greater
        case .equalEqual: op = .equal
        case .notEqual: op = .notEqual
        case .lessEqual: op = .lessEqual
        case .greaterEqual: op = .greaterEqual
        case .kwIn: op = .in
        case .kwIs:
            if peekKind(1) == .kwNot {
                advance()
                op = .isNot
            } else {
                op = .is
            }
        case .kwNot:
            guard peekKind(1) == .kwIn else { return nil }
            advance()
            op = .notIn
        default: return nil
        }
        advance()
        return op
    }

    /// disjunction: conjunction ('or' conjunction)+ | conjunction
    /// conjunction: inversion ('and' inversion)+ | inversion
    /// inversion: 'not' inversion | comparison
    /// comparison: bitwise_or compare_op_bitwise_or_pair+ | bitwise_or
    /// bitwise_or: bitwise_or '|' bitwise_xor | bitwise_xor
    /// bitwise_xor: bitwise_xor '^' bitwise_and | bitwise_and
    /// bitwise_and: bitwise_and '&' shift_expr | shift_expr
    /// shift_expr: shift_expr '<<' sum | shift_expr '>>' sum | sum
    /// sum: sum '+' term | sum '-' term | term
    /// term: term '*' factor | term '/' factor | term '//' factor | term '%' factor | term '@' factor | factor
    ///
    /// All ten rules in one precedence-climbing loop: parsing `((x))` then costs a handful of
    /// stack frames per bracket instead of one per rule, and long chains (`1+1+…`, `not not …`)
    /// are loops, not recursion. `minimum` is the loosest rule allowed (a `Precedence`).
    mutating func operators(_ minimum: Int) throws -> Expr {
        // Nodes start where their first token does, even when that is a bracket around the
        // left operand (CPython's locations do the same).
        let start = location(current)
        var left: Expr
        if kind == .kwNot && minimum <= Precedence.not {
            left = try inversion()
        } else {
            left = try factor()
        }
        while true {
            let operatorKind = kind
            let precedence = infix(operatorKind)
            if precedence == 0 || precedence < minimum { break }
            if precedence <= Precedence.comparison {
                left = try booleanOrComparison(left, start: start, precedence: precedence)
            } else {
                let leftDepth = lastDepth
                advance()
                let right = try operators(precedence + 1)
                left = try node(.binary(binaryOperator(operatorKind), left, right), start, max(leftDepth, lastDepth))
            }
        }
        return left
    }

    /// inversion: 'not' inversion | comparison (a run of `not`s is read in a loop)
    @inline(never)
    mutating func inversion() throws -> Expr {
        var nots: [Token] = []
        while kind == .kwNot {
            nots.append(current)
            advance()
        }
        var operand = try operators(Precedence.comparison)
        for token in nots.reversed() {
            operand = try node(.unary(.not, operand), location(token), lastDepth)
        }
        return operand
    }

    /// The `or`, `and` or comparison chain continuing from `left`.
    @inline(never)
    mutating func booleanOrComparison(_ left: Expr, start: SourceLocation, precedence: Int) throws -> Expr {
        var childDepth = lastDepth
        if precedence == Precedence.comparison {
            var pairs: [(CompareOperator, Expr)] = []
            while let op = comparisonOperator() {
                pairs.append((op, try operators(Precedence.bitOr)))
                childDepth = max(childDepth, lastDepth)
            }
            return try node(.compare(left, pairs), start, childDepth)
        }
        let operatorKind = kind
        var operands = [left]
        while kind == operatorKind {
            advance()
            operands.append(try operators(precedence + 1))
            childDepth = max(childDepth, lastDepth)
        }
        return try node(operatorKind == .kwOr ? .or(operands) : .and(operands), start, childDepth)
    }

    /// factor: '+' factor | '-' factor | '~' factor | power
    /// power: await_primary '**' factor | await_primary
    ///
    /// Runs of unary operators and `**` chains are read in a loop and folded afterwards.
    mutating func factor() throws -> Expr {
        if kind != .minus && kind != .plus && kind != .tilde {
            let start = location(current)
            let base = try primary()
            if kind != .doubleStar { return base }
            return try powerChain(first: (start, base, lastDepth))
        }
        return try powerChain(first: nil)
    }

    /// The general form of `factor`: `-a ** -b ** c` and the like, `first` being a primary
    /// already read before a `**`.
    @inline(never)
    mutating func powerChain(first: (SourceLocation, Expr, Int)?) throws -> Expr {
        var segments: [(operators: [Token], start: SourceLocation, operand: Expr, depth: Int)] = []
        if let first {
            segments.append(([], first.0, first.1, first.2))
            advance()
        }
        while true {
            var prefix: [Token] = []
            while kind == .minus || kind == .plus || kind == .tilde {
                prefix.append(current)
                advance()
            }
            let start = location(current)
            let operand = try primary()
            segments.append((prefix, start, operand, lastDepth))
            if !accept(.doubleStar) { break }
        }
        var index = segments.count - 1
        var result = segments[index].operand
        var resultDepth = segments[index].depth
        while true {
            for token in segments[index].operators.reversed() {
                let op: UnaryOperator = token.kind == .minus ? .negate : token.kind == .plus ? .plus : .invert
                result = try node(.unary(op, result), location(token), resultDepth)
                resultDepth = lastDepth
            }
            if index == 0 { break }
            index -= 1
            let base = segments[index]
            result = try node(.binary(.power, base.operand, result), base.start, max(base.depth, resultDepth))
            resultDepth = lastDepth
        }
        lastDepth = resultDepth
        return result
    }
}

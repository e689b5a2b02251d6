/// Binding strength of the operators `Parser.operators(_:)` handles, loosest first.
enum Precedence {
    static let or = 1, and = 2, not = 3, comparison = 4, bitOr = 5, bitXor = 6, bitAnd = 7
    static let shift = 8, sum = 9, term = 10
}

// Expressions: CPython's `expressions` through `atom` rules.
extension Parser {
    /// Whether a token can begin an expression (for hints such as a forgotten comma).
    func startsExpression(_ kind: TokenKind) -> Bool {
        switch kind {
        case .name, .number, .string, .leftParen, .leftBracket, .leftBrace, .minus, .plus, .tilde,
             .kwNot, .kwLambda, .kwNone, .kwTrue, .kwFalse, .ellipsis, .kwAwait:
            return true
        default:
            return false
        }
    }

    /// star_expressions: star_expression (',' star_expression)+ [','] | star_expression ',' | star_expression
    mutating func starExpressions() throws(SyntaxErrorInfo) -> Expr {
        let first = try starExpression()
        if kind != .comma { return first }
        var items = [first]
        var childDepth = lastDepth
        while accept(.comma) {
            if !startsExpression(kind) && kind != .star { break }
            items.append(try starExpression())
            childDepth = max(childDepth, lastDepth)
        }
        return try node(.tuple(items), first.location, childDepth)
    }

    /// `yield_expr | star_expressions`, the right-hand side of an assignment.
    mutating func starExpressionsOrYield() throws(SyntaxErrorInfo) -> Expr {
        if kind == .kwYield { return try yieldExpression() }
        return try starExpressions()
    }

    /// star_expression: '*' bitwise_or | expression
    mutating func starExpression() throws(SyntaxErrorInfo) -> Expr {
        if kind == .star {
            let token = current
            advance()
            let value = try operators(Precedence.bitOr)
            return try node(.starred(value), location(token), lastDepth)
        }
        return try expression()
    }

    /// star_named_expression: '*' bitwise_or | named_expression
    mutating func starNamedExpression() throws(SyntaxErrorInfo) -> Expr {
        if kind == .star {
            let token = current
            advance()
            let value = try operators(Precedence.bitOr)
            return try node(.starred(value), location(token), lastDepth)
        }
        return try namedExpression()
    }

    /// named_expression: assignment_expression | expression !':='
    /// assignment_expression: NAME ':=' ~ expression
    mutating func namedExpression() throws(SyntaxErrorInfo) -> Expr {
        let value = try namedExpressionWithoutHint()
        if kind == .equal {
            switch value.kind {
            case .name:
                throw error("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", at: value.location)
            case .list, .tuple, .generator, .bool, .none, .compare, .and, .or, .conditional, .lambda, .namedExpr:
                break
            case .unary(.not, _):
                break
            default:
                throw error("cannot assign to \(expressionName(value)) here. Maybe you meant '==' instead of '='?", at: value.location)
            }
        }
        return value
    }

    /// named_expression without CPython's hint for `=` (call arguments give their own).
    mutating func namedExpressionWithoutHint() throws(SyntaxErrorInfo) -> Expr {
        if kind == .name && peekKind(1) == .colonEqual {
            let token = current
            advance()
            advance()
            let value = try expression()
            return try node(.namedExpr(identifier(token), value), location(token), lastDepth)
        }
        let value = try expression()
        if kind == .colonEqual {
            throw error("cannot use assignment expressions with \(expressionName(value))", at: value.location)
        }
        return value
    }

    /// expression: disjunction 'if' disjunction 'else' expression | disjunction | lambdef
    mutating func expression() throws(SyntaxErrorInfo) -> Expr {
        try enter()
        defer { leave() }
        if kind == .kwLambda { return try lambda() }
        let body = try operators(Precedence.or)
        guard kind == .kwIf else { return body }
        let bodyDepth = lastDepth
        advance()
        let test = try operators(Precedence.or)
        let testDepth = lastDepth
        if !accept(.kwElse) {
            if kind == .colon { throw invalidSyntax() }
            throw error("expected 'else' after 'if' expression", at: body.location)
        }
        let orElse = try expression()
        return try node(.conditional(test: test, body: body, orElse: orElse), body.location,
                        max(bodyDepth, testDepth, lastDepth))
    }

    /// lambdef: 'lambda' [lambda_params] ':' expression
    mutating func lambda() throws(SyntaxErrorInfo) -> Expr {
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
    func infix(_ kind: TokenKind) -> Int {
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

    func binaryOperator(_ kind: TokenKind) -> BinaryOperator {
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
    mutating func operators(_ minimum: Int) throws(SyntaxErrorInfo) -> Expr {
        var left: Expr
        var leftDepth: Int
        if kind == .kwNot && minimum <= Precedence.not {
            var nots: [Token] = []
            while kind == .kwNot {
                nots.append(current)
                advance()
            }
            left = try operators(Precedence.comparison)
            leftDepth = lastDepth
            for token in nots.reversed() {
                left = try node(.unary(.not, left), location(token), leftDepth)
                leftDepth = lastDepth
            }
        } else {
            left = try factor()
            leftDepth = lastDepth
        }
        while true {
            let operatorKind = kind
            let precedence = infix(operatorKind)
            if precedence == 0 || precedence < minimum { break }
            switch precedence {
            case Precedence.or, Precedence.and:
                var operands = [left]
                var childDepth = leftDepth
                while kind == operatorKind {
                    advance()
                    operands.append(try operators(precedence + 1))
                    childDepth = max(childDepth, lastDepth)
                }
                left = try node(operatorKind == .kwOr ? .or(operands) : .and(operands), left.location, childDepth)
            case Precedence.comparison:
                var pairs: [(CompareOperator, Expr)] = []
                var childDepth = leftDepth
                while let op = comparisonOperator() {
                    pairs.append((op, try operators(Precedence.bitOr)))
                    childDepth = max(childDepth, lastDepth)
                }
                left = try node(.compare(left, pairs), left.location, childDepth)
            default:
                advance()
                let right = try operators(precedence + 1)
                left = try node(.binary(binaryOperator(operatorKind), left, right), left.location, max(leftDepth, lastDepth))
            }
            leftDepth = lastDepth
        }
        lastDepth = leftDepth
        return left
    }

    /// factor: '+' factor | '-' factor | '~' factor | power
    /// power: await_primary '**' factor | await_primary
    ///
    /// Runs of unary operators and `**` chains are read in a loop and folded afterwards.
    mutating func factor() throws(SyntaxErrorInfo) -> Expr {
        if kind != .minus && kind != .plus && kind != .tilde {
            let base = try primary()
            if kind != .doubleStar { return base }
            return try powerChain(first: (base, lastDepth))
        }
        return try powerChain(first: nil)
    }

    /// The general form of `factor`: `-a ** -b ** c` and the like, `first` being a primary
    /// already read before a `**`.
    mutating func powerChain(first: (Expr, Int)?) throws(SyntaxErrorInfo) -> Expr {
        var segments: [(operators: [Token], operand: Expr, depth: Int)] = []
        if let first {
            segments.append(([], first.0, first.1))
            advance()
        }
        while true {
            var prefix: [Token] = []
            while kind == .minus || kind == .plus || kind == .tilde {
                prefix.append(current)
                advance()
            }
            let operand = try primary()
            segments.append((prefix, operand, lastDepth))
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
            result = try node(.binary(.power, base.operand, result), base.operand.location, max(base.depth, resultDepth))
            resultDepth = lastDepth
        }
        lastDepth = resultDepth
        return result
    }
}

// Primaries and atoms: CPython's `primary`, `atom`, displays, comprehensions, calls and slices.
extension Parser {
    /// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom
    mutating func primary() throws(SyntaxErrorInfo) -> Expr {
        var value = try atom()
        var valueDepth = lastDepth
        while true {
            switch kind {
            case .dot:
                advance()
                guard kind == .name else { throw invalidSyntax() }
                let name = identifier(current)
                advance()
                value = try node(.attribute(value, name), value.location, valueDepth)
            case .leftParen:
                let open = current
                advance()
                let arguments = try callArguments(open: open)
                value = try node(.call(value, arguments), value.location, max(valueDepth, lastDepth))
            case .leftBracket:
                let open = current
                advance()
                try enter()
                let index = try slices()
                leave()
                let indexDepth = lastDepth
                try closeBracket(.rightBracket, open: open, last: index)
                value = try node(.subscript(value, index), value.location, max(valueDepth, indexDepth))
            default:
                lastDepth = valueDepth
                return value
            }
            valueDepth = lastDepth
        }
    }

    /// atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER | (tuple | group | genexp)
    ///     | (list | listcomp) | (dict | set | dictcomp | setcomp) | '...'
    mutating func atom() throws(SyntaxErrorInfo) -> Expr {
        let token = current
        let start = location(token)
        switch token.kind {
        case .name:
            advance()
            return leaf(.name(identifier(token)), start)
        case .number:
            advance()
            return leaf(try numberValue(token), start)
        case .string:
            return try strings()
        case .kwTrue:
            advance()
            return leaf(.bool(true), start)
        case .kwFalse:
            advance()
            return leaf(.bool(false), start)
        case .kwNone:
            advance()
            return leaf(.none, start)
        case .ellipsis:
            advance()
            return leaf(.ellipsis, start)
        case .leftParen:
            return try parenthesised()
        case .leftBracket:
            return try listDisplay()
        case .leftBrace:
            return try braceDisplay()
        case .kwAwait:
            throw error(inFunction ? "'await' outside async function" : "'await' outside function", at: token)
        default:
            throw invalidSyntax()
        }
    }

    /// Consumes the closing bracket, or explains why it is missing: CPython's
    /// "Perhaps you forgot a comma?" when two expressions touch inside brackets.
    mutating func closeBracket(_ closing: TokenKind, open: Token, last: Expr?) throws(SyntaxErrorInfo) {
        if accept(closing) { return }
        if let last, startsExpression(kind), isDisjunction(last) {
            let previous = tokens[max(pos - 1, 0)]
            let nameThenString = previous.kind == .name && kind == .string
            if !nameThenString {
                throw error("invalid syntax. Perhaps you forgot a comma?", at: last.location)
            }
        }
        throw invalidSyntax()
    }

    /// Whether CPython's `disjunction` rule could have produced `expression` (not a lambda,
    /// conditional, starred or named expression).
    func isDisjunction(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .lambda, .conditional, .starred, .namedExpr, .yield, .yieldFrom: return false
        default: return true
        }
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    /// group: '(' (yield_expr | named_expression) ')'
    /// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
    mutating func parenthesised() throws(SyntaxErrorInfo) -> Expr {
        let open = current
        advance()
        if accept(.rightParen) { return leaf(.tuple([]), location(open)) }
        try enter()
        defer { leave() }
        if kind == .kwYield {
            let value = try yieldExpression()
            let valueDepth = lastDepth
            try closeBracket(.rightParen, open: open, last: nil)
            lastDepth = valueDepth
            return value
        }
        let first = try starNamedExpression()
        var childDepth = lastDepth
        if kind == .kwFor {
            let clauses = try comprehensionClauses()
            try closeBracket(.rightParen, open: open, last: nil)
            return try node(.generator(first, clauses), location(open), max(childDepth, lastDepth))
        }
        if kind == .rightParen {
            advance()
            if case .starred = first.kind {
                throw error("cannot use starred expression here", at: first.location)
            }
            lastDepth = childDepth
            return first
        }
        var items = [first]
        if kind == .comma {
            while accept(.comma) {
                if kind == .rightParen { break }
                items.append(try starNamedExpression())
                childDepth = max(childDepth, lastDepth)
            }
        }
        try closeBracket(.rightParen, open: open, last: items.last)
        return try node(.tuple(items), location(open), childDepth)
    }

    /// list: '[' [star_named_expressions] ']'
    /// listcomp: '[' named_expression for_if_clauses ']'
    mutating func listDisplay() throws(SyntaxErrorInfo) -> Expr {
        let open = current
        advance()
        if accept(.rightBracket) { return leaf(.list([]), location(open)) }
        try enter()
        defer { leave() }
        let first = try starNamedExpression()
        var childDepth = lastDepth
        if kind == .kwFor {
            let clauses = try comprehensionClauses()
            try closeBracket(.rightBracket, open: open, last: nil)
            return try node(.listComprehension(first, clauses), location(open), max(childDepth, lastDepth))
        }
        var items = [first]
        while accept(.comma) {
            if kind == .rightBracket { break }
            items.append(try starNamedExpression())
            childDepth = max(childDepth, lastDepth)
        }
        try closeBracket(.rightBracket, open: open, last: items.last)
        return try node(.list(items), location(open), childDepth)
    }

    /// dict: '{' [double_starred_kvpairs] '}'
    /// set: '{' star_named_expressions '}'
    /// dictcomp: '{' kvpair for_if_clauses '}'
    /// setcomp: '{' named_expression for_if_clauses '}'
    mutating func braceDisplay() throws(SyntaxErrorInfo) -> Expr {
        let open = current
        advance()
        if accept(.rightBrace) { return leaf(.dict([]), location(open)) }
        try enter()
        defer { leave() }
        if kind == .doubleStar {
            return try dictDisplay(open: open, first: nil)
        }
        let first = try starNamedExpression()
        var childDepth = lastDepth
        if kind == .colon {
            if case .starred = first.kind { throw invalidSyntax() }
            return try dictDisplay(open: open, first: (first, childDepth))
        }
        if kind == .kwFor {
            let clauses = try comprehensionClauses()
            try closeBracket(.rightBrace, open: open, last: nil)
            return try node(.setComprehension(first, clauses), location(open), max(childDepth, lastDepth))
        }
        var items = [first]
        while accept(.comma) {
            if kind == .rightBrace { break }
            items.append(try starNamedExpression())
            childDepth = max(childDepth, lastDepth)
        }
        try closeBracket(.rightBrace, open: open, last: items.last)
        return try node(.set(items), location(open), childDepth)
    }

    /// double_starred_kvpair: '**' bitwise_or | kvpair
    /// kvpair: expression ':' expression
    mutating func dictDisplay(open: Token, first: (Expr, Int)?) throws(SyntaxErrorInfo) -> Expr {
        var items: [DictItem] = []
        var childDepth = 0
        var lastValue: Expr? = nil
        if let (key, keyDepth) = first {
            try expect(.colon)
            let value = try expression()
            childDepth = max(keyDepth, lastDepth)
            if kind == .kwFor {
                let clauses = try comprehensionClauses()
                try closeBracket(.rightBrace, open: open, last: nil)
                return try node(.dictComprehension(key: key, value: value, clauses), location(open), max(childDepth, lastDepth))
            }
            items.append(.pair(key, value))
            lastValue = value
            if !accept(.comma) {
                try closeBracket(.rightBrace, open: open, last: lastValue)
                return try node(.dict(items), location(open), childDepth)
            }
        }
        while kind != .rightBrace {
            if accept(.doubleStar) {
                let value = try operators(Precedence.bitOr)
                items.append(.unpack(value))
                lastValue = value
            } else {
                let key = try expression()
                childDepth = max(childDepth, lastDepth)
                if kind != .colon {
                    try closeBracket(.colon, open: open, last: key)
                }
                advance()
                let value = try expression()
                items.append(.pair(key, value))
                lastValue = value
            }
            childDepth = max(childDepth, lastDepth)
            if !accept(.comma) { break }
        }
        try closeBracket(.rightBrace, open: open, last: lastValue)
        return try node(.dict(items), location(open), childDepth)
    }

    /// for_if_clauses: for_if_clause+
    /// for_if_clause: 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
    mutating func comprehensionClauses() throws(SyntaxErrorInfo) -> [Comprehension] {
        var clauses: [Comprehension] = []
        var childDepth = 0
        while kind == .kwFor || kind == .kwAsync {
            if kind == .kwAsync { throw error("asynchronous comprehensions are not supported", at: current) }
            advance()
            let target = try targetList(context: .forLoop)
            childDepth = max(childDepth, lastDepth)
            if !accept(.kwIn) { throw invalidSyntax() }
            let iterable = try operators(Precedence.or)
            childDepth = max(childDepth, lastDepth)
            var conditions: [Expr] = []
            while accept(.kwIf) {
                conditions.append(try operators(Precedence.or))
                childDepth = max(childDepth, lastDepth)
            }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        lastDepth = childDepth
        return clauses
    }

    /// arguments: args [','] &')'
    /// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs] | kwargs
    /// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ...
    /// A generator expression may be the sole argument without its own parentheses.
    mutating func callArguments(open: Token) throws(SyntaxErrorInfo) -> [CallArgument] {
        try enter()
        defer { leave() }
        var arguments: [CallArgument] = []
        var childDepth = 0
        var sawKeyword = false
        var sawDoubleStar = false
        var keywords: [String] = []
        var last: Expr? = nil
        while kind != .rightParen {
            let token = current
            if kind == .star {
                advance()
                let value = try expression()
                if sawDoubleStar {
                    throw error("iterable argument unpacking follows keyword argument unpacking", at: token)
                }
                arguments.append(.star(value))
                last = value
            } else if kind == .doubleStar {
                advance()
                let value = try expression()
                sawDoubleStar = true
                arguments.append(.doubleStar(value))
                last = value
            } else if kind == .name && peekKind(1) == .equal {
                let name = identifier(token)
                advance()
                advance()
                let value = try expression()
                if keywords.contains(name) {
                    throw error("keyword argument repeated: \(name)", at: token)
                }
                keywords.append(name)
                sawKeyword = true
                arguments.append(.keyword(name, value))
                last = value
            } else {
                let value = try namedExpressionWithoutHint()
                if kind == .kwFor {
                    let valueDepth = lastDepth
                    let clauses = try comprehensionClauses()
                    if !arguments.isEmpty || kind != .rightParen {
                        throw error("Generator expression must be parenthesized", at: value.location)
                    }
                    let generator = try node(.generator(value, clauses), location(open), max(valueDepth, lastDepth))
                    arguments.append(.positional(generator))
                    childDepth = max(childDepth, lastDepth)
                    break
                }
                if kind == .equal {
                    switch value.kind {
                    case .bool, .none:
                        throw error("cannot assign to \(expressionName(value))", at: value.location)
                    default:
                        throw error("expression cannot contain assignment, perhaps you meant \"==\"?", at: value.location)
                    }
                }
                if sawDoubleStar {
                    throw error("positional argument follows keyword argument unpacking", at: current)
                }
                if sawKeyword {
                    throw error("positional argument follows keyword argument", at: current)
                }
                arguments.append(.positional(value))
                last = value
            }
            childDepth = max(childDepth, lastDepth)
            if !accept(.comma) { break }
        }
        try closeBracket(.rightParen, open: open, last: last)
        lastDepth = childDepth
        return arguments
    }

    /// slices: slice !',' | ','.(slice | starred_expression)+ [',']
    mutating func slices() throws(SyntaxErrorInfo) -> Expr {
        let first = try slice()
        if kind != .comma { return first }
        var items = [first]
        var childDepth = lastDepth
        while accept(.comma) {
            if kind == .rightBracket { break }
            items.append(try slice())
            childDepth = max(childDepth, lastDepth)
        }
        return try node(.tuple(items), first.location, childDepth)
    }

    /// slice: [expression] ':' [expression] [':' [expression]] | named_expression
    mutating func slice() throws(SyntaxErrorInfo) -> Expr {
        if kind == .star { return try starExpression() }
        let start = location(current)
        var lower: Expr? = nil
        var childDepth = 0
        if kind != .colon {
            let value = try namedExpression()
            if kind != .colon { return value }
            lower = value
            childDepth = lastDepth
        }
        advance()
        var upper: Expr? = nil
        var step: Expr? = nil
        if kind != .colon && kind != .comma && kind != .rightBracket {
            upper = try expression()
            childDepth = max(childDepth, lastDepth)
        }
        if accept(.colon) {
            if kind != .comma && kind != .rightBracket {
                step = try expression()
                childDepth = max(childDepth, lastDepth)
            }
        }
        return try node(.slice(lower: lower, upper: upper, step: step), start, childDepth)
    }

    /// yield_expr: 'yield' 'from' expression | 'yield' [star_expressions]
    mutating func yieldExpression() throws(SyntaxErrorInfo) -> Expr {
        let token = current
        advance()
        if inLambda {
            postpone(error("'yield' inside lambda is not supported", at: token))
        } else if !inFunction {
            postpone(error("'yield' outside function", at: token))
        }
        sawYield = true
        if accept(.kwFrom) {
            let value = try expression()
            return try node(.yieldFrom(value), location(token), lastDepth)
        }
        if !startsExpression(kind) && kind != .star {
            return leaf(.yield(nil), location(token))
        }
        let value = try starExpressions()
        return try node(.yield(value), location(token), lastDepth)
    }

    /// parameters: slash_no_default param_no_default* param_with_default* [star_etc] | …
    /// star_etc: '*' param_no_default param_maybe_default* [kwds] | '*' ',' param_maybe_default+ [kwds] | kwds
    /// kwds: '**' param_no_default
    /// (lambda_parameters: the same without annotations.)
    mutating func parameterList(closing: TokenKind) throws(SyntaxErrorInfo) -> Parameters {
        var parameters = Parameters()
        let annotated = closing == .rightParen
        var seenDefault = false
        var seenStar = false
        var seenSlash = false
        var names: [String] = []
        func note(_ name: String, _ token: Token, _ parser: inout Parser) {
            if names.contains(name) {
                parser.postpone(parser.error("duplicate argument '\(name)' in function definition", at: token))
            }
            names.append(name)
        }
        while kind != closing {
            let token = current
            switch kind {
            case .slash:
                if seenSlash { throw error("/ may appear only once", at: token) }
                if seenStar { throw error("/ must be ahead of *", at: token) }
                if parameters.positional.isEmpty { throw error("at least one argument must precede /", at: token) }
                seenSlash = true
                advance()
            case .star:
                if seenStar { throw error("* argument may appear only once", at: token) }
                seenStar = true
                advance()
                if kind == .name {
                    let nameToken = current
                    let name = try expectName()
                    note(name, nameToken, &self)
                    parameters.varArgs = name
                    if annotated && accept(.colon) { _ = try expression() }
                } else if kind == closing || (kind == .comma && (peekKind(1) == closing || peekKind(1) == .doubleStar)) {
                    throw error("named arguments must follow bare *", at: token)
                } else if kind != .comma {
                    throw invalidSyntax()
                }
            case .doubleStar:
                advance()
                let nameToken = current
                let name = try expectName()
                note(name, nameToken, &self)
                parameters.varKeywords = name
                if annotated && accept(.colon) { _ = try expression() }
                _ = accept(.comma)
                if kind != closing { throw error("arguments cannot follow var-keyword argument", at: current) }
                return parameters
            case .name:
                let name = try expectName()
                note(name, token, &self)
                if annotated && accept(.colon) { _ = try expression() }
                var defaultValue: Expr? = nil
                if accept(.equal) { defaultValue = try expression() }
                if seenStar {
                    parameters.keywordOnly.append(.init(name: name, defaultValue: defaultValue))
                } else {
                    if defaultValue == nil && seenDefault {
                        throw error("non-default argument follows default argument", at: token)
                    }
                    if defaultValue != nil { seenDefault = true }
                    parameters.positional.append(.init(name: name, defaultValue: defaultValue))
                }
            default:
                throw invalidSyntax()
            }
            if !accept(.comma) { break }
        }
        return parameters
    }
}

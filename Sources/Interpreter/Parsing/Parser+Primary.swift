// Primaries and atoms: CPython's `primary`, `atom`, displays, comprehensions, calls and slices.
extension Parser {
    /// primary: primary '.' NAME | primary genexp | primary '(' [arguments] ')' | primary '[' slices ']' | atom
    mutating func primary() throws -> Expr {
        let start = location(current)
        var value = try atom()
        while kind == .dot || kind == .leftParen || kind == .leftBracket {
            value = try trailer(value, start: start)
        }
        return value
    }

    /// One `.name`, `(arguments)` or `[slices]` after a primary.
    @inline(never)
    mutating func trailer(_ value: Expr, start: SourceLocation) throws -> Expr {
        let valueDepth = lastDepth
        let open = current
        advance()
        switch open.kind {
        case .dot:
            guard kind == .name else { throw invalidSyntax() }
            let name = identifier(current)
            advance()
            return try node(.attribute(value, name), start, valueDepth)
        case .leftParen:
            let arguments = try callArguments(open: open)
            return try node(.call(value, arguments), start, max(valueDepth, lastDepth))
        default:
            let index = try slices()
            let indexDepth = lastDepth
            try closeBracket(.rightBracket, open: open, last: index)
            return try node(.subscript(value, index), start, max(valueDepth, indexDepth))
        }
    }

    /// atom: NAME | 'True' | 'False' | 'None' | strings | NUMBER | (tuple | group | genexp)
    ///     | (list | listcomp) | (dict | set | dictcomp | setcomp) | '...'
    mutating func atom() throws -> Expr {
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
    @inline(never)
    mutating func closeBracket(_ closing: TokenKind, open: Token, last: Expr?) throws {
        if accept(closing) { return }
        try missingComma(after: last)
        throw invalidSyntax()
    }

    /// CPython's `invalid_expression`: inside brackets, an expression directly followed by
    /// another is "invalid syntax. Perhaps you forgot a comma?". The second expression is read
    /// to see how far CPython would have got (which decides whether an unclosed bracket is
    /// reported instead).
    @inline(never)
    mutating func missingComma(after last: Expr?) throws {
        guard let last, current.level > 0 || inFString, startsExpression(kind), isDisjunction(last) else { return }
        let previous = tokens[max(pos - 1, 0)]
        if previous.kind == .name && kind == .string { return }
        var probe = self
        do {
            _ = try probe.expression()
        } catch {
            return
        }
        throw error("invalid syntax. Perhaps you forgot a comma?", at: last.location, reach: probe.current)
    }

    /// Whether CPython's `disjunction` rule could have produced `expression` (not a lambda,
    /// conditional, starred or named expression).
    mutating func isDisjunction(_ expression: Expr) -> Bool {
        switch expression.kind {
        case .lambda, .conditional, .starred, .namedExpr, .yield, .yieldFrom: return false
        default: return true
        }
    }

    /// tuple: '(' [star_named_expression ',' [star_named_expressions]] ')'
    /// group: '(' (yield_expr | named_expression) ')'
    /// genexp: '(' (assignment_expression | expression !':=') for_if_clauses ')'
    @inline(never)
    mutating func parenthesised() throws -> Expr {
        let open = current
        let yieldMark = yieldLocations.count
        advance()
        if accept(.rightParen) { return leaf(.tuple([]), location(open)) }
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
            try checkComprehensionElement(first)
            let clauses = try comprehensionClauses("generator expression", yieldMark: yieldMark)
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
    @inline(never)
    mutating func listDisplay() throws -> Expr {
        let open = current
        let yieldMark = yieldLocations.count
        advance()
        if accept(.rightBracket) { return leaf(.list([]), location(open)) }
        let first = try starNamedExpression()
        var childDepth = lastDepth
        if kind == .kwFor {
            try checkComprehensionElement(first)
            let clauses = try comprehensionClauses("list comprehension", yieldMark: yieldMark)
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
    @inline(never)
    mutating func braceDisplay() throws -> Expr {
        let open = current
        let yieldMark = yieldLocations.count
        advance()
        if accept(.rightBrace) { return leaf(.dict([]), location(open)) }
        if kind == .doubleStar {
            return try dictDisplay(open: open, first: nil, yieldMark: yieldMark)
        }
        let first = try starNamedExpression()
        var childDepth = lastDepth
        if kind == .colon {
            if case .starred = first.kind { throw invalidSyntax() }
            return try dictDisplay(open: open, first: (first, childDepth), yieldMark: yieldMark)
        }
        if kind == .kwFor {
            try checkComprehensionElement(first)
            let clauses = try comprehensionClauses("set comprehension", yieldMark: yieldMark)
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

    /// CPython's `invalid_comprehension`: `[*a for a in b]`.
    @inline(never)
    mutating func checkComprehensionElement(_ element: Expr) throws {
        if case .starred = element.kind {
            throw error("iterable unpacking cannot be used in comprehension", at: element.location)
        }
    }

    /// double_starred_kvpair: '**' bitwise_or | kvpair
    /// kvpair: expression ':' expression
    @inline(never)
    mutating func dictDisplay(open: Token, first: (Expr, Int)?, yieldMark: Int) throws -> Expr {
        var items: [DictItem] = []
        var childDepth = 0
        var lastValue: Expr? = nil
        if let (key, keyDepth) = first {
            try dictColon()
            let value = try expression()
            childDepth = max(keyDepth, lastDepth)
            if kind == .kwFor {
                let clauses = try comprehensionClauses("dict comprehension", yieldMark: yieldMark)
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
            if kind == .doubleStar {
                let star = current
                advance()
                let value = try operators(Precedence.bitOr)
                if kind == .kwFor {
                    throw error("dict unpacking cannot be used in dict comprehension", at: star)
                }
                items.append(.unpack(value))
                lastValue = value
            } else {
                let key = try expression()
                childDepth = max(childDepth, lastDepth)
                if kind != .colon {
                    try closeBracket(.colon, open: open, last: key)
                }
                try dictColon()
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

    /// The `:` after a dict key: CPython's `invalid_double_starred_kvpairs`.
    @inline(never)
    mutating func dictColon() throws {
        let colon = current
        try expect(.colon)
        if kind == .rightBrace || kind == .comma {
            throw error("expression expected after dictionary key and ':'", at: colon)
        }
    }

    /// for_if_clauses: for_if_clause+
    /// for_if_clause: 'for' star_targets 'in' ~ disjunction ('if' disjunction)*
    @inline(never)
    ///
    /// `kind` names the comprehension in errors; `yieldMark` counts the `yield`s read before
    /// its element, since a `yield` anywhere in it but its first iterable is an error.
    mutating func comprehensionClauses(_ kind: String, yieldMark: Int) throws -> [Comprehension] {
        var clauses: [Comprehension] = []
        var childDepth = 0
        var outerIterable = yieldMark..<yieldMark
        while self.kind == .kwFor || self.kind == .kwAsync {
            if self.kind == .kwAsync { throw error("asynchronous comprehensions are not supported", at: current) }
            advance()
            let target = try targetList(context: .forLoop)
            childDepth = max(childDepth, lastDepth)
            if !accept(.kwIn) {
                if case .tuple(let items) = target.kind, let last = items.last {
                    try missingComma(after: last)
                } else {
                    try missingComma(after: target)
                }
                throw invalidSyntax()
            }
            let iterableStart = yieldLocations.count
            let iterable = try operators(Precedence.or)
            if clauses.isEmpty { outerIterable = iterableStart..<yieldLocations.count }
            childDepth = max(childDepth, lastDepth)
            var conditions: [Expr] = []
            while accept(.kwIf) {
                conditions.append(try operators(Precedence.or))
                childDepth = max(childDepth, lastDepth)
            }
            clauses.append(Comprehension(target: target, iterable: iterable, conditions: conditions))
        }
        let inside = (yieldMark..<yieldLocations.count).first { !outerIterable.contains($0) }
        if let inside, inside < yieldLocations.count {
            postponeScopeError(error("'yield' inside \(kind)", at: yieldLocations[inside]))
        }
        lastDepth = childDepth
        return clauses
    }

    /// arguments: args [','] &')'
    /// args: ','.(starred_expression | (assignment_expression | expression !':=') !'=')+ [',' kwargs] | kwargs
    /// kwargs: ','.kwarg_or_starred+ ',' ','.kwarg_or_double_starred+ | ...
    /// A generator expression may be the sole argument without its own parentheses.
    @inline(never)
    mutating func callArguments(open: Token, allowGenerator: Bool = true) throws -> [CallArgument] {
        var state = ArgumentState()
        while kind != .rightParen {
            if kind == .star || kind == .doubleStar || (kind == .name && peekKind(1) == .equal) {
                try unpackingOrKeywordArgument(&state)
            } else {
                let yieldMark = yieldLocations.count
                let value = try namedExpression(hint: false)
                if kind == .kwFor {
                    if !allowGenerator { throw invalidSyntax() }
                    try generatorArgument(value, open: open, yieldMark: yieldMark, state: &state)
                    break
                }
                if kind == .equal || state.sawKeyword || state.sawDoubleStar { throw misplacedArgument(value, state) }
                state.arguments.append(.positional(value))
                state.last = value
                state.childDepth = max(state.childDepth, lastDepth)
            }
            if !accept(.comma) { break }
        }
        try closeBracket(.rightParen, open: open, last: state.last)
        lastDepth = state.childDepth
        return state.arguments
    }

    /// What `callArguments` has read so far.
    struct ArgumentState {
        var arguments: [CallArgument] = []
        var childDepth = 0
        var sawKeyword = false
        var sawDoubleStar = false
        var keywords: [String] = []
        var last: Expr? = nil
    }

    /// kwarg_or_starred: NAME '=' expression | starred_expression
    /// kwarg_or_double_starred: NAME '=' expression | '**' expression
    @inline(never)
    mutating func unpackingOrKeywordArgument(_ state: inout ArgumentState) throws {
        let token = current
        advance()
        switch token.kind {
        case .star:
            let value = try expression()
            if state.sawDoubleStar {
                throw error("iterable argument unpacking follows keyword argument unpacking", at: token)
            }
            state.arguments.append(.star(value))
            state.last = value
        case .doubleStar:
            let value = try expression()
            state.sawDoubleStar = true
            state.arguments.append(.doubleStar(value))
            state.last = value
        default:
            let name = identifier(token)
            advance()
            let value = try expression()
            if state.keywords.contains(name) {
                throw error("keyword argument repeated: \(name)", at: token)
            }
            state.keywords.append(name)
            state.sawKeyword = true
            state.arguments.append(.keyword(name, value))
            state.last = value
        }
        state.childDepth = max(state.childDepth, lastDepth)
    }

    /// A generator expression as the sole argument: `f(x for x in y)`.
    @inline(never)
    mutating func generatorArgument(_ value: Expr, open: Token, yieldMark: Int, state: inout ArgumentState) throws {
        let valueDepth = lastDepth
        let clauses = try comprehensionClauses("generator expression", yieldMark: yieldMark)
        if !state.arguments.isEmpty || kind != .rightParen {
            throw error("Generator expression must be parenthesized", at: value.location)
        }
        let generator = try node(.generator(value, clauses), location(open), max(valueDepth, lastDepth))
        state.arguments.append(.positional(generator))
        state.childDepth = max(state.childDepth, lastDepth)
    }

    /// The error for a positional argument that is followed by `=` or comes after keywords.
    @inline(never)
    mutating func misplacedArgument(_ value: Expr, _ state: ArgumentState) -> SyntaxErrorInfo {
        if kind == .equal {
            switch value.kind {
            case .bool, .none:
                return error("cannot assign to \(expressionName(value))", at: value.location)
            default:
                return error("expression cannot contain assignment, perhaps you meant \"==\"?", at: value.location)
            }
        }
        if state.sawDoubleStar {
            return error("positional argument follows keyword argument unpacking", at: current)
        }
        return error("positional argument follows keyword argument", at: current)
    }

    /// slices: slice !',' | ','.(slice | starred_expression)+ [',']
    @inline(never)
    mutating func slices() throws -> Expr {
        let start = location(current)
        let first = try slice()
        if kind != .comma {
            // A lone `*x` is still a tuple of one element (`a[*b]` is `a[(*b,)]`).
            if case .starred = first.kind { return try node(.tuple([first]), start, lastDepth) }
            return first
        }
        var items = [first]
        var childDepth = lastDepth
        while accept(.comma) {
            if kind == .rightBracket { break }
            items.append(try slice())
            childDepth = max(childDepth, lastDepth)
        }
        return try node(.tuple(items), start, childDepth)
    }

    /// slice: [expression] ':' [expression] [':' [expression]] | named_expression
    mutating func slice() throws -> Expr {
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
    @inline(never)
    mutating func yieldExpression() throws -> Expr {
        let token = current
        advance()
        yieldLocations.append(location(token))
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
    @inline(never)
    mutating func parameterList(closing: TokenKind) throws -> Parameters {
        var parameters = Parameters()
        let annotated = closing == .rightParen
        var seenDefault = false
        var seenStar = false
        var seenSlash = false
        var names: [String] = []
        func note(_ name: String, _ token: Token, _ parser: inout Parser) {
            if names.contains(name) {
                parser.postponeScopeError(parser.error("duplicate argument '\(name)' in function definition", at: token))
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

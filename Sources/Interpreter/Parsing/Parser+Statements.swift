// Statements: CPython's `statements`, `simple_stmt` and `compound_stmt` rules.
extension Parser {
    /// file: [statements] ENDMARKER
    mutating func file() throws(SyntaxErrorInfo) -> [Stmt] {
        var body: [Stmt] = []
        while kind != .endMarker {
            try statement(into: &body)
        }
        if let deferredError { throw deferredError }
        return body
    }

    /// statement: compound_stmt | simple_stmts
    mutating func statement(into body: inout [Stmt]) throws(SyntaxErrorInfo) {
        switch kind {
        case .kwIf:
            body.append(try ifStatement(keyword: "if"))
        case .kwWhile:
            body.append(try whileStatement())
        case .kwFor:
            body.append(try forStatement())
        case .kwTry:
            body.append(try tryStatement())
        case .kwWith:
            body.append(try withStatement())
        case .kwDef, .at:
            body.append(try decorated())
        case .kwClass:
            body.append(try classDefinition(decorators: []))
        case .kwAsync:
            throw error("async functions and statements are not supported", at: current)
        default:
            try simpleStatements(into: &body)
        }
    }

    /// simple_stmts: simple_stmt !';' NEWLINE | ';'.simple_stmt+ [';'] NEWLINE
    mutating func simpleStatements(into body: inout [Stmt]) throws(SyntaxErrorInfo) {
        while true {
            body.append(try simpleStatement())
            if accept(.semicolon) {
                if kind == .newline { break }
                continue
            }
            break
        }
        if kind != .newline { throw invalidSyntax() }
        advance()
    }

    /// simple_stmt: assignment | star_expressions | return_stmt | import_stmt | raise_stmt | 'pass'
    ///     | del_stmt | yield_stmt | assert_stmt | 'break' | 'continue' | global_stmt | nonlocal_stmt
    mutating func simpleStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        let start = location(token)
        switch token.kind {
        case .kwPass:
            advance()
            return Stmt(.pass, at: start)
        case .kwBreak:
            advance()
            if !inLoop { postpone(error("'break' outside loop", at: token)) }
            return Stmt(.break, at: start)
        case .kwContinue:
            advance()
            if !inLoop { postpone(error("'continue' not properly in loop", at: token)) }
            return Stmt(.continue, at: start)
        case .kwReturn:
            return try returnStatement()
        case .kwRaise:
            return try raiseStatement()
        case .kwGlobal, .kwNonlocal:
            return try globalStatement()
        case .kwDel:
            return try deleteStatement()
        case .kwAssert:
            return try assertStatement()
        case .kwImport:
            return try importStatement()
        case .kwFrom:
            return try importFromStatement()
        case .indent:
            throw error("unexpected indent", at: token, kind: .indentationError)
        default:
            return try assignmentOrExpression()
        }
    }

    /// return_stmt: 'return' [star_expressions]
    mutating func returnStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        if !inFunction { postpone(error("'return' outside function", at: token)) }
        var value: Expr? = nil
        if kind != .newline && kind != .semicolon {
            value = try starExpressions()
            try checkNotStarred(value)
        }
        return Stmt(.return(value), at: location(token))
    }

    /// raise_stmt: 'raise' expression ['from' expression] | 'raise'
    mutating func raiseStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        if kind == .newline || kind == .semicolon {
            return Stmt(.raise(nil, cause: nil), at: location(token))
        }
        let exception = try expression()
        var cause: Expr? = nil
        if accept(.kwFrom) { cause = try expression() }
        return Stmt(.raise(exception, cause: cause), at: location(token))
    }

    /// global_stmt: 'global' ','.NAME+
    /// nonlocal_stmt: 'nonlocal' ','.NAME+
    mutating func globalStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        var names = [try expectName()]
        while accept(.comma) { names.append(try expectName()) }
        if token.kind == .kwGlobal { return Stmt(.global(names), at: location(token)) }
        if !inFunction { postpone(error("nonlocal declaration not allowed at module level", at: token)) }
        return Stmt(.nonlocal(names), at: location(token))
    }

    /// del_stmt: 'del' del_targets &(';' | NEWLINE)
    mutating func deleteStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        var targets: [Expr] = []
        repeat {
            if kind == .newline || kind == .semicolon { break }
            let target = try operators(Precedence.bitOr)
            if let bad = invalidTarget(target, context: .delete) {
                throw error("cannot delete \(expressionName(bad))", at: bad.location)
            }
            targets.append(target)
        } while accept(.comma)
        if targets.isEmpty { throw invalidSyntax() }
        if kind != .newline && kind != .semicolon { throw invalidSyntax() }
        return Stmt(.delete(targets), at: location(token))
    }

    /// assert_stmt: 'assert' expression [',' expression]
    mutating func assertStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let test = try expression()
        var message: Expr? = nil
        if accept(.comma) { message = try expression() }
        return Stmt(.assert(test, message: message), at: location(token))
    }

    /// import_name: 'import' dotted_as_names
    /// dotted_as_name: dotted_name ['as' NAME]
    mutating func importStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        var names: [ImportName] = []
        repeat {
            let name = try dottedName()
            var asName: String? = nil
            if accept(.kwAs) { asName = try expectName() }
            names.append(ImportName(name: name, asName: asName))
        } while accept(.comma)
        return Stmt(.import(names), at: location(token))
    }

    /// dotted_name: dotted_name '.' NAME | NAME
    mutating func dottedName() throws(SyntaxErrorInfo) -> String {
        var name = try expectName()
        while accept(.dot) { name += "." + (try expectName()) }
        return name
    }

    /// import_from: 'from' ('.' | '...')* dotted_name 'import' import_from_targets
    ///     | 'from' ('.' | '...')+ 'import' import_from_targets
    /// import_from_targets: '(' import_from_as_names [','] ')' | import_from_as_names !',' | '*'
    mutating func importFromStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        var module = ""
        while kind == .dot || kind == .ellipsis {
            module += kind == .dot ? "." : "..."
            advance()
        }
        if kind == .name { module += try dottedName() }
        if module.isEmpty { throw invalidSyntax() }
        if !accept(.kwImport) { throw invalidSyntax() }
        var names: [ImportName] = []
        if kind == .star {
            advance()
            names.append(ImportName(name: "*", asName: nil))
        } else {
            let parenthesised = accept(.leftParen)
            repeat {
                if parenthesised && kind == .rightParen && !names.isEmpty { break }
                let name = try expectName()
                var asName: String? = nil
                if accept(.kwAs) { asName = try expectName() }
                names.append(ImportName(name: name, asName: asName))
            } while accept(.comma)
            if parenthesised {
                try expect(.rightParen)
            } else if tokens[pos - 1].kind == .comma {
                throw error("trailing comma not allowed without surrounding parentheses", at: tokens[pos - 1])
            }
        }
        return Stmt(.importFrom(module: module, names), at: location(token))
    }

    // MARK: - Blocks

    /// Consumes the `:` ending a compound statement's header. CPython says "expected ':'" where
    /// its grammar forces the colon (`forced`) or where the header ends the line.
    mutating func expectColon(forced: Bool) throws(SyntaxErrorInfo) {
        if accept(.colon) { return }
        if forced || kind == .newline { throw error("expected ':'", at: current) }
        throw invalidSyntax()
    }

    /// block: NEWLINE INDENT statements DEDENT | simple_stmts
    mutating func block(after header: String, line: Int) throws(SyntaxErrorInfo) -> [Stmt] {
        var body: [Stmt] = []
        if kind == .newline {
            advance()
            guard kind == .indent else {
                throw error("expected an indented block after \(header) on line \(line)", at: current, kind: .indentationError)
            }
            advance()
            try enter()
            while kind != .dedent && kind != .endMarker {
                try statement(into: &body)
            }
            leave()
            _ = accept(.dedent)
            return body
        }
        try simpleStatements(into: &body)
        return body
    }

    /// A loop body: `break` and `continue` are allowed inside.
    mutating func loopBlock(after header: String, line: Int) throws(SyntaxErrorInfo) -> [Stmt] {
        let outer = inLoop
        inLoop = true
        defer { inLoop = outer }
        return try block(after: header, line: line)
    }

    /// else_block: 'else' &&':' block
    mutating func elseBlock() throws(SyntaxErrorInfo) -> [Stmt] {
        guard kind == .kwElse else { return [] }
        let token = current
        advance()
        try expectColon(forced: true)
        return try block(after: "'else' statement", line: token.line)
    }

    // MARK: - Compound statements

    /// if_stmt: 'if' named_expression ':' block elif_stmt | 'if' named_expression ':' block [else_block]
    /// elif_stmt: 'elif' named_expression ':' block elif_stmt | 'elif' named_expression ':' block [else_block]
    mutating func ifStatement(keyword: String) throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let test = try namedExpression()
        try expectColon(forced: false)
        let body = try block(after: "'\(keyword)' statement", line: token.line)
        var orElse: [Stmt] = []
        if kind == .kwElif {
            try enter()
            orElse = [try ifStatement(keyword: "elif")]
            leave()
        } else {
            orElse = try elseBlock()
        }
        return Stmt(.if(test: test, body: body, orElse: orElse), at: location(token))
    }

    /// while_stmt: 'while' named_expression ':' block [else_block]
    mutating func whileStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let test = try namedExpression()
        try expectColon(forced: false)
        let body = try loopBlock(after: "'while' statement", line: token.line)
        let orElse = try elseBlock()
        return Stmt(.while(test: test, body: body, orElse: orElse), at: location(token))
    }

    /// for_stmt: 'for' star_targets 'in' ~ star_expressions &&':' block [else_block]
    mutating func forStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let target = try targetList(context: .forLoop)
        if !accept(.kwIn) { throw invalidSyntax() }
        let iterable = try starExpressions()
        try expectColon(forced: true)
        let body = try loopBlock(after: "'for' statement", line: token.line)
        let orElse = try elseBlock()
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), at: location(token))
    }

    /// try_stmt: 'try' &&':' block finally_block | 'try' &&':' block except_block+ [else_block] [finally_block]
    mutating func tryStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        try expectColon(forced: true)
        let body = try block(after: "'try' statement", line: token.line)
        var handlers: [ExceptHandler] = []
        while kind == .kwExcept {
            handlers.append(try exceptBlock())
        }
        var orElse: [Stmt] = []
        if !handlers.isEmpty { orElse = try elseBlock() }
        var final: [Stmt] = []
        if kind == .kwFinally {
            let finallyToken = current
            advance()
            try expectColon(forced: true)
            final = try block(after: "'finally' statement", line: finallyToken.line)
        }
        if handlers.isEmpty && final.isEmpty && tokens[pos - 1].kind != .dedent && kind != .kwFinally {
            throw error("expected 'except' or 'finally' block", at: current)
        }
        if handlers.isEmpty && final.isEmpty {
            throw error("expected 'except' or 'finally' block", at: current)
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: final), at: location(token))
    }

    /// except_block: 'except' expression ['as' NAME] ':' block | 'except' ':' block
    mutating func exceptBlock() throws(SyntaxErrorInfo) -> ExceptHandler {
        let token = current
        advance()
        if kind == .star { throw error("except* is not supported", at: current) }
        var type: Expr? = nil
        var name: String? = nil
        if kind != .colon && kind != .newline {
            type = try expression()
            if kind == .comma {
                throw error("multiple exception types must be parenthesized", at: type.map { tokenAt($0.location) } ?? current)
            }
            if accept(.kwAs) { name = try expectName() }
        }
        try expectColon(forced: false)
        let body = try block(after: "'except' statement", line: token.line)
        return ExceptHandler(type: type, name: name, body: body, location: location(token))
    }

    /// with_stmt: 'with' '(' ','.with_item+ ','? ')' ':' block | 'with' ','.with_item+ ':' block
    mutating func withStatement() throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        var items: [WithItem] = []
        if kind == .leftParen {
            // `with (a as b, c):` — or a parenthesised expression as the only context manager.
            let mark = pos
            let savedDeferred = deferredError
            let savedYield = sawYield
            do {
                advance()
                var parsed: [WithItem] = []
                repeat {
                    if kind == .rightParen && !parsed.isEmpty { break }
                    parsed.append(try withItem())
                } while accept(.comma)
                if accept(.rightParen) && kind == .colon {
                    items = parsed
                }
            } catch {
                items = []
            }
            if items.isEmpty {
                pos = mark
                deferredError = savedDeferred
                sawYield = savedYield
            }
        }
        if items.isEmpty {
            repeat {
                items.append(try withItem())
            } while accept(.comma)
        }
        try expectColon(forced: false)
        let body = try block(after: "'with' statement", line: token.line)
        return Stmt(.with(items, body: body), at: location(token))
    }

    /// with_item: expression 'as' star_target &(',' | ')' | ':') | expression
    mutating func withItem() throws(SyntaxErrorInfo) -> WithItem {
        let context = try expression()
        var target: Expr? = nil
        if accept(.kwAs) {
            let value = try starTarget()
            if let bad = invalidTarget(value, context: .plain) {
                throw error("cannot assign to \(expressionName(bad))", at: bad.location)
            }
            target = value
        }
        return WithItem(context: context, target: target)
    }

    /// decorators: ('@' f=named_expression NEWLINE)+
    /// function_def: decorators function_def_raw | function_def_raw
    /// class_def: decorators class_def_raw | class_def_raw
    mutating func decorated() throws(SyntaxErrorInfo) -> Stmt {
        var decorators: [Expr] = []
        while accept(.at) {
            decorators.append(try namedExpression())
            if !accept(.newline) { throw invalidSyntax() }
        }
        switch kind {
        case .kwDef: return try functionDefinition(decorators: decorators)
        case .kwClass: return try classDefinition(decorators: decorators)
        default: throw invalidSyntax()
        }
    }

    /// function_def_raw: 'def' NAME &&'(' [params] ')' ['->' expression] &&':' block
    mutating func functionDefinition(decorators: [Expr]) throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let name = try expectName()
        if kind != .leftParen { throw error("expected '('", at: current) }
        advance()
        let parameters = try parameterList(closing: .rightParen)
        try expect(.rightParen)
        if accept(.arrow) { _ = try expression() }
        try expectColon(forced: true)

        let outer = (inFunction, inLoop, sawYield, inLambda)
        inFunction = true
        inLoop = false
        sawYield = false
        inLambda = false
        let body: [Stmt]
        do {
            body = try block(after: "function definition", line: token.line)
        } catch {
            throw error
        }
        let isGenerator = sawYield
        (inFunction, inLoop, sawYield, inLambda) = outer
        let definition = FunctionDef(name: name, parameters: parameters, body: body,
                                     decorators: decorators, isGenerator: isGenerator)
        return Stmt(.functionDef(definition), at: location(token))
    }

    /// class_def_raw: 'class' NAME ['(' [arguments] ')'] &&':' block
    mutating func classDefinition(decorators: [Expr]) throws(SyntaxErrorInfo) -> Stmt {
        let token = current
        advance()
        let name = try expectName()
        var bases: [Expr] = []
        if kind == .leftParen {
            let open = current
            advance()
            let arguments = try callArguments(open: open)
            for argument in arguments {
                guard case .positional(let base) = argument else {
                    throw error("class keyword arguments and unpacking in bases are not supported", at: open)
                }
                bases.append(base)
            }
        }
        try expectColon(forced: true)
        let outer = (inFunction, inLoop, sawYield, inLambda)
        inFunction = false
        inLoop = false
        inLambda = false
        let body = try block(after: "class definition", line: token.line)
        (inFunction, inLoop, sawYield, inLambda) = outer
        return Stmt(.classDef(ClassDef(name: name, bases: bases, body: body, decorators: decorators)), at: location(token))
    }

    // MARK: - Assignment

    /// assignment:
    ///     | NAME ':' expression ['=' annotated_rhs]
    ///     | ('(' single_target ')' | single_subscript_attribute_target) ':' expression ['=' annotated_rhs]
    ///     | (star_targets '=')+ (yield_expr | star_expressions) !'='
    ///     | single_target augassign ~ (yield_expr | star_expressions)
    mutating func assignmentOrExpression() throws(SyntaxErrorInfo) -> Stmt {
        let start = location(current)
        let first = try starExpressionsOrYield()
        switch kind {
        case .equal:
            var targets = [first]
            var value = first
            while accept(.equal) {
                value = try starExpressionsOrYield()
                if kind == .equal { targets.append(value) }
            }
            for target in targets {
                try checkAssignable(target)
            }
            try checkNotStarred(value)
            return Stmt(.assign(targets: targets, value: value), at: start)
        case .colon:
            switch first.kind {
            case .name, .attribute, .subscript:
                break
            case .tuple:
                throw error("only single target (not tuple) can be annotated", at: first.location)
            case .list:
                throw error("only single target (not list) can be annotated", at: first.location)
            default:
                throw error("illegal target for annotation", at: first.location)
            }
            advance()
            let annotation = try expression()
            var value: Expr? = nil
            if accept(.equal) {
                let rhs = try starExpressionsOrYield()
                try checkNotStarred(rhs)
                value = rhs
            }
            return Stmt(.annotatedAssign(target: first, annotation: annotation, value: value), at: start)
        default:
            if let op = kind.augmentedOperator {
                switch first.kind {
                case .name, .attribute, .subscript:
                    break
                default:
                    throw error("'\(expressionName(first))' is an illegal expression for augmented assignment", at: first.location)
                }
                advance()
                let value = try starExpressionsOrYield()
                try checkNotStarred(value)
                return Stmt(.augmentedAssign(target: first, op, value: value), at: start)
            }
            try checkNotStarred(first)
            if kind != .newline && kind != .semicolon {
                try legacyStatementHint(first)
            }
            return Stmt(.expression(first), at: start)
        }
    }

    /// CPython's hint for Python 2's `print x` and `exec x`.
    func legacyStatementHint(_ expression: Expr) throws(SyntaxErrorInfo) {
        guard case .name(let name) = expression.kind, name == "print" || name == "exec" else { return }
        if startsExpression(kind) {
            throw error("Missing parentheses in call to '\(name)'. Did you mean \(name)(...)?", at: expression.location)
        }
    }

    /// Checks one target of `a = b = value`.
    func checkAssignable(_ target: Expr) throws(SyntaxErrorInfo) {
        switch target.kind {
        case .yield, .yieldFrom:
            throw error("assignment to yield expression not possible", at: target.location)
        case .starred:
            // CPython's compiler rejects a lone starred target.
            break
        default:
            break
        }
        if let bad = invalidTarget(target, context: .assignment) {
            switch bad.kind {
            case .none, .bool:
                throw error("cannot assign to \(expressionName(bad))", at: bad.location)
            default:
                throw error("cannot assign to \(expressionName(bad)) here. Maybe you meant '==' instead of '='?", at: bad.location)
            }
        }
    }

    /// A starred expression used as a whole value: CPython's compiler rejects it.
    mutating func checkNotStarred(_ value: Expr?) throws(SyntaxErrorInfo) {
        guard let value, case .starred = value.kind else { return }
        postpone(error("can't use starred expression here", at: value.location))
    }

    /// The token at `location`, for errors reported where an expression starts.
    func tokenAt(_ location: SourceLocation) -> Token {
        Token(kind: .name, start: byteIndex(of: location), end: 0, line: location.line, column: location.column, level: 0)
    }
}

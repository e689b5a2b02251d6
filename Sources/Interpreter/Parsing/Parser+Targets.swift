// Assignment targets: what may stand left of `=`, after `for`, `as` and `del`.
extension Parser {
    enum TargetContext {
        /// `a = …`: errors add "here. Maybe you meant '==' instead of '='?".
        case assignment
        /// `for … in`, comprehensions and `with … as`.
        case forLoop
        case plain
        case delete
    }

    /// star_targets: star_target !',' | star_target (',' star_target)* [',']
    /// A target list is read as expressions, then checked.
    @inline(never)
    mutating func targetList(context: TargetContext) throws -> Expr {
        let start = location(current)
        let first = try starTarget()
        var result = first
        if kind == .comma {
            var items = [first]
            var childDepth = lastDepth
            while accept(.comma) {
                if !startsExpression(kind) && kind != .star { break }
                items.append(try starTarget())
                childDepth = max(childDepth, lastDepth)
            }
            result = try node(.tuple(items), start, childDepth)
        }
        if let bad = invalidTarget(result, context: context) {
            throw error("cannot assign to \(expressionName(bad))", at: bad.location)
        }
        if case .starred = result.kind {
            postpone(error("starred assignment target must be in a list or tuple", at: result.location))
        }
        return result
    }

    /// star_target: '*' (!'*' star_target) | target_with_star_atom
    mutating func starTarget() throws -> Expr {
        if kind == .star {
            let token = current
            advance()
            let value = try operators(Precedence.bitOr)
            return try node(.starred(value), location(token), lastDepth)
        }
        return try operators(Precedence.bitOr)
    }

    /// CPython's `_PyPegen_get_invalid_target`: the first part of `target` that cannot be
    /// assigned (or deleted), or nil when all of it can.
    mutating func invalidTarget(_ target: Expr, context: TargetContext) -> Expr? {
        switch target.kind {
        case .name, .attribute, .subscript:
            return nil
        case .tuple(let items), .list(let items):
            for item in items {
                if let bad = invalidTarget(item, context: context) { return bad }
            }
            return nil
        case .starred(let value):
            if context == .delete { return target }
            return invalidTarget(value, context: context)
        default:
            return target
        }
    }

    /// CPython's `_PyPegen_get_expr_name`: how error messages call an expression.
    mutating func expressionName(_ expression: Expr) -> String {
        switch expression.kind {
        case .attribute: return "attribute"
        case .subscript: return "subscript"
        case .starred: return "starred"
        case .name: return "name"
        case .list: return "list"
        case .tuple: return "tuple"
        case .lambda: return "lambda"
        case .call: return "function call"
        case .binary, .unary, .and, .or: return "expression"
        case .generator: return "generator expression"
        case .yield, .yieldFrom: return "yield expression"
        case .listComprehension: return "list comprehension"
        case .setComprehension: return "set comprehension"
        case .dictComprehension: return "dict comprehension"
        case .dict: return "dict literal"
        case .set: return "set display"
        case .formattedString: return "f-string expression"
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .ellipsis: return "ellipsis"
        case .int, .bigInt, .float, .imaginary, .string: return "literal"
        case .compare: return "comparison"
        case .conditional: return "conditional expression"
        case .namedExpr: return "named expression"
        case .slice: return "slice"
        }
    }
}

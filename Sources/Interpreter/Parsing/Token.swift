/// The kinds of token the tokenizer produces: CPython's token types, with operators and
/// keywords resolved to their own kinds so the parser compares a single byte.
enum TokenKind: UInt8, Sendable {
    case name, number, string, newline, indent, dedent, endMarker
    /// A character that starts no token (`$`, `?`, a backquote, a lone `!`).
    case errorToken

    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case colon, comma, semicolon, dot, ellipsis, arrow, at, colonEqual
    case plus, minus, star, slash, doubleSlash, percent, doubleStar
    case vbar, amper, circumflex, tilde, leftShift, rightShift
    case less, greater, equal, equalEqual, notEqual, lessEqual, greaterEqual
    case plusEqual, minusEqual, starEqual, slashEqual, doubleSlashEqual, percentEqual
    case doubleStarEqual, vbarEqual, amperEqual, circumflexEqual, leftShiftEqual, rightShiftEqual, atEqual

    case kwFalse, kwNone, kwTrue, kwAnd, kwAs, kwAssert, kwAsync, kwAwait, kwBreak, kwClass
    case kwContinue, kwDef, kwDel, kwElif, kwElse, kwExcept, kwFinally, kwFor, kwFrom, kwGlobal
    case kwIf, kwImport, kwIn, kwIs, kwLambda, kwNonlocal, kwNot, kwOr, kwPass, kwRaise
    case kwReturn, kwTry, kwWhile, kwWith, kwYield

    var isKeyword: Bool { rawValue >= TokenKind.kwFalse.rawValue }

    /// The augmented-assignment operator this token spells, if any.
    var augmentedOperator: BinaryOperator? {
        switch self {
        case .plusEqual: return .add
        case .minusEqual: return .subtract
        case .starEqual: return .multiply
        case .slashEqual: return .divide
        case .doubleSlashEqual: return .floorDivide
        case .percentEqual: return .modulo
        case .doubleStarEqual: return .power
        case .vbarEqual: return .bitOr
        case .amperEqual: return .bitAnd
        case .circumflexEqual: return .bitXor
        case .leftShiftEqual: return .leftShift
        case .rightShiftEqual: return .rightShift
        case .atEqual: return .matrixMultiply
        default: return nil
        }
    }
}

/// One token: its kind and where its bytes are. Values (names, numbers, strings) are read
/// from the source bytes by the parser when it needs them.
struct Token: Sendable {
    var kind: TokenKind
    /// Byte range in the source.
    var start: Int
    var end: Int
    /// 1-based line and 0-based byte column of the first byte.
    var line: Int
    var column: Int
    /// Bracket nesting level before the token (CPython's `tok->level`).
    var level: Int
}

/// Python's keywords, by spelling.
let pythonKeywords: [(String, TokenKind)] = [
    ("False", .kwFalse), ("None", .kwNone), ("True", .kwTrue), ("and", .kwAnd), ("as", .kwAs),
    ("assert", .kwAssert), ("async", .kwAsync), ("await", .kwAwait), ("break", .kwBreak),
    ("class", .kwClass), ("continue", .kwContinue), ("def", .kwDef), ("del", .kwDel),
    ("elif", .kwElif), ("else", .kwElse), ("except", .kwExcept), ("finally", .kwFinally),
    ("for", .kwFor), ("from", .kwFrom), ("global", .kwGlobal), ("if", .kwIf), ("import", .kwImport),
    ("in", .kwIn), ("is", .kwIs), ("lambda", .kwLambda), ("nonlocal", .kwNonlocal), ("not", .kwNot),
    ("or", .kwOr), ("pass", .kwPass), ("raise", .kwRaise), ("return", .kwReturn), ("try", .kwTry),
    ("while", .kwWhile), ("with", .kwWith), ("yield", .kwYield),
]

/// Keyword spellings as bytes, indexed by first letter, so classifying a name costs a few compares.
let keywordTable: [[([UInt8], TokenKind)]] = {
    var table = [[([UInt8], TokenKind)]](repeating: [], count: 128)
    for (word, kind) in pythonKeywords {
        let bytes = Array(word.utf8)
        table[Int(bytes[0])].append((bytes, kind))
    }
    return table
}()

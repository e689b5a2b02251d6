import Foundation

/// CPython NFKC-normalises non-ASCII identifiers, so `ﬁ` and `fi` name the same variable.
func normaliseIdentifier(_ name: String) -> String {
    name.precomposedStringWithCompatibilityMapping
}

/// The character a `\N{…}` escape names (Unicode names and aliases, any case), or nil.
func characterNamed(_ name: String) -> String? {
    guard !name.isEmpty, !name.contains("}"), !name.contains("\\") else { return nil }
    let escape = "\\N{" + name.uppercased() + "}"
    guard let character = escape.applyingTransform(StringTransform("Name-Any"), reverse: false),
          character != escape, !character.contains("\\N{") else { return nil }
    return character
}

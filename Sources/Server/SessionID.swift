/// Session ids: 128 random bits from the system's secure generator, base64url without padding (22 characters).
enum SessionID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        // 16 bytes = 128 bits: five full 3-byte groups, then one byte (two characters).
        var characters: [UInt8] = []
        characters.reserveCapacity(22)
        var index = 0
        while index + 3 <= bytes.count {
            let group = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in stride(from: 18, through: 0, by: -6) {
                characters.append(alphabet[Int((group >> UInt32(shift)) & 63)])
            }
            index += 3
        }
        let last = UInt32(bytes[15])
        characters.append(alphabet[Int(last >> 2)])
        characters.append(alphabet[Int((last & 3) << 4)])
        return String(decoding: characters, as: UTF8.self)
    }
}

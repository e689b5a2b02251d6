import Testing
import Tensors

// Texts numpy 2.4 prints for object arrays of bytes (`np.array([b'a', b'bc'], dtype=object)`).

@Test func objectArrayTextOfOneRow() {
    #expect(ObjectArrayText.repr(words: ["b'a'", "b'bc'"], shape: [2]) == "array([b'a', b'bc'], dtype=object)")
    #expect(ObjectArrayText.str(words: ["b'a'", "b'bc'"], shape: [2]) == "[b'a' b'bc']")
}

@Test func objectArrayTextWrapsRowsAtTheLineWidth() {
    let words = Array(repeating: "b'abcdefghijklmnopqrstuvwxyz'", count: 8)
    #expect(ObjectArrayText.repr(words: words, shape: [2, 4]) == """
        array([[b'abcdefghijklmnopqrstuvwxyz', b'abcdefghijklmnopqrstuvwxyz',
                b'abcdefghijklmnopqrstuvwxyz', b'abcdefghijklmnopqrstuvwxyz'],
               [b'abcdefghijklmnopqrstuvwxyz', b'abcdefghijklmnopqrstuvwxyz',
                b'abcdefghijklmnopqrstuvwxyz', b'abcdefghijklmnopqrstuvwxyz']],
              dtype=object)
        """)
    #expect(ObjectArrayText.str(words: words, shape: [2, 4]) == """
        [[b'abcdefghijklmnopqrstuvwxyz' b'abcdefghijklmnopqrstuvwxyz'
          b'abcdefghijklmnopqrstuvwxyz' b'abcdefghijklmnopqrstuvwxyz']
         [b'abcdefghijklmnopqrstuvwxyz' b'abcdefghijklmnopqrstuvwxyz'
          b'abcdefghijklmnopqrstuvwxyz' b'abcdefghijklmnopqrstuvwxyz']]
        """)
}

@Test func objectArrayTextOfAScalar() {
    #expect(ObjectArrayText.str(words: ["b'z'"], shape: []) == "b'z'")
}

package smtp.wire.internal;

/**
 * One lexical token of an RFC 5322 §3.4 address list, with the CFWS around it already
 * removed by {@link AddressLexer}.
 *
 * @param kind        what the token is
 * @param text        an atom's text, a quoted-string's content (quoted-pairs resolved), a
 *                    domain-literal with its brackets, or the special character itself
 * @param spaceBefore true if white space or a comment preceded the token (display names
 *                    put one space there)
 * @param position    the index of the token's first character in the input, for messages
 */
record AddressToken(Kind kind, String text, boolean spaceBefore, int position) {

    /** The token kinds; {@link #SPECIAL} is one of {@code < > @ , ; : .} (RFC 5322 §3.2.3 specials). */
    enum Kind { ATOM, QUOTED, LITERAL, SPECIAL, END }

    /** True if this is the special character {@code c}. */
    boolean is(char c) {
        return kind == Kind.SPECIAL && text.charAt(0) == c;
    }

    /** True for {@code word = atom / quoted-string} (RFC 5322 §3.2.5). */
    boolean isWord() {
        return kind == Kind.ATOM || kind == Kind.QUOTED;
    }
}

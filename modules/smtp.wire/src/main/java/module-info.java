/**
 * The syntax of the SMTP wire: commands, paths, replies, limits and transparency
 * (RFC 5321 §2.3, §4.1, §4.2, §4.5), enhanced status codes (RFC 3463, RFC 2034) and the
 * header section of a message (RFC 5322 §2.2, §3.6).
 *
 * <h2>Standards</h2>
 * RFC 5321 §4.1.1–§4.1.3 (commands, paths, address literals), §4.2 (replies),
 * §4.5.2 (transparency), §4.5.3.1 (size limits); RFC 1870, 3030, 3207, 3461, 4954, 6152,
 * 6531 (the command and parameter syntax they add); RFC 3463 and RFC 2034; RFC 5322 §2.2, §3.6.
 *
 * <h2>Limits</h2>
 * See {@link smtp.wire.Limits}: local-part 64, domain 255, path 256, command line 512,
 * reply line 512 and text line 1000 octets (RFC 5321 §4.5.3.1).
 *
 * <p>Pure syntax: no I/O beyond streams handed in by the caller, no threads. Bad input is
 * never an exception: parse functions return {@link smtp.wire.ParseResult}.
 */
module smtp.wire {
    exports smtp.wire;
}

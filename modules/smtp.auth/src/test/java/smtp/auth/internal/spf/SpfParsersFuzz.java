package smtp.auth.internal.spf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzz targets: the SPF record parser, the macro-string parser and the expander never throw. */
class SpfParsersFuzz {

    @FuzzTest(maxDuration = "10s")
    void recordParserNeverThrows(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        SpfRecordParser.parse(s);
        SpfRecordParser.parse("v=spf1 " + s);
    }

    @FuzzTest(maxDuration = "10s")
    void macroParserAndExpanderNeverThrow(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        for (MacroSyntax.Use use : MacroSyntax.Use.values()) {
            if (MacroSyntax.parse(s, use) instanceof Parsed.Ok<MacroString> ok) {
                MacroExpander.expand(ok.value(), new MacroExpander.Context("l@d.example", "l", "d.example", "d.example",
                        new byte[] {(byte) 192, 0, 2, 1}, s, "r", 0, () -> "unknown"));
            }
        }
    }
}

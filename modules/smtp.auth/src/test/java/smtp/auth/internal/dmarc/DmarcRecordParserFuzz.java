package smtp.auth.internal.dmarc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Fuzz target: the DMARC record parser never throws. */
class DmarcRecordParserFuzz {

    @FuzzTest(maxDuration = "10s")
    void parserNeverThrows(byte[] input) {
        String s = new String(input, StandardCharsets.ISO_8859_1);
        DmarcRecordParser.parse(s);
        DmarcRecordParser.parse("v=DMARC1; " + s);
    }
}

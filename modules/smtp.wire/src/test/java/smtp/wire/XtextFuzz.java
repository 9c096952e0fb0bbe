package smtp.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

class XtextFuzz {

    @FuzzTest(maxDuration = "10s")
    void decodeNeverThrows(byte[] input) {
        Xtext.decode(new String(input, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}

package smtp.wire;

/**
 * {@code bdat-cmd = "BDAT" SP chunk-size [ SP end-marker ] CR LF}, RFC 3030 §2:
 * {@code chunk-size = 1*DIGIT}, {@code end-marker = "LAST"}.
 *
 * @param chunkSize the number of octets that follow the command line
 * @param last      true for {@code BDAT n LAST}
 */
public record Bdat(long chunkSize, boolean last) implements Command {

    public Bdat {
        if (chunkSize < 0) {
            throw new IllegalArgumentException("negative chunk size");
        }
    }

    @Override
    public String verb() {
        return "BDAT";
    }

    @Override
    public String format() {
        return "BDAT " + chunkSize + (last ? " LAST" : "");
    }
}

package smtp.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class HeaderAuthorTest {

    static HeaderAuthor ofHeader(String header) {
        return HeaderAuthor.of(HeaderSection.parse(header.getBytes(StandardCharsets.UTF_8)).orElseThrow());
    }

    @Test
    @Tag("5322-3.6")
    void oneMailboxIsTheAuthor_rfc5322_3_6_2() {
        HeaderAuthor.Single s = assertInstanceOf(HeaderAuthor.Single.class, HeaderAuthor.of(" \"Ann\" <ann@example.com>"));
        assertEquals("example.com", s.mailbox().addrSpec().domain());
    }

    @Test
    @Tag("5322-3.6")
    void severalMailboxesAGroupAndGarbageAreDistinctCases_rfc5322_3_6_2_rfc6854() {
        assertEquals(2, assertInstanceOf(HeaderAuthor.Several.class, HeaderAuthor.of("a@x, b@y")).addresses().size());
        assertEquals("undisclosed", assertInstanceOf(HeaderAuthor.Group.class, HeaderAuthor.of("undisclosed:;")).group().displayName());
        assertEquals(550, assertInstanceOf(HeaderAuthor.Malformed.class, HeaderAuthor.of("not an address")).reply().code());
        assertInstanceOf(HeaderAuthor.Malformed.class, HeaderAuthor.of(""));
    }

    @Test
    @Tag("5322-3.6")
    void noFromOrSeveralFromFieldsAreDistinctCases_rfc5322_3_6() {
        assertInstanceOf(HeaderAuthor.Missing.class, ofHeader("To: a@b\r\n\r\n"));
        assertEquals(2, assertInstanceOf(HeaderAuthor.Repeated.class, ofHeader("From: a@b\r\nfrom: c@d\r\n\r\n")).count());
        assertInstanceOf(HeaderAuthor.Single.class, ofHeader("FROM: a@b\r\n\r\n"));
    }
}

/** The SMTP state machines, server and client (RFC 5321 §3, §4.1.4, §4.3). */
package smtp.session;
